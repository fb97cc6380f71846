/**
 * How a command reaches the services: through the one door every transport uses. A command
 * creates the service with `createApiService` and makes its calls with `service.call(...)`,
 * which runs `dispatch`: the request is validated by the contract's zod schema, the same handler
 * as over IPC and the web bridge runs it, and a failure is the same AppError with the same code.
 * The command line never opens the store or calls a service function itself (a lint rule in
 * eslint.config.mjs keeps electron/cli/ to api-service and event-hub).
 *
 * Who is coding: a command that changes the project takes `--coder NAME` (or the environment
 * variable REALIST_CODER), chosen with `session:setCoder {name, create: true}` right after the
 * project opens, and `--layer own|consensus` where layers apply (`session:setLayer`). Without a
 * coder, the write is refused by the services with CODER_REQUIRED. The command line's service
 * remembers nothing on the machine (`rememberOnMachine: false`): no recent-projects entry, and
 * no coder carried over from the window.
 */
import { createApiService, defaultConfigDir, defaultProjectsDir, type ApiService } from '../services/api-service';
import { existingFile, optionalString, type CliIo, type OptionValues } from './command';
import { appVersion } from './repo-root';

/** What a command's session needs besides the project: whether it writes, whether to show progress. */
export interface SessionOptions {
  /** The command changes the project: choose the coder (and layer) given on the command line. */
  writes?: boolean;
  /** Show the services' progress events on stderr (only when stderr is a terminal). */
  progress?: boolean;
}

/** The coder named by --coder, else by REALIST_CODER; undefined when neither is set. */
export function coderName(values: OptionValues): string | undefined {
  return optionalString(values, 'coder') ?? (process.env.REALIST_CODER?.trim() || undefined);
}

/** A service for one command, with no project open. */
export function newService(io: CliIo, options: SessionOptions = {}): ApiService {
  const showProgress = options.progress === true && process.stderr.isTTY === true;
  return createApiService({
    transport: 'web',
    configDir: process.env.REALIST_CONFIG_DIR || defaultConfigDir(),
    projectsDir: process.env.REALIST_PROJECTS_DIR || defaultProjectsDir(),
    appVersion: appVersion(),
    rememberOnMachine: false,
    emit: (event, payload) => {
      if (!showProgress || event !== 'progress') return;
      const p = payload as { label: string; done: number; total: number | null; finished: boolean };
      // One line, rewritten in place; cleared when the work is done.
      io.err(p.finished ? '\r\x1b[K' : `\r\x1b[K${p.label}${p.total ? ` (${p.done}/${p.total})` : ''}`);
    },
  });
}

/**
 * Opens the project `file` for one command, runs `fn` with the service, and always closes the
 * project (folding its WAL back into the one file). With `writes`, the coder and layer given on
 * the command line are chosen first.
 */
export async function withProject<T>(file: string, values: OptionValues, io: CliIo, fn: (api: ApiService) => Promise<T>, options: SessionOptions = {}): Promise<T> {
  const abs = existingFile(file, 'project file', `Create one first with "realist init ${file}".`);
  const api = newService(io, options);
  try {
    await api.call('project:open', { path: abs });
    if (options.writes) {
      const name = coderName(values);
      if (name !== undefined) await api.call('session:setCoder', { name, create: true });
      const layer = optionalString(values, 'layer');
      if (layer === 'own' || layer === 'consensus') await api.call('session:setLayer', { layer });
    }
    return await fn(api);
  } finally {
    api.close();
  }
}
