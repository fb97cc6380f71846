/** The demo project's highlights: two coders, overlapping but not identical, all anchored. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemo, DEMO_NAME } from '../../electron/services/demo/build-demo';
import { DEMO_HIGHLIGHTS } from '../../electron/services/demo/demo-highlights';
import { listExcerpts, loadDocumentText } from '../../electron/services/excerpts/excerpt-service';
import { ProjectStore } from '../../electron/services/store/project-store';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
let store: ProjectStore | null = null;
afterEach(() => store?.close());

describe('demo highlights', () => {
  it('adds 9 highlights to the transcript (4 by Reviewer A, 5 by Reviewer B) and 1 to the synthesis summary', () => {
    store = ProjectStore.open(path.join(tempDir(), 'demo.realist'), { create: true, name: DEMO_NAME });
    buildDemo(store);
    expect(store.counts().excerpts).toBe(DEMO_HIGHLIGHTS.length);
    const id = (file: string) => (store!.db.prepare('SELECT id FROM documents WHERE file_name = ?').get(file) as { id: string }).id;
    const interview = id('interview-patient-and-nurse.md');
    const doc = loadDocumentText(store, interview);
    const list = listExcerpts(store, interview);
    expect(list).toHaveLength(9);
    expect(list.filter((e) => e.coderName === 'Reviewer A')).toHaveLength(4);
    expect(list.filter((e) => e.coderName === 'Reviewer B')).toHaveLength(5);
    for (const e of list) {
      expect(e.anchorStatus).toBe('anchored');
      expect(doc.text.slice(e.start, e.end)).toBe(e.quote);
    }
    // Reading order: the emergency-room passage (A's longer and B's shorter, both starting
    // at the same word) comes first, the "Less afraid" outcome last.
    expect(list[0]!.quote.startsWith('I had been to the emergency room')).toBe(true);
    expect(list[1]!.quote.startsWith('I had been to the emergency room')).toBe(true);
    expect(list[list.length - 1]!.quote.startsWith('Less afraid.')).toBe(true);
    const synthesis = listExcerpts(store, id('realist-synthesis-summary.txt'));
    expect(synthesis.map((e) => [e.coderName, e.quote, e.color])).toEqual([
      ['Reviewer A', 'a trusting relationship between the patient and an accessible, experienced case manager', '#ffd43b'],
    ]);
  });
});
