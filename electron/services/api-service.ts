/**
 * The services behind the API contract, and the one dispatcher every transport calls.
 *
 * `createApiService` returns `dispatch(channel, rawRequest)`: it checks the channel exists,
 * validates the request with the contract's zod schema (the caller is never trusted), runs
 * the handler and returns a `Result`, so errors cross the boundary as data with a stable code.
 * The Electron IPC handler, the web bridge and the command line are thin wrappers around it.
 * Each domain's handlers live in ./handlers/<domain>-handlers.ts and are combined below.
 *
 * Nothing here imports `electron`; what only a host can do (native file dialogs) arrives
 * through `HostServices`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, toApiError, type Result } from '../../shared/api/errors';
import { isChannel, requestSchemas, type ApiEvents, type ApiRequest, type ApiResponse, type Channel, type EventName } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/domain/types';
import { fromLockError, ProjectStore } from './store/project-store';
import { RecentProjects } from './recent-projects';
import type { HandlerContext, HandlersFor } from './handlers/context';
import { projectHandlers } from './handlers/project-handlers';
import { duplicatesHandlers, recordsHandlers } from './handlers/records-handlers';
import { codingHandlers } from './handlers/coding-handlers';
import { documentsHandlers } from './handlers/documents-handlers';
import { excerptsHandlers } from './handlers/excerpts-handlers';

export interface HostServices {
  /** Shows a native open/save dialog; null when the user cancels. */
  pickPath?(mode: 'open' | 'save', suggestedName?: string, kind?: 'project' | 'records' | 'documents' | 'export'): Promise<string | null>;
}

export interface ServiceOptions {
  transport: 'electron' | 'web';
  /** Where the recent-projects list lives (Electron: userData; web/CLI: ~/.config/realist-workbench). */
  configDir: string;
  /** Where new projects are suggested (the user's documents folder). */
  projectsDir: string;
  appVersion: string;
  nativeBinding?: string;
  host?: HostServices;
  emit?<E extends EventName>(event: E, payload: ApiEvents[E]): void;
  now?: () => Date;
}

export interface ApiService {
  dispatch(channel: unknown, request: unknown): Promise<Result<unknown>>;
  /** Typed in-process call (command line, tests); throws AppError on failure. */
  call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>>;
  /** The open project, if any. */
  readonly store: ProjectStore | null;
  /** Opens a project directly (the web bridge and CLI start with one). */
  openProject(file: string): ProjectSummary;
  close(): void;
}

/**
 * How long the app's own connection waits for a write lock held elsewhere (the import worker,
 * another program) before answering PROJECT_LOCKED. Short, because the wait blocks the thread
 * that answers every call; long imports hold the lock for seconds, and reads never wait.
 */
export const APP_BUSY_TIMEOUT_MS = 100;

export function defaultConfigDir(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'realist-workbench');
}

export function defaultProjectsDir(): string {
  const docs = path.join(os.homedir(), 'Documents');
  return path.join(fs.existsSync(docs) ? docs : os.homedir(), 'Realist Projects');
}

export function createApiService(options: ServiceOptions): ApiService {
  const now = options.now ?? (() => new Date());
  const recent = new RecentProjects(options.configDir);
  let store: ProjectStore | null = null;

  const ctx: HandlerContext = {
    options,
    now,
    recent,
    requireStore() {
      if (!store) throw new AppError('NO_PROJECT', 'No project is open. Create or open a project first.');
      return store;
    },
    currentStore: () => store,
    adopt(next) {
      if (store && store !== next) store.close();
      store = next;
      const summary = next.summary();
      recent.touch(summary.path, summary.name, now());
      options.emit?.('project:changed', { path: summary.path });
      return summary;
    },
    closeProject() {
      store?.close();
      store = null;
      options.emit?.('project:changed', { path: null });
    },
    openStore: (file, create, name) =>
      ProjectStore.open(file, {
        create,
        now,
        busyTimeoutMs: APP_BUSY_TIMEOUT_MS,
        ...(name ? { name } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      }),
  };

  const handlers: HandlersFor<Channel> = {
    ...projectHandlers(ctx),
    ...recordsHandlers(ctx),
    ...duplicatesHandlers(ctx),
    ...codingHandlers(ctx),
    ...documentsHandlers(ctx),
    ...excerptsHandlers(ctx),
  };

  const dispatch = async (channel: unknown, request: unknown): Promise<Result<unknown>> => {
    try {
      if (!isChannel(channel)) {
        throw new AppError('UNKNOWN_CHANNEL', `Unknown call ${JSON.stringify(channel)}.`);
      }
      const parsed = requestSchemas[channel].safeParse(request ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new AppError(
          'VALIDATION',
          `Invalid arguments for ${channel}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
          issues,
        );
      }
      const handler = handlers[channel] as (req: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      return { ok: false, error: toApiError(fromLockError(e) ?? e) };
    }
  };

  return {
    dispatch,
    async call(channel, request) {
      const result = await dispatch(channel, request);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as never;
    },
    get store() {
      return store;
    },
    openProject(file) {
      return ctx.adopt(ctx.openStore(path.resolve(file), false));
    },
    close() {
      store?.close();
      store = null;
    },
  };
}
