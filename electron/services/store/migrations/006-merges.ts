/**
 * Schema 6: merging coders' packages. A merged action keeps its id in the change log, so
 * merging the same package again changes nothing. `merge_conflicts` lists what two coders changed differently on shared things (a code
 * renamed two ways, a code used by one coder after another merged or deleted it, two new codes
 * with one name): the merge never picks a winner; the lead decides. It is written inside the
 * merged actions, so undo takes a conflict back with the change that raised it.
 */
import type { Migration } from './types';

export const migration006Merges: Migration = {
  version: 6,
  name: 'coder packages and merge conflicts',
  up: (db) => {
    db.exec(`
CREATE TABLE merge_conflicts (
  id TEXT PRIMARY KEY,                       -- derived from what conflicts, so it is the same whatever the merge order
  kind TEXT NOT NULL CHECK (kind IN ('column','uses-removed-code','duplicate-name')),
  tbl TEXT NOT NULL,
  row_key TEXT NOT NULL,                     -- JSON
  col TEXT,                                  -- the column, for kind 'column'
  base TEXT,                                 -- JSON value before either change
  versions TEXT NOT NULL DEFAULT '{}',       -- JSON {coderId: value}
  summary TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
  resolution TEXT,
  created_at TEXT NOT NULL
) STRICT;
`);
  },
};
