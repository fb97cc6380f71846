/**
 * The global search box of the top bar (Ctrl/Cmd+K): `search:all` as you type, results
 * grouped by kind (records, documents' text, passages, codes, CMOCs, memos), arrows and Enter
 * to go there through ../navigation. The full-text snippets mark the match with [brackets]
 * (FTS5 `snippet()`); they are shown as highlights.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchKind, SearchResults } from '../../../shared/coding/types';
import { api } from '../api';
import { navigate, type NavigationTarget } from '../navigation';
import './coding.css';

const GROUPS: Array<[SearchKind, string]> = [
  ['record', 'Records'],
  ['page', 'Documents’ text'],
  ['excerpt', 'Passages'],
  ['code', 'Codes'],
  ['cmoc', 'CMOCs'],
  ['memo', 'Memos'],
];

/** Where a hit leads: the section that shows it, with what to open there. */
export function targetOf(hit: SearchHit): NavigationTarget {
  switch (hit.kind) {
    case 'record':
      return { section: 'library', recordId: hit.id };
    case 'page': {
      const [documentId, page] = hit.id.split(':');
      return { section: 'documents', documentId: hit.documentId ?? documentId!, pageIndex: Number(page) };
    }
    case 'excerpt':
      return { section: 'documents', excerptId: hit.id, ...(hit.documentId ? { documentId: hit.documentId } : {}) };
    case 'code':
      return { section: 'codebook', codeId: hit.id };
    case 'cmoc':
      return { section: 'cmocs', cmocId: hit.id };
    case 'memo':
      return { section: 'overview', memoId: hit.id };
  }
}

/** "…the [trust] in…" as text with the bracketed parts marked. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[[^\]]*\])/);
  return (
    <>
      {parts.map((p, i) => (p.startsWith('[') && p.endsWith(']') ? <mark key={i}>{p.slice(1, -1)}</mark> : <span key={i}>{p}</span>))}
    </>
  );
}

/** Waits this long after the last key before asking: a keystroke costs no query. */
const DEBOUNCE_MS = 150;

export function SearchBox() {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<SearchResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      return;
    }
    let alive = true;
    const t = setTimeout(() => {
      void api.result('search:all', { query: q, limit: 8 }).then((r) => {
        if (!alive) return;
        if (r.ok) {
          setResults(r.value);
          setError(null);
        } else setError(r.error.message);
        setActive(0);
      });
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [query]);

  const flat = useMemo(() => (results ? GROUPS.flatMap(([k]) => results[k] ?? []) : []), [results]);

  const go = (hit: SearchHit) => {
    setOpen(false);
    input.current?.blur();
    navigate(targetOf(hit));
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(flat.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter' && flat[active]) go(flat[active]!);
    else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    } else return;
    e.preventDefault();
  };

  useEffect(() => {
    box.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  let index = -1;
  return (
    <div className="search-box" ref={box} onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOpen(false)}>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={open && flat.length > 0}
        aria-controls="search-results"
        aria-label="Search the project"
        placeholder="Search the project…  (Ctrl+K)"
        title="Records, documents’ text, passages, codes, CMOCs and memos"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKey}
      />
      {open && query.trim() && (results || error) && (
        <div className="search-results" id="search-results" role="listbox" aria-label="Search results">
          {error && <div className="error-inline">{error}</div>}
          {results && flat.length === 0 && <div className="muted search-none">Nothing matches “{query.trim()}”.</div>}
          {results &&
            GROUPS.map(([kind, label]) => {
              const hits = results[kind] ?? [];
              if (hits.length === 0) return null;
              return (
                <div key={kind} className="search-group" role="group" aria-label={label}>
                  <div className="search-group-title">
                    {label} <span className="muted">{hits.length}</span>
                  </div>
                  {hits.map((h) => {
                    index += 1;
                    const i = index;
                    return (
                      <div
                        key={`${kind}-${h.id}`}
                        role="option"
                        aria-selected={i === active}
                        className={`search-hit${i === active ? ' active' : ''}`}
                        onMouseDown={(e) => e.preventDefault()}
                        onMouseMove={() => i !== active && setActive(i)}
                        onClick={() => go(h)}
                      >
                        <div className="search-hit-title">{h.title}</div>
                        {h.snippet && h.snippet !== h.title && (
                          <div className="search-hit-snippet muted">
                            <Snippet text={h.snippet} />
                          </div>
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
        </div>
      )}
    </div>
  );
}
