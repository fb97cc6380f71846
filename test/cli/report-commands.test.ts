/** `realist export --what report` on the demo, through the command line (in process). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp';
import { json, run, SLOW } from './cli-helpers';

const tempDir = useTempDir();

describe('the review report on the command line', () => {
  it(
    'writes HTML and DOCX with the demo flow (6 records, 4 included), and refuses what does not belong',
    async () => {
      const dir = tempDir();
      const demo = path.join(dir, 'demo.realist');
      expect((await run('demo', demo, '--json')).code).toBe(0);
      const html = path.join(dir, 'report.html');
      const r = await run('export', demo, '--what', 'report', '--format', 'html', '--citations', 'apa', '--title', 'Frequent users review', '--out', html, '--json');
      expect(r.code).toBe(0);
      const out = json<{ what: string; format: string; path: string; flow: { identified: number; included: number; excluded: number }; cmocLayer: string }>(r);
      expect(out).toMatchObject({ what: 'report', format: 'html', path: html, flow: { identified: 6, included: 4, excluded: 2 }, cmocLayer: 'consensus' });
      const page = fs.readFileSync(html, 'utf8');
      expect(page).toContain('<title>Frequent users review</title>');
      expect(page).toContain('References in APA (7th edition) style.');

      const docx = path.join(dir, 'report.docx');
      const d = await run('export', demo, '--what', 'report', '--format', 'docx', '--out', docx);
      expect(d.code).toBe(0);
      expect(d.stdout).toMatch(/^Wrote the report \(6 documents, 6 CMOCs, 6 records identified, 4 included\) to .*report\.docx/);
      expect(fs.readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
      // Without --force an existing file stays as it was.
      const again = await run('export', demo, '--what', 'report', '--format', 'docx', '--out', docx);
      expect(again.code).not.toBe(0);

      const wrongFormat = await run('export', demo, '--what', 'report', '--format', 'svg', '--out', path.join(dir, 'x.svg'));
      expect(wrongFormat.code).toBe(2);
      expect(wrongFormat.stderr).toContain('--what report comes as html or docx, not svg');
      const wrongOption = await run('export', demo, '--what', 'cmocs', '--format', 'csv', '--citations', 'apa', '--out', path.join(dir, 'x.csv'));
      expect(wrongOption.code).toBe(2);
      expect(wrongOption.stderr).toContain('--citations belongs to the report export');
      expect(fs.existsSync(path.join(dir, 'x.svg')) || fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
    },
    SLOW,
  );
});
