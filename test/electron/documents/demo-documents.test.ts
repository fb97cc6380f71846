/** The demo project's full texts: three documents, two linked to their records by title. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DOCUMENTS } from '../../../electron/services/demo/demo-documents';
import { DocumentService } from '../../../electron/services/documents/document-service';
import type { ProjectStore } from '../../../electron/services/store/project-store';
import { openDemo } from '../../helpers/demo';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
let close: (() => void) | null = null;
afterEach(() => close?.());

describe('demo documents', () => {
  it('attaches a transcript and two article summaries, searchable, linked to their records by title', async () => {
    const demo = await openDemo(tempDir());
    close = demo.close;
    const store: ProjectStore = demo.store;
    const docs = new DocumentService(store);
    // The coding step adds its own demo texts; this step's documents are the files named in DEMO_DOCUMENTS.
    const files = new Set(DEMO_DOCUMENTS.map((d) => d.fileName));
    const list = docs.list().filter((d) => files.has(d.fileName));
    const ours = new Set(list.map((d) => d.title));
    const title = (id: string | null) => (store.db.prepare('SELECT title FROM records WHERE id = ?').get(id) as { title: string } | undefined)?.title ?? null;
    // Listed by title: "Case management…", "How social-needs…", "Interview…".
    expect(list.map((d) => [d.fileName, d.kind, d.pageCount, d.status, d.match, title(d.recordId)])).toEqual([
      ['realist-synthesis-summary.txt', 'text', 1, 'ok', 'title', 'Case management in primary care for frequent users of health care services: a realist synthesis'],
      ['social-needs-case-management.txt', 'text', 1, 'ok', 'title', 'How social-needs case management works: a qualitative study of the CommunityConnect program'],
      ['interview-patient-and-nurse.md', 'markdown', 1, 'ok', 'none', null],
    ]);
    // A document linked to a record takes the record's title; the transcript, its Markdown heading.
    expect(list.map((d) => d.title)).toEqual([
      'Case management in primary care for frequent users of health care services: a realist synthesis',
      'How social-needs case management works: a qualitative study of the CommunityConnect program',
      'Interview: a patient and her case-management nurse (demo transcript)',
    ]);
    const hits = docs.search('"trusting relationship"', 10).filter((h) => ours.has(h.title));
    expect(new Set(hits.map((h) => h.title))).toEqual(
      new Set(['Case management in primary care for frequent users of health care services: a realist synthesis', 'How social-needs case management works: a qualitative study of the CommunityConnect program']),
    );
    expect(docs.search('breathing', 5).filter((h) => ours.has(h.title)).map((h) => [h.title, h.snippet])).toEqual([
      ['Interview: a patient and her case-management nurse (demo transcript)', expect.stringContaining('When my [breathing] got bad I called her')],
    ]);
    expect(store.counts().documents).toBe(DEMO_DOCUMENTS.length + 3); // + the coding step's three texts
  });
});
