/**
 * Actions, undo and redo over the change log (see ./change-log.ts for how rows are recorded).
 *
 * An action is one transaction: a row in `actions` is opened, `action_context` tells the log's
 * triggers to record every row change under it, the caller's writes run, and the action is
 * closed as `done`, or dropped when it changed nothing. Actions nest: a write that runs inside
 * another action joins it, so a composite write (a CMOC with its evidence, a demo step) is one
 * action and one undo step.
 *
 * Undo is linear over the whole project, as in an editor: it reverts the newest `done` action;
 * redo re-applies the most recently undone one; a new action discards what could be redone.
 * The state lives in the project file, so Ctrl+Z after reopening undoes the last action made
 * before closing. Actions at or below the project's undo floor (the demo's construction) stay
 * in the log but cannot be undone. Actions of one group (the replayed actions of one merged
 * package: `ActionMeta.group`, schema 9) are undone and redone together, as one step.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../../../shared/history/hlc';
import type { ActionDetail, ActionEntry, ActionPage, ActionStatus, HistoryState, RowChangeView } from '../../../shared/history/types';
import { replayAction, type StoredChange } from './change-log';

/** An action made elsewhere (a coder's package) and replayed here with its own id, clock and time. */
export interface ImportedAction {
  id: string;
  hlc: string;
  at: string;
}

/** What an action is, for the audit view and the undo menu. */
export interface ActionMeta {
  /** What the user did, in words: `Create code "Trust"`. */
  label: string;
  verb: string;
  entityType: string;
  entityId?: string | null;
  /** The object acted on, in words (a title, a name, the start of a quote). */
  object?: string | null;
  detail?: unknown;
  /** Undone and redone with the other actions of this group, as one step named `label`. */
  group?: { id: string; label: string };
}

/** One undo or redo step: an action, or all the actions of its group. */
interface Step {
  seqs: number[];
  label: string;
}

interface ActionRow {
  seq: number;
  id: string;
  hlc: string;
  at: string;
  coder_id: string | null;
  coder: string | null;
  label: string;
  verb: string;
  entity_type: string;
  entity_id: string | null;
  object: string | null;
  status: ActionStatus;
  undone_at: string | null;
  undone_by: string | null;
  changes: number;
}

function toEntry(r: ActionRow): ActionEntry {
  return {
    seq: r.seq,
    id: r.id,
    hlc: r.hlc,
    at: r.at,
    coderId: r.coder_id,
    coder: r.coder,
    label: r.label,
    verb: r.verb,
    entityType: r.entity_type,
    entityId: r.entity_id,
    object: r.object,
    status: r.status,
    changeCount: r.changes,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

interface GroupedRow {
  seq: number;
  label: string;
  group_id: string | null;
  group_label: string | null;
}

const ENTRY_SELECT = `SELECT a.seq, a.id, a.hlc, a.at, a.coder_id, c.name AS coder, a.label, a.verb, a.entity_type, a.entity_id, a.object,
  a.status, a.undone_at, u.name AS undone_by, (SELECT count(*) FROM action_changes x WHERE x.action_seq = a.seq) AS changes
  FROM actions a LEFT JOIN coders c ON c.id = a.coder_id LEFT JOIN coders u ON u.id = a.undone_by`;

/** The change log of one open project file. */
export class ActionLog {
  private clock: Hlc | null = null;
  /** Distinguishes this process's clock stamps from other machines' (see hlc.ts). */
  private readonly node = randomBytes(4).toString('hex');
  private openSeq: number | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {}

  /**
   * Makes the next action read the newest clock stamp from the file again: another connection
   * to the same file (the import worker's) has written actions this one has not seen.
   */
  forgetClock(): void {
    this.clock = null;
  }

  /** True while an action is being written (a nested write joins it). */
  get inAction(): boolean {
    return this.openSeq !== null;
  }

  private nextHlc(): string {
    if (!this.clock) {
      const row = this.db.prepare('SELECT max(hlc) AS h FROM actions').get() as { h: string | null };
      this.clock = row.h ? parseHlc(row.h) : null;
    }
    this.clock = tickHlc(this.clock, this.now().getTime(), this.node);
    return formatHlc(this.clock);
  }

  /**
   * Runs `fn` as one action by `actor`, in one transaction. Returns what `fn` returns; if `fn`
   * throws, nothing it wrote is kept.
   */
  run<T>(actor: string, meta: ActionMeta, fn: () => T, imported?: ImportedAction): T {
    if (this.openSeq !== null && !imported) return fn();
    if (this.openSeq !== null) throw new Error('An imported action cannot run inside another action.');
    return this.db.transaction(() => {
      const at = imported?.at ?? this.now().toISOString();
      if (imported) this.observe(imported.hlc);
      const info = this.db
        .prepare(
          `INSERT INTO actions (id, hlc, at, coder_id, label, verb, entity_type, entity_id, object, detail, group_id, group_label, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')`,
        )
        .run(
          imported?.id ?? randomUUID(),
          imported?.hlc ?? this.nextHlc(),
          at,
          actor,
          meta.label,
          meta.verb,
          meta.entityType,
          meta.entityId ?? null,
          meta.object ?? null,
          meta.detail === undefined ? null : JSON.stringify(meta.detail),
          meta.group?.id ?? null,
          meta.group?.label ?? null,
        );
      const seq = Number(info.lastInsertRowid);
      this.db.prepare(`INSERT INTO action_context (one, action_seq, mode) VALUES (1, ?, 'record')`).run(seq);
      this.openSeq = seq;
      try {
        const value = fn();
        this.db.prepare('DELETE FROM action_context').run();
        const changed = this.db.prepare('SELECT 1 FROM action_changes WHERE action_seq = ? LIMIT 1').get(seq);
        if (!changed) {
          this.db.prepare('DELETE FROM actions WHERE seq = ?').run(seq);
        } else {
          this.db.prepare(`UPDATE actions SET status = 'discarded' WHERE status = 'undone'`).run();
          this.db.prepare(`UPDATE actions SET status = 'done' WHERE seq = ?`).run(seq);
        }
        return value;
      } finally {
        this.openSeq = null;
      }
    })();
  }

  /** Moves the clock past a stamp made elsewhere (a merged action), so later local actions sort after it. */
  private observe(remote: string): void {
    const r = parseHlc(remote);
    if (!r) return;
    if (!this.clock) {
      const row = this.db.prepare('SELECT max(hlc) AS h FROM actions').get() as { h: string | null };
      this.clock = row.h ? parseHlc(row.h) : null;
    }
    this.clock = receiveHlc(this.clock, r, this.now().getTime(), this.node);
  }

  /** Whether an action with this id is already in the log (merging is idempotent by ids). */
  has(actionId: string): boolean {
    return this.db.prepare('SELECT 1 FROM actions WHERE id = ?').get(actionId) !== undefined;
  }

  private undoFloor(): number {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'undo_floor'`).get() as { value: string } | undefined;
    return row ? Number(row.value) || 0 : 0;
  }

  /** Makes every action so far permanent history: undo stops here (the demo's construction). */
  sealHistory(): void {
    const row = this.db.prepare('SELECT max(seq) AS s FROM actions').get() as { s: number | null };
    this.db.prepare(`INSERT INTO meta (key, value) VALUES ('undo_floor', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(row.s ?? 0));
    this.db.prepare(`UPDATE actions SET status = 'discarded' WHERE status = 'undone'`).run();
  }

  private nextUndo(): Step | null {
    const floor = this.undoFloor();
    const top = this.db.prepare(`SELECT seq, label, group_id, group_label FROM actions WHERE status = 'done' AND seq > ? ORDER BY seq DESC LIMIT 1`).get(floor) as GroupedRow | undefined;
    if (!top) return null;
    if (top.group_id === null) return { seqs: [top.seq], label: top.label };
    const seqs = this.db.prepare(`SELECT seq FROM actions WHERE group_id = ? AND status = 'done' AND seq > ? ORDER BY seq DESC`).pluck().all(top.group_id, floor) as number[];
    return { seqs, label: top.group_label ?? top.label };
  }

  private nextRedo(): Step | null {
    const first = this.db.prepare(`SELECT seq, label, group_id, group_label FROM actions WHERE status = 'undone' ORDER BY seq ASC LIMIT 1`).get() as GroupedRow | undefined;
    if (!first) return null;
    if (first.group_id === null) return { seqs: [first.seq], label: first.label };
    const seqs = this.db.prepare(`SELECT seq FROM actions WHERE group_id = ? AND status = 'undone' ORDER BY seq ASC`).pluck().all(first.group_id) as number[];
    return { seqs, label: first.group_label ?? first.label };
  }

  state(applied: string | null = null): HistoryState {
    const u = this.nextUndo();
    const r = this.nextRedo();
    return { applied, canUndo: u !== null, canRedo: r !== null, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  undo(actor: string): HistoryState {
    const next = this.nextUndo();
    if (!next) return this.state(null);
    this.replay(next, 'before', actor);
    return this.state(next.label);
  }

  redo(actor: string): HistoryState {
    const next = this.nextRedo();
    if (!next) return this.state(null);
    this.replay(next, 'after', actor);
    return this.state(next.label);
  }

  /** Reverts (`before`) or re-applies (`after`) one step, its actions in the given order, in one transaction. */
  private replay(step: Step, to: 'before' | 'after', actor: string): void {
    if (this.openSeq !== null) throw new AppError('VALIDATION', 'Cannot undo or redo while another change is being saved.');
    const verb = to === 'before' ? 'undo' : 'redo';
    try {
      this.db.transaction(() => {
        this.db.pragma('defer_foreign_keys = ON');
        for (const seq of step.seqs) {
          this.db.prepare(`INSERT INTO action_context (one, action_seq, mode) VALUES (1, ?, 'replay')`).run(seq);
          const changes = this.db.prepare('SELECT id, tbl, op, row_key, before, after FROM action_changes WHERE action_seq = ? ORDER BY id').all(seq) as StoredChange[];
          replayAction(this.db, changes, to);
          this.db.prepare('DELETE FROM action_context').run();
          if (to === 'before') {
            this.db.prepare(`UPDATE actions SET status = 'undone', undone_at = ?, undone_by = ? WHERE seq = ?`).run(this.now().toISOString(), actor, seq);
          } else {
            this.db.prepare(`UPDATE actions SET status = 'done', undone_at = NULL, undone_by = NULL WHERE seq = ?`).run(seq);
          }
        }
      })();
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('CONFLICT', `Cannot ${verb} "${step.label}": the project changed in a way that conflicts with it (${(e as Error).message}). Nothing was changed.`);
    }
  }

  /** The log, newest first. */
  list(filter: { limit: number; offset: number; coderId?: string | undefined; entityType?: string | undefined; query?: string | undefined }): ActionPage {
    const where: string[] = [`a.status <> 'open'`];
    const params: unknown[] = [];
    if (filter.coderId) {
      where.push('a.coder_id = ?');
      params.push(filter.coderId);
    }
    if (filter.entityType) {
      where.push('a.entity_type = ?');
      params.push(filter.entityType);
    }
    for (const word of (filter.query ?? '').split(/\s+/).filter(Boolean)) {
      where.push(`(a.label LIKE ? ESCAPE '\\' OR coalesce(a.object, '') LIKE ? ESCAPE '\\')`);
      const like = `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      params.push(like, like);
    }
    const total = (this.db.prepare(`SELECT count(*) AS n FROM actions a WHERE ${where.join(' AND ')}`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`${ENTRY_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.seq DESC LIMIT ? OFFSET ?`).all(...params, filter.limit, filter.offset) as ActionRow[];
    return { total, actions: rows.map(toEntry) };
  }

  /** One action with its row changes (at most `limit`). */
  get(seq: number, limit: number): ActionDetail {
    const row = this.db.prepare(`${ENTRY_SELECT} WHERE a.seq = ?`).get(seq) as ActionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No action number ${seq} in this project's log.`);
    const changes = this.db.prepare('SELECT id, tbl, op, row_key, before, after FROM action_changes WHERE action_seq = ? ORDER BY id LIMIT ?').all(seq, limit) as StoredChange[];
    const parse = (t: string | null) => (t === null ? null : (JSON.parse(t) as Record<string, unknown>));
    const views: RowChangeView[] = changes.map((c) => ({ table: c.tbl, op: c.op, key: parse(c.row_key)!, before: parse(c.before), after: parse(c.after) }));
    return { ...toEntry(row), changes: views, truncated: row.changes > views.length };
  }
}
