/**
 * Coder packages: a copy of the project for one coder to take to their own machine, and the
 * merge that brings their work back by replaying their change log.
 *
 * A package is an ordinary project file (`*.realist`) with the same project id, marked in its
 * metadata as a package for one coder. It holds the records, documents, codebook and, when
 * blind coding is on, nothing of the other coders' layers (their rows, and the history that
 * mentions them, are removed and the file is vacuumed so no trace stays in free pages). The
 * coder opens it, codes, and sends it back.
 *
 * Merging replays, in clock order, every action of the package that the project does not have
 * yet (actions keep their ids, coders, times and clocks), so merging twice changes nothing.
 * Rows a coder created are theirs alone and merge as they are. Shared things (the codebook) can
 * be changed by two coders: an update whose starting value is no longer the project's is not
 * won by either side; the column goes back to its starting value and the conflict is listed for
 * the lead (merge_conflicts), the same whichever package came first. After a merge, codes used
 * by one coder but removed by another and sibling codes with the same name are listed too.
 * One merge is one transaction: a crash leaves the project as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { CONSENSUS_CODER_ID } from '../../../shared/coders/types';
import type { MergeConflict, MergeReport, PackageInfo } from '../../../shared/packages/types';
import { APPLICATION_ID, type ProjectStore } from '../store/project-store';
import { columnsOf, LOGGED_TABLES, type Row } from '../store/change-log';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';

/** Tables whose rows belong to a coder's layer (coder_id). */
const LAYERED = ['excerpts', 'codings', 'cmocs', 'evidence_links', 'appraisals', 'memos'] as const;

/**
 * Writes a package for `coderId` to `out` (a new file). With blind coding on (or `blind`), the
 * other people's layers are left out; the consensus layer is shared and stays.
 */
export function exportPackage(store: ProjectStore, coderId: string, out: string, options: { blind?: boolean } = {}): PackageInfo {
  const coder = store.db.prepare(`SELECT id, name FROM coders WHERE id = ? AND kind = 'person'`).get(coderId) as { id: string; name: string } | undefined;
  if (!coder) throw new AppError('NOT_FOUND', `No coder with id ${coderId} in this project.`);
  const target = path.resolve(out);
  if (fs.existsSync(target)) throw new AppError('FILE_EXISTS', `A file already exists at ${target}; choose another name for the package.`);
  const blind = options.blind ?? store.isBlind();
  const summary = store.summary();
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.part`);
  const packageId = randomUUID();
  try {
    store.db.prepare('VACUUM INTO ?').run(tmp);
    const pkg = new Database(tmp);
    try {
      pkg.pragma('foreign_keys = ON');
      pkg.transaction(() => {
        // Preparing the copy is not anyone's work: nothing here goes into the package's log.
        pkg.prepare(`INSERT INTO action_context (one, action_seq, mode) VALUES (1, 0, 'replay')`).run();
        if (blind) {
          for (const t of LAYERED) pkg.prepare(`DELETE FROM ${t} WHERE coder_id NOT IN (?, ?)`).run(coder.id, CONSENSUS_CODER_ID);
          pkg.prepare('DELETE FROM merge_conflicts').run();
        }
        // The history mentions everyone's work; the coder's package starts a log of its own.
        pkg.prepare('DELETE FROM action_changes').run();
        pkg.prepare('DELETE FROM actions').run();
        pkg.prepare('DELETE FROM action_context').run();
        const meta = pkg.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
        meta.run('package_id', packageId);
        meta.run('package_coder', coder.id);
        meta.run('package_blind', blind ? '1' : '0');
        meta.run('package_created_at', store.isoNow());
        meta.run('undo_floor', '0');
        meta.run('name', `${summary.name} (package for ${coder.name})`);
      })();
      // Rewrite the file so removed rows leave nothing behind in free pages.
      pkg.exec('VACUUM');
    } finally {
      pkg.close();
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('IO', `Could not write the package ${path.basename(target)}: ${(e as Error).message}. Nothing was written.`);
  }
  return { path: target, packageId, coderId: coder.id, coder: coder.name, blind, bytes: fs.statSync(target).size };
}

interface PackageAction {
  seq: number;
  id: string;
  hlc: string;
  at: string;
  coder_id: string | null;
  label: string;
  verb: string;
  entity_type: string;
  entity_id: string | null;
  object: string | null;
  detail: string | null;
}

interface PackageChange {
  tbl: string;
  op: 'insert' | 'update' | 'delete';
  row_key: string;
  before: string | null;
  after: string | null;
}

function q(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing an odd SQL name: ${name}`);
  return `"${name}"`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a === null && b === undefined) || (a === undefined && b === null);
}

/** A conflict's id: the same for the same conflicting thing, whichever package came first. */
function conflictId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** Opens a package read-only and checks it belongs to this project. */
function openPackage(store: ProjectStore, file: string): Database.Database {
  const abs = path.resolve(file);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new AppError('NOT_FOUND', `No package at ${abs}.`);
  }
  if (!st.isFile()) throw new AppError('VALIDATION', `${abs} is not a file (a coder's package is one .realist file).`);
  let pkg: Database.Database;
  try {
    pkg = new Database(abs, { readonly: true, fileMustExist: true });
    pkg.pragma('user_version');
  } catch {
    throw new AppError('NOT_A_PROJECT', `${path.basename(abs)} is not a Realist Workbench package (it is not a SQLite database).`);
  }
  try {
    if ((pkg.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
      throw new AppError('NOT_A_PROJECT', `${path.basename(abs)} is not a Realist Workbench project or package.`);
    }
    const version = pkg.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError('PROJECT_TOO_NEW', `${path.basename(abs)} was written by a newer version of Realist Workbench; update the app to merge it.`);
    }
    if (version < 4) throw new AppError('VALIDATION', `${path.basename(abs)} has no change log to merge (it was written before coders and layers existed).`);
    const projectId = (pkg.prepare(`SELECT value FROM meta WHERE key = 'project_id'`).get() as { value: string } | undefined)?.value;
    const mine = store.summary();
    if (projectId !== mine.projectId) {
      const name = (pkg.prepare(`SELECT value FROM meta WHERE key = 'name'`).get() as { value: string } | undefined)?.value ?? 'another project';
      throw new AppError('VALIDATION', `${path.basename(abs)} belongs to "${name}", not to "${mine.name}": a package can only be merged into the project it was made from. Nothing was changed.`);
    }
    return pkg;
  } catch (e) {
    pkg.close();
    throw e;
  }
}

/** Merges a coder's package into the open project (see the module comment). */
export function mergePackage(store: ProjectStore, file: string): MergeReport {
  store.requireCoder();
  const pkg = openPackage(store, file);
  try {
    const packageId = (pkg.prepare(`SELECT value FROM meta WHERE key = 'package_id'`).get() as { value: string } | undefined)?.value ?? null;
    const actions = (pkg.prepare(`SELECT * FROM actions WHERE status = 'done' ORDER BY hlc, seq`).all() as PackageAction[]).filter((a) => !store.log.has(a.id));
    const already = (pkg.prepare(`SELECT count(*) AS n FROM actions WHERE status = 'done'`).get() as { n: number }).n - actions.length;
    const changesOf = pkg.prepare('SELECT tbl, op, row_key, before, after FROM action_changes WHERE action_seq = ? ORDER BY id');
    const mainColumns = new Map<string, Set<string>>();
    const columns = (t: string) => {
      let c = mainColumns.get(t);
      if (!c) mainColumns.set(t, (c = new Set(columnsOf(store.db, t))));
      return c;
    };
    let added = 0;
    const coders = new Map<string, string>();
    const conflictsBefore = new Set((store.db.prepare('SELECT id FROM merge_conflicts').all() as Array<{ id: string }>).map((r) => r.id));

    // One transaction for the whole merge: each package action is an action here, with its own id.
    store.transaction(() => {
      store.db.pragma('defer_foreign_keys = ON');
      for (const a of actions) {
        const changes = changesOf.all(a.seq) as PackageChange[];
        const coderId = a.coder_id ?? store.requireCoder();
        const meta = {
          label: a.label,
          verb: a.verb,
          entityType: a.entity_type,
          entityId: a.entity_id,
          object: a.object,
          ...(a.detail ? { detail: JSON.parse(a.detail) as unknown } : {}),
        };
        store.act(
          meta,
          () => {
            for (const c of changes) applyChange(store, pkg, c, coderId, columns);
          },
          coderId,
          { id: a.id, hlc: a.hlc, at: a.at },
        );
        if (store.log.has(a.id)) added += 1;
        if (a.coder_id) coders.set(a.coder_id, '');
      }
      copyMissingBlobs(store, pkg);
      if (added > 0) {
        store.act({ label: 'Check merged work for conflicts', verb: 'check', entityType: 'package', entityId: packageId }, () => scanConflicts(store));
      }
    });

    const names = store.db.prepare('SELECT id, name FROM coders').all() as Array<{ id: string; name: string }>;
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const conflicts = listConflicts(store).filter((c) => c.status === 'open');
    return {
      packageId,
      added,
      alreadyMerged: already,
      coders: [...coders.keys()].map((id) => nameOf.get(id) ?? id).sort(),
      newConflicts: conflicts.filter((c) => !conflictsBefore.has(c.id)),
      openConflicts: conflicts.length,
    };
  } finally {
    pkg.close();
  }
}

/** Applies one row change of a package to the project (inside the replayed action). */
function applyChange(store: ProjectStore, pkg: Database.Database, c: PackageChange, coderId: string, columns: (t: string) => Set<string>): void {
  const spec = LOGGED_TABLES[c.tbl];
  if (!spec) return; // a table this version does not log: nothing to replay into
  const cols = columns(c.tbl);
  const key = JSON.parse(c.row_key) as Row;
  const where = Object.keys(key).map((k) => `${q(k)} = ?`).join(' AND ');
  const keyValues = Object.values(key);
  const current = store.db.prepare(`SELECT * FROM ${q(c.tbl)} WHERE ${where}`).get(...keyValues) as Row | undefined;
  if (c.op === 'insert') {
    // An insert logged by key only: the package's row is its after-image.
    const row = c.after !== null ? (JSON.parse(c.after) as Row) : ((pkg.prepare(`SELECT * FROM ${q(c.tbl)} WHERE ${where}`).get(...keyValues) as Row | undefined) ?? null);
    if (!row) return; // removed again later in the package: its delete follows
    const kept = Object.fromEntries(Object.entries(row).filter(([k]) => cols.has(k)));
    if (current) {
      for (const [col, value] of Object.entries(kept)) {
        if (!sameValue(current[col], value)) raiseConflict(store, c.tbl, key, col, null, current[col], value, coderId);
      }
      return;
    }
    const names = Object.keys(kept);
    store.db.prepare(`INSERT INTO ${q(c.tbl)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((n) => kept[n]));
    return;
  }
  if (c.op === 'delete') {
    if (current) store.db.prepare(`DELETE FROM ${q(c.tbl)} WHERE ${where}`).run(...keyValues);
    return;
  }
  if (!current) return; // updated a row that is gone here (removed by another merge): nothing to update
  const before = (c.before ? JSON.parse(c.before) : {}) as Row;
  const after = (c.after ? JSON.parse(c.after) : {}) as Row;
  const set: Row = {};
  for (const [col, value] of Object.entries(after)) {
    if (!cols.has(col)) continue;
    if (col === 'updated_at') {
      // Bookkeeping, not a coder's decision: the later time stands, whichever came first.
      if (typeof value === 'string' && typeof current[col] === 'string' && value > (current[col] as string)) set[col] = value;
      continue;
    }
    const open = store.db.prepare(`SELECT id FROM merge_conflicts WHERE id = ? AND status = 'open'`).get(conflictId('column', c.tbl, c.row_key, col));
    if (open) {
      raiseConflict(store, c.tbl, key, col, before[col] ?? null, current[col], value, coderId);
      continue;
    }
    if (sameValue(current[col], value)) continue;
    if (sameValue(current[col], before[col])) set[col] = value;
    else {
      // Both sides changed it since the package was made: neither wins; back to where both started.
      raiseConflict(store, c.tbl, key, col, before[col] ?? null, current[col], value, coderId);
      set[col] = before[col] ?? null;
    }
  }
  const names = Object.keys(set);
  if (names.length > 0) store.db.prepare(`UPDATE ${q(c.tbl)} SET ${names.map((n) => `${q(n)} = ?`).join(', ')} WHERE ${where}`).run(...names.map((n) => set[n]), ...keyValues);
}

/** Who last set `col` of the row here (the coder of the newest action that changed it). */
function lastWriter(store: ProjectStore, tbl: string, key: Row, col: string): string | null {
  const rowKey = JSON.stringify(key);
  const row = store.db
    .prepare(
      `SELECT a.coder_id FROM action_changes x JOIN actions a ON a.seq = x.action_seq
       WHERE x.tbl = ? AND x.row_key = ? AND (x.op = 'insert' OR json_type(x.after, '$.' || ?) IS NOT NULL) AND a.status IN ('done', 'open')
       ORDER BY x.id DESC LIMIT 1`,
    )
    .get(tbl, rowKey, col) as { coder_id: string | null } | undefined;
  return row?.coder_id ?? null;
}

function raiseConflict(store: ProjectStore, tbl: string, key: Row, col: string, base: unknown, current: unknown, incoming: unknown, coderId: string): void {
  const rowKey = JSON.stringify(key);
  const id = conflictId('column', tbl, rowKey, col);
  const existing = store.db.prepare('SELECT versions, base FROM merge_conflicts WHERE id = ?').get(id) as { versions: string; base: string | null } | undefined;
  const versions = existing ? (JSON.parse(existing.versions) as Record<string, unknown>) : {};
  const other = lastWriter(store, tbl, key, col) ?? 'project';
  if (!(other in versions) && !existing) versions[other] = current ?? null;
  versions[coderId] = incoming ?? null;
  const sorted = Object.fromEntries(Object.keys(versions).sort().map((k) => [k, versions[k]]));
  const what = tbl === 'codes' && col === 'name' ? 'a code renamed differently' : `${tbl.replace(/_/g, ' ')}: ${col.replace(/_/g, ' ')} changed differently`;
  if (existing) {
    store.db.prepare('UPDATE merge_conflicts SET versions = ? WHERE id = ?').run(JSON.stringify(sorted), id);
  } else {
    store.db
      .prepare(`INSERT INTO merge_conflicts (id, kind, tbl, row_key, col, base, versions, summary, created_at) VALUES (?, 'column', ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, tbl, rowKey, col, JSON.stringify(base ?? null), JSON.stringify(sorted), `${what} by two coders`, store.isoNow());
  }
}

/** Codes in use although removed, and sibling codes with one name: listed, never changed. */
function scanConflicts(store: ProjectStore): void {
  const now = store.isoNow();
  const insert = store.db.prepare(
    `INSERT INTO merge_conflicts (id, kind, tbl, row_key, col, base, versions, summary, created_at) VALUES (?, ?, 'codes', ?, NULL, NULL, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET versions = excluded.versions, summary = excluded.summary WHERE merge_conflicts.status = 'open'`,
  );
  const removedInUse = store.db
    .prepare(
      `SELECT c.id, c.name, json_group_array(DISTINCT g.coder_id) AS coders, count(*) AS n
       FROM codes c JOIN codings g ON g.code_id = c.id JOIN excerpts e ON e.id = g.excerpt_id AND e.deleted_at IS NULL
       WHERE c.deleted_at IS NOT NULL GROUP BY c.id ORDER BY c.id`,
    )
    .all() as Array<{ id: string; name: string; coders: string; n: number }>;
  for (const r of removedInUse) {
    const coders = (JSON.parse(r.coders) as string[]).sort();
    insert.run(conflictId('uses-removed-code', r.id), 'uses-removed-code', JSON.stringify({ id: r.id }), JSON.stringify({ codings: r.n, coders }), `"${r.name}" was merged or deleted, but ${r.n} coding${r.n === 1 ? '' : 's'} still use${r.n === 1 ? 's' : ''} it`, now);
  }
  const twins = store.db
    .prepare(
      `SELECT lower(name) AS lname, coalesce(parent_id, '') AS parent, kind, json_group_array(id) AS ids, min(name) AS name
       FROM codes WHERE deleted_at IS NULL GROUP BY lower(name), coalesce(parent_id, ''), CASE WHEN parent_id IS NULL THEN kind ELSE '' END HAVING count(*) > 1`,
    )
    .all() as Array<{ lname: string; parent: string; kind: string; ids: string; name: string }>;
  for (const t of twins) {
    const ids = (JSON.parse(t.ids) as string[]).sort();
    insert.run(conflictId('duplicate-name', ...ids), 'duplicate-name', JSON.stringify({ ids }), JSON.stringify({ codes: ids }), `${ids.length} codes are called "${t.name}": merge them, or rename one`, now);
  }
}

/** Copies the file contents of merged documents that the project does not hold yet. */
function copyMissingBlobs(store: ProjectStore, pkg: Database.Database): void {
  const missing = store.db.prepare('SELECT DISTINCT d.blob_hash FROM documents d LEFT JOIN blobs b ON b.hash = d.blob_hash WHERE b.hash IS NULL').all() as Array<{ blob_hash: string }>;
  const read = pkg.prepare('SELECT hash, size, mime, data, created_at FROM blobs WHERE hash = ?');
  const write = store.db.prepare('INSERT OR IGNORE INTO blobs (hash, size, mime, data, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const m of missing) {
    const b = read.get(m.blob_hash) as { hash: string; size: number; mime: string; data: Buffer; created_at: string } | undefined;
    if (b) write.run(b.hash, b.size, b.mime, b.data, b.created_at);
  }
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
