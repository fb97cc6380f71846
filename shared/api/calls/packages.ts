/**
 * Calls for working apart: a package for a coder to take to their own machine, merging their
 * work back by replaying their change log, and the conflicts a merge lists for the lead.
 */
import { z } from 'zod';
import type { MergeConflict, MergeReport, PackageInfo } from '../../packages/types';
import { projectPath } from './common';

export const packagesRequests = {
  /** Writes a package (a new .realist file) for one coder; `blind` defaults to the project's setting. */
  'packages:export': z.object({ coderId: z.string().min(1).max(100), path: projectPath, blind: z.boolean().optional() }).strict(),
  /** Merges a coder's package into the open project (idempotent; conflicts are listed, not settled). */
  'packages:merge': z.object({ path: projectPath }).strict(),
  'conflicts:list': z.object({}).strict(),
  /** Settles a conflict: writes `value` (a column conflict) and marks it resolved with a note. */
  'conflicts:resolve': z
    .object({
      id: z.string().min(1).max(100),
      value: z.union([z.string().max(100_000), z.number(), z.null()]).optional(),
      note: z.string().trim().min(1, 'say how it was settled').max(2000),
    })
    .strict(),
} as const;

export interface PackagesResponses {
  'packages:export': PackageInfo;
  'packages:merge': MergeReport;
  'conflicts:list': MergeConflict[];
  'conflicts:resolve': MergeConflict;
}
