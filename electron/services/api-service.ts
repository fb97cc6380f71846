/**
 * The services behind the API contract, and the one dispatcher every transport calls.
 *
 * `createApiService` returns `dispatch(channel, rawRequest)`: it checks the channel exists,
 * validates the request with the contract's zod schema (the caller is never trusted), runs
 * the handler and returns a `Result`, so errors cross the boundary as data with a stable code.
 * The Electron IPC handler, the web bridge and the command line are thin wrappers around it.
 *
 * Nothing here imports `electron`; what only a host can do (native file dialogs) arrives
 * through `HostServices`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError, toApiError, type Result } from '../../shared/api/errors';
import {
  isChannel,
  requestSchemas,
  type ApiEvents,
  type ApiParsedRequest,
  type ApiRequest,
  type ApiResponse,
  type Channel,
  type EventName,
} from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/domain/types';
import { ProjectStore } from './store/project-store';
import { LATEST_SCHEMA_VERSION } from './store/migrations';
import { RecentProjects } from './recent-projects';
import { buildDemo, DEMO_NAME } from './demo/build-demo';

export interface HostServices {
  /** Shows a native open/save dialog; null when the user cancels. */
  pickPath?(mode: 'open' | 'save', suggestedName?: string): Promise<string | null>;
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

type Handlers = {
  [C in Channel]: (req: ApiParsedRequest<C>) => ApiResponse<C> | Promise<ApiResponse<C>>;
};

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

  const requireStore = (): ProjectStore => {
    if (!store) throw new AppError('NO_PROJECT', 'No project is open. Create or open a project first.');
    return store;
  };

  const adopt = (next: ProjectStore): ProjectSummary => {
    store?.close();
    store = next;
    const summary = next.summary();
    recent.touch(summary.path, summary.name, now());
    options.emit?.('project:changed', { path: summary.path });
    return summary;
  };

  const openStore = (file: string, create: boolean, name?: string): ProjectStore =>
    ProjectStore.open(file, {
      create,
      now,
      ...(name ? { name } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });

  const handlers: Handlers = {
    'app:info': () => ({ version: options.appVersion, schemaVersion: LATEST_SCHEMA_VERSION, transport: options.transport }),
    'project:create': (req) => adopt(openStore(withExtension(req.path), true, req.name)),
    'project:open': (req) => adopt(openStore(req.path, false)),
    'project:close': () => {
      store?.close();
      store = null;
      options.emit?.('project:changed', { path: null });
      return null;
    },
    'project:current': () => store?.summary() ?? null,
    'project:info': () => {
      const s = requireStore();
      const summary = s.summary();
      return { ...s.counts(), name: summary.name, path: summary.path, projectId: summary.projectId, isDemo: summary.isDemo };
    },
    'project:recent': () => recent.list(),
    'project:forgetRecent': (req) => recent.forget(req.path),
    'project:suggestPath': (req) => ({ path: uniquePath(path.join(options.projectsDir, `${safeFileName(req.name)}.realist`)) }),
    'demo:open': (req) => {
      const file = req.path ? withExtension(req.path) : uniquePath(path.join(options.projectsDir, 'Demo - case management.realist'));
      const demo = openStore(file, true, DEMO_NAME);
      try {
        buildDemo(demo);
      } catch (e) {
        demo.close();
        fs.rmSync(file, { force: true });
        throw e;
      }
      return adopt(demo);
    },
    'records:list': (req) => requireStore().listRecords(req.offset, req.limit),
    'audit:list': (req) => requireStore().auditLog(req.limit),
    'host:pickPath': async (req) => {
      if (!options.host?.pickPath) {
        throw new AppError('UNSUPPORTED', 'Native file dialogs are only available in the desktop app; type a path instead.');
      }
      return { path: await options.host.pickPath(req.mode, req.suggestedName) };
    },
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
      return { ok: false, error: toApiError(e) };
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
      return adopt(openStore(file, false));
    },
    close() {
      store?.close();
      store = null;
    },
  };
}

function withExtension(file: string): string {
  return /\.realist$/i.test(file) ? file : `${file}.realist`;
}

function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim();
  return cleaned.length > 0 ? cleaned.slice(0, 120) : 'Untitled review';
}

/** `name.realist`, or `name 2.realist`, ... : never suggests a file that exists. */
function uniquePath(file: string): string {
  if (!fs.existsSync(file)) return file;
  const ext = path.extname(file);
  const stem = file.slice(0, -ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem} ${i}${ext}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}
