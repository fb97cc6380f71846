/**
 * The review report (`report:export`) on the demo project, with a second import added (one
 * record the demo already has, merged as a duplicate, and one new record left unscreened), so
 * every box of the flow has a number a person can check against `records:list`:
 * 6 demo records + 2 = 8 identified, 1 duplicate removed, 7 screened (= records:list total),
 * 4 included, 2 excluded, 1 not yet screened. The DOCX is read back with mammoth, the HTML is
 * opened in Chromium and the flow diagram's boxes read there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { chromium } from 'playwright-core';
import { beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { CodingService } from '../../../electron/services/coding/coding-service';
import { createApiService, type ApiService } from '../../../electron/services/api-service';
import { apiAsCoder } from '../../helpers/coder';
import { openDemo } from '../../helpers/demo';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HAVE_CHROMIUM } from '../../e2e/helpers';

const GREY_RIS = [
  'TY  - JOUR',
  'TI  - Case management in primary care for frequent users of health care services: a realist synthesis',
  'AU  - Hudon, Catherine',
  'AU  - Chouinard, Maud-Christine',
  'PY  - 2020',
  'JO  - Annals of Family Medicine',
  'ER  - ',
  '',
  'TY  - RPRT',
  'TI  - Case managers in community health: a program evaluation',
  'AU  - Grey, Lit',
  'PY  - 2022',
  'ER  - ',
  '',
].join('\n');

let dir: string;
let api: ApiService;
let close: () => void;
let listed: { total: number; included: number; excluded: number; unscreened: number };

function download(id: string | null): Buffer {
  const d = api.files.takeDownload(id!);
  expect(d).not.toBeNull();
  return Buffer.from(d!.data);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-report-'));
  ({ api, close } = await openDemo(dir));
  await apiAsCoder(api, 'Reviewer A');
  const imported = await api.call('records:import', { files: [{ name: 'grey.ris', contentBase64: Buffer.from(GREY_RIS).toString('base64') }], label: 'Grey literature search' });
  expect(imported.imported).toBe(2);
  expect(imported.duplicates).toBe(1);
  const clusters = await api.call('duplicates:list', {});
  expect(clusters.clusters).toHaveLength(1);
  const members = clusters.clusters[0]!.records;
  // Keep the demo's record (the older one, with its screening decision and full text).
  const keep = [...members].sort((a, b) => a.addedAt.localeCompare(b.addedAt))[0]!;
  await api.call('duplicates:merge', { clusterId: clusters.clusters[0]!.id, keepId: keep.id });
  listed = {
    total: (await api.call('records:list', {})).total,
    included: (await api.call('records:list', { decision: 'included' })).total,
    excluded: (await api.call('records:list', { decision: 'excluded' })).total,
    unscreened: (await api.call('records:list', { decision: 'none' })).total,
  };
}, 120_000);

afterAll(() => {
  close?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('report:export', () => {
  it('counts the flow as records:list does', async () => {
    expect(listed).toEqual({ total: 7, included: 4, excluded: 2, unscreened: 1 });
    const r = await api.call('report:export', { format: 'html' });
    expect(r.flow).toMatchObject({ identified: 8, duplicatesRemoved: 1, screened: listed.total, included: listed.included, excluded: listed.excluded, unscreened: listed.unscreened, maybe: 0 });
    // The demo attaches three full texts to included records and three documents without a record.
    expect(r.flow).toMatchObject({ fullTexts: 3, otherDocuments: 3, documentsInSynthesis: 6 });
    expect(r.cmocLayer).toBe('consensus');
    expect(r.counts).toMatchObject({ documents: 6, cmocs: 6, theoryVersions: 2 });
    expect(r.fileName).toBe('Case management for frequent users (demo) - report.html');
  });

  it('writes to a path for the command line, replaces a file only when asked, and refuses a path from the page', async () => {
    const out = path.join(dir, 'report.html');
    const r = await api.call('report:export', { format: 'html', path: out });
    expect(r.path).toBe(out);
    expect(fs.statSync(out).size).toBe(r.bytes);
    expect(r.downloadId).toBeNull();
    await expect(api.call('report:export', { format: 'html', path: out })).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect((await api.call('report:export', { format: 'html', path: out, overwrite: true })).bytes).toBe(r.bytes);
    expect(await api.dispatch('report:export', { format: 'html', path: path.join(dir, 'other.html') }, { transport: 'web' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fs.existsSync(path.join(dir, 'other.html'))).toBe(false);
  });

  it('writes a DOCX whose flow table, CMOC layer and references read back right', async () => {
    const r = await api.call('report:export', { format: 'docx', style: 'apa' });
    const docx = download(r.downloadId);
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    const cell = (label: string) => new RegExp(`<tr><td><p>${label}</p></td><td><p>(\\d+)</p></td></tr>`).exec(html)?.[1];
    expect(cell('Records identified')).toBe('8');
    expect(cell('Duplicates removed')).toBe('1');
    expect(cell('Records screened')).toBe(String(listed.total));
    expect(cell('Records included')).toBe(String(listed.included));
    expect(cell('Records excluded')).toBe('2');
    expect(cell('Records not yet screened')).toBe('1');
    // Records per source, in import order.
    expect(html).toMatch(/<td><p>Demo screening export<\/p><\/td><td><p>demo-screening.csv<\/p><\/td><td><p>6<\/p><\/td>/);
    expect(html).toMatch(/<td><p>Grey literature search<\/p><\/td><td><p>grey.ris<\/p><\/td><td><p>2<\/p><\/td>/);
    expect(html).toContain('6 configurations of the consensus layer');
    // One APA reference for the Hudon and Chouinard record (its two full texts share it).
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text.match(/Hudon, C\., & Chouinard, M\.-C\. \(2020\)\. Case management in primary care/g)).toHaveLength(1);
    // Agreement figures with their definitions, and the two theory diagrams as pictures.
    expect(text).toContain("Cohen's κ on characters");
    expect(text).toContain('Each character is coded or not coded with each code by each coder');
    expect((html.match(/<img /g) ?? []).length).toBe(2);
  });

  it.skipIf(!HAVE_CHROMIUM)("shows the flow diagram's numbers in Chromium", async () => {
    const r = await api.call('report:export', { format: 'html' });
    const html = download(r.downloadId).toString('utf8');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      // Self-contained: nothing may be fetched (the theory diagrams are data URIs).
      const requests: string[] = [];
      page.on('request', (q) => {
        if (!q.url().startsWith('data:')) requests.push(q.url());
      });
      await page.setContent(html, { waitUntil: 'load' });
      const boxes = await page.$$eval('svg g.flow-box[data-count]', (gs) => Object.fromEntries(gs.map((g) => [g.getAttribute('data-flow'), g.textContent])));
      expect(boxes.identified).toContain('n = 8');
      expect(boxes.duplicatesRemoved).toContain('n = 1');
      expect(boxes.screened).toContain(`n = ${listed.total}`);
      expect(boxes.excluded).toContain('n = 2');
      expect(boxes.unscreened).toContain('n = 1');
      expect(boxes.included).toContain(`n = ${listed.included}`);
      expect(boxes.documentsInSynthesis).toContain('n = 6');
      const sources = await page.$eval('svg g.flow-box[data-flow="sources"]', (g) => g.textContent);
      expect(sources).toContain('Demo screening export: 6');
      expect(sources).toContain('Grey literature search: 2');
      // Both theory diagrams decode as images.
      const images = await page.$$eval('figure.diagram img', (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(images).toHaveLength(2);
      for (const w of images) expect(w).toBeGreaterThan(100);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('previews the same HTML page the export writes, with its one style sheet and the numbers of the flow', async () => {
    const exported = download((await api.call('report:export', { format: 'html', style: 'apa' })).downloadId).toString('utf8');
    const preview = await api.call('report:preview', { style: 'apa' });
    expect(preview.html).toBe(exported);
    expect(preview.bytes).toBe(Buffer.byteLength(exported, 'utf8'));
    expect(preview.flow).toMatchObject({ identified: 8, duplicatesRemoved: 1, screened: 7, included: 4 });
    expect(preview.counts).toMatchObject({ documents: 6, cmocs: 6, theoryVersions: 2 });
    // What the window's Content-Security-Policy lets a srcdoc frame apply: one <style>, no style attributes, no script.
    expect(preview.html.match(/<style>/g)).toHaveLength(1);
    expect(preview.html).not.toMatch(/\sstyle="|<script/i);
    expect(preview.html).toContain('data-flow="identified" data-count="8"');
    expect(await api.dispatch('report:preview', { style: 'chicago' }, { transport: 'web' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('reads in full only the CMOCs of the layer its table shows (the consensus: 6 of the demo\'s 14)', async () => {
    // Each CMOC's detail costs queries over its layer: on a project with 1,000 coded CMOCs, reading
    // every layer's made the report take 90 s instead of 4 s for the same page.
    expect((await api.call('cmocs:list', {})).length).toBe(14);
    const spy = vi.spyOn(CodingService.prototype, 'withEvidence');
    try {
      const r = await api.call('report:preview', {});
      expect(r.cmocLayer).toBe('consensus');
      expect(r.counts.cmocs).toBe(6);
      expect(spy).toHaveBeenCalledTimes(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('reports an empty project without failing, saying what is not there yet', async () => {
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-report-empty-'));
    const local = createApiService({ transport: 'web', configDir: path.join(emptyDir, 'config'), projectsDir: emptyDir, appVersion: '0.0.0-test' });
    try {
      await local.call('project:create', { path: path.join(emptyDir, 'empty.realist') });
      const out = path.join(emptyDir, 'empty.html');
      const r = await local.call('report:export', { format: 'html', path: out });
      expect(r.flow).toEqual({ identified: 0, duplicatesRemoved: 0, screened: 0, included: 0, excluded: 0, maybe: 0, unscreened: 0, fullTexts: 0, otherDocuments: 0, documentsInSynthesis: 0 });
      expect(r.counts).toEqual({ documents: 0, cmocs: 0, theoryVersions: 0, agreementFigures: 0 });
      const page = fs.readFileSync(out, 'utf8');
      expect(page).toContain('No documents in the synthesis yet.');
      expect(page).toContain('No program theory versions yet.');
      expect(page).toContain('No agreement figures: Agreement needs two coders with coded work; nobody has coded yet.');
      const docx = await local.call('report:export', { format: 'docx', path: path.join(emptyDir, 'empty.docx') });
      expect((await mammoth.extractRawText({ path: docx.path! })).value).toContain('No program theory versions yet.');
    } finally {
      local.close();
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
