/**
 * Which transport a call came from, and what that allows about file paths.
 *
 * The page (the Electron renderer over IPC, the browser build over the web bridge) is not
 * trusted with the file system: a compromised page, or anyone holding the bridge's token, must
 * not read, create or overwrite the user's files by naming them. So:
 *  - the path fields of LOCAL_ONLY_PATHS are refused from the page (FORBIDDEN): files come as
 *    grants (native dialogs, uploads) or inline bytes instead;
 *  - the project calls of PAGE_PROJECT_PATHS take a path from the page within limits
 *    (`checkPageProjectPath`), because creating and opening projects by name is what the start
 *    screen of the browser build needs: only `.realist` files; create only where nothing exists,
 *    in a folder that exists (or the projects folder); open only an existing regular file.
 * The command line (`local`) is the user at their own shell and passes any path.
 * A test checks that every path field of the contract is in one of the two tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { Channel } from '../../../shared/api/contract';

/** ipc: the desktop app's page; web: the browser build's page; local: the command line and in-process callers. */
export type Transport = 'ipc' | 'web' | 'local';

/** What the dispatcher knows about a call besides its request. */
export interface CallContext {
  transport: Transport;
}

/** True when the call came from a page (never trusted with paths). */
export function fromPage(call: CallContext): boolean {
  return call.transport !== 'local';
}

/** Path fields only the command line may fill. */
export const LOCAL_ONLY_PATHS: Partial<Record<Channel, string>> = {
  'records:import': 'paths',
  'documents:attach': 'paths',
  'codes:import': 'path',
  'coding:export': 'path',
  'documents:extractText': 'path',
  'excerpts:exportW3c': 'path',
  'theory:export': 'path',
  'qdpx:export': 'path',
  'qdpx:import': 'path',
  'report:export': 'path',
};

/** Project calls whose `path` the page may send, and the rule that limits it. */
export const PAGE_PROJECT_PATHS: Partial<Record<Channel, 'create' | 'open' | 'list'>> = {
  'project:create': 'create',
  'demo:open': 'create',
  'project:open': 'open',
  // A coder package is a new .realist file; merging reads one.
  'packages:export': 'create',
  'packages:merge': 'open',
  // Only removes an entry from the recent list; touches no file.
  'project:forgetRecent': 'list',
};

/** Refuses a path field of LOCAL_ONLY_PATHS when the call came from a page. */
export function refuseLocalOnlyPaths(channel: Channel, request: unknown, call: CallContext): void {
  const field = LOCAL_ONLY_PATHS[channel];
  if (!field || !fromPage(call) || typeof request !== 'object' || request === null) return;
  if ((request as Record<string, unknown>)[field] !== undefined) {
    throw new AppError(
      'FORBIDDEN',
      `For your files' safety the app does not read or write a file named by the page (${channel} ${field}). Choose the file with the file chooser or drop it on the window instead.`,
    );
  }
}

const PROJECT_EXTENSION = /\.realist$/i;

/**
 * Checks a project path sent by the page (see the module comment) and returns it absolute.
 * `projectsDir` is the one folder `create` may make (the default place for new projects).
 */
export function checkPageProjectPath(file: string, mode: 'create' | 'open', projectsDir: string): string {
  if (!path.isAbsolute(file)) throw new AppError('FORBIDDEN', `Give the full path of the project file (starting with ${path.sep === '/' ? '/' : 'a drive letter'}), not ${file}.`);
  const abs = path.resolve(file);
  if (!PROJECT_EXTENSION.test(abs)) throw new AppError('FORBIDDEN', `${path.basename(abs)} is not a project file name: a project file ends in .realist.`);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.lstatSync(abs);
  } catch {
    stat = null;
  }
  if (mode === 'create') {
    if (stat) throw new AppError('FILE_EXISTS', `A file already exists at ${abs}; choose another name.`);
    const folder = path.dirname(abs);
    let folderOk = false;
    try {
      folderOk = fs.statSync(folder).isDirectory();
    } catch {
      folderOk = false;
    }
    if (!folderOk && path.resolve(folder) !== path.resolve(projectsDir)) {
      throw new AppError('NOT_FOUND', `The folder ${folder} does not exist; choose a folder that does.`);
    }
    return abs;
  }
  if (!stat) throw new AppError('NOT_FOUND', `No project file at ${abs}.`);
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    throw new AppError('NOT_FOUND', `No project file at ${abs}.`);
  }
  if (!PROJECT_EXTENSION.test(real) || !fs.statSync(real).isFile()) {
    throw new AppError('FORBIDDEN', `${abs} is not a project file (it leads to ${real}).`);
  }
  return abs;
}

/** `file` as given from the command line, or limited by checkPageProjectPath from the page. */
export function limitPageProjectPath(file: string, mode: 'create' | 'open', call: CallContext, projectsDir: string): string {
  return fromPage(call) ? checkPageProjectPath(file, mode, projectsDir) : file;
}
