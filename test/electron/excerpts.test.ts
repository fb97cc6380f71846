/**
 * Highlights through the API on a real project file, with the Datta 2010 article attached and
 * extracted as the app does it (documents:attach). Offsets are checked against the document's
 * own text (documents:get, pages joined by the page separator).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiService, type ApiService } from '../../electron/services/api-service';
import { CROSSES_PAGE_MESSAGE, DUPLICATE_HIGHLIGHT_MESSAGE } from '../../electron/services/excerpts/excerpt-service';
import { documentText } from '../../shared/documents/text-layout';
import type { DocumentPage } from '../../shared/api/calls/documents';
import { fixture, HAVE_FIXTURES, REPO_ROOT } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';
import { apiAsCoder, setupWrites } from '../helpers/coder';

const DATTA = 'pdf/articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf';
const SOFT_TISSUE = 'Mechanical compression devices can result in local soft\ntissue injury, bleeding and patient non-compliance.';
const CONCLUSION = 'Pharmacologic anticoagulation using LMWHs is the\nrecommended primary thromboprophylaxis modality in\ntrauma patients.';
const GUIDELINES = 'Guidelines for\nthe use of retrievable and convertible vena cava filters';

describe.skipIf(!HAVE_FIXTURES)('excerpts service on a project file', () => {
  const tempDir = useTempDir();
  let service: ApiService;
  let file: string;
  let documentId: string;
  let pages: DocumentPage[];
  let text: string;

  beforeEach(async () => {
    const dir = tempDir();
    file = path.join(dir, 'review.realist');
    service = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 'test' });
    await service.call('project:create', { path: file, name: 'Highlights test' });
    await apiAsCoder(service);
    const attached = await service.call('documents:attach', { paths: [fixture(DATTA)] });
    expect(attached.errors).toEqual([]);
    documentId = attached.attached[0]!.documentId;
    pages = (await service.call('documents:get', { id: documentId })).pages;
    text = documentText(pages);
  });
  afterEach(() => service.close());

  /** A selection as the reader sends it: the quote's first occurrence, on its page. */
  function selection(quote: string, extra: Record<string, unknown> = {}) {
    const start = text.indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    const pageIndex = [...pages].reverse().find((p) => p.textOffset <= start)!.index;
    return { documentId, pageIndex, start, end: start + quote.length, quote, ...extra };
  }

  it('extracts the text the anchoring golden file was made from (so its offsets hold in the app)', () => {
    const golden = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'golden', 'anchoring', 'datta2010.json'), 'utf8')) as {
      textLength: number;
      selectors: Array<{ quote: string; start: number; end: number; page: number }>;
    };
    expect(text.length).toBe(golden.textLength);
    for (const g of golden.selectors) {
      expect(text.slice(g.start, g.end)).toBe(g.quote);
      expect([...pages].reverse().find((p) => p.textOffset <= g.start)!.index).toBe(g.page);
    }
  });

  it('stores a highlight in the project file before the call returns, in the change log', async () => {
    const rects = [{ page: 0, x1: 300, y1: 500, x2: 560, y2: 512 }];
    const created = await service.call('excerpts:create', selection(SOFT_TISSUE, { rects, note: 'harms of IPC devices', color: '#ffd43b' }));
    expect(created).toMatchObject({
      documentId,
      pageIndex: 0,
      start: 1059,
      end: 1166,
      pageStart: 1059,
      quote: SOFT_TISSUE,
      prefix: 'parin induced thrombocytopenia. ',
      suffix: ' Inferior vena cava filters migr',
      sortKey: '00000:0000001059',
      note: 'harms of IPC devices',
      color: '#ffd43b',
      coderName: 'Tester',
      anchorStatus: 'anchored',
      anchorScore: 1,
      rects,
      deletedAt: null,
    });

    // A second connection, as another process would open the file, sees the committed row.
    const other = new Database(file, { readonly: true });
    try {
      const row = other.prepare('SELECT quote, start, end, page_index, note, color, coder_id FROM excerpts WHERE id = ?').get(created.id) as Record<string, unknown>;
      expect(row).toEqual({ quote: SOFT_TISSUE, start: 1059, end: 1166, page_index: 0, note: 'harms of IPC devices', color: '#ffd43b', coder_id: created.coderId });
      const log = other.prepare("SELECT verb, coder_id, status FROM actions WHERE entity_type = 'excerpt' AND entity_id = ?").all(created.id);
      expect(log).toEqual([{ verb: 'create', coder_id: created.coderId, status: 'done' }]);
    } finally {
      other.close();
    }
  });

  it('places a quote whose offsets are stale (the reader had an older text) and refuses one the text lacks', async () => {
    const stale = selection(CONCLUSION);
    const created = await service.call('excerpts:create', { ...stale, start: stale.start - 40, end: stale.end - 40 });
    expect(created.start).toBe(stale.start);
    expect(text.slice(created.start, created.end)).toBe(CONCLUSION);
    expect(created.pageIndex).toBe(1);

    await expect(
      service.call('excerpts:create', { documentId, pageIndex: 0, start: 10, end: 60, quote: 'Case managers met frequent users of primary care every week.' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not found in the document') });
  });

  it('refuses a selection across a page break with the contract message', async () => {
    const page1 = pages[1]!;
    const start = page1.textOffset - 20;
    const end = page1.textOffset + 20;
    await expect(
      service.call('excerpts:create', { documentId, pageIndex: 0, start, end, quote: text.slice(start, end) }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: CROSSES_PAGE_MESSAGE });
    expect(CROSSES_PAGE_MESSAGE).toBe('A highlight cannot cross a page break; select within one page or make two highlights');
    // Rectangles on two pages are the same mistake, even when the text is on one page.
    const rects = [
      { page: 0, x1: 300, y1: 500, x2: 560, y2: 512 },
      { page: 1, x1: 50, y1: 700, x2: 290, y2: 712 },
    ];
    await expect(service.call('excerpts:create', selection(SOFT_TISSUE, { rects }))).rejects.toMatchObject({ code: 'VALIDATION', message: CROSSES_PAGE_MESSAGE });
    expect(await service.call('excerpts:list', { documentId })).toEqual([]);
  });

  it('refuses a second identical highlight in the same layer, naming the first; another coder or a deleted one does not count', async () => {
    const first = await service.call('excerpts:create', selection(SOFT_TISSUE, { color: '#ffd43b' }));
    const again = await service.dispatch('excerpts:create', selection(SOFT_TISSUE, { color: '#74c0fc' }));
    expect(again).toEqual({ ok: false, error: { code: 'DUPLICATE', message: expect.stringContaining(DUPLICATE_HIGHLIGHT_MESSAGE), details: { excerptId: first.id } } });
    expect(DUPLICATE_HIGHLIGHT_MESSAGE).toBe('This passage is already highlighted in your layer');
    // Stale offsets that land on the same passage are the same passage.
    const stale = selection(SOFT_TISSUE);
    await expect(service.call('excerpts:create', { ...stale, start: stale.start - 30, end: stale.end - 30 })).rejects.toMatchObject({ code: 'DUPLICATE' });
    // A passage one character shorter is another highlight.
    const shorter = SOFT_TISSUE.slice(0, -1);
    await service.call('excerpts:create', selection(shorter));
    // A second coder may highlight the same passage in their own layer (agreement compares them).
    await apiAsCoder(service, 'Second reviewer');
    await service.call('excerpts:create', selection(SOFT_TISSUE));
    // After a delete, the passage can be highlighted again.
    await apiAsCoder(service, 'Tester');
    await service.call('excerpts:delete', { id: first.id });
    const redone = await service.call('excerpts:create', selection(SOFT_TISSUE));
    const list = await service.call('excerpts:list', { documentId });
    expect(list.map((x) => [x.coderName, x.quote.length]).sort()).toEqual([
      ['Second reviewer', SOFT_TISSUE.length],
      ['Tester', SOFT_TISSUE.length - 1],
      ['Tester', SOFT_TISSUE.length],
    ]);
    expect(list.some((x) => x.id === redone.id)).toBe(true);
  });

  it('lists highlights in reading order whatever order they were made in', async () => {
    const last = await service.call('excerpts:create', selection(GUIDELINES));
    const first = await service.call('excerpts:create', selection(SOFT_TISSUE));
    const middle = await service.call('excerpts:create', selection(CONCLUSION));
    const list = await service.call('excerpts:list', { documentId });
    expect(list.map((e) => e.id)).toEqual([first.id, middle.id, last.id]);
    expect(list.map((e) => e.pageIndex)).toEqual([0, 1, 3]);
    expect(list.map((e) => e.sortKey)).toEqual([
      `00000:${String(text.indexOf(SOFT_TISSUE)).padStart(10, '0')}`,
      `00001:${String(text.indexOf(CONCLUSION)).padStart(10, '0')}`,
      `00003:${String(text.indexOf(GUIDELINES)).padStart(10, '0')}`,
    ]);
    // Page-relative offsets point at the quote in the page's own text.
    const g = list[2]!;
    expect(pages[3]!.text.slice(g.pageStart, g.pageEnd)).toBe(GUIDELINES);
  });

  it('soft-deletes, undoes the delete, and changes a note and colour', async () => {
    const e = await service.call('excerpts:create', selection(SOFT_TISSUE));
    const deleted = await service.call('excerpts:delete', { id: e.id });
    expect(deleted.id).toBe(e.id);
    expect(await service.call('excerpts:list', { documentId })).toEqual([]);
    const withDeleted = await service.call('excerpts:list', { documentId, includeDeleted: true });
    expect(withDeleted.map((x) => [x.id, x.deletedAt])).toEqual([[e.id, deleted.deletedAt]]);

    expect(await service.call('history:undo', {})).toMatchObject({ applied: expect.stringMatching(/^Delete highlight "/), canRedo: true });
    const [restored] = await service.call('excerpts:list', { documentId });
    expect(restored).toMatchObject({ id: e.id, deletedAt: null, quote: SOFT_TISSUE, anchorStatus: 'anchored' });

    const updated = await service.call('excerpts:update', { id: e.id, note: 'compliance is a context', color: '#74c0fc' });
    expect(updated).toMatchObject({ note: 'compliance is a context', color: '#74c0fc' });
    const cleared = await service.call('excerpts:update', { id: e.id, note: null });
    expect(cleared).toMatchObject({ note: null, color: '#74c0fc' });

    const actions = service.store!.db
      .prepare("SELECT verb, status FROM actions WHERE entity_type = 'excerpt' AND entity_id = ? ORDER BY seq")
      .all(e.id)
      .map((r) => Object.values(r as object).join(' '));
    // The undone delete was discarded by the edits made after it (it can no longer be redone).
    expect(actions).toEqual(['create done', 'delete discarded', 'update done', 'update done']);
    await expect(service.call('excerpts:delete', { id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('re-anchors after a re-extraction changed the text, and keeps a lost quote as orphaned', async () => {
    const soft = await service.call('excerpts:create', selection(SOFT_TISSUE));
    const concl = await service.call('excerpts:create', selection(CONCLUSION));
    // A new extraction: a header line appears at the top of page 0 and the conclusion's
    // sentence is gone from page 1. Page offsets shift as the text layout says.
    const db = service.store!.db;
    const header = 'Downloaded from the publisher, 2026\n';
    const newPages = pages.map((p) => ({
      index: p.index,
      text: p.index === 0 ? header + p.text : p.index === 1 ? p.text.replace(CONCLUSION, 'This sentence was rewritten by the authors.') : p.text,
    }));
    let offset = 0;
    setupWrites(service.store!, () => {
      for (const p of newPages) {
        db.prepare('UPDATE pages SET text = ?, text_offset = ? WHERE document_id = ? AND page_index = ?').run(p.text, offset, documentId, p.index);
        offset += p.text.length + 2;
      }
    });
    const list = await service.call('excerpts:list', { documentId });
    const newText = documentText(newPages);
    const s = list.find((e) => e.id === soft.id)!;
    expect(s).toMatchObject({ anchorStatus: 'fuzzy', start: soft.start + header.length, pageIndex: 0 });
    expect(newText.slice(s.start, s.end)).toBe(SOFT_TISSUE);
    const c = list.find((e) => e.id === concl.id)!;
    expect(c).toMatchObject({ anchorStatus: 'orphaned', quote: CONCLUSION, start: concl.start, end: concl.end, pageIndex: 1, anchorScore: 0 });
    // Reading changes nothing in the file: the stored status is the one at creation.
    const statuses = db.prepare('SELECT id, anchor_status FROM excerpts ORDER BY sort_key').all();
    expect(statuses).toEqual([
      { id: soft.id, anchor_status: 'anchored' },
      { id: concl.id, anchor_status: 'anchored' },
    ]);
  });

  it('exports W3C Web Annotations with the model property names and values', async () => {
    const e = await service.call('excerpts:create', selection(GUIDELINES, { note: 'retrievable filters', color: '#FFD43B' }));
    await service.call('excerpts:create', selection(SOFT_TISSUE));
    const w3c = await service.call('excerpts:exportW3c', { documentId });
    expect(w3c['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(w3c.type).toBe('AnnotationCollection');
    expect(w3c.total).toBe(2);
    expect(w3c.first.type).toBe('AnnotationPage');
    expect(w3c.first.items).toHaveLength(2);
    const [plain, noted] = w3c.first.items as [(typeof w3c.first.items)[0], (typeof w3c.first.items)[0]];
    expect(plain.motivation).toBe('highlighting');
    expect(plain.body).toBeUndefined();
    expect(noted).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${e.id}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: e.createdAt,
      modified: e.updatedAt,
      creator: { type: 'Person', name: 'Tester' },
      body: [{ type: 'TextualBody', value: 'retrievable filters', format: 'text/plain', purpose: 'commenting' }],
      stylesheet: { type: 'CssStylesheet', value: '.realist-ffd43b { background-color: #FFD43B; }' },
      target: {
        type: 'SpecificResource',
        source: { id: `urn:uuid:${documentId}`, type: 'Text', format: 'application/pdf', title: expect.any(String) },
        styleClass: 'realist-ffd43b',
        selector: [
          { type: 'TextQuoteSelector', exact: GUIDELINES, prefix: 'Rogers FB, Sacks D, Venbrux AC: ', suffix: ': Report from the\nSociety of Int' },
          { type: 'TextPositionSelector', start: e.start, end: e.end },
          { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=4' },
        ],
      },
    });
    // The whole project's export holds the same two.
    expect((await service.call('excerpts:exportW3c', {})).total).toBe(2);
  });
});
