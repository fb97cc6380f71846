/**
 * Coding in real Chromium through the web bridge: the demo's codebook and its code view,
 * coding a passage with the keyboard picker, building a CMOC from two coded passages with the
 * keyboard only and finding it in the CMOC table with its counts, exporting the CMOCs as DOCX
 * (read back with fflate), the global search; and a codebook of 1,200 codes and a table of
 * 1,000 CMOCs made through the API. Screenshots go to screenshots/ for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchApp } from './helpers';

async function openDemo(page: Page) {
  await page.getByRole('button', { name: /Open the demo project/ }).click();
  await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
}

/** Presses a key until the predicate holds (at most `max` times). */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max = 60) {
  for (let i = 0; i < max && !(await done()); i++) await page.keyboard.press(key);
  expect(await done()).toBe(true);
}

describe.skipIf(!HAVE_CHROMIUM)('coding in Chromium', () => {
  it('shows the demo codebook and codes a passage from the code view without the mouse', async () => {
    const app = await launchApp({ height: 860 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+3');
      const tree = page.getByRole('tree', { name: 'Codes' });
      await tree.getByRole('treeitem', { name: /Trust in the case manager/ }).waitFor();
      // The 16 demo codes, one of them (Direct phone line…) a child of Accessible nurse case manager.
      expect(await tree.getByRole('treeitem').count()).toBe(16);
      expect(await tree.getByRole('treeitem', { name: /Direct phone line to the nurse/ }).getAttribute('aria-level')).toBe('2');
      await app.screenshot('coding-codebook-demo');

      // Keyboard: into the tree, down to "Trust in the case manager".
      await tree.focus();
      await pressUntil(page, 'ArrowDown', async () => (await page.locator('.code-details h2').textContent()) === 'Trust in the case manager');
      const passages = page.getByRole('list', { name: 'Passages' });
      await passages.locator('li').first().waitFor();
      const before = await passages.locator('li').count();
      expect(before).toBeGreaterThanOrEqual(2);
      expect(await passages.locator('li').first().locator('.excerpt-source').textContent()).toMatch(/\(\d{4}\)|Interview|notes|Summary/i);
      await app.screenshot('coding-code-view');

      // Code the first passage with "Feeling secure": C opens the picker, letters, Enter.
      await passages.focus();
      await page.keyboard.press('c');
      const picker = page.getByRole('combobox', { name: 'Code the passage' });
      await picker.waitFor();
      await page.keyboard.type('feel secur');
      expect(await page.locator('[role="option"][aria-selected="true"] .picker-name').textContent()).toBe('Feeling secure');
      await app.screenshot('coding-picker');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Coded the passage with “Feeling secure”' }).waitFor();
      const excerptId = await passages.locator('li').first().getAttribute('data-excerpt-id');
      const codings = await app.service.call('codings:ofExcerpt', { excerptId: excerptId! });
      expect(codings.map((c) => c.code)).toContain('Feeling secure');

      // Ctrl+Z (outside a text field) undoes it through history:undo.
      await passages.focus();
      await page.keyboard.press('Control+z');
      await page.getByRole('status').filter({ hasText: 'Undid' }).waitFor();
      const after = await app.service.call('codings:ofExcerpt', { excerptId: excerptId! });
      expect(after.map((c) => c.code)).not.toContain('Feeling secure');
    } finally {
      await app.close();
    }
  });

  it('lists the demo CMOCs, builds a new one from two coded passages by keyboard, and exports it as DOCX', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+4');
      const table = page.getByRole('table', { name: 'CMOC table' });
      await table.locator('tbody tr.cmoc-row').first().waitFor();
      // The demo has consensus CMOCs, so the table opens on the consensus layer; show every layer.
      expect(await page.getByLabel('Filter by layer').inputValue()).toBe('consensus');
      await page.getByLabel('Filter by layer').selectOption('');
      // Seven CMOCs by the two reviewers, Reviewer B's draft, and the six agreed in the consensus layer.
      await expect.poll(() => table.locator('tbody tr.cmoc-row').count()).toBe(14);
      expect(await table.locator('tr.cmoc-row.draft .cmoc-label').allTextContents()).toEqual(['Caseload (draft)']);
      // The counts in the table are the services' counts.
      const listed = await app.service.call('cmocs:list', {});
      const one = listed.find((c) => c.label === 'CMOC 1')!;
      const row = table.locator('tbody tr.cmoc-row', { has: page.locator('td.cmoc-label', { hasText: /^CMOC 1$/ }) });
      const cells = await row.locator('td.num').allTextContents();
      expect(cells).toEqual([one.supporting, one.refuting, one.refining, one.documents].map((n) => (n ? String(n) : '')));
      await app.screenshot('coding-cmoc-table-demo');

      await row.click();
      await page.getByRole('article', { name: 'CMOC detail' }).getByText(one.statement).waitFor();
      await page.locator('.appraisal .level').first().waitFor();
      await app.screenshot('coding-cmoc-detail');

      // Build: N, Alt+Shift+1 context, Alt+Shift+3 response, Alt+Shift+4 outcome (the browser keeps Alt+digit), each by typing and Enter.
      await table.focus();
      await page.keyboard.press('n');
      const builder = page.getByRole('form', { name: 'CMOC builder' });
      await builder.waitFor();
      await page.getByLabel('Label').focus();
      await page.keyboard.type('CMOC UI');
      for (const [key, letters] of [
        ['Alt+Shift+1', 'chronic cond'],
        ['Alt+Shift+3', 'trust'],
        ['Alt+Shift+4', 'distress'],
      ] as const) {
        await page.keyboard.press(key);
        await page.locator('.code-picker input').waitFor();
        await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.code-picker') !== null)).toBe(true);
        await page.keyboard.type(letters);
        await page.keyboard.press('Enter');
        await page.locator('.code-picker').waitFor({ state: 'detached' });
      }
      const statement = 'If multiple chronic conditions, then less psychological distress, because of trust in the case manager.';
      expect(await builder.getByLabel('Statement').inputValue()).toBe(statement);
      // Link two passages: Tab to the candidates and press Enter on each.
      await builder.locator('.candidate').first().waitFor();
      await builder.locator('.candidate').first().focus();
      await page.keyboard.press('Enter');
      await builder.locator('.candidate').first().focus();
      await page.keyboard.press('Enter');
      expect(await builder.locator('.evidence-draft').count()).toBe(2);
      await app.screenshot('coding-cmoc-builder');
      await page.keyboard.press('Control+Enter');

      const made = table.locator('tbody tr.cmoc-row', { has: page.locator('td.cmoc-label', { hasText: /^CMOC UI$/ }) });
      await made.waitFor();
      expect(await table.locator('tbody tr.cmoc-row').count()).toBe(15);
      const fresh = (await app.service.call('cmocs:list', {})).find((c) => c.label === 'CMOC UI')!;
      expect(fresh.statement).toBe(statement);
      expect(fresh.supporting).toBe(2);
      expect(await made.locator('td.num').first().textContent()).toBe('2');
      expect(await made.locator('td.num').last().textContent()).toBe(String(fresh.documents));
      expect(await made.locator('.chip').allTextContents()).toEqual(['Multiple chronic conditions', 'Trust in the case manager', 'Less psychological distress']);

      // Edit it: E on the table, the first link becomes "refines", Ctrl+Enter saves.
      await made.click();
      await page.getByRole('article', { name: 'CMOC detail' }).getByText(statement).waitFor();
      await table.focus();
      await page.keyboard.press('e');
      const editor = page.getByRole('form', { name: 'Edit CMOC' });
      await editor.getByLabel('Evidence role').first().selectOption('refines');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('status').filter({ hasText: 'Saved “CMOC UI”' }).waitFor();
      await expect.poll(async () => made.locator('td.num').allTextContents()).toEqual(['1', '', '1', String(fresh.documents)]);
      const edited = (await app.service.call('cmocs:list', {})).find((c) => c.label === 'CMOC UI')!;
      expect([edited.supporting, edited.refining]).toEqual([1, 1]);

      // Export the CMOCs as DOCX: the browser build downloads the file (the page names no path).
      const exportPanel = page.getByRole('group', { name: 'Export' });
      const { name } = await app.service.call('project:info', {});
      const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: 'DOCX' }).click()]);
      expect(download.suggestedFilename()).toBe(`${name} - cmocs.docx`);
      await exportPanel.getByRole('status').filter({ hasText: `Downloaded ${name} - cmocs.docx` }).waitFor();
      const file = path.join(app.dir, 'cmocs.docx');
      await download.saveAs(file);
      const xml = strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml']!);
      expect(xml).toContain('less psychological distress, because of trust in the case manager.');
      expect(xml).toContain('CMOC UI');
    } finally {
      await app.close();
    }
  });

  it('searches the project with Ctrl+K, groups the results and goes to a code with Enter', async () => {
    const app = await launchApp();
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('trust');
      const results = page.getByRole('listbox', { name: 'Search results' });
      await results.getByRole('group', { name: 'Codes' }).waitFor();
      const groups = await results.getByRole('group').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      expect(groups).toEqual(expect.arrayContaining(['Passages', 'Codes', 'CMOCs']));
      await app.screenshot('coding-search');
      await pressUntil(page, 'ArrowDown', async () => (await results.locator('[aria-selected="true"] .search-hit-title').textContent()) === 'Trust in the case manager');
      await page.keyboard.press('Enter');
      await page.locator('.code-details h2', { hasText: 'Trust in the case manager' }).waitFor();
      expect(await page.getByRole('treeitem', { name: /Trust in the case manager/ }).getAttribute('aria-selected')).toBe('true');
    } finally {
      await app.close();
    }
  });

  it('renames with F2, merges with the picker, undoes and redoes the merge, splits ticked passages, appraises a document and writes a memo from a CMOC', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+3');
      const tree = page.getByRole('tree', { name: 'Codes' });
      await tree.getByRole('treeitem', { name: /High caseload/ }).waitFor();
      await tree.focus();
      await pressUntil(page, 'ArrowDown', async () => (await page.locator('.code-details h2').textContent()) === 'High caseload');

      await page.keyboard.press('F2');
      await page.getByLabel('New name').waitFor();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('Heavy caseload');
      await page.keyboard.press('Enter');
      await tree.getByRole('treeitem', { name: /Heavy caseload/ }).waitFor();
      const codes = (await app.service.call('codes:list', {})).codes;
      expect(codes.map((c) => c.name)).toContain('Heavy caseload');
      const heavy = codes.find((c) => c.name === 'Heavy caseload')!;
      const limited = codes.find((c) => c.name === 'Limited social support')!;

      await tree.focus();
      await page.keyboard.press('g');
      await page.getByRole('combobox', { name: 'Merge into' }).waitFor();
      await page.keyboard.type('limited soc');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Merged “Heavy caseload” into “Limited social support”' }).waitFor();
      await tree.getByRole('treeitem', { name: /Heavy caseload/ }).waitFor({ state: 'detached' });
      expect(await tree.getByRole('treeitem').count()).toBe(15);
      const merged = (await app.service.call('codes:list', {})).codes.find((c) => c.id === limited.id)!;
      expect(merged.codings).toBe(limited.codings + heavy.codings);

      await tree.focus();
      await page.keyboard.press('Control+z');
      await page.getByRole('status').filter({ hasText: 'Undid' }).waitFor();
      await tree.getByRole('treeitem', { name: /Heavy caseload/ }).waitFor();
      expect(await tree.getByRole('treeitem').count()).toBe(16);
      // Ctrl+Shift+Z redoes the merge; Ctrl+Z undoes it again.
      await page.keyboard.press('Control+Shift+z');
      await page.getByRole('status').filter({ hasText: 'Redid' }).waitFor();
      // The tree re-reads after the toast: wait for the merged code to leave it.
      await tree.getByRole('treeitem', { name: /Heavy caseload/ }).waitFor({ state: 'detached' });
      expect(await tree.getByRole('treeitem').count()).toBe(15);
      await page.keyboard.press('Control+z');
      await tree.getByRole('treeitem', { name: /Heavy caseload/ }).waitFor();

      // Split: tick the first passage of "Trust in the case manager" with Space, then S.
      await tree.focus();
      await pressUntil(page, 'ArrowDown', async () => (await page.locator('.code-details h2').textContent()) === 'Trust in the case manager');
      const passages = page.getByRole('list', { name: 'Passages' });
      await passages.locator('li').first().waitFor();
      const total = await passages.locator('li').count();
      await passages.focus();
      await page.keyboard.press(' ');
      await tree.focus();
      await page.keyboard.press('s');
      await page.getByLabel('Code name').fill('Trust built by reachability');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'into “Trust built by reachability”' }).waitFor();
      const after = (await app.service.call('codes:list', {})).codes;
      expect(after.find((c) => c.name === 'Trust built by reachability')!.excerpts).toBe(1);
      expect(after.find((c) => c.name === 'Trust in the case manager')!.excerpts).toBe(total - 1);

      // Appraise the first quote's document from the CMOC detail.
      await page.keyboard.press('Control+Shift+4');
      // The table opens on the consensus layer; CMOC 2 is Reviewer A's.
      await page.getByLabel('Filter by layer').selectOption('');
      const row = page.locator('tbody tr.cmoc-row', { has: page.locator('td.cmoc-label', { hasText: /^CMOC 2$/ }) });
      await row.click();
      const detail = page.getByRole('article', { name: 'CMOC detail' });
      const first = detail.locator('figure.evidence').first();
      await first.getByRole('button', { name: 'Appraise' }).click();
      const form = first.locator('form.appraisal-editor');
      await form.locator('fieldset', { hasText: 'Relevance' }).getByLabel('moderate').check();
      await form.getByLabel('Relevance note').fill('Context only in passing.');
      await form.locator('fieldset', { hasText: 'Rigour' }).getByLabel('high').check();
      await form.getByLabel('Rigour justification').fill('Peer-reviewed synthesis.');
      await form.getByRole('button', { name: 'Save appraisal' }).click();
      await first.locator('.appraisal-note', { hasText: 'Context only in passing.' }).waitFor();
      const cmoc = (await app.service.call('cmocs:list', {})).find((c) => c.label === 'CMOC 2')!;
      const documentId = (await app.service.call('cmocs:get', { id: cmoc.id })).evidence[0]!.documentId;
      const mine = (await app.service.call('appraisals:list', { documentId })).find((a) => a.relevanceNote === 'Context only in passing.')!;
      // Made by the current coder (the demo opens as Reviewer A), in that coder's own layer.
      const reviewerA = (await app.service.call('coders:list', {})).find((c) => c.name === 'Reviewer A')!.id;
      expect([mine.relevance, mine.rigour, mine.rigourNote, mine.coderId]).toEqual(['moderate', 'high', 'Peer-reviewed synthesis.', reviewerA]);

      // A memo on the CMOC: add, then edit in place.
      await detail.getByLabel('New memo').fill('Check whether trust needs time to build.');
      await detail.getByRole('button', { name: 'Add memo' }).click();
      const memo = detail.locator('.memo', { hasText: 'Check whether trust needs time to build.' });
      await memo.getByRole('button', { name: 'Edit' }).click();
      await detail.getByLabel('Edit memo').fill('Check whether trust needs months to build.');
      await detail.getByRole('button', { name: 'Save', exact: true }).click();
      await detail.locator('.memo', { hasText: 'months to build' }).waitFor();
      const memos = await app.service.call('memos:list', { targetType: 'cmoc', targetId: cmoc.id });
      expect(memos.map((m) => m.body)).toContain('Check whether trust needs months to build.');
    } finally {
      await app.close();
    }
  });

  it('stays usable with 1,200 codes and 1,000 CMOCs', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page } = app;
    try {
      await app.service.call('project:create', { path: path.join(app.projectsDir, 'Large.realist'), name: 'Large codebook' });
      await app.service.call('session:setCoder', { name: 'Tester', create: true });
      const kinds = ['context', 'mechanism-resource', 'mechanism-response', 'outcome'];
      const ids: Record<string, string[]> = { context: [], 'mechanism-resource': [], 'mechanism-response': [], outcome: [] };
      for (let p = 0; p < 40; p++) {
        const kind = kinds[p % 4]!;
        const parent = await app.service.call('codes:create', { name: `Theme ${String(p + 1).padStart(2, '0')} (${kind})`, kind });
        for (let c = 0; c < 29; c++) {
          const child = await app.service.call('codes:create', { name: `Theme ${p + 1} code ${c + 1}`, kind, parentId: parent.id });
          ids[kind]!.push(child.id);
        }
      }
      for (let i = 0; i < 1000; i++) {
        const pick = (k: string) => ({ codeId: ids[k]![(i * 7) % ids[k]!.length]!, role: k });
        await app.service.call('cmocs:create', { label: `CMOC ${i + 1}`, codes: [pick('context'), pick('mechanism-resource'), pick('mechanism-response'), pick('outcome')] });
      }
      await page.reload();
      await page.locator('.topbar-title strong', { hasText: 'Large codebook' }).waitFor();
      const started = Date.now();
      await page.keyboard.press('Control+Shift+3');
      const tree = page.getByRole('tree', { name: 'Codes' });
      await tree.getByRole('treeitem').first().waitFor();
      const codebookMs = Date.now() - started;
      expect(await tree.getByRole('treeitem').count()).toBe(1200);
      // Generous bound on a shared 2-core machine; the measured time is printed for the record.
      expect(codebookMs).toBeLessThan(10_000);
      console.info(`[coding e2e] codebook of 1,200 codes shown in ${codebookMs} ms`);
      expect(await page.locator('.codebook .section-title').textContent()).toContain('1,200 codes');
      await app.screenshot('coding-codebook-1200');

      // The set of kinds is editable: add "Barrier"; its id is written from the label.
      await page.getByRole('button', { name: 'Kinds…' }).click();
      await page.getByRole('button', { name: 'Add a kind' }).click();
      await page.getByLabel('Kind label').last().fill('Barrier');
      await page.getByRole('button', { name: 'Save kinds' }).click();
      await page.getByRole('status').filter({ hasText: 'Code kinds saved.' }).waitFor();
      const saved = await app.service.call('codeKinds:list', {});
      expect(saved.map((k) => [k.id, k.label]).at(-1)).toEqual(['barrier', 'Barrier']);

      const tableStarted = Date.now();
      await page.keyboard.press('Control+Shift+4');
      const table = page.getByRole('table', { name: 'CMOC table' });
      await table.locator('tbody tr.cmoc-row').first().waitFor();
      const tableMs = Date.now() - tableStarted;
      // Virtualised: the heading counts all 1,000, the table draws only the rows in view.
      expect(await page.locator('.cmocs .section-title').textContent()).toContain('1,000 configurations');
      expect(await table.locator('tbody tr.cmoc-row').count()).toBeLessThan(80);
      expect(tableMs).toBeLessThan(10_000);
      console.info(`[coding e2e] table of 1,000 CMOCs shown in ${tableMs} ms`);
      // Natural sort: CMOC 2 comes before CMOC 10.
      const first = await table.locator('td.cmoc-label').evaluateAll((els) => els.slice(0, 3).map((e) => e.textContent));
      expect(first).toEqual(['CMOC 1', 'CMOC 2', 'CMOC 3']);
      await app.screenshot('coding-cmoc-table-1000');
    } finally {
      await app.close();
    }
  });
});
