/**
 * Schema 7: a CMOC is complete or explicitly a draft (issue 13). Until now the builder saved a
 * CMOC with no codes, or with a blank statement, as if it were finished. `cmocs.status` is
 * 'complete' or 'draft'; the CMOCs saved before it are classified by the same rule the app
 * applies from now on (shared/coding/cmoc-rules.ts `missingParts`): at least one context, one
 * mechanism and one outcome among its live codes, and a non-blank statement, or it is a draft.
 *
 * The classification updates rows, so the change log's triggers (installed by schema 4) are
 * dropped first; the migration runner installs them again from the new schema afterwards.
 */
import { missingParts } from '../../../../shared/coding/cmoc-rules';
import type { Migration } from './types';

export const migration007CmocStatus: Migration = {
  version: 7,
  name: 'cmoc status',
  up: (db) => {
    for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'log\\_%' ESCAPE '\\'`).all() as Array<{ name: string }>) {
      db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
    }
    db.exec(`ALTER TABLE cmocs ADD COLUMN status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'draft'));`);
    const cmocs = db.prepare('SELECT id, statement FROM cmocs').all() as Array<{ id: string; statement: string }>;
    const roles = db.prepare('SELECT x.role FROM cmoc_codes x JOIN codes c ON c.id = x.code_id AND c.deleted_at IS NULL WHERE x.cmoc_id = ?');
    const toDraft = db.prepare(`UPDATE cmocs SET status = 'draft' WHERE id = ?`);
    for (const m of cmocs) {
      if (missingParts(roles.all(m.id) as Array<{ role: string }>, m.statement).length > 0) toDraft.run(m.id);
    }
  },
};
