/** Schema pieces reused by several domains' calls. */
import { z } from 'zod';

export const projectPath = z
  .string()
  .min(1, 'a path is required')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL bytes');

/** A call that takes no arguments; `strict()` refuses stray fields. */
export const empty = z.object({}).strict();

export const uuid = z.string().uuid();
