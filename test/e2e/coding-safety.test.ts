/**
 * Work that must never be damaged (issue 13), in real Chromium on the demo through the web
 * bridge: deleting a code that CMOCs use (the confirmation lists them, the saved statements
 * stay word for word, the CMOCs show the lost code); the CMOC builder's one rule for the
 * button and Ctrl+Enter (an empty builder saves nothing, the focus goes to the first missing
 * slot, a draft is explicit and shown); forms that keep what was typed when refused; the
 * audit view's actor, object, filters, row changes and CSV download.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchApp } from './helpers';

async function openDemo(page: Page) {
  await page.getByRole('button', { name: /Open the demo project/ }).click();
  await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
}

describe.skipIf(!HAVE_CHROMIUM)('data that must never be damaged', () => {
  it('deletes a code used by CMOCs without touching their statements, after listing what it touches', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page } = app;
    try {
      await openDemo(page);
      const before = await app.service.call('cmocs:list', {});
      const users = before.filter((c) => c.codes.some((x) => x.name === 'Feeling secure'));
      expect(users.map((c) => c.label).sort()).toEqual(['CMOC 1', 'CMOC 1 (agreed)', 'CMOC 6', 'CMOC 6 (agreed)', 'CMOC B1']);

      await page.keyboard.press('Control+Shift+3');
      const tree = page.getByRole('tree', { name: 'Codes' });
      await tree.getByRole('treeitem', { name: /Feeling secure/ }).click();
      await page.keyboard.press('Delete');
      const dialog = page.getByRole('alertdialog', { name: 'Delete code' });
      const cmocList = dialog.getByRole('list', { name: 'CMOCs affected' });
      await cmocList.locator('li').first().waitFor();
      // Each CMOC that would lose the code is listed with its saved statement.
      expect(await cmocList.locator('li').count()).toBe(5);
      expect(await cmocList.textContent()).toContain(users.find((c) => c.label === 'CMOC 6')!.statement);
      expect(await dialog.getByRole('list', { name: 'Passages affected' }).locator('li').count()).toBeGreaterThan(0);
      // Merging is offered instead, and is the default button.
      expect(await dialog.getByRole('button', { name: /Merge into another code instead/ }).evaluate((b) => b === document.activeElement)).toBe(true);
      // The destructive button looks destructive.
      const red = await dialog.getByRole('button', { name: 'Delete', exact: true }).evaluate((b) => getComputedStyle(b).backgroundColor);
      expect(red).toBe('rgb(180, 35, 24)');
      await app.screenshot('safety-delete-code-confirm');
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Deleted “Feeling secure”' }).waitFor();

      // The statements are exactly as saved; the CMOCs report the lost code.
      const after = await app.service.call('cmocs:list', {});
      for (const u of users) {
        const now = after.find((c) => c.id === u.id)!;
        expect(now.statement).toBe(u.statement);
        expect(now.lostCodes.map((x) => x.name)).toEqual(['Feeling secure']);
      }
      await page.keyboard.press('Control+Shift+4');
      const table = page.getByRole('table', { name: 'CMOC table' });
      // The table opens on the consensus layer; CMOC 6 is Reviewer B's.
      await page.getByLabel('Filter by layer').selectOption('');
      const row6 = table.locator('tr.cmoc-row', { has: page.locator('td.cmoc-label', { hasText: /^CMOC 6$/ }) });
      await row6.locator('.status-badge.lost').waitFor();
      expect(await row6.locator('.lost-chip').allTextContents()).toEqual(['Feeling secure']);
      await row6.click();
      const warnings = page.getByRole('note', { name: 'CMOC warnings' });
      await warnings.waitFor();
      expect(await warnings.textContent()).toContain('Lost its mechanism: response “Feeling secure”');
      await app.screenshot('safety-cmoc-lost-code');

      // Undo brings the code back into every CMOC.
      await table.focus();
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await app.service.call('cmocs:list', {})).filter((c) => c.lostCodes.length > 0).length).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('saves nothing on Ctrl+Enter in an empty builder, focuses the first missing slot, and keeps an explicit draft', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+4');
      const table = page.getByRole('table', { name: 'CMOC table' });
      await table.locator('tr.cmoc-row').first().waitFor();
      const count = (await app.service.call('cmocs:list', {})).length;
      await table.focus();
      await page.keyboard.press('n');
      const builder = page.getByRole('form', { name: 'CMOC builder' });
      await builder.waitFor();
      await page.keyboard.press('Control+Enter');
      await builder.getByRole('alert').filter({ hasText: 'Not saved: a CMOC needs a context, a mechanism, an outcome and a statement' }).waitFor();
      expect((await app.service.call('cmocs:list', {})).length).toBe(count);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Add Contexts');

      // A context and a blank statement: the button says what is still missing and saves nothing.
      await page.keyboard.press('Alt+Shift+1');
      await page.keyboard.type('chronic cond');
      await page.keyboard.press('Enter');
      await page.locator('.code-picker').waitFor({ state: 'detached' });
      await builder.getByLabel('Statement').fill('');
      await builder.getByRole('button', { name: /Create CMOC/ }).click();
      await builder.getByRole('alert').filter({ hasText: 'needs a mechanism, an outcome and a statement' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Add Mechanism: resources');
      expect((await app.service.call('cmocs:list', {})).length).toBe(count);
      await app.screenshot('safety-builder-refused');

      // Ctrl+Shift+Enter keeps it as a draft, shown as one in the table.
      await builder.getByLabel('Label').fill('Just an idea');
      await page.keyboard.press('Control+Shift+Enter');
      const draft = table.locator('tr.cmoc-row', { has: page.locator('td.cmoc-label', { hasText: /^Just an idea$/ }) });
      await draft.waitFor();
      expect(await draft.locator('.status-badge.draft').textContent()).toBe('draft');
      const saved = (await app.service.call('cmocs:list', {})).find((c) => c.label === 'Just an idea')!;
      expect(saved).toMatchObject({ status: 'draft', statement: '', missing: ['mechanism', 'outcome', 'statement'] });

      // A CMOC with the same codes as CMOC 2 in the same layer (the demo's coder, Reviewer A) is flagged while building it.
      const cmoc2 = (await app.service.call('cmocs:list', {})).find((c) => c.label === 'CMOC 2')!;
      expect(cmoc2.coder).toBe('Reviewer A');
      await table.focus();
      await page.keyboard.press('n');
      await builder.waitFor();
      expect(await builder.locator('.warn-inline').count()).toBe(0);
      for (const [key, letters] of [
        ['Alt+Shift+1', 'chronic cond'],
        ['Alt+Shift+2', 'accessible nurse'],
        ['Alt+Shift+3', 'trust in'],
        ['Alt+Shift+4', 'psychological'],
      ] as const) {
        await page.keyboard.press(key);
        await page.locator('.code-picker input').waitFor();
        await page.keyboard.type(letters);
        await page.keyboard.press('Enter');
        await page.locator('.code-picker').waitFor({ state: 'detached' });
      }
      expect(await builder.locator('.warn-inline').textContent()).toContain(`Same codes as CMOC ${cmoc2.number} (CMOC 2) in this layer`);
      await app.screenshot('safety-builder-twin');
    } finally {
      await app.close();
    }
  });

  it('keeps a typed code name when the server refuses it, with the limit enforced in the field', async () => {
    const app = await launchApp({ width: 1280, height: 720 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+3');
      const tree = page.getByRole('tree', { name: 'Codes' });
      await tree.getByRole('treeitem').first().waitFor();
      await page.getByRole('button', { name: 'New code' }).click();
      const form = page.getByRole('form', { name: 'New code' });
      const name = form.getByLabel('Code name');
      // A 100,000-character paste: the field keeps the first 500 (the schema's limit) and says so.
      await name.focus();
      await page.keyboard.insertText('x'.repeat(100_000));
      expect((await name.inputValue()).length).toBe(500);
      expect(await form.locator('.field-limit').textContent()).toContain('500 / 500 characters: the name was cut at the limit');
      // The server refuses a name its siblings already have: the form stays open with the text.
      await name.fill('Feeling secure');
      await form.getByLabel('Kind').selectOption('mechanism-response');
      await form.getByRole('button', { name: 'Create' }).click();
      const alert = form.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).not.toMatch(/Invalid arguments|codes:create/);
      expect(await name.inputValue()).toBe('Feeling secure');
      await app.screenshot('safety-form-refused');
      // The codebook's filter box narrows the tree, its kinds kept as headings.
      await form.getByRole('button', { name: 'Cancel' }).click();
      await page.getByLabel('Filter codes').fill('trust');
      await expect.poll(() => tree.getByRole('treeitem').count()).toBe(1);
      expect(await tree.locator('.kind-head-label').allTextContents()).toEqual(['Mechanism: response']);
    } finally {
      await app.close();
    }
  });

  it('names the actor and the object of every action, filters the audit log, shows row changes and downloads CSV', async () => {
    const app = await launchApp({ width: 1440, height: 900 });
    const { page } = app;
    try {
      await openDemo(page);
      await page.keyboard.press('Control+Shift+3');
      await page.getByRole('tree', { name: 'Codes' }).getByRole('treeitem', { name: /High caseload/ }).click();
      await page.keyboard.press('F2');
      await page.getByLabel('New name').fill('Caseload above plan');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Renamed to “Caseload above plan”' }).waitFor();

      await page.keyboard.press('Control+Shift+0');
      const actions = page.getByRole('table', { name: 'Actions' });
      const first = actions.locator('tbody tr').first();
      await first.waitFor();
      expect(await first.locator('.audit-who').textContent()).toBe('Reviewer A');
      expect(await first.locator('.audit-object').textContent()).toBe('Code “High caseload”');
      const total = (await app.service.call('history:list', { limit: 1 })).total;
      expect(await page.getByRole('region', { name: 'Audit log' }).or(page.locator('.audit-head h3')).first().textContent()).toContain(`${total.toLocaleString('en-US')} actions`);

      // Filters: by coder, kind of object and words, answered by history:list.
      const coders = await app.service.call('coders:list', {});
      await page.getByLabel('Filter by coder').selectOption(coders.find((c) => c.name === 'Reviewer B')!.id);
      await page.getByLabel('Filter by kind of object').selectOption('cmoc');
      const expected = await app.service.call('history:list', { limit: 100, coderId: coders.find((c) => c.name === 'Reviewer B')!.id, entityType: 'cmoc' });
      await expect.poll(() => actions.locator('tbody tr').count()).toBe(expected.actions.length);
      expect(await actions.locator('tbody tr .audit-who').allTextContents()).toEqual(expected.actions.map(() => 'Reviewer B'));
      await page.getByLabel('Filter by coder').selectOption('');
      await page.getByLabel('Filter by kind of object').selectOption('');
      await page.getByLabel('Words in the audit log').fill('rename caseload');
      await expect.poll(() => actions.locator('tbody tr').count()).toBe(1);

      // The row changes of the rename: the name before and after.
      await actions.locator('tbody tr').first().click();
      const changes = page.getByRole('region', { name: 'Row changes' });
      await changes.waitFor();
      const nameRow = changes.locator('tbody tr', { has: page.locator('td.mono', { hasText: /^name$/ }) });
      expect(await nameRow.locator('td').allTextContents()).toEqual(expect.arrayContaining(['name', 'High caseload', 'Caseload above plan']));
      await app.screenshot('safety-audit-view');

      // CSV of what the filter shows, through the browser's download.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(download.suggestedFilename()).toMatch(/audit log\.csv$/);
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toBe('number,when,who,what,object kind,object,rows changed,status,undone at,undone by');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(',Reviewer A,"Rename ""High caseload""",Code,High caseload,');
    } finally {
      await app.close();
    }
  });
});
