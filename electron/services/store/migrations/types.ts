import type BetterSqlite3 from 'better-sqlite3';

/** One numbered schema step. `up` runs inside the transaction that runs all pending steps. */
export interface Migration {
  version: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
  /**
   * The step rebuilds tables, so foreign keys must be off while it runs (SQLite's documented
   * procedure); the runner checks them all before committing.
   */
  foreignKeysOff?: boolean;
}
