/**
 * Schema 10: the page search index sees words hyphenated across a line end whole
 * (shared/documents/dehyphenate.ts), so that searching "intervention" finds "inter-\nvention".
 *
 * `pages.text` stays exactly as extracted (highlights count characters in it). A new column
 * `search_text` holds the text as indexed when it differs (PDF pages with such words), else
 * NULL; the virtual column `search` is whichever applies, and `pages_fts` now indexes that
 * (its snippets show the joined words too). A data migration: the search text of every stored
 * PDF page is worked out here, then the index is rebuilt.
 *
 * Also an index on `records.merged_into` (only the rows that have one): it is a foreign key
 * with ON DELETE SET NULL, so without an index every deleted record scanned the whole records
 * table, and undoing an import of n records (which deletes them) took n full scans: minutes for
 * 6,000 records.
 *
 * Working out the search text updates page rows, so the change log's triggers (installed by
 * schema 4) are dropped first, as migration 7 does; the migration runner installs them again
 * from the new schema afterwards, which also logs the new column. Self-contained SQL (no other
 * migration's names besides the tables it changes), so it can be renumbered on merge.
 */
import { documentVocabulary, searchText } from '../../../../shared/documents/dehyphenate';
import type { Migration } from './types';

const TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'";

export const migration010SearchText: Migration = {
  version: 10,
  name: 'page search text with hyphenated words joined; index of merged records',
  up: (db) => {
    for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'log\\_%' ESCAPE '\\'`).all() as Array<{ name: string }>) {
      db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
    }
    db.exec(`
DROP TRIGGER pages_fts_ai;
DROP TRIGGER pages_fts_ad;
DROP TRIGGER pages_fts_au;
DROP TABLE pages_fts;
ALTER TABLE pages ADD COLUMN search_text TEXT;
ALTER TABLE pages ADD COLUMN search TEXT GENERATED ALWAYS AS (coalesce(search_text, text)) VIRTUAL;
`);
    const docs = db.prepare("SELECT id FROM documents WHERE kind = 'pdf'").all() as { id: string }[];
    const pagesOf = db.prepare('SELECT rowid AS id, text FROM pages WHERE document_id = ? ORDER BY page_index');
    const update = db.prepare('UPDATE pages SET search_text = ? WHERE rowid = ?');
    for (const doc of docs) {
      const pages = pagesOf.all(doc.id) as { id: number; text: string }[];
      const vocabulary = documentVocabulary(pages.map((p) => p.text));
      for (const p of pages) {
        const search = searchText(p.text, vocabulary);
        if (search !== p.text) update.run(search, p.id);
      }
    }
    db.exec(`
CREATE INDEX records_merged_into ON records(merged_into) WHERE merged_into IS NOT NULL;
CREATE VIRTUAL TABLE pages_fts USING fts5(search, content='pages', content_rowid='rowid', ${TOKENIZE});
INSERT INTO pages_fts(pages_fts) VALUES ('rebuild');
CREATE TRIGGER pages_fts_ai AFTER INSERT ON pages BEGIN
  INSERT INTO pages_fts(rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER pages_fts_ad AFTER DELETE ON pages BEGIN
  INSERT INTO pages_fts(pages_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER pages_fts_au AFTER UPDATE OF text, search_text ON pages BEGIN
  INSERT INTO pages_fts(pages_fts, rowid, search) VALUES ('delete', old.rowid, old.search);
  INSERT INTO pages_fts(rowid, search) VALUES (new.rowid, new.search);
END;
`);
  },
};
