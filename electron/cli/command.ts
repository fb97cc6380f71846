/**
 * What a command-line command is, and helpers every command shares. Each domain keeps its
 * commands in ./commands/<domain>-commands.ts; main.ts combines them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { ProjectStore } from '../services/store/project-store';
import { createCoder, findCoderByName } from '../services/coders/coder-service';
import { REPO_ROOT } from './renderer-build';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A mistake in how the command was called: exit code 2 and the usage line. */
export class UsageError extends Error {}

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo): Promise<number>;
}

export const jsonFlag = { type: 'boolean' } as const;

export function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Prints exactly one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

export function onePath(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  return path.resolve(positionals[0]!);
}

/**
 * Opens a project for one command and always closes it. With `coder` (or REALIST_CODER), that
 * person is the current coder (created on first use), so the command may write.
 */
export async function withProject<T>(file: string, fn: (store: ProjectStore) => T | Promise<T>, coder?: string): Promise<T> {
  const store = ProjectStore.open(file);
  try {
    const name = coder ?? process.env.REALIST_CODER;
    if (name) store.session.coderId = (findCoderByName(store, name) ?? createCoder(store, { name })).id;
    return await fn(store);
  } finally {
    store.close();
  }
}
