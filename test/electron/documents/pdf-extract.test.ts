/**
 * Text extraction from the real fixture PDFs (page counts from the fixtures README), through
 * the worker pool as the app runs it.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf, STATUS_MESSAGES } from '../../../electron/services/documents/pdf-extract';
import { estimatePageCount, PdfWorkerPool } from '../../../electron/services/documents/worker-pool';
import { unpackItems } from '../../../shared/documents/page-text';
import { samplePages, textPdf } from '../../helpers/text-pdf';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';

const bytes = (rel: string) => new Uint8Array(fs.readFileSync(fixture(`pdf/${rel}`)));

describe.skipIf(!HAVE_FIXTURES)('PDF text extraction', () => {
  const pool = new PdfWorkerPool(2);
  afterAll(() => pool.close());

  it.each([
    ['articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf', 4, 'Complications related to deep venous thrombosis'],
    ['articles/AgyemanDuah2014_BMCHealthServRes_QI-Malawi_2col.pdf', 10, 'Understanding the barriers to setting up a'],
    ['articles/Tully2010_RehabilResPract_heart-failure-experiences.pdf', 6, 'Patient Experiences of Structured Heart Failure Programmes'],
    ['articles/Webb2017_PeerJCompSci_VESPA.pdf', 16, 'VESPA'],
    ['articles/Douglas2014_ClinSci_ACE-inhibitors.pdf', 13, 'ACE'],
    ['articles/GeoTopo_117pages_german_lecture-notes.pdf', 117, 'Topologie'],
  ])('%s has %i pages of text, its title on page 1', async (file, pages, title) => {
    const r = await pool.extract(bytes(file));
    expect(r.status).toBe('ok');
    expect(r.pageCount).toBe(pages);
    expect(r.pages.map((p) => p.index)).toEqual([...Array(pages).keys()]);
    expect(r.pages[0]!.text).toContain(title);
    // Every item's string sits at its offset in the page text (highlights rely on it).
    for (const p of r.pages) {
      const items = unpackItems(p.text, p.items);
      for (const item of items) expect(p.text.slice(item.offset, item.offset + item.str.length)).toBe(item.str);
    }
  });

  it('leaves the main thread free while the workers parse a 117-page PDF', async () => {
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const r = await pool.extract(bytes('articles/GeoTopo_117pages_german_lecture-notes.pdf'));
    clearInterval(timer);
    expect(r.pages).toHaveLength(117);
    // Parsing on this thread blocks it ~100 ms per call; through the pool only the result's
    // message is received here. 250 ms leaves room for a loaded test machine.
    expect(longestGap).toBeLessThan(250);
  });

  it('reads the page count from the bytes to share pages out, and keeps page order when split', async () => {
    expect(estimatePageCount(bytes('articles/GeoTopo_117pages_german_lecture-notes.pdf'))).toBe(117);
    expect(estimatePageCount(bytes('derived/Datta2010_ENCRYPTED_userpw-realist.pdf'))).toBe(4);
    // PeerJ compresses its page tree into an object stream: unknown until the first worker opens it.
    expect(estimatePageCount(bytes('articles/Webb2017_PeerJCompSci_VESPA.pdf'))).toBeNull();
    const generated = textPdf(samplePages(40, 5));
    expect(estimatePageCount(generated)).toBe(40);
    const r = await pool.extract(generated);
    expect(r.pages.map((p) => p.text.split(' ')[1])).toEqual(Array.from({ length: 40 }, (_, i) => `${i + 1}.`));
  });

  it('keeps the two columns of a BMC article apart (reading order)', async () => {
    const r = await pool.extract(bytes('articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf'));
    // The left column's first sentence continues on the next line of the same column.
    expect(r.pages[0]!.text).toContain('Multisystem traumatic injury is a significant risk factor\nfor the development of a deep venous thrombosis');
  });

  it('reads the German umlauts of the lecture notes', async () => {
    const r = await pool.extract(bytes('articles/GeoTopo_117pages_german_lecture-notes.pdf'));
    expect(r.pages.map((p) => p.text).join('\n')).toMatch(/für|Übung|Räume/);
  });

  it('extracts upright text from rotated pages, the same as the unrotated article', async () => {
    const [rotated, plain] = await Promise.all([
      pool.extract(bytes('derived/AgyemanDuah2014_ROTATED_p3-90_p5-180_p7-270.pdf')),
      pool.extract(bytes('articles/AgyemanDuah2014_BMCHealthServRes_QI-Malawi_2col.pdf')),
    ]);
    expect(rotated.pages.map((p) => p.rotation)).toEqual([0, 0, 90, 0, 180, 90, 270, 0, 0, 0]);
    // (The original article already has /Rotate 90 on its landscape pages 5 and 6.)
    expect(plain.pages.map((p) => p.rotation)).toEqual([0, 0, 0, 0, 90, 90, 0, 0, 0, 0]);
    expect(rotated.pages.map((p) => p.text)).toEqual(plain.pages.map((p) => p.text));
    expect(rotated.pages[2]!.text).toContain('All the questionnaires for both in-depth and structured\ninterviews were originally designed in English.');
    const hello = await pool.extract(bytes('edge-cases/pdfjs_hello_world_rotated.pdf'));
    expect(hello.pages.map((p) => [p.rotation, p.text])).toEqual(Array(5).fill([90, 'Hello world']));
    const landscape = await pool.extract(bytes('edge-cases/pdfjs_rotation.pdf'));
    expect(landscape.pages[1]!.text).toBe('This is my second page. It will have a landscape layout.\nSecond line here.');
  });

  it('reports encrypted PDFs and opens them with their passwords', async () => {
    const locked = await extractPdf(bytes('derived/Datta2010_ENCRYPTED_userpw-realist.pdf'));
    expect(locked).toMatchObject({ status: 'encrypted', message: STATUS_MESSAGES.needPassword, pageCount: 0 });
    const wrong = await extractPdf(bytes('derived/Datta2010_ENCRYPTED_userpw-realist.pdf'), { password: 'nope' });
    expect(wrong).toMatchObject({ status: 'encrypted', message: STATUS_MESSAGES.wrongPassword });
    const open = await pool.extract(bytes('derived/Datta2010_ENCRYPTED_userpw-realist.pdf'), 'realist');
    expect(open.status).toBe('ok');
    expect(open.pageCount).toBe(4);
    expect(open.pages[0]!.text).toContain('Complications related to deep venous thrombosis');
    for (const [file, password] of [
      ['edge-cases/pdfjs_issue6010_1.pdf', 'abc'],
      ['edge-cases/pdfjs_issue6010_2.pdf', 'æøå'],
      ['edge-cases/pypdf_libreoffice_password-openpassword.pdf', 'openpassword'],
    ] as const) {
      expect((await extractPdf(bytes(file))).status, file).toBe('encrypted');
      const r = await extractPdf(bytes(file), { password });
      expect(r.status, file).toBe('ok');
      expect(r.pageCount, file).toBe(1);
    }
    expect((await extractPdf(bytes('edge-cases/pdfjs_issue6010_2.pdf'), { password: 'æøå' })).pages[0]!.text).toBe('Issue 6010');
  });

  it('reports a truncated PDF as damaged, while pdf.js rebuilds the two with a broken xref', async () => {
    const truncated = await extractPdf(bytes('derived/Datta2010_TRUNCATED_at_55pct.pdf'));
    expect(truncated.status).toBe('damaged');
    expect(truncated.message).toMatch(/^The PDF is damaged and could not be read/);
    // pdf.js indexes every object when the xref is wrong, so these two read normally.
    expect(await extractPdf(bytes('edge-cases/pdfjs_helloworld-bad.pdf'))).toMatchObject({ status: 'ok', pageCount: 1, pages: [{ text: 'Hello, world!' }] });
    expect(await extractPdf(bytes('edge-cases/pdfjs_xref_command_missing.pdf'))).toMatchObject({ status: 'ok', pages: [{ text: 'Reduced test-case' }] });
    // Not a PDF at all.
    expect((await extractPdf(new TextEncoder().encode('%PDF-1.4\nthis is not really a pdf'))).status).toBe('damaged');
  });

  it('reports the image-only scan as no-text, with all six pages kept for viewing', async () => {
    const r = await pool.extract(bytes('derived/Tully2010_SCANNED_image-only_no-text-layer.pdf'));
    expect(r.status).toBe('no-text');
    expect(r.message).toMatch(/^no text: needs OCR/);
    expect(r.pages).toHaveLength(6);
    // The real scan with an invisible OCR layer does have text.
    expect((await extractPdf(bytes('edge-cases/pdfjs_scan-bad.pdf'))).pages[0]!.text).toBe('pdf.js');
  });

  it('expands ligature code points (pdf.js normalisation), so search and offsets see plain letters', async () => {
    const r = await extractPdf(bytes('edge-cases/pdfjs_copy_paste_ligatures.pdf'));
    expect(r.pages[0]!.text).toBe('abcdeffffiflffifflſtstghijklmno');
    expect(r.pages[0]!.text).not.toMatch(/[\uFB00-\uFB06]/);
  });
});
