/** The demo project's highlights: two coders, overlapping but not identical, all anchored. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_HIGHLIGHTS } from '../../electron/services/demo/demo-highlights';
import { listExcerpts, loadDocumentText } from '../../electron/services/excerpts/excerpt-service';
import type { ProjectStore } from '../../electron/services/store/project-store';
import { openDemo } from '../helpers/demo';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
let close: (() => void) | null = null;
afterEach(() => close?.());

describe('demo highlights', () => {
  it('adds 9 highlights to the transcript (4 by Reviewer A, 5 by Reviewer B) and 1 to the synthesis summary', async () => {
    const demo = await openDemo(tempDir());
    close = demo.close;
    const store: ProjectStore = demo.store;
    const id = (file: string) => (store.db.prepare('SELECT id FROM documents WHERE file_name = ?').get(file) as { id: string }).id;
    // The coding step adds its own passages in its own texts; this step's are in these two documents.
    const here = store.db
      .prepare("SELECT count(*) AS n FROM excerpts WHERE document_id IN (?, ?) AND deleted_at IS NULL")
      .get(id('interview-patient-and-nurse.md'), id('realist-synthesis-summary.txt')) as { n: number };
    expect(here.n).toBe(DEMO_HIGHLIGHTS.length);
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
