/**
 * A small real project for coding tests: records, text documents with one page each, and
 * excerpts inserted straight through the store as one action by the coder "Tester" (the
 * highlighting capability writes these in the app). Quotes are found with indexOf, so offsets are those of the page text.
 */
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { ProjectStore } from '../../electron/services/store/project-store';
import { setupWrites } from './coder';

export interface CodingProject {
  store: ProjectStore;
  /** Document ids by key. */
  docs: Record<string, string>;
  /** Excerpt ids by key. */
  excerpts: Record<string, string>;
}

const TEXTS = {
  synthesis: {
    title: 'Realist synthesis of case management',
    record: { title: 'Case management for frequent users: a realist synthesis', authors: [{ family: 'Hudon', given: 'C' }, { family: 'Chouinard', given: 'M' }, { family: 'Bisson', given: 'M' }], year: 2020 },
    text: 'Patients valued a case manager they could reach easily. A trusting relationship was the common thread. Emergency use fell in some programs only.',
  },
  interview: {
    title: 'Interview P03',
    record: null,
    text: 'She calls me back the same day, so I do not go to the emergency any more. I still worry at night.',
  },
} as const;

const QUOTES: Record<string, [doc: keyof typeof TEXTS, quote: string]> = {
  reach: ['synthesis', 'Patients valued a case manager they could reach easily.'],
  trust: ['synthesis', 'A trusting relationship was the common thread.'],
  mixed: ['synthesis', 'Emergency use fell in some programs only.'],
  callBack: ['interview', 'She calls me back the same day, so I do not go to the emergency any more.'],
  worry: ['interview', 'I still worry at night.'],
};

/** Creates the project in `dir` with two documents (one with a record) and five excerpts. */
export function createCodingProject(dir: string, name = 'coding.realist'): CodingProject {
  const store = ProjectStore.open(path.join(dir, name), { create: true });
  const now = store.isoNow();
  const docs: Record<string, string> = {};
  const excerpts: Record<string, string> = {};
  // Written as one action by "Tester", who stays the current coder of the returned store.
  setupWrites(store, () => {
    for (const [key, t] of Object.entries(TEXTS)) {
      let recordId: string | null = null;
      if (t.record) {
        recordId = randomUUID();
        store.db
          .prepare('INSERT INTO records (id, title, authors, year, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(recordId, t.record.title, JSON.stringify(t.record.authors), t.record.year, now, now);
      }
      const data = Buffer.from(t.text);
      const hash = createHash('sha256').update(data).digest('hex');
      store.db.prepare('INSERT INTO blobs (hash, size, mime, data, created_at) VALUES (?, ?, ?, ?, ?)').run(hash, data.length, 'text/plain', data, now);
      const id = randomUUID();
      store.db
        .prepare("INSERT INTO documents (id, record_id, kind, title, file_name, blob_hash, page_count, status, created_at, updated_at) VALUES (?, ?, 'text', ?, ?, ?, 1, 'ok', ?, ?)")
        .run(id, recordId, t.title, `${key}.txt`, hash, now, now);
      store.db.prepare('INSERT INTO pages (document_id, page_index, text, text_offset) VALUES (?, 0, ?, 0)').run(id, t.text);
      docs[key] = id;
    }
    for (const [key, [doc, quote]] of Object.entries(QUOTES)) {
      const start = TEXTS[doc].text.indexOf(quote);
      if (start < 0) throw new Error(`test quote ${key} not found`);
      const id = randomUUID();
      store.db
        .prepare('INSERT INTO excerpts (id, document_id, coder_id, page_index, start, end, quote, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)')
        .run(id, docs[doc]!, store.session.coderId, start, start + quote.length, quote, now, now);
      excerpts[key] = id;
    }
  });
  return { store, docs, excerpts };
}
