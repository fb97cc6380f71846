/**
 * The Agreement section in Chromium on the demo project: the report shows the services'
 * figures with their units, the heatmap is reachable and readable by keyboard, three
 * disagreements and a CMOC are reconciled without the mouse (one decision undone and redone
 * with Ctrl+Z / Ctrl+Shift+Z), the report is exported as a self-contained HTML page, and the
 * consensus shows in the CMOC table. Screenshots at 1280×720 and 1440×900.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatValue } from '../../shared/agreement/figures';
import { HAVE_CHROMIUM, launchApp, type AppUnderTest } from './helpers';

async function openAgreement(page: Page) {
  await page.getByRole('button', { name: /Open the demo project/ }).click();
  await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
  await page.keyboard.press('Control+Shift+5');
  await page.getByRole('tablist', { name: 'Agreement report' }).waitFor();
}

async function reconciled(app: AppUnderTest): Promise<number> {
  return (await app.service.call('agreement:project', {})).disagreementCount.reconciled;
}

describe.skipIf(!HAVE_CHROMIUM)('agreement in Chromium', () => {
  it('shows the report and heatmap, reconciles three disagreements and a CMOC by keyboard, and the consensus reaches the CMOC table', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page } = app;
    try {
      await openAgreement(page);
      const report = await app.service.call('agreement:project', {});
      expect(report.coders.map((c) => c.name)).toEqual(['Reviewer A', 'Reviewer B']);
      // The summary card prints the services' κ with its unit of analysis.
      const kappa = report.overall.find((o) => o.key === 'char_kappa')!.figure.value!;
      const card = page.getByRole('region', { name: "Cohen's κ on characters" });
      await expect.poll(() => card.locator('.big').textContent()).toContain(formatValue(kappa, 'coefficient'));
      expect(await card.textContent()).toContain('Unit of analysis: character × code, pooled over every document');
      expect(await page.getByLabel('Reconciliation progress').textContent()).toContain(`${report.disagreementCount.total} disagreements · ${report.disagreementCount.reconciled} reconciled`);
      await app.screenshot('agreement-report-1280');

      // Codes: a code only one reviewer used is flagged; an undefined value points to its reason.
      await page.getByRole('tab', { name: /^Codes/ }).click();
      const codes = page.getByRole('table', { name: 'Agreement by code' });
      expect(await codes.locator('tr', { hasText: 'High caseload' }).textContent()).toContain('used by Reviewer B only');

      // Heatmap: Tab reaches the grid; arrows move; the tooltip says the value or why it is undefined.
      await page.getByRole('tab', { name: /^Heatmap/ }).click();
      const grid = page.getByRole('grid', { name: /by code and document/ });
      await grid.waitFor();
      await page.locator('rect.cell[tabindex="0"]').focus();
      await page.keyboard.press('ArrowDown');
      const cols = report.heatmap.documentIds.length;
      const i = 1 * cols + 0;
      const v = report.heatmap.kappa[i] ?? null;
      const tip = page.getByRole('tooltip');
      await expect
        .poll(() => tip.textContent())
        .toContain(v === null ? `undefined: ${report.heatmap.reasons[report.heatmap.reasonIndex[i]!]}` : `κ = ${formatValue(v, 'coefficient')}`);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('1-0');
      await app.screenshot('agreement-heatmap-1280');
      // The accessible table gives the same values.
      await page.getByRole('button', { name: 'Show as a table' }).click();
      const table = page.getByRole('table', { name: 'Agreement by code and document (table)' });
      expect(await table.locator('tbody tr').count()).toBe(report.heatmap.codeIds.length);
      await page.getByRole('button', { name: 'Show as a heatmap' }).click();

      // Export: the HTML page downloads, self-contained.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'HTML page' }).click()]);
      expect(download.suggestedFilename()).toBe('Case management for frequent users (demo) - agreement Reviewer A vs Reviewer B.html');
      const html = fs.readFileSync((await download.path())!, 'utf8');
      expect(html).toContain('<svg');
      expect(html).not.toMatch(/<script/i);

      // Disagreements: the largest open one is a click or Enter away from reconciliation.
      await page.getByRole('tab', { name: /^Disagreements/ }).click();
      const list = page.getByRole('listbox', { name: 'Disagreements, largest first' });
      await list.focus();
      const before = await reconciled(app);
      await page.keyboard.press('Enter');
      const view = page.getByRole('region', { name: 'Reconcile disagreements' }).or(page.locator('.reconcile'));
      await page.getByRole('group', { name: 'Decision' }).waitFor();
      await app.screenshot('agreement-reconcile-1280');

      // Three decisions by keyboard: 2 (accept B), 3 (keep both), 4 (merge), each with a rationale and Enter.
      const decisions: Array<[string, string]> = [
        ['2', 'Reviewer B is right: this is about reachability.'],
        ['3', 'Both codes hold here.'],
        ['4', 'One passage, both boundaries.'],
      ];
      for (const [key, why] of decisions) {
        const heading = await page.locator('.reconcile-card h3').first().textContent();
        await page.keyboard.press(key);
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Rationale');
        await page.keyboard.type(why);
        await page.keyboard.press('Enter');
        await page.locator('.reconcile .status', { hasText: 'recorded in the consensus layer' }).waitFor();
        // The view moved on to another open disagreement.
        await expect.poll(() => page.locator('.reconcile-card h3').first().textContent()).not.toBe(heading);
      }
      expect(await reconciled(app)).toBe(before + 3);
      const rationales = (app.service.store!.db.prepare('SELECT rationale FROM consensus_decisions ORDER BY created_at DESC, rowid DESC LIMIT 3').all() as Array<{ rationale: string }>).map((r) => r.rationale);
      expect(rationales.sort()).toEqual(decisions.map(([, why]) => why).sort());

      // Ctrl+Z takes the last decision back whole; Ctrl+Shift+Z brings it back.
      await view.first().focus();
      await page.keyboard.press('Control+z');
      await expect.poll(() => reconciled(app)).toBe(before + 2);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(() => reconciled(app)).toBe(before + 3);

      // Esc returns to the report; the CMOC tab reconciles by keyboard too: 4 merges the matched pair.
      await page.keyboard.press('Escape');
      await page.getByRole('tab', { name: /^CMOCs/ }).click();
      const items = page.getByRole('listbox', { name: 'CMOCs to reconcile' });
      await items.focus();
      await page.keyboard.press('4');
      await page.keyboard.type('Both configurations describe the same path; keep every code.');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Merge into one: recorded' }).first().waitFor();

      // The CMOC table opens on the consensus layer and shows what was agreed.
      await page.keyboard.press('Control+Shift+4');
      const cmocTable = page.getByRole('table', { name: 'CMOC table' });
      await cmocTable.locator('tbody tr').first().waitFor();
      expect(await page.getByLabel('Filter by layer').inputValue()).toBe('consensus');
      const labels = await cmocTable.locator('td.cmoc-label').allTextContents();
      // The demo's agreed CMOCs (CMOC 1 kept at reconciliation, the rest agreed for the refined theory) and the merge just made.
      expect(labels).toHaveLength(7);
      expect(labels).toEqual(expect.arrayContaining(['CMOC 1 (agreed)', 'CMOC 6 (agreed)', 'CMOC 2 + CMOC B1']));
      await app.screenshot('agreement-consensus-cmocs-1280');
    } finally {
      await app.close();
    }
  });

  it('reads well at 1440×900: the report, the heatmap and the reconciliation view', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page } = app;
    try {
      await openAgreement(page);
      await app.screenshot('agreement-report-1440');
      await page.getByRole('tab', { name: /^Heatmap/ }).click();
      await page.locator('rect.cell[tabindex="0"]').focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tooltip').waitFor();
      await app.screenshot('agreement-heatmap-1440');
      await page.getByRole('tab', { name: /^Codes/ }).click();
      await app.screenshot('agreement-codes-1440');
      await page.getByRole('tab', { name: /^Disagreements/ }).click();
      await page.locator('.disagreement-list li').first().click();
      await page.getByRole('group', { name: 'Decision' }).waitFor();
      await app.screenshot('agreement-reconcile-1440');
      // Every choice key shows its option pressed.
      await page.keyboard.press('1');
      expect(await page.getByRole('button', { name: /Accept Reviewer A/ }).getAttribute('aria-pressed')).toBe('true');
    } finally {
      await app.close();
    }
  });
});
