/**
 * Finds the built renderer for the web bridge, building it with Vite on first use so that
 * `realist serve` works straight after `npm install`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo-root';

/** Where `npm run build:renderer` puts the page the web bridge serves. */
export const RENDERER_DIST = path.join(REPO_ROOT, 'dist');

/** The built page's folder, building it first when it is missing (`log` says so: it takes a few seconds). */
export async function ensureRendererBuilt(log: (message: string) => void): Promise<string> {
  if (fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) return RENDERER_DIST;
  log('Building the interface (first run only, a few seconds)...');
  const vite = (await import('vite')) as typeof import('vite');
  // The Vite config names its folders relative to the checkout: build from there, wherever `realist serve` was run.
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    await vite.build({ configFile: path.join(REPO_ROOT, 'vite.config.mts'), logLevel: 'warn' });
  } finally {
    process.chdir(cwd);
  }
  return RENDERER_DIST;
}
