/**
 * Multi-selection over the rows of a virtualised table, by row index (ids are not known for
 * rows that were never fetched). Follows the desktop file-manager conventions: a click selects
 * one row, Ctrl/Cmd+click toggles a row, Shift+click or Shift+arrow extends from the anchor,
 * Ctrl+A selects every row of the current result. Pure functions: each returns a new value.
 */

export interface Selection {
  /** The row the keyboard is on (shown in the detail pane). */
  cursor: number | null;
  /** Where a Shift-extension starts. */
  anchor: number | null;
  /** Selected rows when `all` is false. */
  rows: ReadonlySet<number>;
  /** Every row of the result (Ctrl+A), without listing 20,000 indices. */
  all: boolean;
}

export const EMPTY_SELECTION: Selection = { cursor: null, anchor: null, rows: new Set(), all: false };

function range(a: number, b: number): Set<number> {
  const out = new Set<number>();
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) out.add(i);
  return out;
}

/** A mouse click on row `index`, with the modifier keys held. */
export function clickRow(sel: Selection, index: number, mods: { shift: boolean; toggle: boolean }, total: number): Selection {
  if (mods.shift && sel.anchor !== null) {
    return { cursor: index, anchor: sel.anchor, rows: range(sel.anchor, index), all: false };
  }
  if (mods.toggle) {
    const rows = sel.all ? range(0, total - 1) : new Set(sel.rows);
    if (rows.has(index)) rows.delete(index);
    else rows.add(index);
    return { cursor: index, anchor: index, rows, all: false };
  }
  return { cursor: index, anchor: index, rows: new Set([index]), all: false };
}

/** Moves the cursor to `index` (clamped); with Shift the selection stretches from the anchor. */
export function moveTo(sel: Selection, index: number, extend: boolean, total: number): Selection {
  if (total === 0) return EMPTY_SELECTION;
  const to = Math.max(0, Math.min(total - 1, index));
  if (extend) {
    const anchor = sel.anchor ?? sel.cursor ?? to;
    return { cursor: to, anchor, rows: range(anchor, to), all: false };
  }
  return { cursor: to, anchor: to, rows: new Set([to]), all: false };
}

export function selectAll(sel: Selection, total: number): Selection {
  if (total === 0) return EMPTY_SELECTION;
  return { cursor: sel.cursor ?? 0, anchor: sel.anchor ?? 0, rows: new Set(), all: true };
}

export function isSelected(sel: Selection, index: number): boolean {
  return sel.all || sel.rows.has(index);
}

export function selectedCount(sel: Selection, total: number): number {
  return sel.all ? total : sel.rows.size;
}

/** The selected row indices in ascending order. */
export function selectedIndices(sel: Selection, total: number): number[] {
  if (sel.all) return Array.from({ length: total }, (_, i) => i);
  return [...sel.rows].filter((i) => i < total).sort((a, b) => a - b);
}
