/**
 * In real Chromium through the web bridge: the export dialog (a filtered CMOC export with memos,
 * downloaded by the browser and read back; keyboard: first field focused, Enter exports, Esc
 * closes, focus back on the button), the duplicate review of records sharing a supplement DOI
 * (flagged "same DOI, different titles", nothing preselected for a merge, similarity shown, the
 * summary's cluster count equal to the tab's), a 60-record cluster shown as a list, and panes
 * whose collapsed state survives a reload. Screenshots at 1280×720 and 1440×900 go to
 * screenshots/ for a person to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiService } from '../../electron/services/api-service';
import { percent, titleSimilarity } from '../../shared/dedupe/record-similarity';
import { HAVE_CHROMIUM, launchApp } from './helpers';

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function openDemo(page: Page) {
  await page.getByRole('button', { name: /Open the demo project/ }).click();
  await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
}

/** A new, empty project with "Tester" as its coder; `fill` runs calls before the page opens it. */
async function makeProject(fill?: (call: ReturnType<typeof createApiService>['call']) => Promise<void>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-dups-'));
  scratch.push(dir);
  const service = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
  const file = path.join(dir, 'dups.realist');
  await service.call('project:create', { path: file, name: 'Duplicates test' });
  await service.call('session:setCoder', { name: 'Tester', create: true });
  if (fill) await fill(service.call.bind(service));
  service.close();
  return file;
}

/** RIS text of journal articles. */
function ris(records: Array<{ title: string; authors: string[]; doi: string; year?: number }>): string {
  return records
    .map((r) => ['TY  - JOUR', `TI  - ${r.title}`, ...r.authors.map((a) => `AU  - ${a}`), `PY  - ${r.year ?? 2020}`, 'JO  - Journal of Supplements', `DO  - ${r.doi}`, 'ER  - ', ''].join('\n'))
    .join('\n');
}

/** Three abstracts of one supplement: one DOI, one first author, three different works. */
const SUPPLEMENT = [
  { title: "Epilepsy in Wilson's disease: a case series", authors: ['Smith, Jane', 'Jones, Ali'], doi: '10.1002/mds.supp.2020' },
  { title: 'Behaviour of speech in hepatolenticular degeneration', authors: ['Smith, Jane', 'Jones, Ali'], doi: '10.1002/mds.supp.2020' },
  { title: 'Liver transplantation outcomes in paediatric patients', authors: ['Smith, Jane', 'Brown, Lee'], doi: '10.1002/mds.supp.2020' },
  { title: 'An unrelated trial of case management', authors: ['Garcia, Maria'], doi: '10.1000/other.1' },
];

describe.skipIf(!HAVE_CHROMIUM)('exports, duplicates and panes in Chromium', () => {
  it('downloads the filtered CMOCs with memos through the export dialog, by keyboard', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+4');
      const table = page.getByRole('table', { name: 'CMOC table' });
      await table.locator('.cmoc-row').first().waitFor();
      const all = await app.service.call('cmocs:list', {});
      const unfiltered = await table.locator('.cmoc-row').count();
      // A memo on the first CMOC the table shows, so the memos column has something to show.
      const firstId = await table.locator('.cmoc-row').first().getAttribute('data-cmoc-id');
      const target = all.find((c) => c.id === firstId)!;
      await app.service.call('memos:create', { targetType: 'cmoc', targetId: target.id, body: 'Check the refuting case in the 2019 interview.' });
      // Filter by one code of the memo's CMOC: the table shows fewer rows than the project has.
      const code = target.codes[0]!;
      await page.getByLabel('Filter by code').selectOption(code.codeId);
      await expect.poll(async () => table.locator('.cmoc-row').count()).toBeLessThan(unfiltered);
      const shownLabels = (await table.locator('.cmoc-row .cmoc-label').allTextContents()).sort();
      expect(shownLabels.length).toBeGreaterThan(0);
      expect(shownLabels).toContain(target.label);

      // Keyboard: the button opens the dialog on its first field.
      const exportButton = page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Export…' });
      await exportButton.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Export' });
      await dialog.waitFor();
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('export-what');
      expect(await dialog.getByRole('radio', { name: /^All \d+ CMOCs$/ }).isChecked()).toBe(true);
      await app.screenshot('export-dialog-1280');

      // Esc closes it and gives focus back to the button.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Export…');

      // Again: only the rows shown, with memos, CSV, a name of our own; Enter downloads.
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await page.keyboard.press('ArrowDown'); // the next "What": the filtered rows
      expect(await dialog.getByRole('radio', { name: `Only the ${shownLabels.length} ${shownLabels.length === 1 ? 'CMOC' : 'CMOCs'} the table shows (filtered)` }).isChecked()).toBe(true);
      await dialog.getByRole('checkbox', { name: 'Memos written on each CMOC' }).check();
      await dialog.getByRole('textbox').fill('filtered cmocs');
      await app.screenshot('export-dialog-filled-1280');
      await page.setViewportSize({ width: 1440, height: 900 });
      await app.screenshot('export-dialog-filled-1440');
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('textbox').press('Enter')]);
      expect(download.suggestedFilename()).toBe('filtered cmocs.csv');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Export…');
      await page.getByRole('group', { name: 'Export' }).getByRole('status').filter({ hasText: `Downloaded filtered cmocs.csv (${shownLabels.length} row` }).waitFor();

      const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
      expect(parsed.meta.fields).toContain('Memos');
      expect(parsed.data.length).toBe(shownLabels.length);
      expect(parsed.data.map((r) => r.CMOC).sort()).toEqual(shownLabels);
      expect(parsed.data.find((r) => r.CMOC === target.label)!.Memos).toBe('Reviewer A: Check the refuting case in the 2019 interview.') // the demo codes as Reviewer A;
    } finally {
      await app.close();
    }
  });

  it('flags three records sharing a supplement DOI, preselects no merge, shows similarity, and counts clusters alike', async () => {
    const project = await makeProject();
    const app = await launchApp({ project, width: 1440, height: 900 });
    const { page } = app;
    try {
      await page.getByRole('heading', { name: 'No records yet' }).waitFor();
      await page.getByRole('button', { name: 'Import records…' }).click();
      await page.getByLabel('Choose files…').setInputFiles({ name: 'supplement.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.from(ris(SUPPLEMENT)) });
      const summary = page.getByRole('region', { name: 'Import summary' });
      await summary.waitFor();
      expect(await summary.getByTestId('summary-imported').textContent()).toBe('4');
      expect(await summary.getByTestId('summary-duplicates').textContent()).toBe('2');
      expect(await summary.getByTestId('summary-clusters').textContent()).toBe('1');
      const tab = page.getByRole('tab', { name: /Duplicates/ });
      await expect.poll(async () => tab.locator('.lib-badge').textContent()).toBe('1');
      // The summary collapses to its title and counts (remembered), and expands again.
      await summary.getByRole('button', { name: 'Collapse' }).click();
      expect(await summary.locator('.lib-summary-formats').count()).toBe(0);
      expect(await summary.getByTestId('summary-clusters').textContent()).toBe('1');
      await app.screenshot('import-summary-collapsed-1440');
      expect(await page.evaluate(() => localStorage.getItem('realist-pane-import-summary'))).toBe('closed');
      await summary.getByRole('button', { name: 'Expand' }).click();
      await summary.locator('.lib-summary-formats').waitFor();

      await tab.click();
      const list = page.getByRole('navigation', { name: 'Duplicate clusters' });
      expect(await list.locator('.lib-dups-count').textContent()).toBe('1 open cluster');
      const item = list.getByRole('option');
      expect(await item.locator('.lib-flag').textContent()).toBe('same DOI, different titles');
      // Lowest similarity to record 1: authors [Smith, Jones] vs [Smith, Brown] share 1 of 3 names.
      const lowestTitle = Math.min(titleSimilarity(SUPPLEMENT[0]!.title, SUPPLEMENT[1]!.title), titleSimilarity(SUPPLEMENT[0]!.title, SUPPLEMENT[2]!.title));
      expect(await item.locator('.lib-sim').textContent()).toBe(`title ${percent(lowestTitle)}authors 33 %`);

      const compare = page.getByRole('region', { name: 'Compare duplicate records' });
      await compare.waitFor();
      expect(await compare.getByRole('note').textContent()).toMatch(/share a DOI, but their titles name different works/);
      // Nothing preselected: no record to keep, so merging is not offered until one is chosen.
      for (let i = 1; i <= 3; i++) expect(await compare.getByRole('radio', { name: `Keep record ${i}` }).isChecked()).toBe(false);
      const merge = compare.getByRole('button', { name: 'Merge into one' });
      expect(await merge.isDisabled()).toBe(true);
      expect(await compare.getByRole('button', { name: 'Not duplicates' }).getAttribute('class')).toBe('primary');
      // Similarity beside each record, against record 1: the same authors, then one of three.
      const simRow = compare.locator('tr.lib-sim-row td');
      expect(await simRow.nth(1).textContent()).toBe(`title ${percent(titleSimilarity(SUPPLEMENT[0]!.title, SUPPLEMENT[1]!.title))}authors 100 %`);
      expect(await simRow.nth(2).textContent()).toBe(`title ${percent(titleSimilarity(SUPPLEMENT[0]!.title, SUPPLEMENT[2]!.title))}authors 33 %`);
      // Pressing M does not merge either.
      await compare.focus();
      await page.keyboard.press('m');
      expect((await app.service.call('duplicates:list', { status: 'open' })).total).toBe(1);
      await app.screenshot('duplicates-supplement-doi-1440');
      await page.setViewportSize({ width: 1280, height: 720 });
      await app.screenshot('duplicates-supplement-doi-1280');

      // Choosing a record to keep makes the merge possible.
      await compare.getByRole('radio', { name: 'Keep record 2' }).check();
      expect(await merge.isDisabled()).toBe(false);
    } finally {
      await app.close();
    }
  });

  it('shows a cluster of 60 records as a list that fits the width, at 1280×720 and 1440×900', async () => {
    // 60 abstracts of one supplement: 10 topics × 6 settings, so no two share both; coauthors differ.
    const topics = ['Tremor severity', 'Dystonia onset', 'Gait freezing', 'Speech intelligibility', 'Sleep quality', 'Mood disorders', 'Cognitive decline', 'Liver fibrosis', 'Copper excretion', 'Kayser rings'];
    const settings = ['among rural clinics', 'within urban hospitals', 'during adolescence', 'after chelation therapy', 'across European registries', 'before transplantation'];
    const letters = (i: number) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
    const records = Array.from({ length: 60 }, (_, i) => ({
      title: `${topics[i % 10]} ${settings[Math.floor(i / 10)]}`,
      authors: ['Smith, Jane', `Coauthor${letters(i)}, Sam`],
      doi: '10.1002/mds.supp.2021',
    }));
    const project = await makeProject(async (call) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-ris-'));
      scratch.push(dir);
      const file = path.join(dir, 'supplement-60.ris');
      fs.writeFileSync(file, ris(records));
      await call('records:import', { paths: [file] });
    });
    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      const app = await launchApp({ project, width, height });
      const { page } = app;
      try {
        await page.getByRole('tab', { name: /Duplicates/ }).click();
        const compare = page.getByRole('region', { name: 'Compare duplicate records' });
        await compare.waitFor();
        const items = compare.getByRole('list', { name: 'Records of the cluster' }).locator('> li');
        expect(await items.count()).toBe(60);
        // A list, not a 14,000-pixel table: nothing scrolls sideways, the page has no scrollbar.
        const scroll = compare.locator('.lib-compare-scroll');
        expect(await scroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
        expect(await items.nth(59).locator('.lib-list-title').textContent()).toBe(records[59]!.title);
        // A supplement: flagged, nothing kept by default; [Smith, CoauthorAA] vs [Smith, CoauthorAB]: 1 of 3 names.
        expect(await compare.getByRole('note').count()).toBe(1);
        expect(await compare.getByRole('radio', { checked: true }).count()).toBe(0);
        expect(await items.nth(1).locator('.lib-sim').textContent()).toMatch(/authors 33 %$/);
        await app.screenshot(`duplicates-60-list-${width}`);
      } finally {
        await app.close();
      }
    }
  });

  it('remembers collapsed panes across a reload: library details and the CMOC pane', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+1');
      await page.getByRole('button', { name: 'Hide details' }).click();
      await page.getByRole('button', { name: 'Show details' }).waitFor();
      expect(await page.locator('.lib-main').getAttribute('class')).toBe('lib-main');

      await page.keyboard.press('Control+Shift+4');
      const table = page.getByRole('table', { name: 'CMOC table' });
      await table.locator('.cmoc-row').first().click();
      await page.getByRole('article', { name: 'CMOC detail' }).waitFor();
      await page.getByRole('button', { name: 'Collapse the CMOC pane' }).click();
      const strip = page.getByRole('button', { name: /^Show CMOC \d+ in the pane$/ });
      await strip.waitFor();
      expect(await page.getByRole('article', { name: 'CMOC detail' }).count()).toBe(0);
      await app.screenshot('cmoc-pane-collapsed-1280');

      await page.reload();
      await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
      await page.keyboard.press('Control+Shift+1');
      await page.getByRole('button', { name: 'Show details' }).waitFor();
      await app.screenshot('library-details-collapsed-1280');
      await page.keyboard.press('Control+Shift+4');
      await table.locator('.cmoc-row').first().click();
      await strip.waitFor();
      expect(await page.getByRole('article', { name: 'CMOC detail' }).count()).toBe(0);
      // The strip brings the pane back, and that is remembered too.
      await strip.click();
      await page.getByRole('article', { name: 'CMOC detail' }).waitFor();
      expect(await page.evaluate(() => localStorage.getItem('realist-pane-cmoc-detail'))).toBe('open');
    } finally {
      await app.close();
    }
  });
});
