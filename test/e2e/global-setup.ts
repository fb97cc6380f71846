/**
 * Builds the renderer once before the browser tests, so they drive the same files the web
 * bridge and Electron serve. Skipped (quickly) when no Chromium is installed: the tests then
 * skip themselves with the reason.
 */
import path from 'node:path';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  await build({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}
