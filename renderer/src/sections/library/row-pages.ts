/**
 * A cache of fixed-size pages of rows fetched by offset/limit, for a virtualised table.
 *
 * The table asks for the rows it is about to draw (`ensure(first, last)`); the cache fetches
 * the missing pages, at most one request per page at a time, and notifies its subscribers when
 * one arrives. A new query (filters, sort, quick find) means a new `RowPages`: responses of an
 * old query land in the old cache, which nobody reads any more, never in the new one. Pages far from what was last shown are evicted
 * so that scrolling through 20,000 records keeps at most `maxPages` pages in memory.
 */

/** One window of rows and the size of the whole result. */
export interface RowPage<T> {
  total: number;
  items: T[];
}

export type FetchPage<T> = (offset: number, limit: number) => Promise<RowPage<T>>;

/** 100 rows is about three screens of a dense table: one request covers a PageDown or two. */
export const DEFAULT_PAGE_SIZE = 100;
/** 40 pages of 100 rows: 4,000 rows kept, a few MB at most. */
const DEFAULT_MAX_PAGES = 40;

export class RowPages<T> {
  private readonly pages = new Map<number, T[]>();
  private readonly pending = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private lastUsed = new Map<number, number>();
  private clock = 0;
  /** Null until the first page arrives. */
  total: number | null = null;
  error: string | null = null;

  /**
   * `previous` is the cache this one replaces when the same question is asked again after a
   * change (a tag added, an import): its rows stand in until fresh ones arrive, so a refresh
   * does not flash placeholders or lose the scroll position.
   */
  constructor(
    private readonly fetchPage: FetchPage<T>,
    private previous: RowPages<T> | null = null,
    readonly pageSize = DEFAULT_PAGE_SIZE,
    private readonly maxPages = DEFAULT_MAX_PAGES,
  ) {
    if (previous) this.total = previous.total;
  }

  /** The row at `index`, or undefined while its page is on its way. */
  rowAt(index: number): T | undefined {
    const p = Math.floor(index / this.pageSize);
    const page = this.pages.get(p) ?? (this.pending.has(p) ? this.previous?.pages.get(p) : undefined);
    return page?.[index % this.pageSize];
  }

  /** Fetches the pages covering rows first..last (inclusive) that are neither cached nor on their way. */
  ensure(first: number, last: number): void {
    const lo = Math.max(0, Math.floor(first / this.pageSize));
    const hiRow = this.total === null ? last : Math.min(last, this.total - 1);
    const hi = Math.max(lo, Math.floor(Math.max(0, hiRow) / this.pageSize));
    this.clock += 1;
    for (let p = lo; p <= hi; p++) {
      this.lastUsed.set(p, this.clock);
      if (this.pages.has(p) || this.pending.has(p)) continue;
      this.load(p);
    }
  }

  /** Loads one page and resolves with it (used to resolve selected rows to ids). */
  async page(p: number): Promise<T[]> {
    const cached = this.pages.get(p);
    if (cached) return cached;
    const res = await this.fetchPage(p * this.pageSize, this.pageSize);
    this.total = res.total;
    return res.items;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(p: number): void {
    this.pending.add(p);
    this.fetchPage(p * this.pageSize, this.pageSize).then(
      (res) => {
        this.pending.delete(p);
            this.total = res.total;
        this.error = null;
        this.pages.set(p, res.items);
        if (this.pending.size === 0) this.previous = null;
        this.evict();
        this.notify();
      },
      (e: unknown) => {
        this.pending.delete(p);
            this.error = e instanceof Error ? e.message : String(e);
        this.notify();
      },
    );
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const byAge = [...this.pages.keys()].sort((a, b) => (this.lastUsed.get(a) ?? 0) - (this.lastUsed.get(b) ?? 0));
    for (const p of byAge.slice(0, this.pages.size - this.maxPages)) {
      this.pages.delete(p);
      this.lastUsed.delete(p);
    }
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
