/**
 * Schema 2: full-text indexes (SQLite FTS5) over records, page text and excerpts, kept in
 * step by triggers. A data migration: projects written at schema 1 already hold rows, so
 * each index is rebuilt from its table here.
 */
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'full-text search indexes',
  up: (db) => {
    db.exec(`
CREATE VIRTUAL TABLE records_fts USING fts5(
  title, authors, abstract, keywords,
  content='records', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER records_fts_ai AFTER INSERT ON records BEGIN
  INSERT INTO records_fts(rowid, title, authors, abstract, keywords)
  VALUES (new.rowid, new.title, new.authors, new.abstract, new.keywords);
END;
CREATE TRIGGER records_fts_ad AFTER DELETE ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, title, authors, abstract, keywords)
  VALUES ('delete', old.rowid, old.title, old.authors, old.abstract, old.keywords);
END;
CREATE TRIGGER records_fts_au AFTER UPDATE OF title, authors, abstract, keywords ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, title, authors, abstract, keywords)
  VALUES ('delete', old.rowid, old.title, old.authors, old.abstract, old.keywords);
  INSERT INTO records_fts(rowid, title, authors, abstract, keywords)
  VALUES (new.rowid, new.title, new.authors, new.abstract, new.keywords);
END;
INSERT INTO records_fts(records_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE pages_fts USING fts5(
  text,
  content='pages', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER pages_fts_ai AFTER INSERT ON pages BEGIN
  INSERT INTO pages_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER pages_fts_ad AFTER DELETE ON pages BEGIN
  INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER pages_fts_au AFTER UPDATE OF text ON pages BEGIN
  INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO pages_fts(rowid, text) VALUES (new.rowid, new.text);
END;
INSERT INTO pages_fts(pages_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE excerpts_fts USING fts5(
  quote, note,
  content='excerpts', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER excerpts_fts_ai AFTER INSERT ON excerpts BEGIN
  INSERT INTO excerpts_fts(rowid, quote, note) VALUES (new.rowid, new.quote, new.note);
END;
CREATE TRIGGER excerpts_fts_ad AFTER DELETE ON excerpts BEGIN
  INSERT INTO excerpts_fts(excerpts_fts, rowid, quote, note) VALUES ('delete', old.rowid, old.quote, old.note);
END;
CREATE TRIGGER excerpts_fts_au AFTER UPDATE OF quote, note ON excerpts BEGIN
  INSERT INTO excerpts_fts(excerpts_fts, rowid, quote, note) VALUES ('delete', old.rowid, old.quote, old.note);
  INSERT INTO excerpts_fts(rowid, quote, note) VALUES (new.rowid, new.quote, new.note);
END;
INSERT INTO excerpts_fts(excerpts_fts) VALUES ('rebuild');
`);
  },
};
