/**
 * `npm run bench:pdf`: how fast full texts are extracted and searched. Not a test: it prints
 * numbers for the report.
 *
 * 1. Text extraction of the fixture articles and of a generated 300-page PDF, through the
 *    worker pool (as the app does it), side by side with poppler's `pdftotext -layout` run on
 *    the same files in the same run. Goal: within 2x of pdftotext's time.
 * 2. A full-text query over 1,000 documents through DocumentService.search, against the same
 *    FTS5 query (with the same snippet) run directly on pages_fts. Goal: within 1.5x.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocumentService, toFtsQuery } from '../../electron/services/documents/document-service';
import { PdfWorkerPool } from '../../electron/services/documents/worker-pool';
import { ProjectStore } from '../../electron/services/store/project-store';
import { createCoder } from '../../electron/services/coders/coder-service';
import { FIXTURES_DIR, HAVE_FIXTURES } from '../../test/helpers/fixtures';
import { samplePages, textPdf } from '../../test/helpers/text-pdf';
const PDFTOTEXT = '/usr/bin/pdftotext';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

interface Timing {
  /** Wall-clock milliseconds. */
  ms: number;
  /** CPU milliseconds (user + system) spent on the work, over all threads or the child. */
  cpu: number;
  pages: number;
}

/** CPU time of this process, every thread included (the workers are threads of it). */
function ownCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU time of the waited-for child processes, from /proc (Linux), in ms; null elsewhere. */
function childrenCpu(): number | null {
  try {
    // Fields after the ")" that ends the command name: cutime and cstime are the 14th and 15th.
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function timeOurs(pool: PdfWorkerPool, files: string[]): Promise<Timing> {
  const cpu = ownCpu();
  const start = process.hrtime.bigint();
  const results = await Promise.all(files.map((f) => pool.extract(new Uint8Array(fs.readFileSync(f)))));
  return { ms: ms(start), cpu: ownCpu() - cpu, pages: results.reduce((n, r) => n + r.pages.length, 0) };
}

function timePoppler(files: string[]): { ms: number; cpu: number | null } | null {
  if (!fs.existsSync(PDFTOTEXT)) return null;
  const cpu = childrenCpu();
  const start = process.hrtime.bigint();
  for (const f of files) execFileSync(PDFTOTEXT, ['-layout', f, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const after = childrenCpu();
  return { ms: ms(start), cpu: cpu === null || after === null ? null : after - cpu };
}

async function extractionBench(label: string, files: string[], pool: PdfWorkerPool, single: PdfWorkerPool): Promise<void> {
  const runs = [await timeOurs(pool, files), await timeOurs(pool, files)];
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const one = await timeOurs(single, files);
  const poppler = timePoppler(files);
  const rate = (t: number) => `${((best.pages / t) * 1000).toFixed(0)} pages/s`;
  console.log(`\n${label}: ${files.length} file(s), ${best.pages} pages`);
  console.log(`  ours, pool of ${pool.size}: ${best.ms.toFixed(0)} ms wall (${rate(best.ms)}), ${best.cpu.toFixed(0)} ms CPU`);
  console.log(`  ours, 1 worker:     ${one.ms.toFixed(0)} ms wall (${rate(one.ms)}), ${one.cpu.toFixed(0)} ms CPU`);
  if (poppler) {
    console.log(`  pdftotext -layout:  ${poppler.ms.toFixed(0)} ms wall (${rate(poppler.ms)})${poppler.cpu === null ? '' : `, ${poppler.cpu.toFixed(0)} ms CPU`}`);
    console.log(`  ratio ours/pdftotext: ${(best.ms / poppler.ms).toFixed(2)}x wall (goal <= 2x)${poppler.cpu ? `, ${(best.cpu / poppler.cpu).toFixed(2)}x CPU` : ''}`);
  } else {
    console.log(`  pdftotext not found at ${PDFTOTEXT}: no comparison`);
  }
  console.log(`  load average now: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function searchBench(dir: string): void {
  const store = ProjectStore.open(path.join(dir, 'bench.realist'), { create: true });
  try {
    const docs = new DocumentService(store);
    store.session.coderId = createCoder(store, { name: 'Bench' }).id;
    const start = process.hrtime.bigint();
    store.act({ label: 'Benchmark documents', verb: 'setup', entityType: 'project' }, () => {
      for (let i = 0; i < 1000; i++) {
        const pages = samplePages(5, 30, i + 1).map((lines) => lines.join('\n'));
        docs.addTextDocument({ fileName: `doc-${i}.txt`, kind: 'text', text: pages.join('\n\n') });
      }
    });
    const pageCount = (store.db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
    console.log(`\nFull-text search: 1,000 documents, ${pageCount} pages (stored and indexed in ${ms(start).toFixed(0)} ms)`);
    const direct = store.db.prepare(
      `SELECT rowid, snippet(pages_fts, 0, '[', ']', '…', 12) AS snippet FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rank LIMIT ?`,
    );
    for (const query of ['pharmacy', 'trust relationship', 'housing navigation telephone']) {
      const match = toFtsQuery(query);
      const ours: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < 60; i++) {
        let t = process.hrtime.bigint();
        const hits = docs.search(query, 50);
        ours.push(ms(t));
        t = process.hrtime.bigint();
        const rows = direct.all(match, 50);
        raw.push(ms(t));
        if (i === 0 && hits.length !== rows.length) console.log(`  (hit counts differ: ${hits.length} vs ${rows.length})`);
      }
      const a = median(ours);
      const b = median(raw);
      console.log(`  "${query}": search ${a.toFixed(2)} ms, direct FTS5 ${b.toFixed(2)} ms, ratio ${(a / b).toFixed(2)}x (goal <= 1.5x)`);
    }
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${os.availableParallelism()} cores`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-bench-'));
  const pool = new PdfWorkerPool();
  const single = new PdfWorkerPool(1);
  try {
    // Warm up: start the workers and load pdf.js in each.
    const tiny = textPdf(samplePages(1));
    await Promise.all([pool.extract(tiny), pool.extract(tiny), single.extract(tiny)]);
    const articles = path.join(FIXTURES_DIR, 'pdf', 'articles');
    if (HAVE_FIXTURES) {
      const files = fs.readdirSync(articles).filter((f) => f.endsWith('.pdf')).map((f) => path.join(articles, f));
      await extractionBench('Fixture articles', files, pool, single);
    } else {
      console.log(`\nFixture articles not found at ${articles}: skipped`);
    }
    const big = path.join(dir, 'generated-300-pages.pdf');
    fs.writeFileSync(big, textPdf(samplePages(300)));
    await extractionBench(`Generated PDF (${(fs.statSync(big).size / 1024).toFixed(0)} kB)`, [big], pool, single);
    searchBench(dir);
  } finally {
    await Promise.all([pool.close(), single.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
