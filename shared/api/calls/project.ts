/**
 * Calls about the app and the project file: create, open, close, recent projects, the demo,
 * and the few things only a host can do (native dialogs).
 */
import { z } from 'zod';
import type { ProjectInfo, ProjectSummary, RecentProject } from '../../domain/types';
import { empty, projectPath } from './common';

export const projectRequests = {
  'app:info': empty,
  'project:create': z.object({ path: projectPath, name: z.string().max(200).optional() }).strict(),
  'project:open': z.object({ path: projectPath }).strict(),
  'project:close': empty,
  'project:current': empty,
  'project:info': empty,
  'project:recent': empty,
  'project:forgetRecent': z.object({ path: projectPath }).strict(),
  'project:suggestPath': z.object({ name: z.string().min(1).max(200) }).strict(),
  'demo:open': z.object({ path: projectPath.optional() }).strict(),
  'host:pickPath': z
    .object({
      mode: z.enum(['open', 'save']),
      suggestedName: z.string().max(200).optional(),
      /** What is being picked, which sets the dialog's file filter (default: a project file). */
      kind: z.enum(['project', 'records', 'documents', 'export']).optional(),
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

export interface ProjectResponses {
  'app:info': AppInfo;
  'project:create': ProjectSummary;
  'project:open': ProjectSummary;
  'project:close': null;
  'project:current': ProjectSummary | null;
  'project:info': ProjectInfo;
  'project:recent': RecentProject[];
  'project:forgetRecent': RecentProject[];
  'project:suggestPath': { path: string };
  'demo:open': ProjectSummary;
  'host:pickPath': { path: string | null };
}
