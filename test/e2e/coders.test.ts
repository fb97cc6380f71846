/**
 * Who is coding, in real Chromium through the web bridge: a new project asks; a highlight made
 * and coded in the reader is stored with the chosen coder (in their layer, in the change log);
 * the web bridge restarted on another port still knows the coder; after closing and reopening
 * the project, Ctrl+Z undoes the last action made before closing; the overview shows who did what.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseCoder, HAVE_CHROMIUM, launchApp, selectInTranscript } from './helpers';

const TRANSCRIPT = [
  'Interview 4, a patient living alone',
  '',
  'Patient: The nurse phoned me every week, and when my son moved away she was the one I called first.',
].join('\n');

describe.skipIf(!HAVE_CHROMIUM)('coders in Chromium', () => {
  it('asks who is coding, stamps the reader’s highlight and coding with that coder, and remembers it across ports and reopening', async () => {
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-coders-'));
    const file = path.join(config, 'Coders.realist');
    try {
      const first = await launchApp({ width: 1280, height: 720, configDir: config });
      let port1 = 0;
      try {
        const { page, service } = first;
        port1 = Number(new URL(first.server.url).port);
        await service.call('project:create', { path: file, name: 'Coders' });
        await page.reload();
        await chooseCoder(page, 'Reviewer C');
        // The chooser wrote the attach as Reviewer C too: the document arrives through the session.
        await service.call('documents:attach', { files: [{ name: 'interview-4.txt', contentBase64: Buffer.from(TRANSCRIPT).toString('base64') }] });
        await page.keyboard.press('Control+Shift+2');
        await page.locator('.documents-table button.doc-title', { hasText: 'interview-4' }).first().click();
        await page.locator('.transcript').getByText('she was the one I called first').waitFor();
        await selectInTranscript(page, 'she was the one I called first');
        await page.keyboard.press('h');
        await page.locator('mark.text-highlight', { hasText: 'she was the one I called first' }).waitFor();
        await page.keyboard.press('c');
        await page.locator('.reader-code-picker .code-picker input').waitFor();
        await page.keyboard.type('mres: Reliance on the nurse');
        await page.keyboard.press('Enter');
        await page.locator('.reader-message', { hasText: 'Coded' }).waitFor();
        await first.screenshot('coders-reader-as-reviewer-c');

        const db = service.store!.db;
        const coder = db.prepare("SELECT id FROM coders WHERE name = 'Reviewer C'").get() as { id: string };
        expect(db.prepare('SELECT coder_id, quote FROM excerpts').all()).toEqual([{ coder_id: coder.id, quote: 'she was the one I called first' }]);
        expect(db.prepare('SELECT coder_id FROM codings').all()).toEqual([{ coder_id: coder.id }]);
        const log = await service.call('history:list', { limit: 5 });
        expect(log.actions.map((a) => [a.label, a.coder])).toEqual([
          ['Code passage with "Reliance on the nurse"', 'Reviewer C'],
          ['Create code "Reliance on the nurse"', 'Reviewer C'],
          ['Highlight "she was the one I called first"', 'Reviewer C'],
          ['Attach "interview-4.txt"', 'Reviewer C'],
          ['Add coder "Reviewer C"', 'Reviewer C'],
        ]);
      } finally {
        await first.close();
      }

      // The bridge starts again on another port with the same config folder (this machine).
      const second = await launchApp({ width: 1280, height: 720, configDir: config, project: file, coder: false });
      try {
        const { page, service } = second;
        expect(Number(new URL(second.server.url).port)).not.toBe(port1);
        await page.getByRole('button', { name: 'Coding as Reviewer C; change' }).waitFor();
        expect(await page.getByRole('dialog', { name: 'Who is coding?' }).count()).toBe(0);
        // Ctrl+Z undoes the last action made before the project was closed.
        await page.keyboard.press('Control+Shift+0');
        await page.getByRole('heading', { name: 'Overview' }).waitFor();
        await page.keyboard.press('Control+z');
        await page.locator('.window-notice', { hasText: 'Undid: Code passage with "Reliance on the nurse".' }).waitFor();
        expect(service.store!.db.prepare('SELECT count(*) AS n FROM codings').get()).toEqual({ n: 0 });
        const undoneRow = page.locator('tr.undone', { hasText: 'Code passage with "Reliance on the nurse"' });
        await undoneRow.waitFor();
        expect(await undoneRow.textContent()).toContain('undone by Reviewer C');
        await second.screenshot('coders-overview-after-undo');
        // Another person takes over from the badge; the layer switch writes to consensus.
        await page.getByRole('button', { name: 'Coding as Reviewer C; change' }).click();
        await chooseCoder(page, 'Reviewer D');
        await page.getByLabel('Layer your changes go to').selectOption('consensus');
        await page.locator('.window-notice', { hasText: 'consensus layer' }).waitFor();
        expect(await service.call('session:get', {})).toMatchObject({ coder: { name: 'Reviewer D' }, layer: 'consensus', layerCoderId: 'consensus' });
        await second.screenshot('coders-consensus-layer');
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(config, { recursive: true, force: true });
    }
  });
});
