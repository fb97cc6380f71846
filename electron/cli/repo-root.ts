/**
 * Where the checkout (or the installed package) is: the nearest folder above this file that
 * holds package.json. Found by walking up rather than by a fixed `../..`, because this file
 * runs both from the sources (electron/cli/) and from the build (dist-electron/electron/cli/).
 */
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..', '..');
  }
}

/** The folder holding the project's package.json. */
export const REPO_ROOT = findRoot(__dirname);

/** The app's version from package.json ("0.0.0" when it cannot be read). */
export function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
