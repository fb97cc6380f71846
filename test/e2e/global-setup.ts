/**
 * Builds the renderer once before the browser tests, so they drive the same files the web
 * bridge and Electron serve. Skipped (quickly) when no Chromium is installed: the tests then
 * skip themselves with the reason.
 */
import path from 'node:path';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  // A production build, as users get it (vitest sets NODE_ENV=test, which would give React's development build).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
