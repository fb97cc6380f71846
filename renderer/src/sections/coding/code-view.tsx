/**
 * The code view: every passage coded with one code, across documents, with its source
 * (document title, "Author (Year)", page) and who coded it. From the keyboard: arrows move
 * between passages, `C` opens the code picker to give the passage another code, Enter jumps to
 * the passage in the Documents section, Space ticks it for a split.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CodeKind, CodeSummary, ExcerptWithSource } from '../../../../shared/coding/types';
import { api } from '../../api';
import { CodePicker } from '../../components/code-picker';
import { navigate } from '../../navigation';
import { pageLabel } from './chips';

export interface CodeViewProps {
  code: CodeSummary;
  codes: CodeSummary[];
  kinds: CodeKind[];
  /** Called after a coding changed (counts in the tree). */
  onChanged: () => void;
  /** Create a code from the picker; resolves to its id. */
  onCreateCode: (name: string, kind: string) => Promise<string | null>;
  /** The ticked passages, for Split. */
  ticked: Set<string>;
  setTicked: (next: Set<string>) => void;
  /** Bumped by the parent to make the view load again (after undo). */
  version: number;
}

/** Jumps to a passage in the Documents section (the reader listens; see navigation.ts). */
export function jumpToExcerpt(e: { documentId: string; excerptId: string; pageIndex: number | null }): void {
  navigate({ section: 'documents', documentId: e.documentId, excerptId: e.excerptId, ...(e.pageIndex !== null ? { pageIndex: e.pageIndex } : {}) });
}

export function CodeView({ code, codes, kinds, onChanged, onCreateCode, ticked, setTicked, version }: CodeViewProps) {
  const [items, setItems] = useState<ExcerptWithSource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [picking, setPickingState] = useState<string | null>(null);
  const [given, setGiven] = useState<string[]>([]);
  // Opening the picker on a passage also fetches the codes it already has (ticked in the list).
  const setPicking = useCallback((excerptId: string | null) => {
    setPickingState(excerptId);
    setGiven([]);
    if (excerptId) void api.result('codings:ofExcerpt', { excerptId }).then((r) => r.ok && setGiven([...new Set(r.value.map((g) => g.codeId))]));
  }, []);
  const [status, setStatus] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const load = useCallback(async () => {
    const r = await api.result('codes:excerpts', { codeId: code.id });
    if (r.ok) {
      setItems(r.value);
      setError(null);
    } else setError(r.error.message);
  }, [code.id]);

  useEffect(() => {
    setItems(null);
    setActive(0);
    void load();
  }, [load, version]);

  const give = async (excerptId: string, codeId: string) => {
    setPicking(null);
    const r = await api.result('codings:add', { excerptId, codeId });
    const name = codes.find((c) => c.id === codeId)?.name ?? 'the code';
    setStatus(r.ok ? `Coded the passage with “${name}”.` : r.error.message);
    onChanged();
    void load();
    list.current?.focus();
  };

  const onKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (!items || items.length === 0 || picking) return;
    const it = items[active];
    if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(items.length - 1);
    else if ((e.key === 'c' || e.key === 'C') && it && !e.ctrlKey && !e.metaKey) setPicking(it.excerptId);
    else if (e.key === 'Enter' && it) jumpToExcerpt(it);
    else if (e.key === ' ' && it) {
      const next = new Set(ticked);
      if (next.has(it.excerptId)) next.delete(it.excerptId);
      else next.add(it.excerptId);
      setTicked(next);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  useEffect(() => {
    list.current?.querySelector('li.active')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  if (error) return <div className="error" role="alert">{error}</div>;
  if (!items) return <p className="muted">Loading passages…</p>;

  return (
    <section className="code-view" aria-label={`Passages coded ${code.name}`}>
      <h3 className="code-view-title">
        Passages <span className="muted">{items.length.toLocaleString()} in {new Set(items.map((i) => i.documentId)).size.toLocaleString()} documents</span>
        <span className="muted hint">
          <kbd>↑↓</kbd> move <kbd>C</kbd> code <kbd>Enter</kbd> jump to <kbd>Space</kbd> tick for split
        </span>
      </h3>
      {status && (
        <p className="status" role="status">
          {status}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted">No passage is coded with this code yet. Code passages in the Documents section.</p>
      ) : (
        <ol className="excerpt-list" tabIndex={0} ref={list} onKeyDown={onKey} aria-label="Passages" aria-activedescendant={`excerpt-${items[active]?.excerptId}`}>
          {items.map((it, i) => (
            <li key={it.excerptId} id={`excerpt-${it.excerptId}`} className={i === active ? 'active' : ''} onClick={() => setActive(i)} data-excerpt-id={it.excerptId}>
              <input
                type="checkbox"
                tabIndex={-1}
                aria-label="Tick for split"
                checked={ticked.has(it.excerptId)}
                onChange={() => {
                  const next = new Set(ticked);
                  if (next.has(it.excerptId)) next.delete(it.excerptId);
                  else next.add(it.excerptId);
                  setTicked(next);
                }}
              />
              <blockquote className="excerpt-quote">{it.quote}</blockquote>
              <div className="excerpt-source">
                <strong>{it.citation}</strong>
                {it.documentTitle !== it.citation && (
                  <span className="muted" title={it.documentTitle}>
                    {it.documentTitle}
                  </span>
                )}
                {it.pageIndex !== null && <span className="muted">{pageLabel(it.pageIndex)}</span>}
                <span className="coders" title="Coded by">
                  {it.coders.length > 0 ? it.coders.join(', ') : 'consensus'}
                </span>
                <button className="link" onClick={() => jumpToExcerpt(it)} title="Open the passage in its document (Enter)">
                  Jump to →
                </button>
                <button className="link" onClick={() => setPicking(it.excerptId)} title="Give this passage another code (C)">
                  + Code
                </button>
              </div>
              {picking === it.excerptId && (
                <CodePicker
                  codes={codes}
                  kinds={kinds}
                  label="Code the passage"
                  defaultKind={code.kind}
                  chosen={given.length > 0 ? given : [code.id]}
                  onPick={(id) => void give(it.excerptId, id)}
                  onCreate={(name, kind) =>
                    void onCreateCode(name, kind).then((id) => {
                      if (id) void give(it.excerptId, id);
                    })
                  }
                  onClose={() => {
                    setPicking(null);
                    list.current?.focus();
                  }}
                />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
