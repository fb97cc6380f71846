/**
 * The heart of realist coding, end to end in real Chromium through the web bridge: highlight
 * passages of a transcript in the reader, code each with the keyboard alone (H, then C, a few
 * letters, Enter; new codes made from the picker), see each highlight take its code kind's
 * colour, build a CMO configuration from the coded passages with the keyboard, find it in the
 * CMOC table with its counts, and export the table as DOCX (read back with fflate).
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchApp, selectInTranscript } from './helpers';

/** A short interview written for this test (not a fixture). */
const TRANSCRIPT = [
  'Interview 12, patient with diabetes and heart failure',
  '',
  'Interviewer: What changed when the nurse case manager started?',
  '',
  'Patient: It was the same nurse every time, and she always called back the same day. After a while I trusted her completely. When I felt short of breath I phoned her first, and I went to the emergency room far less often.',
].join('\n');

/** Highlights the selection (H), then codes it from the picker (C, typing, Enter). */
async function highlightAndCode(page: Page, phrase: string, typed: string): Promise<void> {
  await selectInTranscript(page, phrase);
  await page.keyboard.press('h');
  await page.locator('mark.text-highlight', { hasText: phrase }).waitFor();
  await page.keyboard.press('c');
  await page.locator('.reader-code-picker .code-picker input').waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.code-picker') !== null)).toBe(true);
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await page.locator('.reader-code-picker').waitFor({ state: 'detached' });
  await page.locator('.reader-message', { hasText: 'Coded' }).waitFor();
}

describe.skipIf(!HAVE_CHROMIUM)('reading, coding and configuring in Chromium', () => {
  it('codes highlights with the keyboard, builds a CMOC from them and exports it as DOCX', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page, service } = app;
    try {
      await service.call('project:create', { path: path.join(app.projectsDir, 'Coding flow.realist'), name: 'Coding flow' });
      await service.call('session:setCoder', { name: 'Tester', create: true });
      await service.call('documents:attach', { files: [{ name: 'interview-12.txt', contentBase64: Buffer.from(TRANSCRIPT).toString('base64') }] });
      await page.reload();
      await page.locator('.topbar-title strong', { hasText: 'Coding flow' }).waitFor();
      await page.keyboard.press('Control+Shift+2');
      await page.locator('.documents-table button.doc-title', { hasText: 'interview-12' }).first().click();
      await page.locator('.transcript').getByText('same nurse every time').waitFor();

      // Three passages, three new codes of three kinds, all from the keyboard picker.
      await highlightAndCode(page, 'the same nurse every time, and she always called back the same day', 'mr: Same nurse, quick call-backs');
      await highlightAndCode(page, 'I trusted her completely', 'mres: Trust in the nurse');
      await highlightAndCode(page, 'I went to the emergency room far less often', 'o: Fewer emergency visits');
      await app.screenshot('reader-coded-highlights');

      const { codes, kinds } = await service.call('codes:list', {});
      expect(codes.map((c) => [c.name, c.kind, c.codings]).sort()).toEqual([
        ['Fewer emergency visits', 'outcome', 1],
        ['Same nurse, quick call-backs', 'mechanism-resource', 1],
        ['Trust in the nurse', 'mechanism-response', 1],
      ]);
      // Each highlight is drawn in its code kind's colour; its own highlight colour is kept.
      const documentId = (await service.call('documents:list', {}))[0]!.id;
      const excerpts = await service.call('excerpts:list', { documentId });
      const colourOfKind = (id: string) => kinds.find((k) => k.id === id)!.color;
      const byQuote = (q: string) => excerpts.find((x) => x.quote === q)!;
      expect(byQuote('I trusted her completely').codes.map((c) => [c.name, c.color, c.coderName])).toEqual([['Trust in the nurse', colourOfKind('mechanism-response'), 'Tester']]);
      expect(byQuote('I went to the emergency room far less often').codes.at(-1)!.color).toBe(colourOfKind('outcome'));
      expect(byQuote('I trusted her completely').color).toBe('#ffd43b');

      // Appraise the document and write a memo on it, from the reader's "Appraisal & memos" tab.
      await page.getByRole('tab', { name: 'Appraisal & memos' }).click();
      const appraisal = page.getByRole('form', { name: 'Appraisal' });
      await appraisal.getByLabel('Relevance to the programme theory').selectOption('high');
      await appraisal.getByLabel('Relevance note').fill('Speaks directly to the continuity mechanism.');
      await appraisal.getByLabel('Rigour (trustworthiness)').selectOption('moderate');
      await appraisal.getByRole('button', { name: 'Save appraisal' }).click();
      await page.getByRole('status').filter({ hasText: /Appraisal saved for Tester at/ }).waitFor();
      // Who appraised is shown beside the form.
      await page.getByRole('region', { name: 'Appraisals by coder' }).getByText('Tester').waitFor();
      await page.getByLabel('New memo').fill('Ask the team whether call-backs were protocolised.');
      await page.getByRole('button', { name: 'Add memo' }).click();
      await page.locator('.doc-memo', { hasText: 'call-backs were protocolised' }).waitFor();
      await app.screenshot('reader-about-tab');
      expect((await service.call('appraisals:list', { documentId })).map((a) => [a.relevance, a.rigour, a.relevanceNote])).toEqual([
        ['high', 'moderate', 'Speaks directly to the continuity mechanism.'],
      ]);
      expect((await service.call('memos:list', { targetType: 'document', targetId: documentId })).map((m) => m.body)).toEqual([
        'Ask the team whether call-backs were protocolised.',
      ]);

      // The CMOC builder, by keyboard: context, resource, response, outcome, then two passages as evidence.
      // (A CMOC needs a context: the codebook gets one before the builder opens.)
      await service.call('codes:create', { name: 'Lives alone', kind: 'context' });
      await page.getByRole('button', { name: /^CMOCs/ }).click();
      const table = page.getByRole('table', { name: 'CMOC table' });
      await table.waitFor();
      await table.focus();
      await page.keyboard.press('n');
      const builder = page.getByRole('form', { name: 'CMOC builder' });
      await builder.waitFor();
      await page.getByLabel('Label').focus();
      await page.keyboard.type('Continuity builds trust');
      for (const [key, letters] of [
        ['Alt+Shift+1', 'lives alone'],
        ['Alt+Shift+2', 'same nurse'],
        ['Alt+Shift+3', 'trust'],
        ['Alt+Shift+4', 'fewer'],
      ] as const) {
        await page.keyboard.press(key);
        await page.locator('.code-picker input').waitFor();
        await page.keyboard.type(letters);
        await page.keyboard.press('Enter');
        await page.locator('.code-picker').waitFor({ state: 'detached' });
      }
      const statement = await builder.getByLabel('Statement').inputValue();
      // The draft reads "If C, then O, because R leads to M" (shared/coding/statement.ts).
      expect(statement).toMatch(/^If lives alone, then fewer emergency visits, because same nurse, quick call-backs leads? to trust in the nurse\.?$/);
      await builder.locator('.candidate').first().waitFor();
      for (let i = 0; i < 2; i++) {
        await builder.locator('.candidate').first().focus();
        await page.keyboard.press('Enter');
      }
      expect(await builder.locator('.evidence-draft').count()).toBe(2);
      await page.keyboard.press('Control+Enter');

      const made = table.locator('tbody tr.cmoc-row', { has: page.locator('td.cmoc-label', { hasText: /^Continuity builds trust$/ }) });
      await made.waitFor();
      const saved = (await service.call('cmocs:list', {})).find((c) => c.label === 'Continuity builds trust')!;
      expect(saved.supporting).toBe(2);
      expect(saved.documents).toBe(1);
      expect(await made.locator('td.num').first().textContent()).toBe('2');
      await app.screenshot('cmoc-from-reader');

      // Export the CMOC table as a Word document (downloaded by the browser) and read it back.
      const exportPanel = page.getByRole('group', { name: 'Export' });
      const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: 'DOCX' }).click()]);
      expect(download.suggestedFilename()).toBe('Coding flow - cmocs.docx');
      const file = path.join(app.dir, 'cmocs.docx');
      await download.saveAs(file);
      const xml = strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml']!);
      expect(xml).toContain('Continuity builds trust');
      expect(xml).toContain('I trusted her completely');

      // "Jump to" on a piece of evidence opens the reader on that passage, selected.
      await made.click();
      const detail = page.getByRole('article', { name: 'CMOC detail' });
      await detail.getByText('I trusted her completely').waitFor();
      await detail.locator('.evidence', { hasText: 'I trusted her completely' }).getByText('Jump to').click();
      await page.locator('.reader-shell').waitFor();
      const selected = page.locator('mark.text-highlight.selected');
      await selected.waitFor();
      expect(await selected.textContent()).toBe('I trusted her completely');
    } finally {
      await app.close();
    }
  });
});
