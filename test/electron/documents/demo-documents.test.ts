/** The demo project's full texts: three documents, two linked to their records by title. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemo, DEMO_NAME } from '../../../electron/services/demo/build-demo';
import { DEMO_DOCUMENTS } from '../../../electron/services/demo/demo-documents';
import { DocumentService } from '../../../electron/services/documents/document-service';
import { ProjectStore } from '../../../electron/services/store/project-store';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
let store: ProjectStore | null = null;
afterEach(() => store?.close());

describe('demo documents', () => {
  it('adds a transcript and two article summaries, searchable, linked to their records', () => {
    store = ProjectStore.open(path.join(tempDir(), 'demo.realist'), { create: true, name: DEMO_NAME });
    buildDemo(store);
    const docs = new DocumentService(store);
    const list = docs.list();
    const title = (id: string | null) => (store!.db.prepare('SELECT title FROM records WHERE id = ?').get(id) as { title: string } | undefined)?.title ?? null;
    // Listed by title: "Case management…", "How social-needs…", "Interview…".
    expect(list.map((d) => [d.fileName, d.kind, d.pageCount, d.status, d.match, title(d.recordId)])).toEqual([
      ['realist-synthesis-summary.txt', 'text', 1, 'ok', 'title', 'Case management in primary care for frequent users of health care services: a realist synthesis'],
      ['social-needs-case-management.txt', 'text', 1, 'ok', 'title', 'How social-needs case management works: a qualitative study of the CommunityConnect program'],
      ['interview-patient-and-nurse.md', 'markdown', 1, 'ok', 'none', null],
    ]);
    expect(list.map((d) => d.title)).toEqual([...DEMO_DOCUMENTS.map((d) => d.title)].sort()); // listed in title order
    const hits = docs.search('"trusting relationship"', 10);
    expect(new Set(hits.map((h) => h.title))).toEqual(
      new Set(['Case management for frequent users: what the realist synthesis found (demo summary)', 'How social-needs case management works (demo summary)']),
    );
    expect(docs.search('breathing', 5).map((h) => [h.title, h.snippet])).toEqual([
      ['Interview: a patient and her case-management nurse (demo transcript)', expect.stringContaining('When my [breathing] got bad I called her')],
    ]);
    expect(store.counts().documents).toBe(3);
  });
});
