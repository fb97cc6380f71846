/**
 * Attaching, storing, matching and searching full texts in a real project file.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentText } from '../../../shared/documents/text-layout';
import { DocumentService, readFileInput, toFtsQuery } from '../../../electron/services/documents/document-service';
import { splitIntoPages } from '../../../electron/services/documents/text-extract';
import { PdfWorkerPool } from '../../../electron/services/documents/worker-pool';
import { ProjectStore } from '../../../electron/services/store/project-store';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { asCoder, setupWrites } from '../../helpers/coder';

const tempDir = useTempDir();
const pool = new PdfWorkerPool(2);
afterAll(() => pool.close());

let store: ProjectStore;
let docs: DocumentService;
beforeEach(() => {
  store = ProjectStore.open(path.join(tempDir(), 'p.realist'), { create: true });
  asCoder(store);
  docs = new DocumentService(store, pool);
});
afterEach(() => store.close());

function addRecord(title: string, doi: string | null = null): string {
  const id = randomUUID();
  const now = store.isoNow();
  setupWrites(store, () => store.db.prepare('INSERT INTO records (id, title, doi, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, title, doi, now, now));
  return id;
}

const pdf = (rel: string) => fixture(`pdf/${rel}`);

describe('text documents', () => {
  it('extracts a Word file made with the docx package, paragraph by paragraph', async () => {
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'Interview with a case-management nurse', bold: true })] }),
            new Paragraph('Patients call me directly when something changes.'),
            new Paragraph('The trusting relationship takes months to build.'),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(word));
    const a = await docs.attachBytes('nurse-interview.docx', bytes);
    expect(a).toMatchObject({ status: 'ok', recordId: null, match: 'none' });
    const d = docs.get(a.documentId);
    expect(d).toMatchObject({ kind: 'docx', title: 'nurse-interview', pageCount: 1, fileName: 'nurse-interview.docx' });
    expect(d.pages[0]!.text).toBe(
      'Interview with a case-management nurse\n\nPatients call me directly when something changes.\n\nThe trusting relationship takes months to build.',
    );
    expect(docs.content(a.documentId).mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('stores a Markdown transcript with its heading as title, and splits a long text at paragraph breaks', async () => {
    const md = '# Interview 3: patient\n\nI: How did you meet the nurse?\r\n\r\nP: She came to my home.';
    const a = await docs.attachBytes('interview-3.md', new TextEncoder().encode(md));
    expect(docs.get(a.documentId)).toMatchObject({ kind: 'markdown', title: 'Interview 3: patient', pages: [{ text: md.replace(/\r\n/g, '\n'), textOffset: 0, width: null }] });

    const paragraphs = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1}. ${'word '.repeat(40).trim()}`);
    const text = paragraphs.join('\n\n');
    const pages = splitIntoPages(text, 1000);
    expect(pages.length).toBe(Math.ceil(text.length / 1000) + 1);
    expect(pages.every((p) => p.length <= 1000)).toBe(true);
    expect(documentText(pages.map((t) => ({ text: t })))).toBe(text);
  });

  it('refuses a file type it cannot read, but still attaches the others', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Field note: the nurse phoned the pharmacy.');
    fs.writeFileSync(path.join(dir, 'photo.jpg'), 'not a document');
    const r = await docs.attach([readFileInput(path.join(dir, 'notes.txt')), readFileInput(path.join(dir, 'photo.jpg')), readFileInput(path.join(dir, 'missing.pdf'))]);
    expect(r.attached.map((a) => path.basename(a.file))).toEqual(['notes.txt']);
    expect(r.errors.map((e) => [path.basename(e.file), e.message.replace(dir, 'DIR')])).toEqual([
      ['photo.jpg', 'photo.jpg: not a supported document (PDF, .txt, .md or .docx).'],
      ['missing.pdf', 'No such file: DIR/missing.pdf'],
    ]);
  });
});

describe.skipIf(!HAVE_FIXTURES)('PDF documents in a project', () => {
  it('attaches PDFs, matches them by DOI and by title, and stores each file once', async () => {
    const tully = addRecord('Patient experiences of structured heart failure programmes', '10.1155/2010/157939');
    const malawi = addRecord(
      'Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi',
    );
    addRecord('Case management in primary care for frequent users of health care services: a realist synthesis');
    const progress: number[] = [];
    const r = await docs.attach(
      [
        readFileInput(pdf('articles/Tully2010_RehabilResPract_heart-failure-experiences.pdf')),
        readFileInput(pdf('articles/AgyemanDuah2014_BMCHealthServRes_QI-Malawi_2col.pdf')),
        readFileInput(pdf('articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf')),
      ],
      { onProgress: (done) => progress.push(done) },
    );
    expect(r.errors).toEqual([]);
    expect(r.attached.map((a) => [path.basename(a.file), a.recordId, a.match])).toEqual([
      ['Tully2010_RehabilResPract_heart-failure-experiences.pdf', tully, 'doi'],
      ['AgyemanDuah2014_BMCHealthServRes_QI-Malawi_2col.pdf', malawi, 'title'],
      ['Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf', null, 'none'],
    ]);
    expect(progress).toEqual([1, 2, 3]);
    const list = docs.list();
    expect(list.map((d) => [d.title, d.pageCount, d.status, d.match])).toEqual([
      ['Datta2010_JTraumaManagOutcomes_systematic-review_2col', 4, 'ok', 'none'],
      ['Patient experiences of structured heart failure programmes', 6, 'ok', 'doi'],
      [expect.stringMatching(/^Understanding the barriers/), 10, 'ok', 'title'],
    ]);
    // Page offsets follow the shared layout.
    const d = docs.get(r.attached[0]!.documentId);
    let at = 0;
    for (const p of d.pages) {
      expect(p.textOffset).toBe(at);
      at += p.text.length + 2;
    }
    // Page size as pdfinfo prints it: 600.05 x 792 pts.
    expect(d.pages[0]).toMatchObject({ index: 0, rotation: 0, width: 600.05, height: 792 });
    // Items are fetched per page; each sits at its offset in the page text (highlights rely on it).
    const items = docs.pageItems(d.id, 0);
    expect(items.length).toBeGreaterThan(50);
    for (const item of items) expect(d.pages[0]!.text.slice(item.offset, item.offset + item.str.length)).toBe(item.str);
    expect(items[0]!.str.length).toBeGreaterThan(0);
    expect(() => docs.pageItems(d.id, 6)).toThrow(/no page 7/);
    // The same file again: no new blob, no new document.
    const again = await docs.attach([readFileInput(pdf('articles/Tully2010_RehabilResPract_heart-failure-experiences.pdf'))]);
    expect(again.attached[0]!.documentId).toBe(r.attached[0]!.documentId);
    expect((store.db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(3);
    const content = docs.content(d.id);
    expect(content.mime).toBe('application/pdf');
    expect(Buffer.from(content.bytes).equals(fs.readFileSync(pdf('articles/Tully2010_RehabilResPract_heart-failure-experiences.pdf')))).toBe(true);
  });

  it('finds a word of a page with an FTS5 snippet, and an excerpt by its note', async () => {
    const r = await docs.attach([
      readFileInput(pdf('articles/Tully2010_RehabilResPract_heart-failure-experiences.pdf')),
      readFileInput(pdf('articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf')),
    ]);
    const hits = docs.search('thromboprophylaxis', 10);
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.documentId))).toEqual(new Set([r.attached[1]!.documentId]));
    expect(hits[0]!.snippet).toMatch(/\[thromboprophylaxis\]/i);
    // Porter stemming: "programme" finds "programmes"; diacritics and case are folded.
    expect(docs.search('PROGRAMME', 5)[0]).toMatchObject({ documentId: r.attached[0]!.documentId, title: 'Tully2010_RehabilResPract_heart-failure-experiences' });
    // Operators and stray quotes in the query are taken literally instead of failing.
    expect(toFtsQuery('heart AND "failure programmes" nurs* "')).toBe('"heart" "AND" "failure programmes" "nurs"*');
    expect(() => docs.search('heart) OR (', 5)).not.toThrow();

    const now = store.isoNow();
    setupWrites(store, () =>
      store.db
        .prepare('INSERT INTO excerpts (id, document_id, coder_id, page_index, start, end, quote, note, created_at, updated_at) VALUES (?, ?, ?, 2, 0, 5, ?, ?, ?, ?)')
        .run(randomUUID(), r.attached[0]!.documentId, store.session.coderId, 'a quote', 'the nurse as a trusted anchor', now, now),
    );
    const excerptHits = docs.search('anchor', 5);
    expect(excerptHits).toHaveLength(1);
    expect(excerptHits[0]).toMatchObject({ documentId: r.attached[0]!.documentId, pageIndex: 2, snippet: 'the nurse as a trusted [anchor]', excerptId: expect.any(String) });
  });

  it('finds words hyphenated across a line end, while the page text keeps the hyphen', async () => {
    const r = await docs.attach([readFileInput(pdf('articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf'))]);
    const id = r.attached[0]!.documentId;
    const page1 = docs.get(id).pages[0]!.text;
    // The abstract breaks "immobilization" at a line end, and uses the word nowhere else.
    expect(page1).toContain('immobi-\nlization');
    expect(page1).not.toMatch(/immobilization/i);
    // (Stemming also finds "immobility" on a later page; page 1 is found only with the fix.)
    const onPage1 = docs.search('immobilization', 5).filter((h) => h.pageIndex === 0);
    expect(onPage1).toEqual([
      { documentId: id, title: 'Datta2010_JTraumaManagOutcomes_systematic-review_2col', pageIndex: 0, snippet: expect.stringContaining('[immobilization]') },
    ]);
    // "meta-\nanalysis" on page 3: both spellings find it.
    expect(docs.get(id).pages[2]!.text).toContain('meta-\nanalysis');
    expect(docs.search('"meta-analysis"', 5).map((h) => h.pageIndex)).toContain(2);
    expect(docs.search('metaanalysis', 5).map((h) => h.pageIndex)).toEqual([2]);
  });

  it('keeps an encrypted PDF until its password unlocks it, then matches it', async () => {
    const datta = addRecord('Complications related to deep venous thrombosis prophylaxis in trauma: a systematic review of the literature');
    const a = await docs.attachBytes('Datta-encrypted.pdf', new Uint8Array(fs.readFileSync(pdf('derived/Datta2010_ENCRYPTED_userpw-realist.pdf'))));
    expect(a).toMatchObject({ status: 'encrypted', recordId: null, match: 'none' });
    expect(docs.list()[0]).toMatchObject({ status: 'encrypted', pageCount: 0, statusMessage: 'This PDF is encrypted: give its password to read it.' });
    const actions = () => (store.db.prepare('SELECT count(*) AS n FROM actions').get() as { n: number }).n;
    const before = actions();
    expect(await docs.unlock(a.documentId, 'wrong')).toMatchObject({ status: 'encrypted', statusMessage: 'This PDF is encrypted and the password given is not right.' });
    // A wrong password changes nothing, so it leaves nothing to undo.
    expect(actions()).toBe(before);
    expect(docs.list()[0]).toMatchObject({ status: 'encrypted', statusMessage: 'This PDF is encrypted: give its password to read it.' });
    expect(await docs.unlock(a.documentId, 'realist')).toMatchObject({ status: 'ok', pageCount: 4, recordId: datta, match: 'title' });
    expect(docs.search('heparin', 3)[0]!.documentId).toBe(a.documentId);
  });

  it('unlocks a stored encrypted PDF when the same file is attached again with its password', async () => {
    const file = readFileInput(pdf('edge-cases/pdfjs_issue6010_1.pdf'));
    const first = await docs.attach([file, file]);
    expect(first.attached.map((a) => a.status)).toEqual(['encrypted', 'encrypted']);
    expect(first.attached[1]!.documentId).toBe(first.attached[0]!.documentId); // one document, not two
    const again = await docs.attach([file], { password: 'abc' });
    expect(again.attached[0]).toMatchObject({ documentId: first.attached[0]!.documentId, status: 'ok' });
    expect(docs.get(first.attached[0]!.documentId).pages.map((p) => p.text)).toEqual(['Issue 6010']);
  });

  it('keeps damaged and image-only PDFs with a clear status', async () => {
    const r = await docs.attach([
      readFileInput(pdf('derived/Datta2010_TRUNCATED_at_55pct.pdf')),
      readFileInput(pdf('derived/Tully2010_SCANNED_image-only_no-text-layer.pdf')),
    ]);
    expect(r.errors).toEqual([]);
    const byFile = new Map(docs.list().map((d) => [d.fileName, d]));
    expect(byFile.get('Datta2010_TRUNCATED_at_55pct.pdf')).toMatchObject({ status: 'damaged', pageCount: 0, statusMessage: expect.stringMatching(/^The PDF is damaged/) });
    expect(byFile.get('Tully2010_SCANNED_image-only_no-text-layer.pdf')).toMatchObject({ status: 'no-text', pageCount: 6, statusMessage: expect.stringMatching(/^no text: needs OCR/) });
    // Both files are stored, so the reader can still show the scan.
    expect((store.db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(2);
  });

  it('stores a PDF that pdf.js cannot finish in time as damaged, and the pool carries on', async () => {
    const impatient = new PdfWorkerPool(1, 5);
    try {
      const slow = new DocumentService(store, impatient);
      const a = await slow.attachBytes('geotopo.pdf', new Uint8Array(fs.readFileSync(pdf('articles/GeoTopo_117pages_german_lecture-notes.pdf'))));
      expect(a.status).toBe('damaged');
      expect(slow.list()[0]!.statusMessage).toBe('The PDF could not be read: pdf.js did not finish within 0.005 s.');
      // The stuck worker was replaced: the next task runs on a fresh one (and times out the same way).
      await expect(impatient.run({ data: new Uint8Array(fs.readFileSync(pdf('edge-cases/pdfjs_helloworld-bad.pdf'))) })).rejects.toThrow(/did not finish/);
    } finally {
      await impatient.close();
    }
    // A closed pool refuses work instead of hanging.
    await expect(impatient.run({ data: new Uint8Array(1) })).rejects.toThrow('the PDF worker pool is closed');
  });

  it('lets the user correct the record a document is linked to', async () => {
    const record = addRecord('A record the matcher could not find');
    const a = await docs.attachBytes('datta.pdf', new Uint8Array(fs.readFileSync(pdf('articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf'))));
    expect(docs.setRecord(a.documentId, record)).toMatchObject({ recordId: record, match: 'manual' });
    expect(docs.list(record).map((d) => d.id)).toEqual([a.documentId]);
    expect(docs.setRecord(a.documentId, null)).toMatchObject({ recordId: null, match: 'none' });
    expect(() => docs.setRecord(a.documentId, randomUUID())).toThrow(/No record/);
    expect(() => docs.get(randomUUID())).toThrow(/No document/);
  });
});
