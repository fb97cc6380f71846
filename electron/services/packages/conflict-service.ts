/**
 * The conflicts merges list for the lead (see ./package-service.ts for how they are raised):
 * listed open ones first, and settled one by one, each settlement an action of the change log.
 */
import { AppError } from '../../../shared/api/errors';
import type { MergeConflict } from '../../../shared/packages/types';
import type { ProjectStore } from '../store/project-store';

/** Quotes a table or column name taken from the log, refusing anything but plain names. */
export function q(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing an odd SQL name: ${name}`);
  return `"${name}"`;
}

/** The conflicts merges have listed, open ones first. */
export function listConflicts(store: ProjectStore): MergeConflict[] {
  const rows = store.db.prepare(`SELECT * FROM merge_conflicts ORDER BY status = 'resolved', created_at, id`).all() as Array<{
    id: string;
    kind: MergeConflict['kind'];
    tbl: string;
    row_key: string;
    col: string | null;
    base: string | null;
    versions: string;
    summary: string;
    status: 'open' | 'resolved';
    resolution: string | null;
  }>;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    table: r.tbl,
    key: JSON.parse(r.row_key) as Record<string, unknown>,
    column: r.col,
    base: r.base === null ? null : (JSON.parse(r.base) as unknown),
    versions: JSON.parse(r.versions) as Record<string, unknown>,
    summary: r.summary,
    status: r.status,
    resolution: r.resolution,
  }));
}

/**
 * Settles a conflict: for a column conflict, `value` is written (one of the versions, or the
 * lead's own); any conflict can be marked resolved with a note. One action.
 */
export function resolveConflict(store: ProjectStore, id: string, resolution: { value?: unknown; note: string }): MergeConflict {
  const c = listConflicts(store).find((x) => x.id === id);
  if (!c) throw new AppError('NOT_FOUND', `No merge conflict ${id}.`);
  if (c.status === 'resolved') return c;
  store.act({ label: `Resolve: ${c.summary}`, verb: 'resolve', entityType: 'merge_conflict', entityId: id, object: c.summary }, () => {
    if (c.kind === 'column' && c.column && resolution.value !== undefined) {
      const where = Object.keys(c.key).map((k) => `${q(k)} = ?`).join(' AND ');
      store.db.prepare(`UPDATE ${q(c.table)} SET ${q(c.column)} = ? WHERE ${where}`).run(resolution.value as never, ...Object.values(c.key));
    }
    store.db.prepare(`UPDATE merge_conflicts SET status = 'resolved', resolution = ? WHERE id = ?`).run(resolution.note, id);
  });
  return listConflicts(store).find((x) => x.id === id)!;
}
