/**
 * Small, checked row writes for services that build a change from a plan (the codebook's
 * merge, move and split). Recording is not done here: the change log's triggers record every
 * write made inside an action (see ./change-log.ts); this only counts what it wrote, so an
 * action can tell whether it changed anything.
 */
import type Database from 'better-sqlite3';

export type Row = Record<string, unknown>;

const COLUMN = /^[a-z_]+$/;

function checked(names: readonly string[]): string[] {
  for (const n of names) if (!COLUMN.test(n)) throw new Error(`Refusing an odd column name: ${n}`);
  return [...names];
}

function whereOf(key: Row): string {
  return checked(Object.keys(key))
    .map((k) => `"${k}" = @k_${k}`)
    .join(' AND ');
}

function keyParams(key: Row): Row {
  return Object.fromEntries(Object.entries(key).map(([k, v]) => [`k_${k}`, v]));
}

export class RowWriter {
  /** Rows inserted, updated or deleted through this writer. */
  writes = 0;
  constructor(private readonly db: Database.Database) {}

  insert(table: string, row: Row): void {
    const cols = checked(Object.keys(row));
    this.db.prepare(`INSERT INTO ${checked([table])[0]} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
    this.writes += 1;
  }

  /** Updates the row with `key`; a missing row is a no-op. */
  update(table: string, key: Row, values: Row): void {
    const cols = checked(Object.keys(values));
    if (cols.length === 0) return;
    const info = this.db
      .prepare(`UPDATE ${checked([table])[0]} SET ${cols.map((c) => `"${c}" = @v_${c}`).join(', ')} WHERE ${whereOf(key)}`)
      .run({ ...Object.fromEntries(cols.map((c) => [`v_${c}`, values[c]])), ...keyParams(key) });
    this.writes += info.changes;
  }

  delete(table: string, key: Row): void {
    const info = this.db.prepare(`DELETE FROM ${checked([table])[0]} WHERE ${whereOf(key)}`).run(keyParams(key));
    this.writes += info.changes;
  }
}
