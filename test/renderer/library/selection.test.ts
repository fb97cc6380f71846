import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, isSelected, moveTo, selectAll, selectedCount, selectedIndices } from '../../../renderer/src/sections/library/selection';

const plain = { shift: false, toggle: false };

describe('library selection', () => {
  it('selects one row on a click, toggles with Ctrl, extends from the anchor with Shift', () => {
    let s = clickRow(EMPTY_SELECTION, 4, plain, 100);
    expect(selectedIndices(s, 100)).toEqual([4]);
    s = clickRow(s, 9, { shift: false, toggle: true }, 100);
    expect(selectedIndices(s, 100)).toEqual([4, 9]);
    s = clickRow(s, 4, { shift: false, toggle: true }, 100);
    expect(selectedIndices(s, 100)).toEqual([9]);
    // The anchor is the last row clicked (4, even though Ctrl+click unselected it).
    s = clickRow(s, 6, { shift: true, toggle: false }, 100);
    expect(selectedIndices(s, 100)).toEqual([4, 5, 6]);
    expect(s.cursor).toBe(6);
  });

  it('moves with the keyboard, clamped to the result, and Shift stretches the range', () => {
    let s = moveTo(EMPTY_SELECTION, 2, false, 10);
    s = moveTo(s, 5, true, 10);
    expect(selectedIndices(s, 10)).toEqual([2, 3, 4, 5]);
    s = moveTo(s, 50, false, 10);
    expect(s.cursor).toBe(9);
    expect(selectedIndices(s, 10)).toEqual([9]);
    expect(moveTo(s, -3, false, 10).cursor).toBe(0);
    expect(moveTo(s, 3, false, 0)).toEqual(EMPTY_SELECTION);
  });

  it('selects all 20,000 rows without listing them, and a Ctrl+click then removes one', () => {
    const all = selectAll(EMPTY_SELECTION, 20_000);
    expect(all.rows.size).toBe(0);
    expect(selectedCount(all, 20_000)).toBe(20_000);
    expect(isSelected(all, 19_999)).toBe(true);
    const minusOne = clickRow(all, 500, { shift: false, toggle: true }, 20_000);
    expect(selectedCount(minusOne, 20_000)).toBe(19_999);
    expect(isSelected(minusOne, 500)).toBe(false);
  });
});
