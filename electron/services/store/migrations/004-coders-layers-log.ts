/**
 * Schema 4: who did what, in which layer, kept for good.
 *
 * 1. Coders get initials and a kind, and the consensus layer becomes a real coders row (id
 *    `consensus`).
 * 2. Every excerpt, coding, CMOC, evidence link, appraisal and memo names its layer in
 *    `coder_id`, now NOT NULL. Rows that had none (schema 1-3's unattributed work, and CMOCs
 *    with `layer = 'consensus'`) move to the consensus layer; `cmocs.layer` goes away. The tables
 *    are rebuilt (SQLite cannot add NOT NULL to a column) keeping their rowids, which the
 *    full-text index of excerpts refers to. Two identical consensus codings, possible before
 *    because NULLs are distinct in a UNIQUE constraint, collapse into the earliest.
 * 3. The change log: `actions`, `action_changes` and `action_context` (see ../change-log.ts;
 *    its triggers are installed by the migration runner after every upgrade). The old audit log
 *    becomes legacy actions, so the audit view keeps the project's history.
 *
 * The runner turns foreign keys off for the rebuild and checks them before committing.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './types';

function initials(name: string): string {
  const words = name.trim().split(/[\s_]+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return [...words[0]!].slice(0, 2).join('').toUpperCase();
  return words.slice(0, 3).map((w) => [...w][0]!).join('').toUpperCase();
}

/**
 * SQLite's documented way to change a table's constraints (https://sqlite.org/lang_altertable.html,
 * "other kinds of table schema changes"): create the new table under a temporary name, copy the
 * rows (rowids kept), drop the old table and rename the new one, with foreign keys off so
 * that the drop cascades nothing and other tables' references follow the name.
 * `dropDuplicates` lets a UNIQUE constraint that only now holds keep the earliest row.
 */
function rebuild(
  db: Database.Database,
  table: string,
  createSql: string,
  columns: string,
  select: string,
  after: string,
  dropDuplicates = false,
): void {
  db.exec(createSql.replace('CREATE TABLE %s', `CREATE TABLE ${table}_v4`));
  db.exec(`INSERT ${dropDuplicates ? 'OR IGNORE ' : ''}INTO ${table}_v4 (rowid, ${columns}) SELECT ${select} FROM ${table} ORDER BY created_at, rowid;`);
  db.exec(`DROP TABLE ${table};`);
  db.exec(`ALTER TABLE ${table}_v4 RENAME TO ${table};`);
  db.exec(after);
}

export const migration004CodersLayersLog: Migration = {
  version: 4,
  name: 'coders, explicit layers, change log',
  foreignKeysOff: true,
  up: (db) => {
    // 1. Coders.
    db.exec(`ALTER TABLE coders ADD COLUMN initials TEXT NOT NULL DEFAULT '';`);
    db.exec(`ALTER TABLE coders ADD COLUMN kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person','consensus'));`);
    const coders = db.prepare('SELECT id, name FROM coders').all() as Array<{ id: string; name: string }>;
    const setInitials = db.prepare('UPDATE coders SET initials = ? WHERE id = ?');
    for (const c of coders) setInitials.run(initials(c.name), c.id);
    const taken = new Set(coders.map((c) => c.name.toLowerCase()));
    let consensusName = 'Consensus';
    for (let i = 2; taken.has(consensusName.toLowerCase()); i += 1) consensusName = `Consensus (${i})`;
    db.prepare(`INSERT INTO coders (id, name, color, created_at, initials, kind) VALUES ('consensus', ?, '#495057', ?, 'CS', 'consensus')`).run(
      consensusName,
      new Date(0).toISOString(),
    );

    // 2. Layers: rebuild with coder_id NOT NULL.
    db.exec('DROP TRIGGER IF EXISTS excerpts_fts_ai; DROP TRIGGER IF EXISTS excerpts_fts_ad; DROP TRIGGER IF EXISTS excerpts_fts_au;');
    rebuild(
      db,
      'excerpts',
      `CREATE TABLE %s (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  coder_id TEXT NOT NULL REFERENCES coders(id),  -- the layer: a coder's id, or 'consensus'
  page_index INTEGER,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  quote TEXT NOT NULL,
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  rects TEXT NOT NULL DEFAULT '[]',
  sort_key TEXT NOT NULL DEFAULT '',
  note TEXT,
  anchor_status TEXT NOT NULL DEFAULT 'anchored' CHECK (anchor_status IN ('anchored','fuzzy','orphaned')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  color TEXT,
  CHECK (end >= start)
) STRICT;`,
      'id, document_id, coder_id, page_index, start, end, quote, prefix, suffix, rects, sort_key, note, anchor_status, created_at, updated_at, deleted_at, color',
      "rowid, id, document_id, coalesce(coder_id, 'consensus'), page_index, start, end, quote, prefix, suffix, rects, sort_key, note, anchor_status, created_at, updated_at, deleted_at, color",
      `CREATE INDEX excerpts_document ON excerpts(document_id, sort_key);
CREATE INDEX excerpts_coder ON excerpts(coder_id);
CREATE TRIGGER excerpts_fts_ai AFTER INSERT ON excerpts BEGIN
  INSERT INTO excerpts_fts(rowid, quote, note) VALUES (new.rowid, new.quote, new.note);
END;
CREATE TRIGGER excerpts_fts_ad AFTER DELETE ON excerpts BEGIN
  INSERT INTO excerpts_fts(excerpts_fts, rowid, quote, note) VALUES ('delete', old.rowid, old.quote, old.note);
END;
CREATE TRIGGER excerpts_fts_au AFTER UPDATE OF quote, note ON excerpts BEGIN
  INSERT INTO excerpts_fts(excerpts_fts, rowid, quote, note) VALUES ('delete', old.rowid, old.quote, old.note);
  INSERT INTO excerpts_fts(rowid, quote, note) VALUES (new.rowid, new.quote, new.note);
END;`,
    );
    rebuild(
      db,
      'codings',
      `CREATE TABLE %s (
  id TEXT PRIMARY KEY,
  excerpt_id TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  coder_id TEXT NOT NULL REFERENCES coders(id),
  created_at TEXT NOT NULL,
  UNIQUE (excerpt_id, code_id, coder_id)
) STRICT;`,
      'id, excerpt_id, code_id, coder_id, created_at',
      "rowid, id, excerpt_id, code_id, coalesce(coder_id, 'consensus'), created_at",
      'CREATE INDEX codings_code ON codings(code_id); CREATE INDEX codings_coder ON codings(coder_id);',
      true,
    );
    rebuild(
      db,
      'cmocs',
      `CREATE TABLE %s (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL DEFAULT '',
  statement TEXT NOT NULL DEFAULT '',
  coder_id TEXT NOT NULL REFERENCES coders(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;`,
      'id, label, statement, coder_id, created_at, updated_at, deleted_at',
      "rowid, id, label, statement, CASE WHEN layer = 'consensus' THEN 'consensus' ELSE coalesce(coder_id, 'consensus') END, created_at, updated_at, deleted_at",
      'CREATE INDEX cmocs_coder ON cmocs(coder_id);',
    );
    rebuild(
      db,
      'evidence_links',
      `CREATE TABLE %s (
  id TEXT PRIMARY KEY,
  cmoc_id TEXT NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
  excerpt_id TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('supports','refutes','refines')),
  note TEXT,
  coder_id TEXT NOT NULL REFERENCES coders(id),
  created_at TEXT NOT NULL,
  UNIQUE (cmoc_id, excerpt_id, role)
) STRICT;`,
      'id, cmoc_id, excerpt_id, role, note, coder_id, created_at',
      // A link takes its CMOC's layer when it had none.
      "rowid, id, cmoc_id, excerpt_id, role, note, coalesce(coder_id, (SELECT coder_id FROM cmocs WHERE cmocs.id = cmoc_id), 'consensus'), created_at",
      'CREATE INDEX evidence_cmoc ON evidence_links(cmoc_id);',
    );
    rebuild(
      db,
      'appraisals',
      `CREATE TABLE %s (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  coder_id TEXT NOT NULL REFERENCES coders(id),
  relevance TEXT CHECK (relevance IN ('high','moderate','low')),
  relevance_note TEXT NOT NULL DEFAULT '',
  rigour TEXT CHECK (rigour IN ('high','moderate','low')),
  rigour_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (document_id, coder_id)
) STRICT;`,
      'id, document_id, coder_id, relevance, relevance_note, rigour, rigour_note, created_at, updated_at',
      "rowid, id, document_id, coalesce(coder_id, 'consensus'), relevance, relevance_note, rigour, rigour_note, created_at, updated_at",
      '',
    );
    rebuild(
      db,
      'memos',
      `CREATE TABLE %s (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('project','record','document','excerpt','code','cmoc','theory_version')),
  target_id TEXT,
  coder_id TEXT NOT NULL REFERENCES coders(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;`,
      'id, target_type, target_id, coder_id, body, created_at, updated_at, deleted_at',
      "rowid, id, target_type, target_id, coalesce(coder_id, 'consensus'), body, created_at, updated_at, deleted_at",
      'CREATE INDEX memos_target ON memos(target_type, target_id);',
    );

    // 3. The change log.
    db.exec(`
CREATE TABLE actions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,      -- local order in this file
  id TEXT NOT NULL UNIQUE,                    -- stable across machines
  hlc TEXT NOT NULL,                          -- hybrid logical clock (shared/history/hlc.ts)
  at TEXT NOT NULL,                           -- wall-clock time, ISO-8601 UTC
  coder_id TEXT,                              -- who acted (no FK: a coder's first action creates them)
  label TEXT NOT NULL,                        -- what the user did, in words
  verb TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT,
  object TEXT,                                -- the object acted on, in words (a title, a name, a quote)
  detail TEXT,                                -- JSON summary
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','undone','discarded','legacy')),
  undone_at TEXT,
  undone_by TEXT
) STRICT;
CREATE INDEX actions_status ON actions(status, seq);
CREATE INDEX actions_hlc ON actions(hlc);

-- The rows an action changed. before/after are JSON objects (an update keeps only the columns
-- it changed); an insert into a bulk table keeps after NULL until undo copies the row here.
CREATE TABLE action_changes (
  id INTEGER PRIMARY KEY,
  action_seq INTEGER NOT NULL REFERENCES actions(seq) ON DELETE CASCADE,
  tbl TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  row_key TEXT NOT NULL,
  before TEXT,
  after TEXT
) STRICT;
CREATE INDEX action_changes_action ON action_changes(action_seq);

-- The action being written, one row at most, and only inside its transaction. The log's
-- triggers refuse writes when it is empty and record them when its mode is 'record'.
CREATE TABLE action_context (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  action_seq INTEGER NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('record','replay'))
) STRICT;
`);
    const audit = db.prepare('SELECT id, at, coder_id, action, entity_type, entity_id, detail FROM audit_log ORDER BY id').all() as Array<{
      id: number;
      at: string;
      coder_id: string | null;
      action: string;
      entity_type: string;
      entity_id: string | null;
      detail: string | null;
    }>;
    const insert = db.prepare(
      `INSERT INTO actions (id, hlc, at, coder_id, label, verb, entity_type, entity_id, detail, status)
       VALUES (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
               ?, ?, ?, ?, ?, ?, ?, ?, 'legacy')`,
    );
    for (const a of audit) {
      const millis = Date.parse(a.at);
      const hlc = `${String(Number.isFinite(millis) ? millis : 0).padStart(15, '0')}.${String(a.id % 1_000_000).padStart(6, '0')}.legacy`;
      insert.run(hlc, a.at, a.coder_id, `${a.action} ${a.entity_type.replace(/_/g, ' ')}`, a.action, a.entity_type, a.entity_id, a.detail);
    }
    db.exec('DROP TABLE audit_log;');
  },
};
