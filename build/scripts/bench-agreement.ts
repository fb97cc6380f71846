/**
 * `npm run bench:agreement`: the agreement statistics at the size of a large team study.
 * Not a test: it prints times, the ratio to the peer, and whether each goal is met.
 *
 *  1. Spans: 500 documents (10,000–60,000 characters each), 3 coders, 20,000 spans per coder
 *     over 12 codes; the full span report of `computeAgreement` (character-level κ, percent
 *     agreement and α per code and document, |uα per code and document, the three
 *     aggregations, corpus uα and |uα). Goal: under 1 s.
 *  2. Nominal statistics on 100,000 units (2 coders, 4 categories): ours (`computeAgreement`,
 *     every statistic that applies) side by side with NLTK's AnnotationTask (Debian
 *     python3-nltk: avg_Ao, kappa, pi, S, multi_kappa, alpha — the same statistics) in the same
 *     run. Goal: ours at least 20× faster. Without python3-nltk it says so and prints ours only.
 *  3. The corpus of 1 as a project file: reading the layers vs building the project report
 *     (./bench-agreement-project.ts). Goal: reading is not the bottleneck.
 *
 * Times are medians of 5 runs after a warm-up (NLTK: one run, it takes seconds), wall clock
 * and CPU; the goals are judged on wall clock.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeAgreement } from '../../shared/agreement/compute';
import { seededRandom } from '../../shared/agreement/prng';
import { parseAgreementInput, type SpansInput } from '../../shared/agreement/schema';
import { benchProjectReport } from './bench-agreement-project';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median wall-clock and CPU milliseconds of `runs` runs after a warm-up. CPU time is printed
 * too because this machine is shared: when other work competes for the cores, wall time grows
 * with the load while CPU time stays close to what the computation itself costs.
 */
function time(runs: number, fn: () => unknown): { wall: number; cpu: number } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    fn();
    wall.push(ms(t));
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const show = (t: { wall: number; cpu: number }, digits = 0) => `${t.wall.toFixed(digits)} ms (CPU ${t.cpu.toFixed(digits)} ms)`;

function spanCorpus(): SpansInput {
  const random = seededRandom(500);
  const coders = ['A', 'B', 'C'];
  const codes = Array.from({ length: 12 }, (_, i) => `code-${i + 1}`);
  const documents: SpansInput['documents'] = [];
  for (let d = 0; d < 500; d++) documents.push({ id: `doc-${d + 1}`, length: 10_000 + random.int(50_000), spans: { A: [], B: [], C: [] } });
  // 20,000 passages, each seen by most coders with shifted boundaries: 20,000 spans per coder on average.
  for (let k = 0; k < 20_000; k++) {
    const doc = documents[random.int(documents.length)]!;
    const code = codes[random.int(codes.length)]!;
    const start = random.int(doc.length - 600);
    const end = start + 20 + random.int(500);
    for (const c of coders) {
      if (random.next() < 0.1) continue;
      const s = Math.max(0, start + random.int(41) - 20);
      const e = Math.max(s + 1, Math.min(doc.length, end + random.int(41) - 20));
      doc.spans[c]!.push({ start: s, end: e, code: random.next() < 0.9 ? code : codes[random.int(codes.length)]! });
    }
  }
  // Top up to exactly 20,000 spans per coder with spans only that coder made.
  for (const c of coders) {
    let n = documents.reduce((s, d) => s + d.spans[c]!.length, 0);
    while (n < 20_000) {
      const doc = documents[random.int(documents.length)]!;
      const start = random.int(doc.length - 300);
      doc.spans[c]!.push({ start, end: start + 10 + random.int(290), code: codes[random.int(codes.length)]! });
      n++;
    }
  }
  return { kind: 'spans', coders, documents };
}

function nominalUnits(): (string | null)[][] {
  const random = seededRandom(100);
  const categories = ['a', 'b', 'c', 'd'];
  const rows: (string | null)[][] = [];
  for (let u = 0; u < 100_000; u++) {
    const truth = random.int(4);
    rows.push([0, 1].map(() => categories[random.next() < 0.7 ? truth : random.int(4)]!));
  }
  return rows;
}

const NLTK_SCRIPT = `
import json, sys, time
try:
    from nltk.metrics.agreement import AnnotationTask
    import nltk
except ImportError as e:
    print(json.dumps({"error": str(e)})); sys.exit(0)
rows = json.load(open(sys.argv[1]))
t = time.perf_counter()
task = AnnotationTask(data=[(str(i), str(u), v) for u, row in enumerate(rows) for i, v in enumerate(row) if v is not None])
stats = {"avg_Ao": task.avg_Ao(), "kappa": task.kappa(), "pi": task.pi(), "S": task.S(), "multi_kappa": task.multi_kappa(), "alpha": task.alpha()}
elapsed = (time.perf_counter() - t) * 1000
print(json.dumps({"ms": elapsed, "version": nltk.__version__, "python": sys.version.split()[0], "stats": stats}))
`;

function runNltk(rows: (string | null)[][]): { ms: number; version: string; python: string; stats: Record<string, number> } | { error: string } {
  const python = '/usr/bin/python3';
  if (!fs.existsSync(python)) return { error: `${python} not found` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-bench-agreement-'));
  try {
    const data = path.join(dir, 'units.json');
    const script = path.join(dir, 'nltk_agreement.py');
    fs.writeFileSync(data, JSON.stringify(rows));
    fs.writeFileSync(script, NLTK_SCRIPT);
    const r = spawnSync(python, [script, data], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').pop()! };
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} when starting\n`);

  const corpus = spanCorpus();
  const spans = corpus.documents.reduce((s, d) => s + Object.values(d.spans).reduce((t, l) => t + l.length, 0), 0);
  const characters = corpus.documents.reduce((s, d) => s + d.length, 0);
  console.log(`1. Spans: ${corpus.documents.length} documents, ${(characters / 1e6).toFixed(1)} million characters, ${corpus.coders.length} coders, ${spans.toLocaleString('en')} spans, 12 codes`);
  const report = computeAgreement(corpus);
  const reportMs = time(5, () => computeAgreement(corpus));
  const validatedMs = time(5, () => computeAgreement(parseAgreementInput(corpus)));
  console.log(`   full span report: ${show(reportMs)}; with input validation: ${show(validatedMs)} — goal under 1,000 ms: ${validatedMs.wall < 1000 ? 'met' : 'missed'}`);
  console.log(`   corpus uα ${report.statistics.u_alpha?.toFixed(4)}, |uα ${report.statistics.u_alpha_binary?.toFixed(4)}; ${Object.keys(report.byCode).length} codes × ${corpus.documents.length} documents; ${report.undefined.length} undefined cells listed\n`);
  benchProjectReport(corpus, time, show, reportMs.wall);

  const rows = nominalUnits();
  const input = { kind: 'ratings' as const, level: 'nominal' as const, coders: ['A', 'B'], ratings: rows };
  console.log('2. Nominal statistics, 100,000 units, 2 coders, 4 categories');
  const oursMs = time(5, () => computeAgreement(input));
  const oursValidatedMs = time(5, () => computeAgreement(parseAgreementInput(input)));
  const ours = computeAgreement(input).statistics;
  console.log(`   ours: ${show(oursMs, 1)}; with input validation: ${show(oursValidatedMs, 1)}`);
  const nltk = runNltk(rows);
  if ('error' in nltk) {
    console.log(`   NLTK: not available (${nltk.error}); install Debian's python3-nltk to compare. Ours only.`);
    return;
  }
  const ratio = nltk.ms / oursValidatedMs.wall;
  console.log(`   NLTK ${nltk.version} (Python ${nltk.python}): ${nltk.ms.toFixed(0)} ms wall`);
  console.log(`   ratio NLTK / ours (wall, ours with validation): ${ratio.toFixed(0)}× — goal at least 20×: ${ratio >= 20 ? 'met' : 'missed'}`);
  const same = [
    ['percent agreement', ours.percent_agreement, nltk.stats.avg_Ao],
    ["Cohen's κ", ours.cohen_kappa, nltk.stats.kappa],
    ["Scott's π", ours.scott_pi, nltk.stats.pi],
    ['Brennan–Prediger', ours.brennan_prediger, nltk.stats.S],
    ["Conger's κ", ours.conger_kappa, nltk.stats.multi_kappa],
    ["Krippendorff's α", ours.krippendorff_alpha_nominal, nltk.stats.alpha],
  ] as const;
  const worst = Math.max(...same.map(([, a, b]) => Math.abs((a ?? NaN) - (b ?? NaN))));
  console.log(`   same values as NLTK: largest difference ${worst.toExponential(1)} over ${same.map(([n]) => n).join(', ')}`);
}

main();
