/**
 * The services behind the API contract, and the one dispatcher every transport calls.
 *
 * `createApiService` returns `dispatch(channel, rawRequest, {transport})`: it checks the channel
 * exists, validates the request with the contract's zod schema (the caller is never trusted),
 * refuses file paths from the page (./files/page-paths.ts), runs the handler and returns a
 * `Result`, so errors cross the boundary as data with a stable code; SQLite's errors are put in
 * words on the way (./store/sqlite-errors.ts). The Electron IPC handler, the web bridge and the
 * command line are thin wrappers around it, each naming its transport.
 * Each domain's handlers live in ./handlers/<domain>-handlers.ts, listed in ./handlers/registry.ts
 * and loaded on the first call to one of their channels.
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
import { ProjectStore } from './store/project-store';
import { fromDatabaseError } from './store/sqlite-errors';
import { FileGrants } from './files/file-grants';
import { refuseLocalOnlyPaths, type CallContext } from './files/page-paths';
import { RecentProjects } from './recent-projects';
import type { HandlerContext } from './handlers/context';
import { lazyHandlers } from './handlers/registry';
import { MachineCoders } from './coders/machine-coders';
import { getCoder } from './coders/coder-service';

export type { CallContext, Transport } from './files/page-paths';

/** What a native dialog is for (sets its title and file filter). */
export type PickKind = 'project' | 'records' | 'documents' | 'codebook' | 'qdpx' | 'export';

export interface HostServices {
  /** Shows a native open/save dialog; the chosen paths, empty when the user cancels. */
  pickPath?(options: { mode: 'open' | 'save'; suggestedName?: string; kind: PickKind; multiple: boolean }): Promise<string[]>;
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
  /**
   * Whether opening a project and choosing a coder are remembered on this machine (the recent
   * list, the coder of each project). Default true. The command line passes false: a script's
   * runs should not fill the person's recent list, and a write needs an explicit --coder (or
   * REALIST_CODER) rather than whoever last coded in the window.
   */
  rememberOnMachine?: boolean;
}

export interface ApiService {
  /**
   * Runs one call. `call.transport` says where it came from; left out, the call is treated as
   * coming from a page (the safe default: no file paths).
   */
  dispatch(channel: unknown, request: unknown, call?: CallContext): Promise<Result<unknown>>;
  /** Typed in-process call (command line, tests: the `local` transport); throws AppError on failure. */
  call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>>;
  /** Uploads, dialog grants and downloads (the web bridge's upload and download endpoints use it). */
  readonly files: FileGrants;
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

/** The newest action's sequence number (0 for none): one read of the log's primary key. */
function lastActionSeq(store: ProjectStore): number {
  return lastAction(store)?.seq ?? 0;
}

function lastAction(store: ProjectStore): { seq: number; label: string } | undefined {
  return store.db.prepare('SELECT seq, label FROM actions ORDER BY seq DESC LIMIT 1').get() as { seq: number; label: string } | undefined;
}

export function createApiService(options: ServiceOptions): ApiService {
  const now = options.now ?? (() => new Date());
  const recent = new RecentProjects(options.configDir);
  const files = new FileGrants();
  const machineCoders = new MachineCoders(options.configDir);
  let store: ProjectStore | null = null;

  const ctx: HandlerContext = {
    options,
    now,
    recent,
    files,
    machineCoders,
    requireStore() {
      if (!store) throw new AppError('NO_PROJECT', 'No project is open. Create or open a project first.');
      return store;
    },
    currentStore: () => store,
    adopt(next, how = {}) {
      if (store && store !== next) store.close();
      store = next;
      const summary = next.summary();
      if (options.rememberOnMachine !== false) {
        // The coder remembered on this machine; in a coder's package, the coder it was made for.
        const remembered = machineCoders.get(summary.projectId) ?? next.getMeta('package_coder');
        const coder = remembered ? getCoder(next, remembered) : null;
        if (coder && coder.kind === 'person') next.session.coderId = coder.id;
        recent.touch(summary.path, summary.name, now());
      }
      // `announce: false` holds the event back until the caller is done (the demo, once built).
      if (how.announce !== false) options.emit?.('project:changed', { path: summary.path });
      return summary;
    },
    closeProject() {
      store?.close();
      store = null;
      options.emit?.('project:changed', { path: null });
    },
    call: (channel, request) => call(channel, request),
    openStore: (file, create, name) =>
      ProjectStore.open(file, {
        create,
        now,
        busyTimeoutMs: APP_BUSY_TIMEOUT_MS,
        ...(name ? { name } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      }),
  };

  // Each domain's handlers are loaded on the first call to one of its channels (./handlers/registry.ts).
  const handlerFor = lazyHandlers(ctx);

  const dispatch = async (channel: unknown, request: unknown, call: CallContext = { transport: 'web' }): Promise<Result<unknown>> => {
    try {
      if (!isChannel(channel)) {
        throw new AppError('UNKNOWN_CHANNEL', `Unknown call ${JSON.stringify(channel)}.`);
      }
      const parsed = requestSchemas[channel].safeParse(request ?? {});
      if (!parsed.success) {
        // Each issue keeps zod's code and limits, so the renderer can say it in plain words
        // (renderer/src/plain-errors.ts) instead of showing this message.
        const issues = parsed.error.issues.map((i) => {
          const limits = i as { maximum?: unknown; minimum?: unknown; origin?: unknown };
          return {
            path: i.path.join('.'),
            message: i.message,
            code: i.code,
            ...(typeof limits.maximum === 'number' || typeof limits.maximum === 'bigint' ? { maximum: Number(limits.maximum) } : {}),
            ...(typeof limits.minimum === 'number' || typeof limits.minimum === 'bigint' ? { minimum: Number(limits.minimum) } : {}),
            ...(typeof limits.origin === 'string' ? { origin: limits.origin } : {}),
          };
        });
        throw new AppError(
          'VALIDATION',
          `Invalid arguments for ${channel}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
          issues,
        );
      }
      refuseLocalOnlyPaths(channel, parsed.data, call);
      const handler = await handlerFor(channel);
      const before = store;
      const seq = before ? lastActionSeq(before) : 0;
      const value = await handler(parsed.data, call);
      // A new action in the same project: tell the windows, so counts follow every write.
      if (store && store === before && options.emit) {
        const after = lastAction(store);
        if (after && after.seq !== seq) options.emit('project:acted', { label: after.label });
      }
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toApiError(fromDatabaseError(e, store?.path)) };
    }
  };

  async function call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
    // In-process callers (the command line, the demo builder, tests) are the `local` transport.
    const result = await dispatch(channel, request, { transport: 'local' });
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
    return result.value as ApiResponse<C>;
  }

  return {
    dispatch,
    files,
    call,
    get store() {
      return store;
    },
    openProject(file) {
      return ctx.adopt(ctx.openStore(path.resolve(file), false));
    },
    close() {
      store?.close();
      store = null;
      files.close();
    },
  };
}
