/**
 * Program theory in real Chromium through the web bridge: the demo's refined theory as a
 * diagram (every node drawn, hover highlights a configuration, a click shows its quotes), the
 * refinement view stepped from "initial" through "iteration 1" to "refined", and the SVG and
 * PNG exports downloaded and read back (the PNG's pixel size matches the dpi asked). Also a
 * version of 300 hypothesised CMOCs imported from a CSV. Screenshots at 1280×720 and
 * 1440×900 go to screenshots/ for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTheoryGraph } from '../../shared/theory/graph';
import { exportScene } from '../../electron/services/theory/theory-export';
import { theoryServiceFor } from '../../electron/services/theory/theory-service';
import { HAVE_CHROMIUM, launchApp, type AppUnderTest } from './helpers';
import { largeTheoryCsv } from '../helpers/theory';

async function openDemo(page: Page) {
  await page.getByRole('button', { name: /Open the demo project/ }).click();
  await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
}

async function openTheory(page: Page) {
  await page.locator('.sidebar button', { hasText: 'Program theory' }).click();
  await page.getByRole('tab', { name: 'Diagram' }).waitFor();
}

/** Reads a PNG's width and height from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function download(app: AppUnderTest, click: () => Promise<void>): Promise<string> {
  const [dl] = await Promise.all([app.page.waitForEvent('download'), click()]);
  const out = path.join(app.dir, dl.suggestedFilename());
  await dl.saveAs(out);
  return out;
}

describe.skipIf(!HAVE_CHROMIUM)('program theory in Chromium', () => {
  it('draws the demo theory, steps the refinement from initial to refined, and exports SVG and PNG', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page } = app;
    try {
      await openDemo(page);
      await openTheory(page);
      const svc = theoryServiceFor(app.service.store!);
      const versions = svc.listVersions();
      expect(versions.map((v) => v.label)).toEqual(['initial', 'iteration 1', 'refined']);
      const refined = svc.getVersion(versions[2]!.id);
      const graph = buildTheoryGraph(refined);

      // The diagram of the refined theory: every node once.
      const diagram = page.locator('svg.theory-svg');
      await diagram.locator('g.node').first().waitFor();
      expect(await diagram.locator('g.node').count()).toBe(graph.nodes.length);
      expect(await diagram.locator('g.edge').count()).toBe(graph.edges.length);
      await app.screenshot('theory-diagram-demo-1280x720');

      // Hover a node: its configurations stay lit, the rest fade.
      const trust = diagram.locator('g.node', { hasText: 'Trust in the case manager' });
      await trust.hover();
      await expect.poll(() => diagram.locator('g.node.hl').count()).toBeGreaterThan(1);
      expect(await diagram.locator('g.highlighting').count()).toBe(1);
      // Click: the evidence quotes behind it.
      await trust.click();
      const side = page.getByRole('complementary', { name: 'Configurations and evidence' });
      await side.locator('blockquote.quote').first().waitFor();
      expect(await side.locator('blockquote.quote').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('I trust her.')]));
      await app.screenshot('theory-diagram-evidence-1280x720');

      // The refinement: initial against refined by default.
      await page.getByRole('tab', { name: 'Refinement' }).click();
      const body = page.locator('.refinement-body');
      await expect.poll(() => body.getAttribute('data-to')).toBe('refined');
      expect(await body.getAttribute('data-from')).toBe('initial');
      const cards = page.locator('svg.refinement-svg g.card');
      await expect.poll(() => cards.count()).toBe(12);
      const kinds = await page.locator('svg.refinement-svg g.change-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-change')));
      expect(kinds.sort()).toEqual(['added', 'dropped', 'kept', 'merged', 'modified', 'split']);
      await app.screenshot('theory-refinement-initial-refined-1280x720');

      // Step through the timeline: initial → iteration 1 → refined.
      await page.getByRole('button', { name: 'Next step' }).click();
      await expect.poll(() => body.getAttribute('data-to')).toBe('iteration 1');
      expect(await body.getAttribute('data-from')).toBe('initial');
      await expect.poll(() => page.locator('svg.refinement-svg g.card[data-side="to"]').count()).toBe(7);
      await page.waitForTimeout(900);
      await app.screenshot('theory-refinement-step1-1280x720');
      await page.getByRole('button', { name: 'Next step' }).click();
      await expect.poll(() => body.getAttribute('data-to')).toBe('refined');
      expect(await body.getAttribute('data-from')).toBe('iteration 1');
      // The iteration's cards slid to the left: the same CMOCs, now on the "from" side.
      await expect.poll(() => page.locator('svg.refinement-svg g.card[data-side="from"]').count()).toBe(7);
      await expect.poll(() => page.locator('svg.refinement-svg g.card[data-side="to"]').count()).toBe(6);
      await page.waitForTimeout(900);
      await app.screenshot('theory-refinement-step2-1280x720');
      expect(await page.getByRole('button', { name: 'Next step' }).isDisabled()).toBe(true);

      // Exports: SVG and PNG at 150 dpi, downloaded and read back.
      const svgFile = await download(app, () => page.getByRole('group', { name: 'Export diagram' }).getByRole('button', { name: 'SVG' }).click());
      const svgText = fs.readFileSync(svgFile, 'utf8');
      expect(svgText).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
      expect(svgText).toContain('refinement from iteration 1 to refined');
      expect(svgText.match(/class="card"/g)).toHaveLength(13);
      await page.getByLabel('PNG resolution (dpi)').fill('150');
      const pngFile = await download(app, () => page.getByRole('group', { name: 'Export diagram' }).getByRole('button', { name: 'PNG' }).click());
      const { scene } = exportScene(svc, { what: 'refinement', fromId: versions[1]!.id, toId: versions[2]!.id, style: 'colour', title: 'Case management for frequent users (demo)' }, app.service.store!.summary().name);
      expect(pngSize(pngFile)).toEqual({ width: Math.round((scene.width * 150) / 96), height: Math.round((scene.height * 150) / 96) });
    } finally {
      await app.close();
    }
  });

  it('looks right at 1440×900 with the demo and with 300 CMOCs', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page } = app;
    try {
      await openDemo(page);
      await openTheory(page);
      await page.locator('svg.theory-svg g.node').first().waitFor();
      await app.screenshot('theory-diagram-demo-1440x900');
      await page.getByRole('tab', { name: 'Refinement' }).click();
      await page.locator('svg.refinement-svg g.card').first().waitFor();
      await page.getByRole('button', { name: 'Review proposed mapping' }).or(page.getByRole('button', { name: 'Edit mapping' })).click();
      await page.getByRole('region', { name: 'Edit the refinement mapping' }).waitFor();
      await app.screenshot('theory-mapping-editor-1440x900');
      await page.getByRole('tab', { name: 'Versions and hypotheses' }).click();
      await page.locator('.theory-cmoc-table').waitFor();
      await app.screenshot('theory-versions-1440x900');

      // 300 hypothesised CMOCs, imported as a CSV through the API.
      const big = await app.service.call('theory:create', { label: 'large', stage: 'intermediate', from: { kind: 'empty' } });
      const imported = await app.service.call('theory:import', { versionId: big.id, format: 'csv', text: largeTheoryCsv(300) });
      expect(imported.imported).toBe(300);
      // The page lists versions when the section opens: leave it and come back.
      await page.locator('.sidebar button', { hasText: 'Overview' }).click();
      await openTheory(page);
      await page.getByLabel('Version').selectOption(big.id);
      const nodes = buildTheoryGraph(theoryServiceFor(app.service.store!).getVersion(big.id)).nodes.length;
      await expect.poll(() => page.locator('svg.theory-svg g.node').count(), { timeout: 20_000 }).toBe(nodes);
      await app.screenshot('theory-diagram-300-1440x900');
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.getByRole('button', { name: 'Fit' }).click();
      await app.screenshot('theory-diagram-300-1280x720');
    } finally {
      await app.close();
    }
  });
});
