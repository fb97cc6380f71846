/**
 * The library in real Chromium through the web bridge: import a real Scopus export with the
 * file chooser (uploaded: the page names no path), drop an ASReview export on the window, read the summary, filter by screening
 * decision, quick-find a title word, open a record's detail; review duplicates; and scroll a
 * 20,000-record library to its last record with only a window of rows in the DOM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiService } from '../../electron/services/api-service';
import { fixture, HAVE_FIXTURES } from '../helpers/fixtures';
import { HAVE_CHROMIUM, launchApp, type AppUnderTest } from './helpers';

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A new project file, optionally filled through the services before the page opens it. */
async function makeProject(fill?: (call: ReturnType<typeof createApiService>['call']) => Promise<void>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-lib-'));
  scratch.push(dir);
  const service = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
  const file = path.join(dir, 'library.realist');
  await service.call('project:create', { path: file, name: 'Library test' });
  await service.call('session:setCoder', { name: 'Tester', create: true });
  if (fill) await fill(service.call.bind(service));
  service.close();
  return file;
}

/** Drops a file on the window the way a file manager does: dragenter, dragover, drop with a DataTransfer. */
async function dropFile(app: AppUnderTest, name: string, text: string): Promise<void> {
  await app.page.evaluate(
    ([fileName, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], fileName, { type: 'application/x-research-info-systems' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    [name, text] as const,
  );
}

/** RIS text for `n` distinct journal articles, numbered so the last one can be found. */
function generatedRis(n: number): string {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(5, '0');
    out.push(
      'TY  - JOUR',
      `TI  - Generated record ${id} on case management for frequent users`,
      `AU  - Author${id}, Alex`,
      `PY  - ${1990 + (i % 35)}`,
      `JO  - Journal of Generated Studies ${i % 17}`,
      `DO  - 10.5555/gen.${id}`,
      `N1  - ${i % 3 === 0 ? 'ASReview_relevant' : 'ASReview_irrelevant'}`,
      'ER  - ',
      '',
    );
  }
  return out.join('\n');
}

const rows = (app: AppUnderTest) => app.page.locator('.vt-body [role="row"]');
const recordCount = (app: AppUnderTest) => app.page.getByTestId('record-count');

describe.skipIf(!HAVE_CHROMIUM || !HAVE_FIXTURES)('library in Chromium', () => {
  it('imports by the file chooser and by drop, filters, finds and shows a record in detail', async () => {
    const app = await launchApp({ project: await makeProject() });
    const { page } = app;
    try {
      await page.getByRole('heading', { name: 'No records yet' }).waitFor();
      await app.screenshot('library-empty');

      // Import the Scopus export (6 records) and a file in no known format through the file chooser.
      await page.getByRole('button', { name: 'Import records…' }).click();
      const chooser = page.getByLabel('Choose files…');
      await expect.poll(() => chooser.evaluate((el) => el === document.activeElement)).toBe(true); // focused, for the keyboard
      await chooser.setInputFiles([fixture('ris/asreview_scopus.ris'), fixture('ovid/jabref_OvidImporterTest2Invalid.txt')]);
      const summary = page.getByRole('region', { name: 'Import summary' });
      await summary.waitFor();
      expect(await summary.getByRole('heading').textContent()).toBe('Imported 2 files');
      expect(await summary.getByTestId('summary-imported').textContent()).toBe('6');
      expect(await summary.getByTestId('summary-errors').textContent()).toBe('1');
      expect(await summary.locator('.lib-summary-formats').textContent()).toBe('Formats detected: asreview_scopus.ris RIS');
      const problem = summary.locator('.lib-summary-errors tbody tr');
      expect(await problem.locator('td').allTextContents()).toEqual(['jabref_OvidImporterTest2Invalid.txt', '1', expect.stringContaining('Not a bibliographic file')]);
      await expect.poll(() => recordCount(app).textContent()).toBe('6 records');
      await app.screenshot('library-import-summary');

      // Drop the ASReview export with decisions in N1 (31 records: 8 relevant or prior, 6 irrelevant).
      const labelled = fs.readFileSync(fixture('ris/asreview_labels_in_N1_notes.ris'), 'utf8');
      await dropFile(app, 'asreview_labels_in_N1_notes.ris', labelled);
      await expect.poll(() => summary.getByRole('heading').textContent()).toBe('Imported asreview_labels_in_N1_notes.ris');
      expect(await summary.getByTestId('summary-imported').textContent()).toBe('32');
      await expect.poll(() => recordCount(app).textContent()).toBe('38 records');
      await app.screenshot('library-import-dropped');

      // Filter by decision: only the included ones remain, and the count says so.
      await page.getByRole('group', { name: 'Screening decision' }).getByRole('button', { name: 'Included' }).click();
      await expect.poll(() => recordCount(app).textContent()).toMatch(/^\d+ of 38 records$/);
      const included = Number((await recordCount(app).textContent())!.split(' ')[0]);
      expect(included).toBeGreaterThan(0);
      expect(await rows(app).count()).toBe(included);
      expect(await page.locator('.vt-body .decision').allTextContents()).toEqual(Array(included).fill('included'));
      await page.getByRole('group', { name: 'Screening decision' }).getByRole('button', { name: 'All' }).click();

      // Quick find (Ctrl+F) a title word of the Scopus file.
      await page.locator('.vt').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+f');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Quick find');
      await page.keyboard.type('epilepsy');
      await expect.poll(() => recordCount(app).textContent()).toBe('1 of 38 records');
      expect(await rows(app).first().textContent()).toContain('Self-compassion and adjustment in epilepsy and psychogenic nonepileptic seizures');

      // Select it: the detail pane shows its journal fields and where it came from.
      await rows(app).first().click();
      const detail = page.getByRole('complementary', { name: 'Record detail' });
      await detail.getByRole('heading', { name: /Self-compassion and adjustment in epilepsy/ }).waitFor();
      expect(await detail.getByTestId('detail-source').textContent()).toMatch(/asreview_scopus\.ris:\d+$/);
      expect(await detail.textContent()).toContain('Abstract');
      await app.screenshot('library-detail');

      // Keyboard: clear the find, Home/End and arrows move the selection.
      await page.getByLabel('Quick find').fill('');
      await expect.poll(() => recordCount(app).textContent()).toBe('38 records');
      await page.locator('.vt').focus();
      await page.keyboard.press('End');
      await expect.poll(() => page.locator('.vt-row.cursor').getAttribute('aria-rowindex')).toBe('39');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press('Shift+ArrowDown');
      await expect.poll(() => recordCount(app).textContent()).toBe('38 records · 3 selected');
      await page.getByLabel('Tag for the selected records').fill('pilot');
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByText('Tagged 3 records “pilot”.').waitFor();
      await page.getByLabel('Tag', { exact: true }).selectOption('pilot');
      await expect.poll(() => recordCount(app).textContent()).toBe('3 of 38 records');
      await rows(app).nth(1).click();
      await detail.locator('.lib-chip.tag', { hasText: 'pilot' }).waitFor();
      expect(await rows(app).nth(1).locator('.lib-tag-inline').textContent()).toBe('pilot');
      await app.screenshot('library-typical');
      // A small laptop window: the filters wrap, the table and the detail pane still share the width.
      await page.setViewportSize({ width: 1024, height: 640 });
      await app.screenshot('library-narrow');
    } finally {
      await app.close();
    }
  });

  it('undoes an import and reviews duplicates side by side', async () => {
    // The same 100 records exported by EndNote and by Zotero: every one has a twin.
    const project = await makeProject(async (call) => {
      await call('records:import', { paths: [fixture('ris/asreview_endnote_baseline_99rec_bom_crlf.ris')] });
    });
    const app = await launchApp({ project });
    const { page } = app;
    try {
      await expect.poll(() => recordCount(app).textContent()).toBe('100 records');
      await page.getByRole('button', { name: 'Import…' }).click();
      await page.getByLabel('Choose files…').setInputFiles(fixture('ris/asreview_zotero_baseline_99rec_crlf.ris'));
      const summary = page.getByRole('region', { name: 'Import summary' });
      await summary.waitFor();
      expect(await summary.getByTestId('summary-imported').textContent()).toBe('100');
      expect(Number(await summary.getByTestId('summary-duplicates').textContent())).toBeGreaterThanOrEqual(90);
      await expect.poll(() => recordCount(app).textContent()).toBe('200 records');

      // Undo removes the whole batch; redo brings it back.
      await summary.getByRole('button', { name: 'Undo import' }).click();
      await expect.poll(() => recordCount(app).textContent()).toBe('100 records');
      await summary.getByRole('button', { name: 'Redo import' }).click();
      await expect.poll(() => recordCount(app).textContent()).toBe('200 records');
      await summary.getByRole('button', { name: 'Close' }).click();

      // Duplicates only.
      await page.getByLabel('Duplicates only').check();
      await expect.poll(() => recordCount(app).textContent()).toMatch(/^\d+ of 200 records$/);

      await page.getByRole('tab', { name: /Duplicates/ }).click();
      const compare = page.getByRole('region', { name: 'Compare duplicate records' });
      await compare.waitFor();
      const clusters = page.getByRole('navigation', { name: 'Duplicate clusters' });
      const before = Number((await clusters.locator('.lib-dups-count').textContent())!.split(' ')[0]);
      expect(before).toBeGreaterThanOrEqual(90);
      expect(await compare.locator('thead th').count()).toBe(3); // the field column and two records
      await app.screenshot('library-duplicates');

      const open = async () => Number((await clusters.locator('.lib-dups-count').textContent())!.split(' ')[0]);
      await compare.getByRole('button', { name: 'Merge into one' }).click();
      await expect.poll(open).toBe(before - 1);
      // Dismiss the next cluster (not duplicates), and split the one after (both records apart).
      await compare.getByRole('button', { name: 'Not duplicates' }).click();
      await expect.poll(open).toBe(before - 2);
      await compare.getByLabel('Not the same work').first().check();
      await compare.getByRole('button', { name: /^Split out/ }).click();
      await expect.poll(open).toBe(before - 3);
      await page.getByRole('tab', { name: 'Records' }).click();
      await page.getByLabel('Duplicates only').uncheck();
      await expect.poll(() => recordCount(app).textContent()).toBe('199 records');
    } finally {
      await app.close();
    }
  });

  it('imports 20,000 records with a progress bar and scrolls to the last one with only a window of rows in the DOM', async () => {
    const N = 20_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-gen-'));
    scratch.push(dir);
    const file = path.join(dir, 'generated-20000.ris');
    fs.writeFileSync(file, generatedRis(N));
    const app = await launchApp({ project: await makeProject() });
    const { page } = app;
    try {
      await page.getByRole('heading', { name: 'No records yet' }).waitFor();
      await page.keyboard.press('Control+i');
      const chooser = page.getByLabel('Choose files…');
      await chooser.waitFor();
      // The services run in this very process, so the test cannot look while the import works:
      // the page itself notes whether the progress bar was shown.
      await page.evaluate(() => {
        const w = window as unknown as { sawProgress?: string };
        new MutationObserver(() => {
          const bar = document.querySelector('.lib-progress');
          if (bar && !w.sawProgress) w.sawProgress = bar.textContent ?? '';
        }).observe(document.body, { childList: true, subtree: true });
      });
      const t0 = Date.now();
      await chooser.setInputFiles(file);
      const summary = page.getByRole('region', { name: 'Import summary' });
      await summary.waitFor({ timeout: 60_000 });
      console.log(`[library] imported ${N} generated records through the page in ${Date.now() - t0} ms`);
      expect(await summary.getByTestId('summary-imported').textContent()).toBe('20,000');
      expect(await page.evaluate(() => (window as unknown as { sawProgress?: string }).sawProgress)).toContain('generated-20000.ris');
      await summary.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => recordCount(app).textContent()).toBe('20,000 records');
      await rows(app).first().waitFor();
      expect(await rows(app).count()).toBeLessThan(200);
      await app.screenshot('library-20000');

      // Scroll steadily through 6,000 rows, one step a frame, as a trackpad fling would; the DOM
      // never holds more than a window of rows. Frame times are printed for the report.
      const fling = await page.locator('.vt').evaluate(
        (el) =>
          new Promise<{ frames: number; medianMs: number; worstMs: number; maxRows: number }>((resolve) => {
            const times: number[] = [];
            let maxRows = 0;
            let last = performance.now();
            const step = () => {
              const now = performance.now();
              times.push(now - last);
              last = now;
              maxRows = Math.max(maxRows, el.querySelectorAll('.vt-body [role="row"]').length);
              if (el.scrollTop >= 6000 * 28 || times.length > 400) {
                const sorted = times.slice(1).sort((a, b) => a - b);
                resolve({ frames: sorted.length, medianMs: sorted[Math.floor(sorted.length / 2)]!, worstMs: sorted[sorted.length - 1]!, maxRows });
                return;
              }
              el.scrollTop += 28 * 20;
              requestAnimationFrame(step);
            };
            requestAnimationFrame(step);
          }),
      );
      console.log(`[library] fling through 6,000 rows: ${fling.frames} frames, median ${fling.medianMs.toFixed(1)} ms, worst ${fling.worstMs.toFixed(1)} ms, at most ${fling.maxRows} rows in the DOM`);
      expect(fling.maxRows).toBeLessThan(200);

      // Drag to the bottom (set scrollTop as a scrollbar drag would), then the last record shows.
      const jumped = Date.now();
      await page.locator('.vt').evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      const last = page.locator('.vt-body [role="row"]', { hasText: 'Generated record 20000' });
      await last.waitFor();
      console.log(`[library] last of ${N} rows drawn ${Date.now() - jumped} ms after jumping to the bottom`);
      expect(await rows(app).count()).toBeLessThan(200);
      expect(await last.getAttribute('aria-rowindex')).toBe(String(N + 1));
      await app.screenshot('library-20000-bottom');

      // The keyboard goes there too: Home, then End selects the last record and shows its detail.
      await page.locator('.vt').focus();
      await page.keyboard.press('Home');
      await page.locator('.vt-body [role="row"]', { hasText: 'Generated record 00001' }).waitFor();
      await page.keyboard.press('End');
      const detail = page.getByRole('complementary', { name: 'Record detail' });
      await detail.getByRole('heading', { name: /Generated record 20000/ }).waitFor();
      await page.keyboard.press('PageUp');
      expect(Number(await page.locator('.vt-row.cursor').getAttribute('aria-rowindex'))).toBeLessThan(N + 1);

      // Sorting by year, descending, is done by the service over all 20,000.
      await page.getByRole('columnheader', { name: 'Year' }).getByRole('button').click();
      await expect.poll(() => page.locator('.vt-body [role="row"]').first().locator('[role="gridcell"]').nth(2).textContent()).toBe('2024');

      // Ctrl+A selects the whole result (rows never drawn included) and tags it in one go.
      await page.locator('.vt').focus();
      await page.keyboard.press('Control+a');
      await expect.poll(() => recordCount(app).textContent()).toBe('20,000 records · 20,000 selected');
      await page.getByLabel('Tag for the selected records').fill('second pass');
      const t1 = Date.now();
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByText('Tagged 20,000 records “second pass”.').waitFor();
      console.log(`[library] tagged all ${N} records from the page in ${Date.now() - t1} ms`);
    } finally {
      await app.close();
    }
  });
});
