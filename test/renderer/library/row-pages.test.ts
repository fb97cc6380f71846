import { describe, expect, it } from 'vitest';
import { RowPages } from '../../../renderer/src/sections/library/row-pages';

/** A fake list call over rows 0..total-1 that records every window asked for. */
function fakeList(total: number) {
  const calls: Array<[number, number]> = [];
  const fetch = async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => `row ${offset + i}`);
    return { total, items };
  };
  return { calls, fetch };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('RowPages', () => {
  it('fetches only the pages covering the rows asked for, once each', async () => {
    const list = fakeList(20_000);
    const pages = new RowPages(list.fetch, null, 100);
    pages.ensure(0, 30);
    await settle();
    pages.ensure(19_950, 20_040); // past the end, now that the total is known: not asked for
    pages.ensure(19_950, 20_040); // already on its way: no second request
    await settle();
    expect(list.calls).toEqual([
      [0, 100],
      [19_900, 100],
    ]);
    expect(pages.total).toBe(20_000);
    expect(pages.rowAt(19_999)).toBe('row 19999');
    expect(pages.rowAt(150)).toBeUndefined();
  });

  it('keeps at most maxPages pages, dropping the least recently shown', async () => {
    const list = fakeList(10_000);
    const pages = new RowPages(list.fetch, null, 100, 3);
    for (const first of [0, 100, 200, 300]) {
      pages.ensure(first, first + 50);
      await settle();
    }
    expect(pages.rowAt(0)).toBeUndefined();
    expect(pages.rowAt(350)).toBe('row 350');
    expect(pages.rowAt(150)).toBe('row 150');
  });

  it('shows the previous rows of the same question while a refresh is on its way', async () => {
    const list = fakeList(1000);
    const old = new RowPages(list.fetch, null, 100);
    old.ensure(0, 10);
    await settle();
    const fresh = new RowPages(list.fetch, old, 100);
    expect(fresh.total).toBe(1000);
    fresh.ensure(0, 10);
    expect(fresh.rowAt(5)).toBe('row 5'); // from the old cache, page 0 is pending
    expect(fresh.rowAt(500)).toBeUndefined();
  });

  it('reports a failed window as an error and notifies', async () => {
    const pages = new RowPages<string>(async () => {
      throw new Error('No project is open.');
    });
    let notified = 0;
    pages.subscribe(() => notified++);
    pages.ensure(0, 10);
    await settle();
    expect(pages.error).toBe('No project is open.');
    expect(notified).toBe(1);
  });
});
