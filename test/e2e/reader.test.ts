/**
 * The reader in real Chromium through the web bridge: attach full texts, open a two-column
 * article, select a passage WITH THE MOUSE, press H, and check the highlight is saved (the
 * excerpt row has the quote) and drawn on the same words after a reload and at 200%. Also
 * measures how long the 117-page PDF takes to show its first page, and takes screenshots
 * (screenshots/reader-*.png) for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixture, HAVE_FIXTURES } from '../helpers/fixtures';
import { HAVE_CHROMIUM, launchApp, selectInTranscript, type AppUnderTest } from './helpers';

const DATTA = 'pdf/articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf';
const GEOTOPO = 'pdf/articles/GeoTopo_117pages_german_lecture-notes.pdf';
const ENCRYPTED = 'pdf/derived/Datta2010_ENCRYPTED_userpw-realist.pdf';
const SCANNED = 'pdf/derived/Tully2010_SCANNED_image-only_no-text-layer.pdf';
const ROTATED = 'pdf/derived/AgyemanDuah2014_ROTATED_p3-90_p5-180_p7-270.pdf';

/** A short interview transcript written for this test (not a fixture). */
const TRANSCRIPT = [
  'Interview 7, case manager, community health centre',
  '',
  'Interviewer: How did the frequent users react to the first home visit?',
  '',
  'Case manager: Most of them were wary at first. Once they saw that someone would call them back within a day, they started to trust the team and came to the clinic instead of the emergency department.',
  '',
  'Interviewer: What made the difference, in your view?',
  '',
  'Case manager: Continuity. The same nurse every time, who knew their medication and their family situation.',
].join('\n');

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

async function openProject(app: AppUnderTest): Promise<void> {
  await app.service.call('project:create', { path: path.join(app.projectsDir, 'Reader test.realist'), name: 'Reader test' });
  await app.service.call('session:setCoder', { name: 'Tester', create: true });
  await app.page.reload();
  await app.page.locator('.topbar-title strong', { hasText: 'Reader test' }).waitFor();
}

async function showDocuments(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+2');
  await page.getByRole('region', { name: 'Documents' }).waitFor();
}

async function openDocument(page: Page, title: string | RegExp): Promise<void> {
  await page.locator('.documents-table button.doc-title', { hasText: title }).first().click();
  await page.locator('.reader-shell').waitFor();
}

/** The client boxes of text-layer spans `indexes` on page 0. */
async function spanBoxes(page: Page, indexes: number[]): Promise<Box[]> {
  return page.evaluate((ix) => {
    const spans = [...document.querySelectorAll('.pdf-page[data-page-index="0"] .textLayer span')] as HTMLElement[];
    return ix.map((i) => {
      const r = spans[i]!.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    });
  }, indexes);
}

async function highlightBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() =>
    ([...document.querySelectorAll('.pdf-page[data-page-index="0"] .pdf-highlight')] as HTMLElement[])
      .map((el) => el.getBoundingClientRect())
      .map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height })),
  );
}

/**
 * Every span box is covered by one highlight box: left and right edges within `tol` pixels;
 * top and bottom within `tol` plus 15% of the line height, because a highlight is drawn from
 * the glyphs' text box (the font's ascent to descent) while a text-layer span is one font
 * size tall.
 */
function expectSameWords(spans: Box[], highlights: Box[], tol: number): void {
  expect(highlights.length).toBe(spans.length);
  for (const s of spans) {
    const h = highlights.find((b) => Math.abs(b.top + b.height / 2 - (s.top + s.height / 2)) < s.height / 2);
    expect(h, `a highlight on the line at y=${Math.round(s.top)}`).toBeDefined();
    expect(Math.abs(h!.left - s.left)).toBeLessThan(tol);
    expect(Math.abs(h!.left + h!.width - (s.left + s.width))).toBeLessThan(tol);
    expect(Math.abs(h!.top - s.top)).toBeLessThan(tol + 0.15 * s.height);
    expect(Math.abs(h!.top + h!.height - (s.top + s.height))).toBeLessThan(tol + 0.15 * s.height);
  }
}

async function waitForTextLayer(page: Page): Promise<void> {
  await page.locator('.pdf-page[data-page-index="0"] .textLayer span').first().waitFor();
}

describe.skipIf(!HAVE_CHROMIUM || !HAVE_FIXTURES)('reader in Chromium', () => {
  it('highlights a passage selected with the mouse, and the highlight stays on the same words after a reload and at 200%', async () => {
    const app = await launchApp({ width: 1400, height: 900 });
    const { page } = app;
    try {
      await openProject(app);
      await showDocuments(page);
      await page.getByRole('heading', { name: 'No full texts yet' }).waitFor();
      await app.screenshot('reader-documents-empty');

      const attached = await app.service.call('documents:attach', { paths: [fixture(DATTA), fixture(ENCRYPTED), fixture(SCANNED)] });
      expect(attached.errors).toEqual([]);
      const datta = attached.attached[0]!;
      // The transcript goes through the page's own file chooser (uploaded to the bridge).
      const transcriptFile = path.join(app.dir, 'interview-07.txt');
      fs.writeFileSync(transcriptFile, TRANSCRIPT);
      await page.getByLabel('Choose files…').setInputFiles(transcriptFile);
      await page.getByRole('status').filter({ hasText: 'Attached 1 document' }).waitFor();
      await expect.poll(() => page.locator('.documents-table tbody tr').count()).toBe(4);
      expect(await page.locator('.doc-status-encrypted').textContent()).toBe('encrypted');
      expect(await page.locator('.doc-status-no-text').textContent()).toBe('no text: needs OCR');
      await app.screenshot('reader-documents-list');

      // Unlock the encrypted copy with its password, through the prompt.
      await page.getByRole('button', { name: 'Unlock…' }).click();
      await page.getByLabel('Password').fill('realist');
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Unlocked' }).waitFor();
      await expect.poll(() => page.locator('.doc-status-encrypted').count()).toBe(0);
      // The stored file stays encrypted: the reader asks for the password to draw it.
      await openDocument(page, 'ENCRYPTED');
      await page.getByLabel('PDF password').fill('realist');
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await waitForTextLayer(page);
      expect(await page.locator('.pdf-page').count()).toBe(4);
      await page.getByRole('button', { name: '← Documents' }).click();

      await page.locator(`tr[data-document-id="${datta.documentId}"] button.doc-title`).click();
      await waitForTextLayer(page);
      const dattaMs = await page.evaluate(() => performance.getEntriesByName('reader:first-page')[0]?.duration ?? -1);
      console.log(`[reader] time to first visible page of the 4-page two-column article: ${dattaMs.toFixed(0)} ms`);

      // Two consecutive body-text lines of one column: the first long span, and the next span below it.
      const pick = await page.evaluate(() => {
        const spans = [...document.querySelectorAll('.pdf-page[data-page-index="0"] .textLayer span')] as HTMLElement[];
        const page0 = document.querySelector('.pdf-page[data-page-index="0"]')!.getBoundingClientRect();
        for (let i = 0; i + 1 < spans.length; i++) {
          const a = spans[i]!.getBoundingClientRect();
          const b = spans[i + 1]!.getBoundingClientRect();
          const ta = spans[i]!.textContent ?? '';
          const tb = spans[i + 1]!.textContent ?? '';
          const body = a.top > page0.top + page0.height * 0.35 && a.height < 16;
          if (body && ta.length > 40 && tb.length > 40 && b.top > a.top + a.height * 0.8 && b.top < a.top + a.height * 2.2 && Math.abs(a.left - b.left) < 4) {
            return { first: i, texts: [ta, tb] };
          }
        }
        return null;
      });
      expect(pick, 'two consecutive lines of body text on page 1').not.toBeNull();
      const indexes = [pick!.first, pick!.first + 1];
      const [a, b] = await spanBoxes(page, indexes);
      await page.mouse.move(a!.left + 1, a!.top + a!.height / 2);
      await page.mouse.down();
      await page.mouse.move(b!.left + b!.width / 2, b!.top + b!.height / 2, { steps: 6 });
      await page.mouse.move(b!.left + b!.width - 1, b!.top + b!.height / 2, { steps: 4 });
      await page.mouse.up();
      expect((await page.evaluate(() => window.getSelection()?.toString() ?? '')).replace(/\s+/g, '')).toBe(pick!.texts.join('').replace(/\s+/g, ''));
      await page.keyboard.press('h');
      await page.locator('.pdf-page[data-page-index="0"] .pdf-highlight').first().waitFor();
      expectSameWords(await spanBoxes(page, indexes), await highlightBoxes(page), 3);
      await page.locator('.highlight-item').first().waitFor();

      // The excerpt row holds the quote: the two lines' words, in the stored page text.
      const rows = app.service.store!.db.prepare('SELECT quote, page_index AS pageIndex, rects FROM excerpts WHERE document_id = ?').all(datta.documentId) as Array<{ quote: string; pageIndex: number; rects: string }>;
      expect(rows).toHaveLength(1);
      const words = (s: string) => s.replace(/\s+/g, ' ').trim();
      expect(words(rows[0]!.quote)).toContain(words(pick!.texts[0]!));
      expect(words(rows[0]!.quote).replace(/- /g, '-')).toContain(words(pick!.texts[1]!).slice(0, 30));
      expect(rows[0]!.pageIndex).toBe(0);
      expect(JSON.parse(rows[0]!.rects)).toHaveLength(2);

      // A note on the highlight, saved through the side panel.
      await page.getByLabel('Note').fill('Frequent users: trust built by fast call-backs');
      await page.getByRole('button', { name: 'Save note' }).click();
      await expect.poll(() => (app.service.store!.db.prepare('SELECT note FROM excerpts').get() as { note: string | null }).note).toBe('Frequent users: trust built by fast call-backs');
      await app.screenshot('reader-article-highlight');

      // After a reload, the saved highlight is drawn on the same words.
      await page.reload();
      await page.locator('.topbar-title strong', { hasText: 'Reader test' }).waitFor();
      await showDocuments(page);
      await page.locator(`tr[data-document-id="${datta.documentId}"] button.doc-title`).click();
      await waitForTextLayer(page);
      await page.locator('.pdf-page[data-page-index="0"] .pdf-highlight').first().waitFor();
      expectSameWords(await spanBoxes(page, indexes), await highlightBoxes(page), 3);

      // At 200% the rectangles, stored in PDF points, still cover the same words.
      await page.getByLabel('Zoom', { exact: true }).selectOption('2');
      await expect.poll(() => page.getByTestId('zoom-percent').textContent()).toBe('200%');
      await expect
        .poll(async () => {
          const [s] = await spanBoxes(page, indexes);
          const [h] = await highlightBoxes(page);
          return !!s && !!h && s.height > 20 && Math.abs(s.left + s.width - (h.left + h.width)) < 3;
        })
        .toBe(true);
      expectSameWords(await spanBoxes(page, indexes), await highlightBoxes(page), 3);
      await page.locator('.highlight-jump').first().click();
      await page.waitForTimeout(300);
      await app.screenshot('reader-article-zoom-200');

      // Delete, then Ctrl+Z restores it.
      await page.getByRole('button', { name: 'Delete' }).click();
      await expect.poll(() => page.locator('.highlight-item').count()).toBe(0);
      await page.locator('.pdf-scroller').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+z');
      await expect.poll(() => page.locator('.highlight-item').count()).toBe(1);
      expect((app.service.store!.db.prepare('SELECT deleted_at AS d FROM excerpts').get() as { d: string | null }).d).toBeNull();

      // Find in document: Ctrl+F, Enter, matches drawn.
      await page.getByLabel('Zoom', { exact: true }).selectOption('fit-width');
      await page.keyboard.press('Control+f');
      await page.getByLabel('Find in document').fill('prophylaxis');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await page.locator('.find-bar').textContent()) ?? '').toMatch(/1 of \d+/);
      await page.locator('.find-match.current').waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await page.locator('.find-bar').textContent()) ?? '').toMatch(/2 of \d+/);
      await page.waitForTimeout(200);
      await app.screenshot('reader-find');
      await page.keyboard.press('Escape');

      // The transcript: same highlighting, offsets in the text itself.
      await page.getByRole('button', { name: '← Documents' }).click();
      await openDocument(page, 'interview-07');
      await page.locator('.transcript').getByText('they started to trust').waitFor();
      const phrase = 'they started to trust the team';
      await selectInTranscript(page, phrase);
      await page.keyboard.press('h');
      await page.locator('mark.text-highlight').first().waitFor();
      expect(await page.locator('mark.text-highlight').first().textContent()).toBe(phrase);
      const transcriptRow = app.service.store!.db.prepare("SELECT e.quote, e.start, e.end FROM excerpts e JOIN documents d ON d.id = e.document_id WHERE d.kind = 'text'").get() as { quote: string; start: number; end: number };
      expect(transcriptRow.quote).toBe(phrase);
      expect(TRANSCRIPT.slice(transcriptRow.start, transcriptRow.end)).toBe(phrase);
      await app.screenshot('reader-transcript-highlight');

      // Back in the article: a second highlight, green, on a line of page 2's right column;
      // the list keeps reading order (page 1's highlight first).
      await page.getByRole('button', { name: '← Documents' }).click();
      await page.locator(`tr[data-document-id="${datta.documentId}"] button.doc-title`).click();
      await waitForTextLayer(page);
      await page.getByLabel('Page number').fill('2');
      await page.getByLabel('Page number').press('Enter');
      await page.locator('.pdf-page[data-page-index="1"] .textLayer span').first().waitFor();
      const right = await page.evaluate(() => {
        const pg = document.querySelector('.pdf-page[data-page-index="1"]')!.getBoundingClientRect();
        const spans = [...document.querySelectorAll('.pdf-page[data-page-index="1"] .textLayer span')] as HTMLElement[];
        const s = spans.find((x) => {
          const r = x.getBoundingClientRect();
          return r.left > pg.left + pg.width / 2 && (x.textContent ?? '').length > 40 && r.top > 150 && r.bottom < window.innerHeight - 50;
        })!;
        const r = s.getBoundingClientRect();
        return { left: r.left, top: r.top, width: r.width, height: r.height };
      });
      await page.getByRole('radio', { name: 'Green' }).click();
      await page.mouse.move(right.left + 1, right.top + right.height / 2);
      await page.mouse.down();
      await page.mouse.move(right.left + right.width - 1, right.top + right.height / 2, { steps: 6 });
      await page.mouse.up();
      await page.keyboard.press('h');
      await page.locator('.pdf-page[data-page-index="1"] .pdf-highlight').first().waitFor();
      const metas = await page.locator('.highlight-item .highlight-meta').allTextContents();
      expect(metas.map((m) => m.match(/p\. (\d+)/)?.[1])).toEqual(['1', '2']);
      expect((app.service.store!.db.prepare('SELECT color FROM excerpts WHERE page_index = 1').get() as { color: string }).color).toBe('#8ce99a');
      await app.screenshot('reader-article-two-highlights');
    } finally {
      await app.close();
    }
  });

  it('opens the 117-page PDF quickly, drawing only the pages near the viewport', async () => {
    const app = await launchApp({ width: 1400, height: 900 });
    const { page } = app;
    try {
      await openProject(app);
      const attached = await app.service.call('documents:attach', { paths: [fixture(GEOTOPO)] });
      expect(attached.attached[0]!.status).toBe('ok');
      await showDocuments(page);
      await page.locator('.documents-table button.doc-title').first().click();
      await page.locator('.pdf-page[data-page-index="0"] canvas').waitFor();
      const firstPageMs = await page.evaluate(() => performance.getEntriesByName('reader:first-page')[0]?.duration ?? -1);
      const marks = await page.evaluate(() => {
        const start = performance.getEntriesByName('reader:open')[0]!.startTime;
        return Object.fromEntries(['reader:content', 'reader:pdf-open', 'reader:data'].map((n) => [n, Math.round((performance.getEntriesByName(n)[0]?.startTime ?? NaN) - start)]));
      });
      console.log(`[reader] 117-page PDF: bytes after ${marks['reader:content']} ms, pdf.js document open after ${marks['reader:pdf-open']} ms, page texts and excerpts after ${marks['reader:data']} ms`);
      console.log(`[reader] time to first visible page of the 117-page PDF: ${firstPageMs.toFixed(0)} ms (from opening the document to page 1 drawn)`);
      expect(firstPageMs).toBeGreaterThan(0);
      expect(await page.locator('.pdf-page').count()).toBe(117);
      // Lazy: only a few canvases exist.
      expect(await page.locator('.pdf-page canvas').count()).toBeLessThanOrEqual(6);
      await waitForTextLayer(page);
      await app.screenshot('reader-117-pages');

      // The outline in the side panel jumps to its chapter's page.
      await page.getByRole('tab', { name: 'Outline' }).click();
      const entries = page.locator('.outline button');
      await entries.first().waitFor();
      const count = await entries.count();
      expect(count).toBeGreaterThan(3);
      await entries.nth(Math.min(5, count - 1)).click();
      await expect.poll(async () => Number(await page.getByLabel('Page number').inputValue())).toBeGreaterThan(1);
      await page.waitForTimeout(300);
      await app.screenshot('reader-117-pages-outline');

      // Thumbnails: drawn only as they scroll into the panel; a click goes to the page.
      await page.getByRole('tab', { name: 'Pages' }).click();
      await page.locator('.thumbnails canvas').first().waitFor();
      const thumbs = await page.locator('.thumbnails canvas').count();
      expect(thumbs).toBeGreaterThan(0);
      expect(thumbs).toBeLessThan(30);
      await page.getByRole('button', { name: 'Page 5', exact: true }).click();
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('5');
      await page.waitForTimeout(300);
      await app.screenshot('reader-117-pages-thumbnails');

      // Scrolling: frame intervals while wheeling through 30 pages (printed, not asserted).
      await page.getByRole('tab', { name: 'Highlights' }).click();
      await page.getByLabel('Page number').fill('10');
      await page.getByLabel('Page number').press('Enter');
      await page.evaluate(() => {
        const w = window as unknown as { frames_: number[]; recording_: boolean };
        w.frames_ = [];
        w.recording_ = true;
        let last = performance.now();
        const tick = (t: number) => {
          w.frames_.push(t - last);
          last = t;
          if (w.recording_) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const scroller = await page.locator('.pdf-scroller').boundingBox();
      await page.mouse.move(scroller!.x + scroller!.width / 2, scroller!.y + scroller!.height / 2);
      for (let i = 0; i < 60; i++) {
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(30);
      }
      const frames = await page.evaluate(() => {
        const w = window as unknown as { frames_: number[]; recording_: boolean };
        w.recording_ = false;
        const f = w.frames_.slice(1).sort((a, b) => a - b);
        return { n: f.length, median: f[Math.floor(f.length / 2)] ?? 0, p95: f[Math.floor(f.length * 0.95)] ?? 0, max: f[f.length - 1] ?? 0 };
      });
      const reached = await page.getByLabel('Page number').inputValue();
      console.log(`[reader] scrolling 117-page PDF from page 10 to page ${reached}: ${frames.n} frames, median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, max ${frames.max.toFixed(0)} ms; canvases alive: ${await page.locator('.pdf-page canvas').count()}`);

      // End jumps to the last page; far pages lose their canvases.
      await page.locator('.pdf-scroller').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('End');
      await page.locator('.pdf-page[data-page-index="116"] canvas').waitFor();
      await expect.poll(() => page.locator('.pdf-page[data-page-index="0"] canvas').count()).toBe(0);
      expect(await page.getByLabel('Page number').inputValue()).toBe('117');
      expect(await page.locator('.pdf-page canvas').count()).toBeLessThanOrEqual(12);
      await app.screenshot('reader-117-pages-end');
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(!HAVE_CHROMIUM || !HAVE_FIXTURES)('reader on rotated pages, keys and page breaks', () => {
  it('honours /Rotate with the text layer turned alike, highlights on a rotated page, zooms with the keyboard and refuses a selection across a page break', async () => {
    const app = await launchApp({ width: 1400, height: 900 });
    const { page } = app;
    try {
      await openProject(app);
      const attached = await app.service.call('documents:attach', { paths: [fixture(ROTATED)] });
      const id = attached.attached[0]!.documentId;
      await showDocuments(page);
      await page.locator(`tr[data-document-id="${id}"] button.doc-title`).click();
      await waitForTextLayer(page);

      // Keyboard zoom: Ctrl+= one step up from fit width, Ctrl+- back down, Ctrl+0 fit width again.
      const fit = await page.getByTestId('zoom-percent').textContent();
      await page.locator('.pdf-scroller').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Equal');
      await expect.poll(() => page.getByTestId('zoom-percent').textContent()).not.toBe(fit);
      await page.keyboard.press('Control+0');
      await expect.poll(() => page.getByTestId('zoom-percent').textContent()).toBe(fit);

      // Page 3 carries /Rotate 90 over upright content (a mechanical rotation of the article):
      // like every viewer we honour it, so the page is landscape and its lines run top to bottom,
      // and the text layer must turn with the canvas.
      await page.getByLabel('Page number').fill('3');
      await page.getByLabel('Page number').press('Enter');
      const p3 = page.locator('.pdf-page[data-page-index="2"]');
      await p3.locator('.textLayer span').first().waitFor();
      const size = await p3.boundingBox();
      expect(size!.width).toBeGreaterThan(size!.height);
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('3');
      const line = await page.evaluate(() => {
        const spans = [...document.querySelectorAll('.pdf-page[data-page-index="2"] .textLayer span')] as HTMLElement[];
        const s = spans.find((x) => (x.textContent ?? '').length > 40)!;
        const r = s.getBoundingClientRect();
        return { text: s.textContent ?? '', left: r.left, top: r.top, width: r.width, height: r.height, index: spans.indexOf(s) };
      });
      // The text layer turned with the page: a long line is far taller than wide.
      expect(line.height).toBeGreaterThan(line.width * 5);
      await page.mouse.move(line.left + line.width / 2, line.top + 1);
      await page.mouse.down();
      await page.mouse.move(line.left + line.width / 2, line.top + line.height - 1, { steps: 6 });
      await page.mouse.up();
      await page.keyboard.press('h');
      const hl = p3.locator('.pdf-highlight').first();
      await hl.waitFor();
      const hb = await hl.boundingBox();
      expect(Math.abs(hb!.y - line.top)).toBeLessThan(3);
      expect(Math.abs(hb!.y + hb!.height - (line.top + line.height))).toBeLessThan(3);
      expect(Math.abs(hb!.x + hb!.width / 2 - (line.left + line.width / 2))).toBeLessThan(line.width / 2);
      const row = app.service.store!.db.prepare('SELECT quote, page_index AS pageIndex FROM excerpts').get() as { quote: string; pageIndex: number };
      expect(row.pageIndex).toBe(2);
      expect(row.quote.replace(/\s+/g, ' ').trim()).toBe(line.text.replace(/\s+/g, ' ').trim());
      await page.locator('.highlight-jump').first().click();
      await app.screenshot('reader-rotated-page-3');

      // Turning the page three quarters more (view only) shows its content upright; the
      // highlight, stored in PDF points, turns with it and stays on the same line.
      await expect.poll(() => page.getByLabel('Page number').inputValue()).toBe('3');
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Rotate page' }).click();
      await expect
        .poll(async () => {
          const b = await p3.boundingBox();
          return b!.height > b!.width;
        })
        .toBe(true);
      await expect
        .poll(() =>
          page.evaluate((ix) => {
            const span = document.querySelectorAll('.pdf-page[data-page-index="2"] .textLayer span')[ix]!.getBoundingClientRect();
            const h = document.querySelector('.pdf-page[data-page-index="2"] .pdf-highlight')!.getBoundingClientRect();
            const upright = span.width > span.height * 5;
            const same = Math.abs(h.left - span.left) < 3 && Math.abs(h.right - span.right) < 3 && Math.abs((h.top + h.bottom) / 2 - (span.top + span.bottom) / 2) < span.height / 2;
            return upright && same;
          }, line.index),
        )
        .toBe(true);
      await page.locator('.highlight-jump').first().click();
      await app.screenshot('reader-rotated-page-3-turned-upright');

      // A selection from the end of page 1 into page 2 is refused, with the reason.
      await page.evaluate(() => {
        const a = [...document.querySelectorAll('.pdf-page[data-page-index="0"] .textLayer span')].pop()!;
        const b = document.querySelector('.pdf-page[data-page-index="1"] .textLayer span')!;
        window.getSelection()!.setBaseAndExtent(a.firstChild!, 0, b.firstChild!, 1);
      });
      await page.keyboard.press('h');
      await page.getByRole('status').filter({ hasText: 'cannot cross a page break' }).waitFor();
      expect((app.service.store!.db.prepare('SELECT count(*) AS n FROM excerpts').get() as { n: number }).n).toBe(1);

      // A highlight saved without rectangles (by the command line) is drawn from its text position.
      const detail = await app.service.call('documents:get', { id });
      const phrase = 'situational analysis';
      const at = detail.pages[0]!.text.indexOf(phrase);
      expect(at).toBeGreaterThan(0);
      const bare = await app.service.call('excerpts:create', { documentId: id, pageIndex: 0, start: at, end: at + phrase.length, quote: phrase });
      await page.getByRole('button', { name: '← Documents' }).click();
      await page.locator(`tr[data-document-id="${id}"] button.doc-title`).click();
      const bareBox = page.locator(`.pdf-page[data-page-index="0"] .pdf-highlight[data-highlight-id="${bare.id}"]`).first();
      await bareBox.waitFor();
      const under = await page.evaluate((hid) => {
        const el = document.querySelector(`.pdf-highlight[data-highlight-id="${hid}"]`)!.getBoundingClientRect();
        const out: string[] = [];
        for (const fx of [0.1, 0.5, 0.9]) {
          const r = document.caretRangeFromPoint(el.left + el.width * fx, el.top + el.height / 2);
          if (r && r.startContainer.nodeType === Node.TEXT_NODE) {
            const t = (r.startContainer as Text).data;
            const i = r.startOffset;
            out.push(t.slice(Math.max(0, i - 12), i + 12));
          }
        }
        return out.join(' | ');
      }, bare.id);
      expect(under).toMatch(/situational|analysis/);
      await page.getByRole('button', { name: '← Documents' }).click();
      await page.locator(`tr[data-document-id="${id}"] button.doc-title`).click();
      await page.locator(`.pdf-page[data-page-index="0"] .pdf-highlight`).first().waitFor();

      // When the stored text no longer holds the quote (a re-extraction changed it), the
      // highlight is listed with its words and marked orphaned, never dropped.
      const store = app.service.store!;
      store.act({ label: 'Re-extract page 3', verb: 'update', entityType: 'document', entityId: id }, () =>
        store.db.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND page_index = 2').run('This page was extracted again and says something else entirely.', id),
      );
      await page.getByRole('button', { name: '← Documents' }).click();
      await page.locator(`tr[data-document-id="${id}"] button.doc-title`).click();
      const orphan = page.locator('.highlight-item.orphaned');
      await orphan.waitFor();
      expect(await page.locator('.highlight-item').count()).toBe(2);
      expect(await orphan.locator('.status-badge').textContent()).toBe('orphaned');
      expect((await orphan.locator('.highlight-quote').textContent())!.replace(/\s+/g, ' ').trim()).toBe(row.quote.replace(/\s+/g, ' ').trim());
      await app.screenshot('reader-orphaned-highlight');

      // Dropping a file on the documents list attaches it.
      expect((app.service.store!.db.prepare('SELECT count(*) AS n FROM excerpts').get() as { n: number }).n).toBe(2);
      await page.getByRole('button', { name: '← Documents' }).click();
      const drop = await page.evaluateHandle(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['# Field notes, ward 3\n\nThe nurse phoned every patient the day after discharge.\n'], 'field-notes-ward-3.md', { type: 'text/markdown' }));
        return dt;
      });
      await page.dispatchEvent('section.documents', 'drop', { dataTransfer: drop });
      await page.locator('.documents-table tr', { hasText: 'field-notes-ward-3.md' }).waitFor();
      expect(await page.locator('.documents-table tr', { hasText: 'field-notes-ward-3.md' }).locator('td').nth(4).textContent()).toBe('Markdown');
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(!HAVE_CHROMIUM)('reader on the demo project', () => {
  it("shows the demo interview with both coders' highlights, listed in reading order", async () => {
    const app = await launchApp({ width: 1400, height: 900 });
    const { page } = app;
    try {
      await page.getByRole('button', { name: /Open the demo project/ }).click();
      await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
      await showDocuments(page);
      await openDocument(page, 'Interview: a patient');
      await page.locator('mark.text-highlight').first().waitFor();
      const items = await page.locator('.highlight-item .highlight-quote').allTextContents();
      expect(items.length).toBeGreaterThanOrEqual(2);
      // Reading order: each listed quote appears in the transcript after the previous one (or overlaps it).
      const text = (await page.locator('.transcript').textContent()) ?? '';
      const starts = items.map((q) => text.indexOf(q.replace(/…$/, '').slice(0, 40)));
      expect(starts.every((x) => x >= 0)).toBe(true);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
      await app.screenshot('reader-demo-transcript');
    } finally {
      await app.close();
    }
  });
});
