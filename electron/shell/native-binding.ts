/**
 * Which better-sqlite3 binary Electron loads. node_modules holds the Node build (used by the
 * tests and the command line); Electron needs one built for its own ABI. A packaged app gets
 * that from electron-builder; a development checkout keeps it at
 * build/native/electron/better_sqlite3.node (made by `npm run rebuild:electron`), so the Node
 * build stays usable for tests.
 */
import fs from 'node:fs';
import path from 'node:path';

export function electronNativeBindingPath(appRoot: string): string {
  return path.join(appRoot, 'build', 'native', 'electron', 'better_sqlite3.node');
}

/** undefined means "use the default binding" (packaged app); otherwise a path that must exist. */
export function resolveNativeBinding(appRoot: string, isPackaged: boolean): { path?: string; missing?: string } {
  if (isPackaged) return {};
  const file = electronNativeBindingPath(appRoot);
  return fs.existsSync(file) ? { path: file } : { missing: file };
}
