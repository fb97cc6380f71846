/**
 * Coding all day with the keyboard, in real Chromium through the web bridge: open the
 * two-column article, move the reading cursor by word and sentence, extend it with Shift,
 * highlight with H, code with C, find a phrase (Ctrl+F, Enter, Esc) and highlight the match,
 * all without the mouse; focus stays in the text after each step. Then the passages show their
 * codes (chips with the coder, a popover on hover, the coding stripe in the margin), one code is
 * removed with the chip's × and comes back with Ctrl+Z, highlighting the same passage twice
 * selects the first instead of making a twin, and the sidebar counts follow every change.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixture, HAVE_FIXTURES } from '../helpers/fixtures';
import { HAVE_CHROMIUM, launchApp, type AppUnderTest } from './helpers';

const DATTA = 'pdf/articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf';

async function newProject(app: AppUnderTest, name: string): Promise<void> {
  await app.service.call('project:create', { path: path.join(app.projectsDir, `${name}.realist`), name });
  await app.service.call('session:setCoder', { name: 'Tester', create: true });
  await app.page.reload();
  await app.page.locator('.topbar-title strong', { hasText: name }).waitFor();
}

/** What has the keyboard focus: the element's class and, inside the reader, the caret's text. */
async function focusState(page: Page): Promise<{ className: string; collapsed: boolean; inText: boolean; selected: string }> {
  return page.evaluate(() => {
    const sel = window.getSelection();
    const node = sel?.focusNode ?? null;
    const inText = !!node && !!(node instanceof Element ? node : node.parentElement)?.closest('.textLayer, .transcript');
    return { className: (document.activeElement as HTMLElement | null)?.className ?? '', collapsed: !!sel?.isCollapsed, inText, selected: sel?.toString() ?? '' };
  });
}

/** Codes the selected highlight from the picker: C, the typed text, Enter. */
async function codeWithPicker(page: Page, typed: string): Promise<void> {
  await page.keyboard.press('c');
  await page.locator('.reader-code-picker .code-picker input').waitFor();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await page.locator('.reader-code-picker').waitFor({ state: 'detached' });
  await page.locator('.reader-message', { hasText: 'Coded' }).waitFor();
}

describe.skipIf(!HAVE_CHROMIUM || !HAVE_FIXTURES)('coding a PDF with the keyboard', () => {
  it('highlights and codes two passages of the two-column article by keyboard only, then shows, removes and restores their codes', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page, service } = app;
    try {
      await newProject(app, 'Keyboard coding');
      const attached = await service.call('documents:attach', { paths: [fixture(DATTA)] });
      const documentId = attached.attached[0]!.documentId;
      // The browser keeps Ctrl+digit for its tabs: the sections answer Ctrl+Shift+digit, and say so.
      expect(await page.getByRole('button', { name: /^Documents/ }).getAttribute('title')).toBe('Documents (Ctrl+Shift+2)');
      expect(await page.getByRole('button', { name: 'Close project' }).getAttribute('title')).toBe('Close project');
      await page.keyboard.press('Control+Shift+2');
      const title = page.locator('.documents-table button.doc-title').first();
      await title.focus();
      await page.keyboard.press('Enter');
      await page.locator('.pdf-page[data-page-index="0"] .textLayer span').first().waitFor();

      // Opening a document puts the focus in its pages, not on the page body.
      await expect.poll(async () => (await focusState(page)).className).toContain('pdf-scroller');

      // The reading cursor: the first arrow key puts it at the first text in view; Ctrl+↓ goes
      // by sentence, W by word; Shift+W extends the selection word by word.
      await page.keyboard.press('ArrowRight');
      expect((await focusState(page)).inText).toBe(true);
      for (let i = 0; i < 6; i++) await page.keyboard.press('Control+ArrowDown');
      await page.keyboard.press('w');
      for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+W');
      const chosen = (await focusState(page)).selected.trim();
      expect(chosen.split(/\s+/).length).toBeGreaterThanOrEqual(4);
      await expect.poll(async () => page.locator('.reading-caret').count()).toBe(1);
      await page.keyboard.press('h');
      await page.locator('.reader-message', { hasText: 'Highlighted' }).waitFor();
      let list = await service.call('excerpts:list', { documentId });
      expect(list).toHaveLength(1);
      const normalise = (s: string) => s.replace(/\s+/g, '');
      expect(normalise(list[0]!.quote)).toBe(normalise(chosen));
      // Focus stays in the text, the caret just after the passage.
      let state = await focusState(page);
      expect(state.className).toContain('pdf-scroller');
      expect(state.collapsed).toBe(true);
      expect(state.inText).toBe(true);

      await codeWithPicker(page, 'c: Trauma patients at risk');
      await expect.poll(async () => (await focusState(page)).className).toContain('pdf-scroller');
      expect((await focusState(page)).inText).toBe(true);
      // The sidebar's codebook count followed the new code without leaving the reader.
      await expect.poll(() => page.getByRole('button', { name: /^Codebook/ }).locator('.count').textContent()).toBe('1');

      // The second passage through find: Ctrl+F, the words, Enter, Esc selects the match, H.
      await page.keyboard.press('Control+f');
      await page.getByLabel('Find in document').waitFor();
      await page.keyboard.type('recommended primary thromboprophylaxis modality');
      await page.keyboard.press('Enter');
      await page.getByText('1 of 1').waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(async () => normalise((await focusState(page)).selected)).toBe(normalise('recommended primary thromboprophylaxis modality'));
      await page.keyboard.press('h');
      await page.locator('.reader-message', { hasText: 'Highlighted' }).waitFor();
      expect(await service.call('excerpts:list', { documentId })).toHaveLength(2);
      await codeWithPicker(page, 'o: Fewer thromboembolic events');
      await expect.poll(async () => (await focusState(page)).className).toContain('pdf-scroller');
      await expect.poll(() => page.getByRole('button', { name: /^Codebook/ }).locator('.count').textContent()).toBe('2');

      list = await service.call('excerpts:list', { documentId });
      const found = list.find((x) => normalise(x.quote) === normalise('recommended primary thromboprophylaxis modality'))!;
      expect(found.codes.map((c) => [c.name, c.kind, c.coderName])).toEqual([['Fewer thromboembolic events', 'outcome', 'Tester']]);
      expect(list.find((x) => x.id !== found.id)!.codes.map((c) => c.name)).toEqual(['Trauma patients at risk']);

      // The same passage again is refused: the first stays selected, no twin is made.
      await page.keyboard.press('Control+f');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.keyboard.press('h');
      await page.locator('.reader-message', { hasText: 'already highlighted' }).waitFor();
      expect(await service.call('excerpts:list', { documentId })).toHaveLength(2);
      expect(await page.locator('.highlight-item.selected').getAttribute('data-excerpt-id')).toBe(found.id);

      // Chips with the coder in the side panel; the coding stripe in the page margin; a popover on hover.
      const card = page.locator(`.highlight-item[data-excerpt-id="${found.id}"]`);
      await expect.poll(() => card.locator('.code-chip').textContent()).toContain('Fewer thromboembolic events');
      expect(await card.locator('.code-chip .coder-chip').textContent()).toBe('TE');
      const bars = page.locator('.stripe-bar');
      await expect.poll(() => bars.count()).toBe(2);
      expect((await bars.evaluateAll((els) => els.map((e) => e.getAttribute('title')))).sort()).toEqual([
        'Fewer thromboembolic events (Outcome) · Tester',
        'Trauma patients at risk (Context) · Tester',
      ]);
      await page.keyboard.press('Escape');
      const box = await page.locator(`.pdf-highlight[data-highlight-id="${found.id}"]`).first().boundingBox();
      await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
      await page.locator('.highlight-codes-popover', { hasText: 'Fewer thromboembolic events' }).waitFor();
      await app.screenshot('reader-keyboard-coded-pdf');

      // The × on a chip removes that one code (one action); Ctrl+Z brings it back.
      await card.getByRole('button', { name: 'Remove code “Fewer thromboembolic events” from this passage' }).click();
      await page.locator('.reader-message', { hasText: 'Removed “Fewer thromboembolic events”' }).waitFor();
      expect((await service.call('excerpts:list', { documentId })).find((x) => x.id === found.id)!.codes).toEqual([]);
      await expect.poll(() => bars.count()).toBe(1);
      await page.locator('.pdf-scroller').focus();
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await service.call('excerpts:list', { documentId })).find((x) => x.id === found.id)!.codes.map((c) => c.name)).toEqual(['Fewer thromboembolic events']);
      await expect.poll(() => card.locator('.code-chip').count()).toBe(1);

      // Enter on a ticked code in the picker removes it too.
      await card.locator('.highlight-jump').click();
      await page.locator('.pdf-scroller').focus();
      await page.keyboard.press('c');
      await page.locator('.reader-code-picker .code-picker input').waitFor();
      await page.keyboard.type('Fewer thrombo');
      await page.keyboard.press('Enter');
      await page.locator('.reader-message', { hasText: 'Removed' }).waitFor();
      expect((await service.call('excerpts:list', { documentId })).find((x) => x.id === found.id)!.codes).toEqual([]);
    } finally {
      await app.close();
    }
  }, 240_000);
});
