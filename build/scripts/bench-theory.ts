/**
 * `npm run bench:theory`: the theory diagram with 300 CMOCs (goal: layout and first render
 * under 500 ms), side by side with a baseline, in one run.
 *
 *  1. Layout in Node: graph, d3-dag layered layout (shared/theory/layout.ts), scene and SVG
 *     string, cold (first call) and warm (median of 7), against the baseline the issue names:
 *     the same graph laid out by a d3-force simulation (links, many-body repulsion, collision,
 *     and a pull to each node's column) run until it settles (alpha below alphaMin).
 *  2. First render in Chromium through the built page (run `npm run build` first): open the
 *     project, select the 300-CMOC version, and read the page's `theory:first-render` measure
 *     (from the data's arrival to the first painted frame: layout, scene and d3 drawing).
 *     Three cold loads; the median is reported.
 *  3. Pan and zoom in Chromium: 120 frames of dragging and wheel zooming, with the frame
 *     intervals measured by requestAnimationFrame (goal: 60 fps, 16.7 ms a frame).
 *
 * Wall time on a shared 2-core machine varies with load: CPU time and the load average are
 * printed beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3';
import { chromium } from 'playwright-core';
import { buildTheoryGraph, layerOf, type TheoryGraph } from '../../shared/theory/graph';
import { layoutTheoryGraph, LAYOUT } from '../../shared/theory/layout';
import { parseStatementCsv } from '../../shared/theory/statements';
import { sceneToSvg } from '../../shared/theory/scene';
import { theoryScene } from '../../shared/theory/theory-scene';
import { largeTheoryCsv } from '../../test/helpers/theory';
import { createApiService } from '../../electron/services/api-service';
import { startWebServer } from '../../electron/bridge/web-server';
import { EventHub } from '../../electron/services/event-hub';

const N = Number(process.env.BENCH_CMOCS ?? 300);
const CHROMIUM = process.env.REALIST_CHROMIUM ?? '/usr/bin/chromium';

function graphOf(n: number): TheoryGraph {
  const draft = parseStatementCsv(largeTheoryCsv(n));
  return buildTheoryGraph({
    id: 'bench',
    label: 'large',
    cmocs: draft.cmocs.map((c, i) => ({
      id: `c${i}`,
      label: c.label,
      statement: c.statement,
      parts: c.parts,
      origin: 'imported' as const,
      evidence: { supporting: i % 5, refuting: i % 7 === 0 ? 1 : 0, refining: 0, documents: i % 4, rigour: i % 3 === 0 ? null : (i % 3) / 2, documentIds: [] },
    })),
  });
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function time<T>(fn: () => T): { ms: number; cpu: number; value: T } {
  const c = cpuMs();
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, cpu: cpuMs() - c, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function forceBaseline(g: TheoryGraph): { ticks: number } {
  type N = SimulationNodeDatum & { id: string; layer: number };
  const nodes: N[] = g.nodes.map((n) => ({ id: n.id, layer: layerOf(n.role) }));
  const links = g.edges.map((e) => ({ source: e.source, target: e.target }));
  const colX = (l: number) => l * (LAYOUT.nodeWidth + LAYOUT.columnGap);
  const sim = forceSimulation(nodes)
    .force('link', forceLink<N, { source: string; target: string }>(links).id((d) => d.id).distance(LAYOUT.columnGap))
    .force('charge', forceManyBody().strength(-60))
    .force('collide', forceCollide(30))
    .force('x', forceX<N>((d) => colX(d.layer)).strength(1))
    .force('y', forceY(0).strength(0.01))
    .stop();
  let ticks = 0;
  while (sim.alpha() >= sim.alphaMin()) {
    sim.tick();
    ticks += 1;
  }
  return { ticks };
}

async function chromiumRuns(): Promise<{ firstRender: number[]; layout: number[]; frames: number[]; cpu: number[] } | string> {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  const dist = path.resolve(__dirname, '../../dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) return 'no built page: run `npm run build` first';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-theory-'));
  const events = new EventHub();
  const service = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'bench', emit: (e, p) => events.emit(e, p) });
  await service.call('project:create', { path: path.join(dir, 'bench.realist'), name: 'Bench' });
  await service.call('session:setCoder', { name: 'Bench', create: true });
  const v = await service.call('theory:create', { label: 'large', stage: 'intermediate', from: { kind: 'empty' } });
  await service.call('theory:import', { versionId: v.id, format: 'csv', text: largeTheoryCsv(N) });
  const server = await startWebServer({ service, events, staticDir: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const firstRender: number[] = [];
  const cpu: number[] = [];
  const layout: number[] = [];
  let frames: number[] = [];
  try {
    for (let run = 0; run < 3; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(server.url);
      await page.locator('.sidebar button', { hasText: 'Overview' }).waitFor();
      const before = await threadTime(cdp);
      await page.locator('.sidebar button', { hasText: 'Program theory' }).click();
      await page.locator('svg.theory-svg g.node').first().waitFor({ timeout: 60_000 });
      await page.waitForFunction(`performance.getEntriesByName('theory:first-render').length > 0`, null, { timeout: 60_000 });
      const m = (await page.evaluate(`({
        first: performance.getEntriesByName('theory:first-render').map((e) => e.duration),
        layout: performance.getEntriesByName('theory:layout').map((e) => e.duration),
      })`)) as { first: number[]; layout: number[] };
      firstRender.push(m.first[0]!);
      cpu.push((await threadTime(cdp)) - before);
      layout.push(m.layout[0]!);
      if (run === 2) {
        const svg = await page.locator('svg.theory-svg').boundingBox();
        const cx = svg!.x + svg!.width / 2;
        const cy = svg!.y + svg!.height / 2;
        // A string, not a function: the page gets the code as written (no bundler helpers).
        await page.evaluate(`(() => {
          window.__frames = [];
          let last = performance.now();
          const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 400) requestAnimationFrame(tick); };
          requestAnimationFrame(tick);
        })()`);
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        for (let i = 0; i < 60; i += 1) await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + i * 3);
        await page.mouse.up();
        for (let i = 0; i < 60; i += 1) await page.mouse.wheel(0, i < 30 ? -40 : 40);
        frames = (await page.evaluate('window.__frames.slice(1)')) as number[];
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { firstRender, layout, frames, cpu };
}

/** CPU time of the page's main thread so far (Chromium's ThreadTime metric), in ms. */
async function threadTime(cdp: { send(m: 'Performance.getMetrics'): Promise<{ metrics: Array<{ name: string; value: number }> }> }): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

async function main() {
  const g = graphOf(N);
  console.log(`bench:theory — ${N} CMOCs: ${g.nodes.length} nodes, ${g.edges.length} edges; Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const cold = time(() => layoutTheoryGraph(g));
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const t = time(() => layoutTheoryGraph(g));
    warm.push(t.ms);
    warmCpu.push(t.cpu);
  }
  const scene = time(() => sceneToSvg(theoryScene(cold.value, { title: 'Bench', versionLabel: 'large' })));
  const force = time(() => forceBaseline(g));
  const forceWarm = time(() => forceBaseline(g));
  console.log('');
  console.log('| step (Node) | wall ms | CPU ms |');
  console.log('|---|---:|---:|');
  console.log(`| d3-dag layered layout, first call (cold) | ${cold.ms.toFixed(0)} | ${cold.cpu.toFixed(0)} |`);
  console.log(`| d3-dag layered layout, warm (median of 7) | ${median(warm).toFixed(0)} | ${median(warmCpu).toFixed(0)} |`);
  console.log(`| scene + SVG string | ${scene.ms.toFixed(0)} | ${scene.cpu.toFixed(0)} |`);
  console.log(`| baseline: d3-force until settled (${force.value.ticks} ticks), first | ${force.ms.toFixed(0)} | ${force.cpu.toFixed(0)} |`);
  console.log(`| baseline: d3-force until settled, second | ${forceWarm.ms.toFixed(0)} | ${forceWarm.cpu.toFixed(0)} |`);
  console.log(`\nratio d3-force / d3-dag (warm, wall): ${(forceWarm.ms / median(warm)).toFixed(1)}x; layout height ${cold.value.height.toFixed(0)} px for ${g.nodes.length} nodes`);
  const c = await chromiumRuns();
  if (typeof c === 'string') {
    console.log(`\nChromium: skipped (${c})`);
    return;
  }
  console.log('\n| Chromium (built page, 1440×900) | ms |');
  console.log('|---|---:|');
  console.log(`| first render: data → painted (median of 3 cold loads: ${c.firstRender.map((x) => x.toFixed(0)).join(', ')}) | ${median(c.firstRender).toFixed(0)} |`);
  console.log(`| of which layout + scene (median) | ${median(c.layout).toFixed(0)} |`);
  console.log(`| main-thread CPU from the click to the drawn diagram, section and list included (median: ${c.cpu.map((x) => x.toFixed(0)).join(', ')}) | ${median(c.cpu).toFixed(0)} |`);
  const f = c.frames.filter((x) => x > 0);
  const p95 = [...f].sort((a, b) => a - b)[Math.floor(f.length * 0.95)] ?? 0;
  console.log(`| pan and zoom: median frame (${f.length} frames) | ${median(f).toFixed(1)} (${(1000 / median(f)).toFixed(0)} fps; 95th percentile ${p95.toFixed(1)} ms) |`);
  console.log(`\ngoal: first render under 500 ms → ${median(c.firstRender) < 500 ? 'met' : 'NOT met'} on this run`);
}

void main();
