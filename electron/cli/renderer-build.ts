/**
 * Finds the built renderer for the web bridge, building it with Vite on first use so that
 * `realist serve` works straight after `npm install`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './repo-root';

export const RENDERER_DIST = path.join(REPO_ROOT, 'dist');

export async function ensureRendererBuilt(log: (message: string) => void): Promise<string> {
  if (fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) return RENDERER_DIST;
  log('Building the interface (first run only, a few seconds)...');
  const vite = (await import('vite')) as typeof import('vite');
  await vite.build({ configFile: path.join(REPO_ROOT, 'vite.config.mts'), logLevel: 'warn' });
  return RENDERER_DIST;
}
