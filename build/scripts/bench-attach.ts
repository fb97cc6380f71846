/**
 * `npm run bench:attach` (not a test): how long attaching a large PDF takes, and how much the
 * reader receives when it opens it. Uses the 117-page fixture (GeoTopo lecture notes, 1.8 MB).
 *
 * 1. The command line, as a user runs it: `realist attach P.realist FILE` into a fresh project,
 *    each run a new process (cold worker pool), next to `realist info P.realist` (the cost of
 *    starting the command at all). Medians of RUNS runs.
 * 2. In one process, through DocumentService.attach into fresh projects: with a cold pool (as the
 *    command line) and a warm one (as the app, whose pool stays up).
 * 3. What the reader is sent on opening the document: the JSON of `documents:get` and the bytes.
 * 4. The first page in the reader: Chromium opens the document through the web bridge and the
 *    built page (`npm run build` first) and reads the reader's `reader:first-page` measure, in a
 *    fresh page clicked at once (the pdf.js worker starts too), in a fresh page after the list
 *    showed for a second (the list starts the worker, as a person reads it), and opened again.
 * Every figure is printed with the load average, since the machine may be shared.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startWebServer } from '../../electron/bridge/web-server';
import { createApiService } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import { createCoder } from '../../electron/services/coders/coder-service';
import { DocumentService, readFileInput } from '../../electron/services/documents/document-service';
import { PdfWorkerPool } from '../../electron/services/documents/worker-pool';
import { ProjectStore } from '../../electron/services/store/project-store';
import { fixture, HAVE_FIXTURES, REPO_ROOT } from '../../test/helpers/fixtures';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PDF = fixture('pdf/articles/GeoTopo_117pages_german_lecture-notes.pdf');
const CLI = path.join(REPO_ROOT, 'electron', 'cli', 'realist.cjs');

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** CPU time of the waited-for child processes, from /proc (Linux), in ms; 0 elsewhere. */
function childrenCpu(): number {
  try {
    // Fields after the ")" that ends the command name: cutime and cstime are the 14th and 15th.
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** Wall-clock and CPU ms of one run of the command line. */
function timeCli(args: string[]): { ms: number; cpu: number } {
  const c0 = childrenCpu();
  const t0 = performance.now();
  execFileSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, REALIST_CODER: 'Bench' } });
  return { ms: performance.now() - t0, cpu: childrenCpu() - c0 };
}

/** Every write needs a current coder: the benchmark codes as "Bench". */
function withCoder(store: ProjectStore): ProjectStore {
  store.session.coderId = createCoder(store, { name: 'Bench' }).id;
  return store;
}

const CHROMIUM = process.env.REALIST_CHROMIUM ?? '/usr/bin/chromium';

/** The reader's `reader:first-page` measure (opening a document to its page 1 drawn), RUNS times each way. */
async function firstPageRuns(dir: string, project: string): Promise<{ fresh: number[]; afterList: number[]; again: number[] } | string> {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  const dist = path.join(REPO_ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) return 'no built page: run `npm run build` first';
  const events = new EventHub();
  const service = createApiService({ transport: 'web', configDir: path.join(dir, 'config-reader'), projectsDir: dir, appVersion: 'bench', emit: (e, p) => events.emit(e, p) });
  service.openProject(project);
  await service.call('session:setCoder', { name: 'Bench', create: true });
  const server = await startWebServer({ service, events, staticDir: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const fresh: number[] = [];
  const afterList: number[] = [];
  const again: number[] = [];
  const open = async (page: import('playwright-core').Page, dwellMs = 0): Promise<number> => {
    await page.locator('.sidebar button', { hasText: 'Documents' }).click();
    // A person reads the list before choosing; the list starts pdf.js's worker meanwhile.
    if (dwellMs > 0) await page.waitForTimeout(dwellMs);
    const back = page.locator('button', { hasText: '← Documents' });
    if (await back.isVisible()) await back.click();
    await page.evaluate(`performance.clearMeasures('reader:first-page')`);
    await page.locator('.documents-table button.doc-title').first().click();
    await page.locator('.pdf-page[data-page-index="0"] canvas').waitFor({ timeout: 60_000 });
    await page.waitForFunction(`performance.getEntriesByName('reader:first-page').length > 0`, null, { timeout: 60_000 });
    if (process.env.BENCH_MARKS) {
      console.log(await page.evaluate(`(() => { const s = performance.getEntriesByName('reader:open').at(-1).startTime; return ['reader:content', 'reader:pdf-open', 'reader:data'].map((n) => n + ' ' + Math.round(performance.getEntriesByName(n).at(-1).startTime - s)).join(', '); })()`));
    }
    return (await page.evaluate(`performance.getEntriesByName('reader:first-page')[0].duration`)) as number;
  };
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(server.url);
      await page.locator('.sidebar button', { hasText: 'Overview' }).waitFor({ timeout: 60_000 });
      fresh.push(await open(page));
      again.push(await open(page));
      await page.close();
      const second = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await second.goto(server.url);
      await second.locator('.sidebar button', { hasText: 'Overview' }).waitFor({ timeout: 60_000 });
      afterList.push(await open(second, 1000));
      await second.close();
    }
    return { fresh, afterList, again };
  } finally {
    await browser.close();
    await server.close();
    service.close();
  }
}

async function main(): Promise<void> {
  if (!HAVE_FIXTURES) {
    console.error('Fixtures not found: set REALIST_FIXTURES_DIR.');
    process.exitCode = 1;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-bench-attach-'));
  try {
    console.log(`Node ${process.version}, ${os.availableParallelism()} cores; ${path.basename(PDF)} (${(fs.statSync(PDF).size / 1e6).toFixed(1)} MB)`);

    // 1. Command line, alternating attach and info so both see the same load.
    const attach: { ms: number; cpu: number }[] = [];
    const info: { ms: number; cpu: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const project = path.join(dir, `cli-${i}.realist`);
      execFileSync(process.execPath, [CLI, 'init', project], { stdio: 'ignore' });
      info.push(timeCli(['info', project]));
      attach.push(timeCli(['attach', project, PDF]));
    }
    const m = (xs: { ms: number; cpu: number }[]) => ({ ms: median(xs.map((x) => x.ms)), cpu: median(xs.map((x) => x.cpu)) });
    const [a, n] = [m(attach), m(info)];
    console.log(
      `\nrealist attach (new process each run, ${RUNS} runs): median ${a.ms.toFixed(0)} ms, ${a.cpu.toFixed(0)} ms CPU; realist info: ${n.ms.toFixed(0)} ms, ${n.cpu.toFixed(0)} ms CPU; ` +
        `attach minus start-up: ${(a.ms - n.ms).toFixed(0)} ms, ${(a.cpu - n.cpu).toFixed(0)} ms CPU  [load ${load()}]`,
    );

    // 2. In process.
    const bytes = new Uint8Array(fs.readFileSync(PDF));
    const cpuNow = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    for (const warm of [false, true]) {
      const times: number[] = [];
      const cpus: number[] = [];
      const pool = new PdfWorkerPool();
      if (warm) await new DocumentService(withCoder(ProjectStore.open(path.join(dir, 'warm-up.realist'), { create: true })), pool).attach([readFileInput(PDF)]);
      for (let i = 0; i < RUNS; i++) {
        const store = withCoder(ProjectStore.open(path.join(dir, `in-${warm ? 'warm' : 'cold'}-${i}.realist`), { create: true }));
        const p = warm ? pool : new PdfWorkerPool();
        const c0 = cpuNow();
        const t0 = performance.now();
        const r = await new DocumentService(store, p).attach([{ file: PDF, read: async () => bytes.slice() }]);
        times.push(performance.now() - t0);
        cpus.push(cpuNow() - c0);
        if (r.attached.length !== 1) throw new Error(`attach failed: ${JSON.stringify(r.errors)}`);
        store.close();
        if (!warm) await p.close();
      }
      await pool.close();
      console.log(
        `DocumentService.attach, ${warm ? 'warm pool (the app)' : 'cold pool (as the command line)'}: median ${median(times).toFixed(0)} ms, ${median(cpus).toFixed(0)} ms CPU (all threads)  [load ${load()}]`,
      );
    }

    // 3. What the reader receives.
    const service = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'bench' });
    service.openProject(path.join(dir, 'in-warm-0.realist'));
    const [doc] = await service.call('documents:list', {});
    const t0 = performance.now();
    const detail = await service.dispatch('documents:get', { id: doc!.id });
    const getMs = performance.now() - t0;
    console.log(`\ndocuments:get of the ${doc!.pageCount}-page PDF: ${(JSON.stringify(detail).length / 1e6).toFixed(2)} MB of JSON in ${getMs.toFixed(0)} ms  [load ${load()}]`);
    service.close();

    // 4. The first page in the reader, in Chromium through the web bridge (the built page).
    const first = await firstPageRuns(dir, path.join(dir, 'in-warm-0.realist'));
    if (typeof first === 'string') console.log(`\nReader first page: not measured (${first})`);
    else {
      console.log(
        `\nReader, 117-page PDF, opening to page 1 drawn (goal: 500 ms): in a fresh page (pdf.js worker started too) median ${median(first.fresh).toFixed(0)} ms ` +
          `(${first.fresh.map((t) => t.toFixed(0)).join(', ')}); in a fresh page after the list showed for 1 s median ${median(first.afterList).toFixed(0)} ms ` +
          `(${first.afterList.map((t) => t.toFixed(0)).join(', ')}); opened again in the same page median ${median(first.again).toFixed(0)} ms (${first.again.map((t) => t.toFixed(0)).join(', ')})  [load ${load()}]`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
