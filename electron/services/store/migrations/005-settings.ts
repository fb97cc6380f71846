/**
 * Schema 5: project settings that are part of the team's work (blind coding, for a start), in a
 * table of their own so that changing them is an action of the change log like any other write
 * (who turned blind coding on, and when, is in the audit view; undo turns it back). `meta` stays
 * the file's own bookkeeping (name, id, undo floor), written outside the log.
 */
import type { Migration } from './types';

export const migration005Settings: Migration = {
  version: 5,
  name: 'project settings',
  up: (db) => {
    db.exec(`
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`);
  },
};
