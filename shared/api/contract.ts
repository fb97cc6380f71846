/**
 * The one API contract. Every call is named `domain:verb`, has a zod schema for its request
 * (checked on arrival in the main process / web bridge: the renderer is never trusted) and a
 * declared response type. The Electron preload, the IPC handlers, the web bridge and the
 * command line all derive their types from here, so a call added in a domain file under
 * ./calls is type-checked on every transport at once.
 *
 * To add a domain: write ./calls/<domain>.ts with `<domain>Requests` and `<Domain>Responses`,
 * then spread/extend them below.
 */
import type { z } from 'zod';
import type { ProgressEvent } from '../domain/types';
import { projectRequests, type ProjectResponses } from './calls/project';
import { recordsRequests, type RecordsResponses } from './calls/records';
import { duplicatesRequests, type DuplicatesResponses } from './calls/duplicates';
import { codingRequests, type CodingResponses } from './calls/coding';
import { documentsRequests, type DocumentsResponses } from './calls/documents';
import { excerptsRequests, type ExcerptsResponses } from './calls/excerpts';
import { codersRequests, type CodersResponses } from './calls/coders';
import { historyRequests, type HistoryResponses } from './calls/history';
import { packagesRequests, type PackagesResponses } from './calls/packages';
import { agreementRequests, type AgreementResponses } from './calls/agreement';
import { theoryRequests, type TheoryResponses } from './calls/theory';
import { interchangeRequests, type InterchangeResponses } from './calls/interchange';
import { reportRequests, type ReportResponses } from './calls/report';

export type { AppInfo, PickedFile } from './calls/project';

/** Request schemas, one per call. */
export const requestSchemas = {
  ...projectRequests,
  ...recordsRequests,
  ...duplicatesRequests,
  ...codingRequests,
  ...documentsRequests,
  ...excerptsRequests,
  ...codersRequests,
  ...historyRequests,
  ...packagesRequests,
  ...agreementRequests,
  ...theoryRequests,
  ...interchangeRequests,
  ...reportRequests,
} as const;

/** Response types, one per call. */
export interface ApiResponses extends ProjectResponses, RecordsResponses, DuplicatesResponses, CodingResponses, DocumentsResponses, ExcerptsResponses, CodersResponses, HistoryResponses, PackagesResponses, AgreementResponses, TheoryResponses, InterchangeResponses, ReportResponses {}

export type Channel = keyof typeof requestSchemas & keyof ApiResponses;

/** What a caller passes (defaults may be omitted). */
export type ApiRequest<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
/** What a handler receives after validation (defaults filled in). */
export type ApiParsedRequest<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type ApiResponse<C extends Channel> = ApiResponses[C];

export type ApiCalls = {
  [C in Channel]: (req: ApiRequest<C>) => ApiResponse<C>;
};

export type MenuCommand = 'new-project' | 'open-project' | 'open-demo' | 'close-project' | 'undo' | 'redo';

/** Events pushed from the services to the UI (progress on long work, project changes, menus). */
export interface ApiEvents {
  progress: ProgressEvent;
  'project:changed': { path: string | null };
  /**
   * A call changed the open project (one or more new actions in its change log): the window
   * reads its counts again, whichever section or transport made the change.
   */
  'project:acted': { label: string };
  /** A native menu item the page must act on (the desktop app's File menu). */
  'app:menu': { command: MenuCommand };
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: readonly EventName[] = ['progress', 'project:changed', 'project:acted', 'app:menu'];

export const CHANNELS = Object.keys(requestSchemas) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(requestSchemas, value);
}

/** The IPC channel names used by the preload and main process (one for calls, one for events). */
export const IPC_INVOKE = 'realist:invoke';
export const IPC_EVENT = 'realist:event';
