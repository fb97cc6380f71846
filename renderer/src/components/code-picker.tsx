/**
 * The keyboard code picker: type a few letters, move with the arrows, Enter gives the code;
 * Esc closes. Matching is fuzzy (fuse.js) over code names, synonyms and descriptions, so
 * "trst" finds "Trust in the case manager". The last option creates a new code with the
 * typed name; its kind is chosen with Tab (cycles the kinds) or by a kind prefix typed before
 * the name: `c:` context, `mr:` mechanism resource, `mres:` mechanism response, `o:` outcome,
 * or any kind's id or label followed by a colon. A prefix also narrows the matches to that kind.
 *
 * It knows nothing about the API: data in, `on*` callbacks out, so the reader, the code view
 * and the CMOC builder all drop it in. Mount it where it should appear; it takes the focus.
 */
import Fuse from 'fuse.js';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CodeKind, CodeNode } from '../../../shared/coding/types';
import { readCodeNotes } from '../sections/coding/code-notes';
import './coding.css';

export interface CodePickerProps {
  codes: readonly CodeNode[];
  kinds: readonly CodeKind[];
  onPick: (codeId: string) => void;
  /** Left out: no "Create code" option. */
  onCreate?: (name: string, kind: string) => void;
  onClose: () => void;
  /** The kind a new code gets before Tab or a prefix changes it (default: the first kind). */
  defaultKind?: string;
  /** Only these kinds are offered (the CMOC builder's slots); left out: every kind. */
  onlyKinds?: readonly string[];
  /** Codes shown as already given (a tick), e.g. the codes of the excerpt being coded. */
  chosen?: readonly string[];
  /** The heading read by screen readers and shown above the field. */
  label?: string;
}

/** Short prefixes for the default CMO kinds, as people write them in realist papers. */
const KIND_ALIASES: Record<string, string> = {
  c: 'context',
  ctx: 'context',
  m: 'mechanism-resource',
  mr: 'mechanism-resource',
  res: 'mechanism-resource',
  mres: 'mechanism-response',
  mp: 'mechanism-response',
  o: 'outcome',
  i: 'intervention',
  a: 'actor',
};

/** Reads a kind prefix ("mr: trust") off the query; returns the kind id and the rest. */
export function splitKindPrefix(query: string, kinds: readonly CodeKind[]): { kind: string | null; text: string } {
  const m = /^\s*([a-z][a-z0-9 :-]{0,39}?)\s*:\s*(.*)$/i.exec(query);
  if (!m) return { kind: null, text: query.trim() };
  const prefix = m[1]!.toLowerCase();
  const byAlias = KIND_ALIASES[prefix];
  const kind =
    (byAlias && kinds.some((k) => k.id === byAlias) ? byAlias : undefined) ??
    kinds.find((k) => k.id === prefix || k.label.toLowerCase() === prefix)?.id ??
    null;
  return kind ? { kind, text: m[2]!.trim() } : { kind: null, text: query.trim() };
}

interface Row {
  code: CodeNode;
  synonyms: string;
  description: string;
  /** "Parent › Child" so codes with the same name under different parents can be told apart. */
  path: string;
}

/** At most this many matches are drawn: enough to scroll, cheap with a 10,000-code book. */
const MAX_ROWS = 60;

export function CodePicker({ codes, kinds, onPick, onCreate, onClose, defaultKind, onlyKinds, chosen, label = 'Code' }: CodePickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const offered = useMemo(() => (onlyKinds ? kinds.filter((k) => onlyKinds.includes(k.id)) : [...kinds]).sort((a, b) => a.sort - b.sort), [kinds, onlyKinds]);
  const [createKind, setCreateKind] = useState<string>(defaultKind ?? offered[0]?.id ?? 'other');
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => input.current?.focus(), []);

  const rows = useMemo<Row[]>(() => {
    const byId = new Map(codes.map((c) => [c.id, c]));
    const pathOf = (c: CodeNode) => {
      const names: string[] = [];
      let p = c.parentId ? byId.get(c.parentId) : undefined;
      for (let guard = 0; p && guard < 20; guard++) {
        names.unshift(p.name);
        p = p.parentId ? byId.get(p.parentId) : undefined;
      }
      return names.join(' › ');
    };
    return codes
      .filter((c) => !onlyKinds || onlyKinds.includes(c.kind))
      .map((c) => {
        const notes = readCodeNotes(c.description);
        return { code: c, synonyms: notes.synonyms.join(' '), description: notes.text, path: pathOf(c) };
      });
  }, [codes, onlyKinds]);

  // Weights: the name decides; synonyms nearly as much; the description only breaks ties.
  const fuse = useMemo(
    () =>
      new Fuse(rows, {
        keys: [
          { name: 'code.name', weight: 0.6 },
          { name: 'synonyms', weight: 0.3 },
          { name: 'description', weight: 0.1 },
        ],
        threshold: 0.4,
        ignoreLocation: true,
        includeScore: true,
      }),
    [rows],
  );

  const { kind: prefixKind, text } = splitKindPrefix(query, kinds);
  const newKind = prefixKind ?? createKind;

  const matches = useMemo(() => {
    const pool = text ? fuse.search(text).map((r) => r.item) : [...rows].sort((a, b) => a.code.name.localeCompare(b.code.name));
    return pool.filter((r) => !prefixKind || r.code.kind === prefixKind).slice(0, MAX_ROWS);
  }, [fuse, rows, text, prefixKind]);

  const exact = matches.some((r) => r.code.name.trim().toLowerCase() === text.toLowerCase());
  const canCreate = Boolean(onCreate && text && !exact);
  const optionCount = matches.length + (canCreate ? 1 : 0);
  const current = Math.min(active, Math.max(0, optionCount - 1));

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const kindOf = (id: string) => kinds.find((k) => k.id === id);

  const choose = (index: number) => {
    if (index < matches.length) onPick(matches[index]!.code.id);
    else if (canCreate) onCreate!(text, newKind);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive(optionCount === 0 ? 0 : (current + 1) % optionCount);
    else if (e.key === 'ArrowUp') setActive(optionCount === 0 ? 0 : (current - 1 + optionCount) % optionCount);
    else if (e.key === 'PageDown') setActive(Math.min(optionCount - 1, current + 10));
    else if (e.key === 'PageUp') setActive(Math.max(0, current - 10));
    else if (e.key === 'Enter') {
      if (optionCount > 0) choose(current);
    } else if (e.key === 'Escape') onClose();
    else if (e.key === 'Tab' && onCreate && offered.length > 0) {
      const i = offered.findIndex((k) => k.id === createKind);
      const step = e.shiftKey ? -1 : 1;
      setCreateKind(offered[(i + step + offered.length) % offered.length]!.id);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const createColor = kindOf(newKind)?.color ?? '#868e96';
  const listId = `${useId()}-codes`;

  return (
    <div className="code-picker" role="dialog" aria-label={`${label} picker`}>
      <input
        ref={input}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={optionCount > 0 ? `${listId}-${current}` : undefined}
        aria-label={label}
        placeholder="Type to find a code · c: mr: mres: o: to choose a kind"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
        onBlur={(e) => {
          // Clicking an option keeps the picker; leaving it elsewhere closes it.
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) onClose();
        }}
      />
      <ul className="code-picker-list" id={listId} role="listbox" ref={list} aria-label="Matching codes">
        {/* The pointer takes the active option only when it moves: Chromium sends a mouseover when the list appears under a
            resting pointer, which used to steal the keyboard's choice (Enter then created a code instead of taking the match). */}
        {/* "Create code" is drawn first (and stays in view) but is the last option for the keys, so Enter still takes the best match. */}
        {canCreate && (
          <li
            id={`${listId}-${matches.length}`}
            role="option"
            aria-selected={current === matches.length}
            className={`picker-create ${current === matches.length ? 'active' : ''}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => current !== matches.length && setActive(matches.length)}
            onClick={() => choose(matches.length)}
          >
            <span className="swatch" style={{ background: createColor }} />
            <span className="picker-name">Create code “{text}”</span>
            <span className="picker-kind" style={{ color: createColor }}>
              {kindOf(newKind)?.label ?? newKind} <kbd>Tab</kbd>
            </span>
          </li>
        )}
        {matches.map((r, i) => {
          const k = kindOf(r.code.kind);
          return (
            <li
              key={r.code.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              data-code-id={r.code.id}
              className={i === current ? 'active' : ''}
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => current !== i && setActive(i)}
              onClick={() => choose(i)}
            >
              <span className="swatch" style={{ background: r.code.color ?? k?.color ?? '#868e96' }} />
              <span className="picker-name">
                {chosen?.includes(r.code.id) && <span aria-label="already given">✓ </span>}
                {r.code.name}
                {r.path && <span className="muted picker-path"> in {r.path}</span>}
              </span>
              <span className="picker-kind" style={{ color: k?.color }}>
                {k?.label ?? r.code.kind}
              </span>
            </li>
          );
        })}
        {optionCount === 0 && <li className="picker-none muted">{text ? 'No code matches.' : 'The codebook is empty: type a name to create a code.'}</li>}
      </ul>
    </div>
  );
}
