/**
 * The Overview's report preview and REFI-QDA panel in Chromium, under the app's real
 * Content-Security-Policy (the web bridge's header; any violation is a console error, which
 * fails the test on close):
 *  - "Preview report" on the demo says it is making the report while it is, then shows the
 *    exported page in a frame: the flow diagram's boxes
 *    with the demo's numbers (6 records identified, 4 included), the report's own style sheet
 *    applied, both theory diagrams decoded, the CMOC table's 6 rows; Escape closes it from
 *    inside the report, and the focus returns to the button;
 *  - "Import .qdpx…" in an empty project takes the demo's archive (exported through the calls)
 *    and shows what came in, the same numbers as the export counted (its theory versions
 *    too); a file that is not an archive is refused in plain words; Ctrl+Z takes the whole
 *    import back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../electron/services/api-service';
import { openDemo } from '../helpers/demo';
import { HAVE_CHROMIUM, launchApp } from './helpers';

describe.skipIf(!HAVE_CHROMIUM)('the report preview and the .qdpx panel in Chromium', () => {
  it('previews the demo report with its real numbers, and closes with Escape', async () => {
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const app = await launchApp({ width, height });
      const { page } = app;
      try {
        await page.getByRole('button', { name: /Open the demo project/ }).click();
        await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
        await page.keyboard.press('Control+Shift+0');
        const panel = page.getByRole('group', { name: 'Review report' });
        const open = panel.getByRole('button', { name: 'Preview report' });
        // The preview's call held back until the page has said it is making it.
        let release: () => void = () => {};
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route('**/api/invoke', async (route) => {
          if (route.request().postData()?.includes('"report:preview"')) await held;
          await route.continue();
        });
        await open.click();
        await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Making the report preview: reading the flow, the documents, the CMOCs/);
        expect(await panel.getAttribute('aria-busy')).toBe('true');
        expect(await open.isDisabled()).toBe(true);
        await app.screenshot(`report-preview-making-${width}x${height}`);
        release();
        const dialog = page.getByRole('dialog', { name: 'Report preview' });
        await dialog.waitFor();
        await page.unroute('**/api/invoke');
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
        await expect.poll(() => dialog.getByTestId('report-preview-summary').textContent()).toMatch(/^6 records identified, 4 included · 6 documents · 6 CMOCs · 2 theory diagrams · \d+ agreement figures · \d+ KB$/);
        // Read from the window (the frame is same-origin but runs no script, not even a test's).
        const inReport = <T,>(fn: (doc: Document) => T) =>
          page.evaluate(`(${fn.toString()})(document.querySelector('iframe[title="Review report"]').contentDocument)`) as Promise<T>;
        await expect.poll(() => inReport((d) => d.querySelector('h1')?.textContent ?? null)).toBe('Case management for frequent users (demo): realist synthesis report');
        const boxes = await inReport((d) => Object.fromEntries([...d.querySelectorAll('svg g.flow-box[data-count]')].map((g) => [g.getAttribute('data-flow'), g.getAttribute('data-count')])));
        expect(boxes).toMatchObject({ identified: '6', included: '4', documentsInSynthesis: '6' });
        expect(await inReport((d) => d.querySelectorAll('#cmoc-table tbody tr').length)).toBe(6);
        expect(await inReport((d) => d.querySelectorAll('#agreement-table tbody tr').length)).toBeGreaterThan(0);
        expect(await inReport((d) => d.querySelectorAll('table.changes').length)).toBeGreaterThan(0);
        // The report's style sheet applies (allowed by its hash), and the theory diagrams decode.
        expect(await inReport((d) => d.defaultView!.getComputedStyle(d.querySelector('h2')!).borderBottomStyle)).toBe('solid');
        await expect.poll(() => inReport((d) => [...d.querySelectorAll('figure.diagram img')].map((i) => (i as HTMLImageElement).naturalWidth > 100))).toEqual([true, true]);
        await app.screenshot(`report-preview-${width}x${height}`);
        // Escape from inside the report closes the preview; the focus comes back to the button.
        const box = (await page.locator('iframe[title="Review report"]').boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + 40);
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
        // Tab from the report stays in the dialog (round to its first button), Shift+Tab comes back to the report.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Download HTML');
        await page.keyboard.press('Shift+Tab');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Preview report');
        // The keyboard opens it again, and Escape on the dialog closes it.
        await page.keyboard.press('Enter');
        await dialog.waitFor();
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      } finally {
        await app.close();
      }
    }
  }, 180_000);

  it('imports a .qdpx from the Overview, shows what came in, and Ctrl+Z takes it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-qdpx-e2e-'));
    try {
      // The demo's archive, through the calls (as the command line would make it).
      const demo = await openDemo(dir);
      const archive = path.join(dir, 'Demo project.qdpx');
      const exported = await demo.api.call('qdpx:export', { path: archive });
      const demoInfo = await demo.api.call('project:info', {});
      demo.close();
      const empty = path.join(dir, 'empty.realist');
      const maker = createApiService({ transport: 'web', configDir: path.join(dir, 'config2'), projectsDir: dir, appVersion: '0.0.0-test' });
      await maker.call('project:create', { path: empty });
      maker.close();

      for (const [width, height] of [
        [1280, 720],
        [1440, 900],
      ] as const) {
        if (width === 1440) {
          // A fresh empty project for the second size.
          fs.rmSync(empty);
          const again = createApiService({ transport: 'web', configDir: path.join(dir, 'config3'), projectsDir: dir, appVersion: '0.0.0-test' });
          await again.call('project:create', { path: empty });
          again.close();
        }
        const app = await launchApp({ project: empty, width, height });
        const { page } = app;
        try {
          await page.getByRole('heading', { name: 'No records yet' }).waitFor();
          await page.keyboard.press('Control+Shift+0');
          const panel = page.getByRole('group', { name: 'REFI-QDA project' });
          await panel.waitFor();
          await expect.poll(() => page.locator('.counts div', { hasText: 'Documents' }).locator('dd').textContent()).toBe('0');
          // A file that is not an archive: refused in plain words, nothing changed.
          await panel.locator('input[type="file"]').setInputFiles({ name: 'notes.qdpx', mimeType: 'application/octet-stream', buffer: Buffer.from('These are my notes, not a project.') });
          await expect
            .poll(() => panel.getByRole('alert').textContent())
            .toBe('notes.qdpx was not imported, and the project is unchanged: notes.qdpx is not a REFI-QDA project archive (.qdpx is a zip file, and this is not one).');
          await panel.locator('input[type="file"]').setInputFiles(archive);
          const result = page.getByRole('region', { name: 'REFI-QDA import result' });
          await result.waitFor({ timeout: 60_000 });
          const figure = (label: string) => result.locator(`dd[data-figure="${label}"]`).textContent();
          expect(await result.locator('strong').textContent()).toBe('Imported Demo project.qdpx');
          expect(await figure('Codes')).toBe(String(exported.counts.codes));
          expect(await figure('Sources')).toBe(String(exported.counts.sources));
          expect(await figure('Passages')).toBe(String(exported.counts.selections));
          expect(await figure('Codings')).toBe(String(exported.counts.codings));
          expect(await figure('CMOCs')).toBe(String(demoInfo.cmocs));
          expect(await figure('Theory versions')).toBe(String(demoInfo.theoryVersions));
          // Every coder of the demo, each into a layer of their own (the consensus layer travels apart).
          expect(await figure('Coders')).toBe(String(demoInfo.coders));
          expect(exported.counts.users).toBe(demoInfo.coders + 1);
          await expect.poll(() => page.locator('.counts div', { hasText: 'Documents' }).locator('dd').textContent()).toBe(String(exported.counts.sources));
          await app.screenshot(`qdpx-import-${width}x${height}`);
          // One undo takes the whole import back.
          await page.locator('body').click({ position: { x: 5, y: 5 } });
          await page.keyboard.press('Control+z');
          await expect.poll(() => result.locator('strong').textContent()).toBe('The import of Demo project.qdpx was undone.');
          await expect.poll(() => page.locator('.counts div', { hasText: 'Documents' }).locator('dd').textContent()).toBe('0');
          expect((await app.service.call('documents:list', {})).length).toBe(0);
          expect((await app.service.call('codes:list', {})).codes.length).toBe(0);
          expect((await app.service.call('theory:list', {})).length).toBe(0);
        } finally {
          await app.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
