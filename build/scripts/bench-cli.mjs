// `npm run bench:cli`: how fast the command line starts, side by side with bare Node in one run.
//
// Times, as whole processes, `node -e 0` (the floor: Node itself), `realist --help` (goal:
// within 2x of it) and `realist info` on the demo project (goal: within 4x), each run ROUNDS
// times in interleaved rounds so that a busy machine slows all of them alike, and prints the
// medians and the ratios. The same two commands from the TypeScript sources (tsx, what a fresh
// checkout without a build runs) are printed for reference. `npm run bench:cli` builds first
// (npm run build:electron), so the compiled command line is what is measured.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const { isBuildFresh } = require(path.join(root, 'electron', 'cli', 'build-stamp.cjs'));
const CLI = path.join(root, 'electron', 'cli', 'realist.cjs');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-bench-cli-'));
const demo = path.join(dir, 'demo.realist');

function run(args, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

try {
  const fresh = isBuildFresh(root);
  run([CLI, 'demo', demo]);
  const cases = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'realist --help', args: [CLI, '--help'], goal: 2 },
    { name: 'realist info demo.realist', args: [CLI, 'info', demo], goal: 4 },
    { name: 'realist --help (sources, tsx)', args: [CLI, '--help'], env: { REALIST_FROM_SOURCE: '1' } },
    { name: 'realist info demo.realist (sources, tsx)', args: [CLI, 'info', demo], env: { REALIST_FROM_SOURCE: '1' } },
  ];
  for (const c of cases) run(c.args, c.env); // warm the file cache
  const times = cases.map(() => []);
  for (let round = 0; round < ROUNDS; round++) cases.forEach((c, i) => times[i].push(run(c.args, c.env)));
  const base = median(times[0]);
  console.log(`Command-line start-up, median of ${ROUNDS} interleaved runs (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
  console.log(`compiled build: ${fresh ? 'fresh (dist-electron/ matches the sources)' : 'MISSING OR STALE: the realist rows ran from the sources; run npm run build:electron'}\n`);
  console.log(`${'command'.padEnd(44)} ${'median'.padStart(9)} ${'x node'.padStart(7)}  goal`);
  cases.forEach((c, i) => {
    const m = median(times[i]);
    const ratio = m / base;
    const goal = c.goal ? `${c.goal}x ${ratio <= c.goal ? 'met' : 'NOT met'}` : '';
    console.log(`${c.name.padEnd(44)} ${`${m.toFixed(0)} ms`.padStart(9)} ${ratio.toFixed(2).padStart(6)}x  ${goal}`);
  });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
