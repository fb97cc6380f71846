import type BetterSqlite3 from 'better-sqlite3';

/** One numbered schema step. `up` runs inside the transaction that runs all pending steps. */
export interface Migration {
  version: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
}
