/**
 * `realist highlight`, `excerpts` and `export-annotations`, run as a user runs them
 * (`node electron/cli/realist.cjs ...`), on a project with the Datta 2010 article attached by
 * `realist attach`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/services/store/project-store';
import { loadDocumentText, type DocumentText } from '../../electron/services/excerpts/excerpt-service';
import { fixture, HAVE_FIXTURES } from '../helpers/fixtures';
import { realist as runRealist, SLOW } from './cli-helpers';

/** Runs the real command; every highlight is made by Alice unless a test says otherwise. */
const realist = (...args: string[]) => runRealist(args, { env: { REALIST_CODER: 'Alice' } });

describe.skipIf(!HAVE_FIXTURES)('realist highlight', { timeout: SLOW }, () => {
  let dir: string;
  let project: string;
  let documentId: string;
  let doc: DocumentText;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-highlight-'));
    project = path.join(dir, 'review.realist');
    expect(realist('init', project, '--json').code).toBe(0);
    const attach = realist('attach', project, fixture('pdf/articles/Datta2010_JTraumaManagOutcomes_systematic-review_2col.pdf'), '--coder', 'Bob', '--json');
    expect(attach.code).toBe(0);
    documentId = (JSON.parse(attach.stdout) as { attached: Array<{ documentId: string }> }).attached[0]!.documentId;
    const store = ProjectStore.open(project);
    try {
      doc = loadDocumentText(store, documentId);
    } finally {
      store.close();
    }
  }, SLOW);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores a quote and prints its offsets in the document text', () => {
    const quote = 'Each modality has potential complications.';
    const r = realist('highlight', project, '--document', documentId, '--quote', quote, '--json');
    expect(r.stderr.replace(/.*nodedir.*\n?/g, '')).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const start = doc.text.indexOf(quote);
    expect(start).toBe(940); // in the abstract on page 1 (checked against `realist text` of the PDF)
    expect(out).toMatchObject({ documentId, page: 1, pageIndex: 0, start, end: start + quote.length, quote, match: 'exact' });
    expect(typeof out.excerptId).toBe('string');
  });

  it('finds a quote typed on one line where the text breaks the line, and prints the text as stored', () => {
    const typed = 'Mechanical compression devices can result in local soft tissue injury';
    const r = realist('highlight', project, '--document', documentId, '--quote', typed, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { start: number; end: number; quote: string; match: string };
    expect(out.match).toBe('normalised');
    expect(out.quote).toBe('Mechanical compression devices can result in local soft\ntissue injury');
    expect(out.start).toBe(doc.text.indexOf(out.quote));
    expect(doc.text.slice(out.start, out.end)).toBe(out.quote);
  });

  it('prefers the page given with --page for a quote found on several pages', () => {
    const quote = 'IVC filters';
    const page2 = doc.pages[1]!;
    const first = doc.text.indexOf(quote);
    const onPage2 = doc.text.indexOf(quote, page2.textOffset);
    expect(first).toBeLessThan(page2.textOffset); // it occurs on page 1 too
    const plain = JSON.parse(realist('highlight', project, '--document', documentId, '--quote', quote, '--json').stdout) as { start: number; page: number };
    expect(plain).toMatchObject({ start: first, page: 1 });
    const paged = JSON.parse(realist('highlight', project, '--document', documentId, '--quote', quote, '--page', '2', '--json').stdout) as { start: number; page: number };
    expect(paged).toMatchObject({ start: onPage2, page: 2 });
  });

  it('fails with exit code 1 and says so when the quote is not in the document', () => {
    const r = realist('highlight', project, '--document', documentId, '--quote', 'Case managers phoned every frequent user each week', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('The quote "Case managers phoned every frequent user each week" was not found in document');
    expect(r.stderr).toContain('[NOT_FOUND]');
  });

  it('lists the highlights in reading order and exports them as W3C annotations', () => {
    const list = realist('excerpts', project, '--document', documentId, '--json');
    expect(list.code).toBe(0);
    const excerpts = JSON.parse(list.stdout) as Array<{ start: number; anchorStatus: string; sortKey: string; coderName: string | null }>;
    expect(excerpts).toHaveLength(4);
    expect(excerpts.map((e) => e.start)).toEqual([...excerpts.map((e) => e.start)].sort((a, b) => a - b));
    expect(excerpts.every((e) => e.anchorStatus === 'anchored')).toBe(true);
    expect(excerpts.every((e) => e.coderName === 'Alice')).toBe(true);

    const out = path.join(dir, 'annotations.jsonld');
    const exp = realist('export-annotations', project, '--out', out, '--json');
    expect(exp.code).toBe(0);
    expect(JSON.parse(exp.stdout)).toEqual({ path: out, total: 4 });
    const w3c = JSON.parse(fs.readFileSync(out, 'utf8')) as { type: string; first: { items: Array<{ target: { selector: Array<{ type: string }> } }> } };
    expect(w3c.type).toBe('AnnotationCollection');
    expect(w3c.first.items[0]!.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector', 'FragmentSelector']);
  });
});
