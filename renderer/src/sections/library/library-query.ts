/**
 * The library's current question (filters, quick find, sort) and how it becomes a
 * `records:list` request. `queryKey` names a question so the page cache is rebuilt exactly
 * when the question changes; plus the small formatters the table, detail pane and duplicate
 * review share.
 */
import type { ApiRequest } from '../../../../shared/api/contract';
import type { RecordSortField } from '../../../../shared/api/calls/records';
import type { PersonName, ScreeningDecision } from '../../../../shared/domain/types';

export type DecisionFilter = 'all' | 'included' | 'excluded' | 'maybe' | 'none';

export interface LibraryFilters {
  decision: DecisionFilter;
  batchId: string | null;
  /** Kept as typed; a value that is not a whole number is ignored. */
  yearFrom: string;
  yearTo: string;
  type: string;
  duplicatesOnly: boolean;
  tag: string | null;
  /** Records with ('with') or without ('without') a full text; '' either. */
  fullText?: '' | 'with' | 'without';
}

export const NO_FILTERS: LibraryFilters = { decision: 'all', batchId: null, yearFrom: '', yearTo: '', type: '', duplicatesOnly: false, tag: null };

export interface LibrarySort {
  field: RecordSortField;
  dir: 'asc' | 'desc';
}

function parseYear(text: string): number | undefined {
  const t = text.trim();
  return /^-?\d{1,4}$/.test(t) ? Number(t) : undefined;
}

/** The list request for one window of the result (offset/limit are added by the page cache). */
export function toListRequest(filters: LibraryFilters, query: string, sort: LibrarySort): Omit<ApiRequest<'records:list'>, 'offset' | 'limit'> {
  const req: Omit<ApiRequest<'records:list'>, 'offset' | 'limit'> = { sort };
  if (filters.decision !== 'all') req.decision = filters.decision;
  if (filters.batchId) req.batchId = filters.batchId;
  const from = parseYear(filters.yearFrom);
  const to = parseYear(filters.yearTo);
  if (from !== undefined) req.yearFrom = from;
  if (to !== undefined) req.yearTo = to;
  if (filters.type.trim()) req.type = filters.type.trim();
  if (filters.duplicatesOnly) req.duplicatesOnly = true;
  if (filters.tag) req.tag = filters.tag;
  if (filters.fullText) req.fullText = filters.fullText;
  if (query.trim()) req.query = query.trim();
  return req;
}

/** A stable name for a request, so equal questions share one cache. */
export function queryKey(req: object): string {
  return JSON.stringify(req);
}

/** How many filters narrow the result (the "Clear filters" button shows it). */
export function activeFilterCount(f: LibraryFilters): number {
  return [
    f.decision !== 'all',
    f.batchId !== null,
    parseYear(f.yearFrom) !== undefined || parseYear(f.yearTo) !== undefined,
    f.type.trim() !== '',
    f.duplicatesOnly,
    f.tag !== null,
    Boolean(f.fullText),
  ].filter(Boolean).length;
}

/** "Smith", "Smith & Jones", "Smith et al." : the table's author column. */
export function authorShort(authors: PersonName[]): string {
  if (authors.length === 0) return '';
  const names = authors.map((a) => a.family || a.given);
  return names.length > 2 ? `${names[0]} et al.` : names.join(' & ');
}

/** "Smith, J.; Jones, A. B." : every author, for tooltips and the detail pane. */
export function authorFull(authors: PersonName[]): string {
  return authors.map((a) => (a.given ? `${a.family}, ${a.given}` : a.family)).join('; ');
}

export function decisionLabel(decision: ScreeningDecision): string {
  return decision ?? 'no decision';
}

/** 1234 -> "1,234", in the user's locale. */
export function count(n: number): string {
  return n.toLocaleString();
}

/** "1 record" / "2 records". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A short local date and time for "added" columns. */
export function shortDate(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
