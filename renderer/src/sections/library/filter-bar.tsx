/**
 * The library's filter bar: quick find (Ctrl+F), screening decision, import batch, year
 * range, reference type, tag and "duplicates only". Controlled: the library owns the values
 * and turns them into a `records:list` request.
 */
import type { RefObject } from 'react';
import type { BatchSummary } from '../../../../shared/api/calls/records';
import { activeFilterCount, NO_FILTERS, shortDate, type DecisionFilter, type LibraryFilters } from './library-query';

const DECISIONS: Array<{ value: DecisionFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'included', label: 'Included' },
  { value: 'excluded', label: 'Excluded' },
  { value: 'maybe', label: 'Maybe' },
  { value: 'none', label: 'No decision' },
];

export interface FilterBarProps {
  filters: LibraryFilters;
  onFilters(next: LibraryFilters): void;
  query: string;
  onQuery(text: string): void;
  findRef: RefObject<HTMLInputElement | null>;
  batches: BatchSummary[];
  tags: Array<{ tag: string; count: number }>;
  /** Reference types seen so far, offered as suggestions. */
  types: string[];
}

export function FilterBar({ filters, onFilters, query, onQuery, findRef, batches, tags, types }: FilterBarProps) {
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) => onFilters({ ...filters, [key]: value });
  const active = activeFilterCount(filters);
  const liveBatches = batches.filter((b) => !b.undoneAt);
  return (
    <div className="lib-filters" role="search" aria-label="Filter the library">
      <div className="lib-find">
        <input
          ref={findRef}
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.preventDefault();
              onQuery('');
            }
          }}
          placeholder="Find in titles, authors, abstracts…"
          aria-label="Quick find"
          spellCheck={false}
        />
        <kbd>Ctrl+F</kbd>
      </div>

      <div className="lib-seg" role="group" aria-label="Screening decision">
        {DECISIONS.map((d) => (
          <button key={d.value} type="button" aria-pressed={filters.decision === d.value} className={filters.decision === d.value ? 'on' : ''} onClick={() => set('decision', d.value)}>
            {d.label}
          </button>
        ))}
      </div>

      <label className="lib-field">
        <span>Batch</span>
        <select value={filters.batchId ?? ''} onChange={(e) => set('batchId', e.target.value || null)} aria-label="Import batch">
          <option value="">All batches</option>
          {liveBatches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label} · {shortDate(b.createdAt)} · {b.records.toLocaleString()}
            </option>
          ))}
        </select>
      </label>

      <label className="lib-field lib-years">
        <span>Year</span>
        <input inputMode="numeric" value={filters.yearFrom} onChange={(e) => set('yearFrom', e.target.value)} placeholder="from" aria-label="Year from" />
        <span className="muted">–</span>
        <input inputMode="numeric" value={filters.yearTo} onChange={(e) => set('yearTo', e.target.value)} placeholder="to" aria-label="Year to" />
      </label>

      <label className="lib-field">
        <span>Type</span>
        <input className="lib-type" list="lib-types" value={filters.type} onChange={(e) => set('type', e.target.value)} placeholder="any" aria-label="Reference type" />
        <datalist id="lib-types">
          {types.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>

      <label className="lib-field">
        <span>Tag</span>
        <select value={filters.tag ?? ''} onChange={(e) => set('tag', e.target.value || null)} aria-label="Tag">
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag} ({t.count.toLocaleString()})
            </option>
          ))}
        </select>
      </label>

      <label>
        <span className="sr-only">Full text</span>
        <select aria-label="Full text" value={filters.fullText ?? ''} onChange={(e) => onFilters({ ...filters, fullText: e.target.value as LibraryFilters['fullText'] })}>
          <option value="">With or without full text</option>
          <option value="with">With a full text</option>
          <option value="without">Without a full text</option>
        </select>
      </label>

      <label className="lib-check">
        <input type="checkbox" checked={filters.duplicatesOnly} onChange={(e) => set('duplicatesOnly', e.target.checked)} />
        Duplicates only
      </label>

      {(active > 0 || query) && (
        <button
          type="button"
          className="link"
          onClick={() => {
            onFilters(NO_FILTERS);
            onQuery('');
          }}
        >
          Clear {active > 0 ? `${active} filter${active > 1 ? 's' : ''}` : 'find'}
        </button>
      )}
    </div>
  );
}
