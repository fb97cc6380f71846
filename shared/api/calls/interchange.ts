/**
 * Calls of the interchange capability: the whole project as a REFI-QDA project archive
 * (`.qdpx`, the format NVivo, ATLAS.ti, MAXQDA and QualCoder exchange), out and in.
 *
 * As for the other exports and imports, the page never names a file: `path` is for the command
 * line only (electron/services/files/page-paths.ts); the page saves through a grant (the
 * desktop app's save dialog) or gets a download, and imports a file it chose (grant: a dialog
 * or an upload) or sends inline.
 */
import { z } from 'zod';
import type { QdeSkipped } from '../../interchange/qde-read';
import { fileGrant, inlineFile, projectPath } from './common';

/** Request schemas of the interchange calls. */
export const interchangeRequests = {
  'qdpx:export': z
    .object({
      path: projectPath.optional(),
      grant: fileGrant.optional(),
      /** Replace an existing file (the command line's --force; a save dialog's grant implies it). */
      overwrite: z.boolean().default(false),
      /** The download's file name (the browser build); `.qdpx` is added. */
      fileName: z.string().trim().min(1).max(200).optional(),
    })
    .strict()
    .refine((r) => !(r.path && r.grant), 'give a path or a grant, not both'),
  /** One archive, from exactly one of path (command line), grant or inline file. One undoable action. */
  'qdpx:import': z
    .object({ path: projectPath.optional(), grant: fileGrant.optional(), file: inlineFile.optional() })
    .strict()
    .refine((r) => [r.path, r.grant, r.file].filter((x) => x !== undefined).length === 1, 'give exactly one of path, grant or file'),
} as const;

/** What an import did (counts, and what was left out and why). */
export interface QdpxImportResult {
  /** The `.qde` read inside the archive. */
  qde: string;
  coders: { created: number; matched: number };
  codes: { created: number; reused: number };
  documents: { created: number; reused: number };
  excerpts: number;
  codings: number;
  memos: number;
  cmocs: number;
  evidence: number;
  /** Program theory versions restored from our own markers (with their CMOCs, links, groups, changes). */
  theoryVersions: number;
  /** Sets of other tools, each kept as a memo on the project listing its members. */
  sets: number;
  skipped: QdeSkipped & { sources: number; selections: number };
  warnings: string[];
}

/** Responses of the interchange calls. */
export interface InterchangeResponses {
  'qdpx:export': {
    path: string | null;
    fileName: string;
    bytes: number;
    downloadId: string | null;
    counts: { users: number; codes: number; sources: number; selections: number; codings: number; notes: number; sets: number };
  };
  'qdpx:import': QdpxImportResult;
}
