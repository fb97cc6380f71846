/**
 * How the command-line tests run `realist`: as a real process (`node electron/cli/realist.cjs`,
 * which runs the compiled build when it is fresh and the sources otherwise), or in-process through
 * `main()` where the behaviour is not about the process, which is much faster. And a small
 * project made the way a user makes one: `realist init`, `attach` of two transcripts, and
 * `highlight` of five passages.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../electron/cli/main';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO_ROOT, 'electron', 'cli', 'realist.cjs');

/**
 * The time a test that starts `realist` processes may take: a few seconds each on an idle
 * machine, many times that on a busy one (the 2 cores are shared). Not a speed check: the
 * benchmark (`npm run bench:cli`) measures speed.
 */
export const SLOW = 180_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a test process gets: no coder unless the test gives one. */
function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!('REALIST_CODER' in extra)) delete env.REALIST_CODER;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** Runs the real `realist` command as a user would, and waits for it. */
export function realist(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}): CliResult {
  const spawnOptions: SpawnSyncOptions = { encoding: 'utf8', timeout: 120_000, env: cleanEnv(options.env), cwd: options.cwd ?? REPO_ROOT };
  const r = spawnSync(process.execPath, [CLI, ...args], spawnOptions);
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs `realist` in this process through main(), collecting what it prints. */
export async function run(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const saved = process.env.REALIST_CODER;
  delete process.env.REALIST_CODER;
  try {
    const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    if (saved !== undefined) process.env.REALIST_CODER = saved;
  }
}

/** Parses a command's stdout as its one JSON document, failing the test with stderr when it is not. */
export function json<T>(r: CliResult): T {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const TRANSCRIPTS = {
  'synthesis.txt':
    'Patients valued a case manager they could reach easily. A trusting relationship was the common thread. Emergency use fell in some programs only.',
  'interview-p03.txt': 'She calls me back the same day, so I do not go to the emergency any more. I still worry at night.',
} as const;

/** The passages highlighted in `textProject`, by key: [file, quote]. */
export const QUOTES = {
  reach: ['synthesis.txt', 'Patients valued a case manager they could reach easily.'],
  trust: ['synthesis.txt', 'A trusting relationship was the common thread.'],
  mixed: ['synthesis.txt', 'Emergency use fell in some programs only.'],
  callBack: ['interview-p03.txt', 'She calls me back the same day, so I do not go to the emergency any more.'],
  worry: ['interview-p03.txt', 'I still worry at night.'],
} as const;

export interface TextProject {
  file: string;
  dir: string;
  /** Document ids by file name. */
  documents: Record<string, string>;
  /** Excerpt ids by the keys of QUOTES. */
  excerpts: Record<keyof typeof QUOTES, string>;
}

/** A project with two transcripts and five highlights by "Reviewer A", made through the command line. */
export async function textProject(dir: string): Promise<TextProject> {
  const file = path.join(dir, 'coding.realist');
  expect((await run('init', file)).code).toBe(0);
  const inputs = Object.entries(TRANSCRIPTS).map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
  const attached = json<{ attached: Array<{ file: string; documentId: string }> }>(await run('attach', file, ...inputs, '--coder', 'Reviewer A', '--json'));
  const documents = Object.fromEntries(attached.attached.map((a) => [path.basename(a.file), a.documentId]));
  const excerpts = {} as Record<keyof typeof QUOTES, string>;
  for (const [key, [doc, quote]] of Object.entries(QUOTES) as Array<[keyof typeof QUOTES, readonly [string, string]]>) {
    const h = json<{ excerptId: string }>(await run('highlight', file, '--document', documents[doc]!, '--quote', quote, '--coder', 'Reviewer A', '--json'));
    excerpts[key] = h.excerptId;
  }
  return { file, dir, documents, excerpts };
}
