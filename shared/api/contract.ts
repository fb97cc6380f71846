/**
 * The one API contract. Every call is named `domain:verb`, has a zod schema for its request
 * (checked on arrival in the main process / web bridge: the renderer is never trusted) and a
 * declared response type. The Electron preload, the IPC handlers, the web bridge and the
 * command line all derive their types from `ApiCalls` below, so a call added here is
 * type-checked on every transport at once.
 *
 * Later capabilities add their own maps (records, documents, coding, ...) and spread them
 * into `requestSchemas` and `ApiCalls`.
 */
import { z } from 'zod';
import type {
  AuditEntry,
  ProgressEvent,
  ProjectInfo,
  ProjectSummary,
  RecentProject,
  RecordSummary,
} from '../domain/types';

const projectPath = z
  .string()
  .min(1, 'a project path is required')
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path cannot contain NUL bytes');

const empty = z.object({}).strict();

/** Request schemas, one per call. `strict()` so that misspelt fields are refused, not ignored. */
export const requestSchemas = {
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
  'records:list': z
    .object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    })
    .strict(),
  'audit:list': z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
  'host:pickPath': z
    .object({
      mode: z.enum(['open', 'save']),
      suggestedName: z.string().max(200).optional(),
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

/** Response types, one per call. */
export interface ApiResponses {
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
  'records:list': { total: number; items: RecordSummary[] };
  'audit:list': AuditEntry[];
  'host:pickPath': { path: string | null };
}

export type Channel = keyof typeof requestSchemas & keyof ApiResponses;

/** What a caller passes (defaults may be omitted). */
export type ApiRequest<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
/** What a handler receives after validation (defaults filled in). */
export type ApiParsedRequest<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type ApiResponse<C extends Channel> = ApiResponses[C];

export type ApiCalls = {
  [C in Channel]: (req: ApiRequest<C>) => ApiResponse<C>;
};

/** Events pushed from the services to the UI (progress on long work, project changes). */
export interface ApiEvents {
  progress: ProgressEvent;
  'project:changed': { path: string | null };
  /** A native menu item the page must act on (the desktop app's File menu). */
  'app:menu': { command: MenuCommand };
}
export type MenuCommand = 'new-project' | 'open-project' | 'open-demo' | 'close-project';
export const EVENT_NAMES: readonly EventName[] = ['progress', 'project:changed', 'app:menu'];
export type EventName = keyof ApiEvents;

export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, value);
}

/** The IPC channel names used by the preload and main process (one for calls, one for events). */
export const IPC_INVOKE = 'realist:invoke';
export const IPC_EVENT = 'realist:event';
