/**
 * The change log as the UI and the command line see it. Every write to a project is an
 * *action*: one transaction, made by one coder, with the row changes it made (before and after).
 * Undo and redo walk the log; the audit view reads it.
 */
import type { Uuid } from '../domain/types';

/**
 * `done`: in effect. `undone`: reverted and redoable. `discarded`: reverted, then a new action
 * was made, so it can no longer be redone. `legacy`: a line of the audit log kept by projects
 * written before schema 4 (no row changes recorded).
 */
export type ActionStatus = 'done' | 'undone' | 'discarded' | 'legacy';

export interface ActionEntry {
  /** Local order of the action in this project file. */
  seq: number;
  /** Stable id of the action across machines. */
  id: Uuid;
  /** Hybrid logical clock: orders actions made on different machines (see hlc.ts). */
  hlc: string;
  /** Wall-clock time the action was made (ISO-8601 UTC). */
  at: string;
  coderId: string | null;
  /** The coder's name; null for actions of the app itself (migrations). */
  coder: string | null;
  /** What the user did, in words ("Create code \"Trust\""). */
  label: string;
  /** A short verb: create, update, delete, import, code, link, ... */
  verb: string;
  /** The kind of object acted on (record, document, excerpt, code, cmoc, memo, ...). */
  entityType: string;
  entityId: string | null;
  /** A short description of the object acted on (a title, a name, a quote). */
  object: string | null;
  status: ActionStatus;
  /** How many rows the action changed. */
  changeCount: number;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** One row change of an action: `before` is null for an insert, `after` for a delete. */
export interface RowChangeView {
  table: string;
  op: 'insert' | 'update' | 'delete';
  key: Record<string, unknown>;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ActionDetail extends ActionEntry {
  changes: RowChangeView[];
  /** Set when the action changed more rows than are listed. */
  truncated: boolean;
}

/** What undo and redo would do next, and what they just did. */
export interface HistoryState {
  /** Label of the action just undone / redone; null when there was nothing to do. */
  applied: string | null;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

/** A page of the log, newest first. */
export interface ActionPage {
  total: number;
  actions: ActionEntry[];
}
