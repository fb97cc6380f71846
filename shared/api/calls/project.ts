/**
 * Calls about the app and the project file: create, open, close, recent projects, the demo,
 * and the few things only a host can do (native dialogs).
 *
 * A project is named by a path, by a grant (a native dialog's answer) or, for a recent one, by
 * its id. A path sent by the page (IPC, web bridge) is limited: it must end in `.realist`; create
 * only where nothing exists yet (in a folder that exists, or the projects folder); open only an
 * existing file. The command line passes any path.
 */
import { z } from 'zod';
import type { ProjectInfo, ProjectSummary, RecentProject } from '../../domain/types';
import { empty, fileGrant, projectPath } from './common';

export const projectRequests = {
  'app:info': empty,
  'project:create': z
    .object({ path: projectPath.optional(), grant: fileGrant.optional(), name: z.string().max(200).optional() })
    .strict()
    .refine((r) => (r.path === undefined) !== (r.grant === undefined), 'give a path or a grant'),
  'project:open': z
    .object({ path: projectPath.optional(), grant: fileGrant.optional() })
    .strict()
    .refine((r) => (r.path === undefined) !== (r.grant === undefined), 'give a path or a grant'),
  /** Opens a project of the recent list by its id (the page need not name a path). */
  'project:openRecent': z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'not a recent-project id') }).strict(),
  'project:close': empty,
  'project:current': empty,
  'project:info': empty,
  'project:recent': empty,
  'project:forgetRecent': z.object({ path: projectPath }).strict(),
  'project:suggestPath': z.object({ name: z.string().min(1).max(200) }).strict(),
  'demo:open': z
    .object({ path: projectPath.optional(), grant: fileGrant.optional() })
    .strict()
    .refine((r) => !(r.path && r.grant), 'give a path or a grant, not both'),
  'host:pickPath': z
    .object({
      mode: z.enum(['open', 'save']),
      suggestedName: z.string().max(200).optional(),
      /** What is being picked, which sets the dialog's file filter (default: a project file). */
      kind: z.enum(['project', 'records', 'documents', 'codebook', 'qdpx', 'export']).optional(),
      /** Open mode: let the user choose several files. */
      multiple: z.boolean().optional(),
    })
    .strict(),
} as const;

export interface AppInfo {
  version: string;
  /** The newest project schema this build reads and writes. */
  schemaVersion: number;
  /** Which transport answered: the desktop shell or the local web bridge. */
  transport: 'electron' | 'web';
}

/** A file chosen in a native dialog. */
export interface PickedFile {
  grant: string;
  name: string;
  path: string;
}

export interface ProjectResponses {
  'app:info': AppInfo;
  'project:create': ProjectSummary;
  'project:open': ProjectSummary;
  'project:openRecent': ProjectSummary;
  'project:close': null;
  'project:current': ProjectSummary | null;
  'project:info': ProjectInfo;
  'project:recent': RecentProject[];
  'project:forgetRecent': RecentProject[];
  'project:suggestPath': { path: string };
  'demo:open': ProjectSummary;
  /**
   * What the user chose (empty when the dialog was cancelled): one grant per file, to pass to the
   * next call; `path` is for showing only, a call naming it instead of the grant is refused.
   */
  'host:pickPath': { files: PickedFile[] };
}
