/**
 * The review report from the Overview in Chromium on the demo project: the buttons download
 * the HTML and DOCX reports, named after the project, and the HTML holds the demo's flow
 * (6 records identified, 4 included) with APA references when APA is chosen.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchApp } from './helpers';

describe.skipIf(!HAVE_CHROMIUM)('the review report in Chromium', () => {
  it('downloads the HTML and DOCX reports from the Overview', async () => {
    const app = await launchApp({ width: 1280, height: 800 });
    const { page } = app;
    try {
      await page.getByRole('button', { name: /Open the demo project/ }).click();
      await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
      await page.keyboard.press('Control+Shift+0');
      const panel = page.getByRole('group', { name: 'Review report' });
      await panel.waitFor();
      await panel.getByRole('combobox').selectOption('apa');
      await app.screenshot('overview-report-panel');
      const [html] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Report HTML' }).click()]);
      expect(html.suggestedFilename()).toBe('Case management for frequent users (demo) - report.html');
      const text = fs.readFileSync((await html.path())!, 'utf8');
      expect(text).toContain('data-flow="identified" data-count="6"');
      expect(text).toContain('data-flow="included" data-count="4"');
      expect(text).toContain('Hudon, C., &amp; Chouinard, M.-C. (2020).');
      await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Downloaded Case management for frequent users \(demo\) - report\.html/);
      const [docx] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Report DOCX' }).click()]);
      expect(docx.suggestedFilename()).toBe('Case management for frequent users (demo) - report.docx');
      expect(fs.readFileSync((await docx.path())!).subarray(0, 2).toString()).toBe('PK');
    } finally {
      await app.close();
    }
  });
});
