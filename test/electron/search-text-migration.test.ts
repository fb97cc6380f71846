/**
 * Migration 10 (search text) on a project written at schema 9 (with the change log's triggers): a stored PDF page with a word
 * hyphenated across a line end becomes findable by the whole word, its text unchanged; a text
 * document's line ends are left as they are.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, ProjectStore } from '../../electron/services/store/project-store';
import { MIGRATIONS } from '../../electron/services/store/migrations';
import { installChangeLog } from '../../electron/services/store/change-log';
import { DocumentService } from '../../electron/services/documents/document-service';
import { useTempDir } from '../helpers/temp';

const PDF_DOC = '6f1c3d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f';
const TXT_DOC = '7a1c3d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f';
const PDF_PAGES = ['Case management is a complex inter-\nvention for frequent users.', 'The intervention reduced visits.'];
const TXT_PAGE = 'Field notes: the re-\nview meeting ran late.';

describe('migration 9: page search text', () => {
  const tempDir = useTempDir();

  it('upgrades a schema-9 project so a hyphenated word is found whole, keeping the page text', () => {
    const file = path.join(tempDir(), 'old.realist');
    const db = new Database(file);
    db.transaction(() => {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      for (const m of MIGRATIONS.filter((m) => m.version <= 9)) m.up(db);
      db.pragma('user_version = 9');
      const at = '2026-11-01T09:00:00.000Z';
      db.prepare("INSERT INTO meta (key, value) VALUES ('name', 'old'), ('project_id', 'p-1')").run();
      db.prepare("INSERT INTO blobs (hash, size, mime, data, created_at) VALUES ('h1', 3, 'application/pdf', x'616263', ?), ('h2', 3, 'text/plain', x'616264', ?)").run(at, at);
      const doc = db.prepare('INSERT INTO documents (id, kind, title, file_name, blob_hash, page_count, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      doc.run(PDF_DOC, 'pdf', 'Case management review', 'cm.pdf', 'h1', 2, 'ok', at, at);
      doc.run(TXT_DOC, 'text', 'Field notes', 'notes.txt', 'h2', 1, 'ok', at, at);
      const page = db.prepare('INSERT INTO pages (document_id, page_index, text, text_offset) VALUES (?, ?, ?, ?)');
      page.run(PDF_DOC, 0, PDF_PAGES[0], 0);
      page.run(PDF_DOC, 1, PDF_PAGES[1], PDF_PAGES[0]!.length + 2);
      page.run(TXT_DOC, 0, TXT_PAGE, 0);
      // As a schema-9 file is: every logged table guarded by the change log's triggers.
      installChangeLog(db);
    })();
    // At schema 9 the split word is two words to the index.
    expect((db.prepare("SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH 'intervention'").get() as { n: number }).n).toBe(1);
    db.close();

    const store = ProjectStore.open(file);
    try {
      expect(store.migration).toMatchObject({ from: 9, to: 10 });
      // The log's triggers are back, and now carry the new column.
      const logPages = store.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'log_pages_au'").get() as { sql: string } | undefined;
      expect(logPages?.sql).toContain('search_text');
      expect(() => store.db.prepare('UPDATE pages SET search_text = NULL').run()).toThrow(/REALIST_NO_ACTION/);
      const docs = new DocumentService(store);
      const hits = docs.search('intervention', 10).sort((a, b) => a.pageIndex - b.pageIndex);
      expect(hits.map((h) => [h.pageIndex, h.snippet])).toEqual([
        [0, 'Case management is a complex [intervention] for frequent users.'],
        [1, 'The [intervention] reduced visits.'],
      ]);
      expect(docs.get(PDF_DOC).pages.map((p) => p.text)).toEqual(PDF_PAGES);
      // A text file's "re-\nview" stays two words.
      expect(docs.search('review', 10)).toEqual([]);
      expect(docs.search('view', 10).map((h) => h.documentId)).toEqual([TXT_DOC]);
      // New pages are indexed the same way, and the index matches its table.
      store.db.prepare("INSERT INTO pages_fts(pages_fts, rank) VALUES ('integrity-check', 1)").run();
    } finally {
      store.close();
    }
  });
});
