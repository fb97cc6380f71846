/**
 * The project's one change log. Every write to a logged table happens inside an *action*: a
 * row in `actions` (who, when, what, on which object) whose row changes SQLite triggers record
 * in `action_changes` as they happen, before and after. A write outside an action is refused by
 * the same triggers (REALIST_NO_ACTION), so no service can change the project without leaving a
 * trace, and cascades (ON DELETE CASCADE / SET NULL) are recorded like any other change.
 *
 * Undo replays an action's changes backwards (a delete is re-inserted from its before-image, an
 * update gets its old values back, an insert is deleted); redo replays them forwards. Both are
 * idempotent (upserts and deletes by key), so replaying an action that is already in effect
 * changes nothing; merging coders' work (issue 10) replays actions the same way.
 *
 * Bulk tables (records, pages) log an insert by its key only: until the row is changed, the row
 * itself *is* the after-image, and any later change logs its own before-image. Undo copies the
 * row into the log before deleting it, so redo can bring it back. This keeps a 10,000-record
 * import from writing every record twice.
 *
 * The triggers are generated from the live schema (PRAGMA table_info) by `installChangeLog`,
 * which the migration runner calls after every upgrade, so a migration that adds a column is
 * logged without anyone having to remember it.
 */
import type Database from 'better-sqlite3';

/** Tables whose every write is logged, with their key columns. */
export const LOGGED_TABLES: Readonly<Record<string, { key: readonly string[]; lazyInsert?: boolean }>> = {
  coders: { key: ['id'] },
  import_batches: { key: ['id'] },
  duplicate_clusters: { key: ['id'] },
  records: { key: ['id'], lazyInsert: true },
  documents: { key: ['id'] },
  pages: { key: ['document_id', 'page_index'], lazyInsert: true },
  excerpts: { key: ['id'] },
  code_kinds: { key: ['id'] },
  codes: { key: ['id'] },
  codings: { key: ['id'] },
  cmocs: { key: ['id'] },
  cmoc_codes: { key: ['cmoc_id', 'code_id', 'role'] },
  evidence_links: { key: ['id'] },
  appraisals: { key: ['id'] },
  memos: { key: ['id'] },
  theory_versions: { key: ['id'] },
  theory_version_cmocs: { key: ['version_id', 'cmoc_id'] },
  theory_cmocs: { key: ['id'] },
  theory_cmoc_evidence: { key: ['theory_cmoc_id', 'excerpt_id', 'role'] },
  theory_links: { key: ['id'] },
  theory_groups: { key: ['id'] },
  theory_changes: { key: ['id'] },
  consensus_decisions: { key: ['id'] },
  settings: { key: ['key'] },
  merge_conflicts: { key: ['id'] },
};

/** The message prefix of the triggers' refusal (matched by the store to give a clear error). */
export const NO_ACTION_MARKER = 'REALIST_NO_ACTION';

export type Row = Record<string, unknown>;

export interface StoredChange {
  id: number;
  tbl: string;
  op: 'insert' | 'update' | 'delete';
  row_key: string;
  before: string | null;
  after: string | null;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function q(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Refusing an odd SQL name: ${name}`);
  return `"${name}"`;
}

function lit(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Refusing an odd SQL name: ${name}`);
  return `'${name}'`;
}

/** Column names of a table, in schema order. */
export function columnsOf(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((r) => r.name);
}

function jsonObject(prefix: 'new' | 'old', cols: readonly string[]): string {
  return `json_object(${cols.map((c) => `${lit(c)}, ${prefix}.${q(c)}`).join(', ')})`;
}

function diffObject(side: 'new' | 'old', cols: readonly string[]): string {
  const parts = cols.map((c) => `SELECT ${lit(c)} AS k, ${side}.${q(c)} AS v WHERE old.${q(c)} IS NOT new.${q(c)}`);
  return `(SELECT json_group_object(k, v) FROM (${parts.join(' UNION ALL ')}))`;
}

/**
 * (Re)creates the log's triggers from the current schema. Idempotent; call inside the
 * transaction that changed the schema.
 */
export function installChangeLog(db: Database.Database): void {
  const old = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'log\\_%' ESCAPE '\\'`).all() as Array<{ name: string }>;
  for (const t of old) db.exec(`DROP TRIGGER ${q(t.name)}`);
  for (const [table, spec] of Object.entries(LOGGED_TABLES)) {
    const cols = columnsOf(db, table);
    // A table of a later schema (a file being built at an older version, as the migration
    // tests do); after a full upgrade every logged table exists.
    if (cols.length === 0) continue;
    const guard = `SELECT RAISE(ABORT, '${NO_ACTION_MARKER}: ${table} was written outside an action') WHERE NOT EXISTS (SELECT 1 FROM action_context);`;
    const keyNew = `json_object(${spec.key.map((k) => `${lit(k)}, new.${q(k)}`).join(', ')})`;
    const keyOld = `json_object(${spec.key.map((k) => `${lit(k)}, old.${q(k)}`).join(', ')})`;
    const after = spec.lazyInsert ? 'NULL' : jsonObject('new', cols);
    const changed = cols.map((c) => `old.${q(c)} IS NOT new.${q(c)}`).join(' OR ');
    db.exec(`
CREATE TRIGGER ${q(`log_${table}_ai`)} AFTER INSERT ON ${q(table)} BEGIN
  ${guard}
  INSERT INTO action_changes (action_seq, tbl, op, row_key, before, after)
  SELECT c.action_seq, ${lit(table)}, 'insert', ${keyNew}, NULL, ${after} FROM action_context c WHERE c.mode = 'record';
END;
CREATE TRIGGER ${q(`log_${table}_au`)} AFTER UPDATE ON ${q(table)} BEGIN
  ${guard}
  INSERT INTO action_changes (action_seq, tbl, op, row_key, before, after)
  SELECT c.action_seq, ${lit(table)}, 'update', ${keyOld}, ${diffObject('old', cols)}, ${diffObject('new', cols)}
  FROM action_context c WHERE c.mode = 'record' AND (${changed});
END;
CREATE TRIGGER ${q(`log_${table}_ad`)} AFTER DELETE ON ${q(table)} BEGIN
  ${guard}
  INSERT INTO action_changes (action_seq, tbl, op, row_key, before, after)
  SELECT c.action_seq, ${lit(table)}, 'delete', ${keyOld}, ${jsonObject('old', cols)}, NULL FROM action_context c WHERE c.mode = 'record';
END;`);
  }
}

/**
 * Drops the trigger `name` for a bulk write and gives back `restore()`, which creates it again
 * from its own stored SQL; null when there is no such trigger. DDL is transactional, so a
 * rolled-back write gets the trigger back too; callers still restore in `finally` so a caught
 * failure inside a longer transaction does not leave the table without it.
 */
export function suspendTrigger(db: Database.Database, name: string): { sql: string; restore(): void } | null {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) as { sql: string } | undefined;
  if (!row) return null;
  db.exec(`DROP TRIGGER ${q(name)}`);
  return { sql: row.sql, restore: () => db.exec(row.sql) };
}

/**
 * Runs `write`, which inserts many rows into a lazily logged table (records, pages), with the
 * table's per-row insert trigger replaced by ONE statement afterwards that logs every row added,
 * in rowid order, exactly as the trigger would (its key, no image: see the module comment).
 * The trigger's guard and its statement cost about as much as the insert itself; this halves a
 * 10,000-record import's insert. Refuses, as the trigger would, when no action is recording.
 */
export function withBulkInsertLog<T>(db: Database.Database, table: string, write: () => T): T {
  const spec = LOGGED_TABLES[table];
  if (!spec?.lazyInsert) throw new Error(`withBulkInsertLog is for lazily logged tables, not ${table}`);
  const context = db.prepare(`SELECT action_seq AS seq, mode FROM action_context`).get() as { seq: number; mode: string } | undefined;
  if (!context) throw new Error(`${NO_ACTION_MARKER}: ${table} was written outside an action`);
  const from = (db.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${q(table)}`).get() as { n: number }).n;
  const trigger = suspendTrigger(db, `log_${table}_ai`);
  let result: T;
  try {
    result = write();
  } finally {
    trigger?.restore();
  }
  if (trigger && context.mode === 'record') {
    const key = `json_object(${spec.key.map((k) => `${lit(k)}, ${q(k)}`).join(', ')})`;
    db.prepare(
      `INSERT INTO action_changes (action_seq, tbl, op, row_key, before, after)
       SELECT ?, ${lit(table)}, 'insert', ${key}, NULL, NULL FROM ${q(table)} WHERE rowid > ? ORDER BY rowid`,
    ).run(context.seq, from);
  }
  return result;
}

function parse(text: string | null): Row | null {
  return text === null ? null : (JSON.parse(text) as Row);
}

function where(key: Row): { sql: string; params: unknown[] } {
  const names = Object.keys(key);
  return { sql: names.map((k) => `${q(k)} = ?`).join(' AND '), params: names.map((k) => key[k]) };
}

/** Prepares each distinct statement once per replay (an undone import replays 10,000 rows). */
type Prepare = (sql: string) => Database.Statement;

function statementCache(db: Database.Database): Prepare {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = db.prepare(sql)));
    return st;
  };
}

/**
 * The row as the log keeps it: its stored columns only (PRAGMA table_info leaves out generated
 * columns such as pages.search, which an insert may not name).
 */
function selectRow(prep: Prepare, columns: readonly string[], table: string, key: Row): Row | null {
  const w = where(key);
  return (prep(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} WHERE ${w.sql}`).get(...w.params) as Row | undefined) ?? null;
}

function deleteRow(prep: Prepare, table: string, key: Row): void {
  const w = where(key);
  prep(`DELETE FROM ${q(table)} WHERE ${w.sql}`).run(...w.params);
}

function updateRow(prep: Prepare, table: string, key: Row, values: Row): void {
  const cols = Object.keys(values);
  if (cols.length === 0) return;
  const w = where(key);
  prep(`UPDATE ${q(table)} SET ${cols.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${w.sql}`).run(...cols.map((c) => values[c]), ...w.params);
}

/**
 * Inserts `row`, or brings an existing row with the same key to its values (idempotent). Only
 * the table's stored columns are written: an image captured before generated columns were left
 * out of it (pages.search) still replays.
 */
function upsertRow(prep: Prepare, columns: ReadonlySet<string>, table: string, keyCols: readonly string[], row: Row): void {
  const cols = Object.keys(row).filter((c) => columns.has(c));
  const rest = cols.filter((c) => !keyCols.includes(c));
  const conflict = rest.length > 0 ? `DO UPDATE SET ${rest.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ')}` : 'DO NOTHING';
  prep(`INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${keyCols.map(q).join(', ')}) ${conflict}`).run(
    ...cols.map((c) => row[c]),
  );
}

/**
 * Full-text indexes kept in step with a logged table by its triggers `<index>_ai/_ad/_au`
 * (migrations 2 and 10). FTS5 maintains them one statement at a time at about 0.2 ms a row, so a
 * replay that touches a large share of the table (undoing or redoing an import) suspends those
 * triggers and rebuilds the index once from the table afterwards.
 */
const SEARCH_INDEXES: Readonly<Record<string, string>> = { records: 'records_fts', pages: 'pages_fts' };

/** Rebuild rather than maintain row by row from this many replayed rows, and a fifth of the table. */
const REBUILD_FROM_ROWS = 256;

/**
 * Suspends the search-index triggers of every table this replay touches heavily; the returned
 * function rebuilds those indexes and restores the triggers (call it after the replay).
 */
function suspendSearchIndexes(db: Database.Database, changes: readonly StoredChange[]): () => void {
  const counts = new Map<string, number>();
  for (const c of changes) if (SEARCH_INDEXES[c.tbl]) counts.set(c.tbl, (counts.get(c.tbl) ?? 0) + 1);
  const suspended: Array<{ index: string; triggers: Array<{ restore(): void }> }> = [];
  for (const [table, n] of counts) {
    if (n < REBUILD_FROM_ROWS) continue;
    const rows = (db.prepare(`SELECT count(*) AS n FROM ${q(table)}`).get() as { n: number }).n;
    if (n * 5 < rows) continue;
    const index = SEARCH_INDEXES[table]!;
    const triggers = ['ai', 'ad', 'au'].map((t) => suspendTrigger(db, `${index}_${t}`));
    if (triggers.some((t) => t === null)) {
      for (const t of triggers) t?.restore();
      continue;
    }
    suspended.push({ index, triggers: triggers as Array<{ restore(): void }> });
  }
  return () => {
    for (const { index, triggers } of suspended) {
      db.prepare(`INSERT INTO ${q(index)} (${q(index)}) VALUES ('rebuild')`).run();
      for (const t of triggers) t.restore();
    }
  };
}

/**
 * Puts the rows of one action back to one side: `'before'` (undo: the changes backwards) or
 * `'after'` (redo: forwards). Must run with the log in replay mode (nothing recorded) and
 * foreign keys deferred, inside a transaction. An insert logged lazily gets its after-image
 * copied into the log before undo deletes it.
 */
export function replayAction(db: Database.Database, changes: readonly StoredChange[], to: 'before' | 'after'): void {
  const ordered = to === 'before' ? [...changes].reverse() : changes;
  const prep = statementCache(db);
  const capture = prep('UPDATE action_changes SET after = ? WHERE id = ?');
  const stored = new Map<string, { list: string[]; set: Set<string> }>();
  const columns = (table: string) => {
    let c = stored.get(table);
    if (!c) {
      const list = columnsOf(db, table);
      stored.set(table, (c = { list, set: new Set(list) }));
    }
    return c;
  };
  const finishIndexes = suspendSearchIndexes(db, changes);
  for (const c of ordered) {
    const spec = LOGGED_TABLES[c.tbl];
    if (!spec) throw new Error(`The log names a table it does not know: ${c.tbl}`);
    const key = parse(c.row_key)!;
    if (c.op === 'insert') {
      if (to === 'before') {
        if (c.after === null) {
          const row = selectRow(prep, columns(c.tbl).list, c.tbl, key);
          if (row) capture.run(JSON.stringify(row), c.id);
        }
        deleteRow(prep, c.tbl, key);
      } else {
        const row = parse(c.after);
        if (row) upsertRow(prep, columns(c.tbl).set, c.tbl, spec.key, row);
      }
    } else if (c.op === 'delete') {
      if (to === 'before') upsertRow(prep, columns(c.tbl).set, c.tbl, spec.key, parse(c.before)!);
      else deleteRow(prep, c.tbl, key);
    } else {
      const before = parse(c.before) ?? {};
      const after = parse(c.after) ?? {};
      // The row is found by its key as it is on the side we come from.
      const fromKey = { ...key };
      if (to === 'before') for (const k of spec.key) if (k in after) fromKey[k] = after[k];
      updateRow(prep, c.tbl, fromKey, to === 'before' ? before : after);
    }
  }
  finishIndexes();
}
