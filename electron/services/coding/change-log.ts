/**
 * Row-level change recording for undo and redo. Every write of a coding action goes through a
 * `ChangeRecorder`, which keeps the row as it was before and after. The inverse of an action is
 * then mechanical (an insert is undone by a delete, a delete by re-inserting the old row, an
 * update by writing the old values back), so no action needs a hand-written inverse that could
 * drift from what it actually did.
 *
 * Only the tables below are recorded, and the coding service never relies on ON DELETE
 * CASCADE inside an action (codes, CMOCs and memos are soft-deleted): a cascade would change
 * rows the recorder cannot see.
 */
import type Database from 'better-sqlite3';

/** Primary-key columns of each recorded table. */
export const RECORDED_TABLES = {
  code_kinds: ['id'],
  codes: ['id'],
  codings: ['id'],
  cmocs: ['id'],
  cmoc_codes: ['cmoc_id', 'code_id', 'role'],
  evidence_links: ['id'],
  appraisals: ['id'],
  memos: ['id'],
} as const;

export type RecordedTable = keyof typeof RECORDED_TABLES;
export type Row = Record<string, unknown>;

/** One row changed: `before` null for an insert, `after` null for a delete. */
export interface RowChange {
  table: RecordedTable;
  key: Row;
  before: Row | null;
  after: Row | null;
}

const COLUMN = /^[a-z_]+$/;

function checkColumns(names: readonly string[]): void {
  for (const n of names) if (!COLUMN.test(n)) throw new Error(`Refusing an odd column name: ${n}`);
}

function keyOf(table: RecordedTable, row: Row): Row {
  return Object.fromEntries(RECORDED_TABLES[table].map((k) => [k, row[k]]));
}

function whereClause(key: Row): string {
  return Object.keys(key)
    .map((k) => `${k} = @k_${k}`)
    .join(' AND ');
}

function keyParams(key: Row): Row {
  return Object.fromEntries(Object.entries(key).map(([k, v]) => [`k_${k}`, v]));
}

function selectRow(db: Database.Database, table: RecordedTable, key: Row): Row | null {
  return (db.prepare(`SELECT * FROM ${table} WHERE ${whereClause(key)}`).get(keyParams(key)) as Row | undefined) ?? null;
}

function insertRow(db: Database.Database, table: RecordedTable, row: Row): void {
  const cols = Object.keys(row);
  checkColumns(cols);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
}

function updateRow(db: Database.Database, table: RecordedTable, key: Row, values: Row): void {
  const cols = Object.keys(values);
  if (cols.length === 0) return;
  checkColumns(cols);
  db.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = @v_${c}`).join(', ')} WHERE ${whereClause(key)}`).run({
    ...Object.fromEntries(cols.map((c) => [`v_${c}`, values[c]])),
    ...keyParams(key),
  });
}

function deleteRow(db: Database.Database, table: RecordedTable, key: Row): void {
  db.prepare(`DELETE FROM ${table} WHERE ${whereClause(key)}`).run(keyParams(key));
}

/** Writes rows and remembers each change. Use one recorder per action, inside its transaction. */
export class ChangeRecorder {
  readonly changes: RowChange[] = [];
  constructor(private readonly db: Database.Database) {}

  insert(table: RecordedTable, row: Row): void {
    insertRow(this.db, table, row);
    const key = keyOf(table, row);
    this.changes.push({ table, key, before: null, after: selectRow(this.db, table, key) });
  }

  /** Updates the row with `key`; a missing row is a no-op and records nothing. */
  update(table: RecordedTable, key: Row, values: Row): void {
    const before = selectRow(this.db, table, key);
    if (!before) return;
    updateRow(this.db, table, key, values);
    this.changes.push({ table, key, before, after: selectRow(this.db, table, key) });
  }

  delete(table: RecordedTable, key: Row): void {
    const before = selectRow(this.db, table, key);
    if (!before) return;
    deleteRow(this.db, table, key);
    this.changes.push({ table, key, before, after: null });
  }
}

/**
 * Puts rows back to one side of the changes: `'before'` (undo, walking the list backwards so
 * that, e.g., a CMOC code row is removed before the code it points to) or `'after'` (redo,
 * forwards). Call inside a transaction.
 */
export function replayChanges(db: Database.Database, changes: readonly RowChange[], to: 'before' | 'after'): void {
  const ordered = to === 'before' ? [...changes].reverse() : changes;
  for (const c of ordered) {
    const target = to === 'before' ? c.before : c.after;
    const current = to === 'before' ? c.after : c.before;
    if (target === null) deleteRow(db, c.table, c.key);
    else if (current === null) insertRow(db, c.table, target);
    else updateRow(db, c.table, c.key, target);
  }
}
