/**
 * The Team section in Chromium on the demo project: blind coding turned on from the page,
 * Reviewer B's package exported through the page, B's work on "their machine" (a second
 * service on the package file), the package merged back through the page with its report
 * checked on screen and in the services, the whole merge undone with one Ctrl+Z and redone,
 * then the Agreement report for A and B. Second: both the lead and B change the agreed CMOC's
 * statement; the merge lists one conflict, settled on the page with the keyboard.
 * Screenshots at 1280×720 and 1440×900: an empty project, the demo, a conflict.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createApiService, type ApiService } from '../../electron/services/api-service';
import { DEMO_HIGHLIGHTS } from '../../electron/services/demo/demo-highlights';
import { chooseCoder, HAVE_CHROMIUM, launchApp, type AppUnderTest } from './helpers';

const B_QUOTE = 'mostly at night, mostly because I was frightened';
/** The demo document that holds B_QUOTE (A highlighted the whole sentence; B had not). */
const B_FILE = DEMO_HIGHLIGHTS.find((h) => h.quote.includes(B_QUOTE))!.fileName;
const NEW_STATEMENT_A = 'Lead: a reachable case manager gives patients confidence to call before going to the emergency room.';
const NEW_STATEMENT_B = 'B: when the case manager answers quickly, frightened patients call her instead of the ambulance.';

async function openDemoTeam(app: AppUnderTest): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: /Open the demo project/ }).click();
  await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
  await page.keyboard.press('Control+Shift+7');
  await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
}

/** Exports B's package through the page into `file`, by keyboard. */
async function exportForB(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Export a package for Reviewer B' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Export a package for Reviewer B' });
  const saveAs = form.getByLabel('Save as');
  // The field suggests a file in the projects folder; this test writes next to its project.
  await expect.poll(() => saveAs.inputValue()).toContain('package for Reviewer B');
  await saveAs.fill(file);
  await saveAs.press('Enter');
  await form.getByText(`Package for Reviewer B written (blind): ${file}`).waitFor();
}

/** B on their own machine: a service of its own, its own config folder, the package file. */
function onBsMachine(app: AppUnderTest, file: string): ApiService {
  const b = createApiService({ transport: 'web', configDir: path.join(app.dir, 'config-b'), projectsDir: app.projectsDir, appVersion: 'test' });
  b.openProject(file);
  return b;
}

async function mergeThroughPage(page: Page, file: string) {
  const form = page.getByRole('form', { name: 'Merge a package' });
  await form.getByLabel('Package file').fill(file);
  await form.getByLabel('Package file').press('Enter');
  const report = form.getByRole('status', { name: 'Merge report' });
  await report.waitFor();
  const figure = async (name: string) => Number(await report.locator(`dd[data-figure="${name}"]`).textContent());
  return { report, figure };
}

const liveExcerpts = (app: AppUnderTest, coderId: string) =>
  (app.service.store!.db.prepare('SELECT quote FROM excerpts WHERE coder_id = ? AND deleted_at IS NULL').pluck().all(coderId) as string[]).filter((q) => q === B_QUOTE).length;

describe.skipIf(!HAVE_CHROMIUM)('team in Chromium', () => {
  it('explains the workflow on an empty project', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    try {
      await app.service.call('project:create', { path: path.join(app.dir, 'Empty.realist'), name: 'Empty review' });
      await app.page.reload();
      await chooseCoder(app.page, 'Lead');
      await app.page.keyboard.press('Control+Shift+7');
      const steps = app.page.getByRole('region', { name: 'How independent coding works' });
      await steps.waitFor();
      expect(await steps.locator('li').allTextContents()).toEqual([
        expect.stringContaining('Export a package per coder'),
        expect.stringContaining('They code blind on their own machine'),
        expect.stringContaining('Merge their packages back'),
      ]);
      expect(await steps.textContent()).toContain('Then compare them in Agreement (Ctrl+Shift+5)');
      await app.screenshot('team-empty-1280');
      await app.page.setViewportSize({ width: 1440, height: 900 });
      await app.screenshot('team-empty-1440');
    } finally {
      await app.close();
    }
  });

  it('turns blind coding on, exports B’s package, merges B’s work back, undoes and redoes the merge, and shows A and B in Agreement', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page, service } = app;
    try {
      await openDemoTeam(app);
      const coders = await service.call('coders:list', {});
      const b = coders.find((c) => c.name === 'Reviewer B')!;
      // B's layer in numbers, as the services count it (the demo's B has passages, codings, CMOCs).
      const countsB = (await service.call('coders:layerCounts', {})).find((c) => c.coderId === b.id)!;
      expect(countsB.passages).toBeGreaterThan(0);
      await expect.poll(() => page.getByRole('row', { name: 'Reviewer B' }).locator('td.num').allTextContents()).toEqual([countsB.passages, countsB.codings, countsB.cmocs].map(String));
      await app.screenshot('team-demo-1280');

      // Blind coding on, by keyboard; the top bar's toggle follows.
      const blind = page.getByRole('checkbox', { name: /Blind coding is off/ });
      await blind.focus();
      await page.keyboard.press('Space');
      await page.getByRole('checkbox', { name: /Blind coding is on/ }).waitFor();
      await page.locator('.topbar .blind-toggle', { hasText: 'Blind: on' }).waitFor();
      expect((await service.call('session:get', {})).blind).toBe(true);
      // Ctrl+Z takes the setting back and the top bar follows (it stayed "on" before); Ctrl+Shift+Z brings it back.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Control+z');
      await page.locator('.topbar .blind-toggle', { hasText: 'Blind: off' }).waitFor();
      expect((await service.call('session:get', {})).blind).toBe(false);
      await page.keyboard.press('Control+Shift+z');
      await page.locator('.topbar .blind-toggle', { hasText: 'Blind: on' }).waitFor();
      await page.getByRole('checkbox', { name: /Blind coding is on/ }).waitFor();
      // B's counts are hidden from A now.
      await page.getByRole('row', { name: 'Reviewer B' }).getByText('hidden while blind coding is on').waitFor();

      const pkg = path.join(app.dir, 'for-reviewer-b.realist');
      await exportForB(page, pkg);
      expect(fs.statSync(pkg).size).toBeGreaterThan(10_000);

      // On B's machine: one highlight and one coding.
      const onB = onBsMachine(app, pkg);
      try {
        expect((await onB.call('session:get', {})).coder?.name).toBe('Reviewer B');
        const interview = (await onB.call('documents:list', {})).find((d) => d.fileName === B_FILE)!;
        const h = await onB.call('excerpts:highlightQuote', { documentId: interview.id, quote: B_QUOTE });
        const code = onB.store!.db.prepare('SELECT id FROM codes WHERE deleted_at IS NULL ORDER BY name LIMIT 1').pluck().get() as string;
        await onB.call('codings:add', { excerptId: h.excerptId, codeId: code });
      } finally {
        onB.close();
      }

      expect(liveExcerpts(app, b.id)).toBe(0);
      const { report, figure } = await mergeThroughPage(page, pkg);
      expect(await figure('added')).toBe(2);
      expect(await figure('already')).toBe(0);
      expect(await figure('conflicts')).toBe(0);
      expect(await report.textContent()).toContain('Merged 2 changes by Reviewer B.');
      expect(liveExcerpts(app, b.id)).toBe(1);
      expect((await service.call('history:state', {})).undoLabel).toBe('Merge the package of Reviewer B');
      await app.screenshot('team-merged-1280');
      await page.setViewportSize({ width: 1440, height: 900 });
      await app.screenshot('team-merged-1440');

      // One Ctrl+Z (focus on a button, outside text fields) takes the whole merge back.
      await page.getByRole('button', { name: 'Merge', exact: true }).focus();
      await page.keyboard.press('Control+z');
      await page.locator('.window-notice', { hasText: 'Undid: Merge the package of Reviewer B.' }).waitFor();
      expect(liveExcerpts(app, b.id)).toBe(0);
      expect(service.store!.db.prepare('SELECT count(*) FROM codings g JOIN excerpts e ON e.id = g.excerpt_id WHERE e.quote = ?').pluck().get(B_QUOTE)).toBe(0);
      await page.keyboard.press('Control+Shift+z');
      await page.locator('.window-notice', { hasText: 'Redid: Merge the package of Reviewer B.' }).waitFor();
      expect(liveExcerpts(app, b.id)).toBe(1);

      // Blind off from the top bar; the Team section follows. Then Agreement for A and B.
      await page.locator('.topbar .blind-toggle').click();
      await page.getByRole('checkbox', { name: /Blind coding is off/ }).waitFor();
      await page.keyboard.press('Control+Shift+5');
      await page.getByRole('tablist', { name: 'Agreement report' }).waitFor();
      const agreement = await service.call('agreement:project', {});
      expect(agreement.coders.map((c) => c.name)).toEqual(['Reviewer A', 'Reviewer B']);
      // The comparison picker shows the pair the report is for.
      const picker = page.locator('select', { has: page.locator('option', { hasText: 'Reviewer A vs Reviewer B' }) });
      expect(await picker.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Reviewer A vs Reviewer B');
      await app.screenshot('team-agreement-after-merge-1440');
    } finally {
      await app.close();
    }
  });

  it('lists the conflict when the lead and B both change the agreed CMOC’s statement, and settles it on the page by keyboard', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page, service } = app;
    try {
      await openDemoTeam(app);
      const agreed = (await service.call('cmocs:list', { layer: 'consensus' })).find((c) => c.label === 'CMOC 1 (agreed)')!;
      const pkg = path.join(app.dir, 'for-b.realist');
      const b = (await service.call('coders:list', {})).find((c) => c.name === 'Reviewer B')!;
      await service.call('packages:export', { coderId: b.id, path: pkg, blind: true });

      // The lead, reconciling, rewrites the statement here; B does too in the package.
      await service.call('session:setLayer', { layer: 'consensus' });
      await service.call('cmocs:update', { id: agreed.id, statement: NEW_STATEMENT_A });
      await service.call('session:setLayer', { layer: 'own' });
      const onB = onBsMachine(app, pkg);
      try {
        await onB.call('session:setLayer', { layer: 'consensus' });
        await onB.call('cmocs:update', { id: agreed.id, statement: NEW_STATEMENT_B });
      } finally {
        onB.close();
      }

      const { figure } = await mergeThroughPage(page, pkg);
      expect(await figure('conflicts')).toBe(1);
      expect(await figure('open')).toBe(1);
      const open = (await service.call('conflicts:list', {})).filter((c) => c.status === 'open');
      expect(open.map((c) => [c.table, c.column])).toEqual([['cmocs', 'statement']]);
      const item = page.getByRole('listitem', { name: open[0]!.summary });
      await item.getByText(NEW_STATEMENT_B).waitFor();
      await item.getByText(NEW_STATEMENT_A).waitFor();
      // The report leads to the conflict (scrolled into view, focus on its note).
      await page.getByRole('button', { name: 'Settle the new conflict below' }).click();
      await app.screenshot('team-conflict-1280');
      await page.setViewportSize({ width: 1440, height: 900 });
      await item.scrollIntoViewIfNeeded();
      await app.screenshot('team-conflict-1440');

      // By keyboard: type a note, Tab to B's version, Enter.
      await item.getByLabel('Note on the decision').focus();
      await page.keyboard.type('B’s wording names the mechanism.');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep Reviewer A’s');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep Reviewer B’s');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /Conflicts none open/ }).waitFor();
      expect((await service.call('conflicts:list', {})).filter((c) => c.status === 'open')).toEqual([]);
      expect((await service.call('conflicts:list', {}))[0]!.resolution).toBe('B’s wording names the mechanism.');
      expect((await service.call('cmocs:get', { id: agreed.id })).statement).toBe(NEW_STATEMENT_B);
    } finally {
      await app.close();
    }
  });
});
