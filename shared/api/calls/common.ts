/** Schema pieces reused by several domains' calls. */
import { z } from 'zod';
import { MAX_INLINE_BASE64 } from '../limits';

export const projectPath = z
  .string()
  .min(1, 'a path is required')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL bytes');

/** A call that takes no arguments; `strict()` refuses stray fields. */
export const empty = z.object({}).strict();

export const uuid = z.string().uuid();

/**
 * An opaque id standing for a file the user chose: a native dialog's answer (desktop app,
 * `host:pickPath`) or an upload (browser build, `POST /api/upload`). The path stays in the
 * main process; the page only ever holds this id, which works once.
 */
export const fileGrant = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a file grant');

/** A file whose bytes the page sends inside the call (a drop in the desktop app). */
export const inlineFile = z
  .object({
    name: z.string().min(1).max(255),
    contentBase64: z.string().max(MAX_INLINE_BASE64, 'the file is too large to send inline; choose it with the file dialog or upload it'),
  })
  .strict();

/** Inline files of one call: together no larger than a request body (shared/api/limits.ts). */
export const inlineFiles = z
  .array(inlineFile)
  .max(1000)
  .refine((files) => files.reduce((n, f) => n + f.contentBase64.length, 0) <= MAX_INLINE_BASE64, 'the files are too large to send inline together; upload them instead');
