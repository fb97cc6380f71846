/**
 * The codebook: the code tree (hierarchy, a swatch in the kind's colour, counts of codings)
 * beside the selected code's card and its code view (every passage coded with it). All of it
 * works from the keyboard: arrows move in the tree (Left/Right fold), Insert makes a code,
 * F2 renames, M moves ("Move to…" with the code picker), G merges ("Merge into…"), S splits
 * the ticked passages into a new code, Delete deletes, Ctrl+Z / Ctrl+Shift+Z undo and redo.
 * Codes can also be dragged onto another code (or onto the tree's top) to move them.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { buildCodeTree, type CodeTreeNode } from '../../../shared/coding/codebook';
import type { CodeKind, CodeSummary, CodeUsage } from '../../../shared/coding/types';
import { api, type FileParts } from '../api';
import { CodePicker } from '../components/code-picker';
import { FileChooser } from '../components/file-chooser';
import '../components/coding.css';
import { useNavigationTarget } from '../navigation';
import { CodeDetails } from './coding/code-details';
import { CodeView } from './coding/code-view';
import { ExportButton, type ExportTarget } from './coding/export-dialog';
import { MemoList } from './coding/memo-list';
import { codeColor, useCodebook } from './coding/use-coding';
import { useHistoryListener } from '../history';
import { LIMITS, plainError } from '../plain-errors';
import { kindLabel, pageLabel } from './coding/chips';
import type { SectionProps } from './index';

interface FlatRow {
  code: CodeSummary;
  depth: number;
  hasChildren: boolean;
}

/** A kind's heading in the tree, with the codes filed under it (each top-level code under its own kind). */
interface KindGroup {
  kind: CodeKind;
  rows: FlatRow[];
  /** Codes of the kind, sub-codes included. */
  count: number;
}

function flatten(nodes: CodeTreeNode<CodeSummary>[], collapsed: Set<string>, depth = 0, out: FlatRow[] = []): FlatRow[] {
  for (const n of nodes) {
    out.push({ code: n.code, depth, hasChildren: n.children.length > 0 });
    if (!collapsed.has(n.code.id)) flatten(n.children, collapsed, depth + 1, out);
  }
  return out;
}

/** Keeps the codes whose name contains every word of the filter, with their ancestors (so a match keeps its place). */
function filterTree(nodes: CodeTreeNode<CodeSummary>[], words: string[]): CodeTreeNode<CodeSummary>[] {
  if (words.length === 0) return nodes;
  const out: CodeTreeNode<CodeSummary>[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, words);
    const name = n.code.name.toLowerCase();
    if (children.length > 0 || words.every((w) => name.includes(w))) out.push({ ...n, children });
  }
  return out;
}

function countTree(nodes: CodeTreeNode<CodeSummary>[]): number {
  return nodes.reduce((n, x) => n + 1 + countTree(x.children), 0);
}

/** The tree grouped under the project's kinds (in their order); kinds no code uses are left out. */
function groupByKind(nodes: CodeTreeNode<CodeSummary>[], kinds: CodeKind[], collapsed: Set<string>): KindGroup[] {
  const known = new Set(kinds.map((k) => k.id));
  const groups: KindGroup[] = [];
  const orphanKinds = [...new Set(nodes.map((n) => n.code.kind).filter((k) => !known.has(k)))];
  const all = [...kinds, ...orphanKinds.map((id, i) => ({ id, label: id, color: '#868e96', sort: 1000 + i }))];
  for (const kind of all) {
    const roots = nodes.filter((n) => n.code.kind === kind.id);
    if (roots.length === 0) continue;
    groups.push({ kind, rows: collapsed.has(`kind:${kind.id}`) ? [] : flatten(roots, collapsed), count: countTree(roots) });
  }
  return groups;
}

type Dialog = null | 'new' | 'move' | 'merge' | 'split' | 'delete' | 'kinds' | 'import';

/** The codebook section's exports. */
const CODEBOOK_EXPORTS: ExportTarget[] = [
  { key: 'codebook', what: 'codebook', label: 'The codebook (codes, kinds and descriptions)' },
  { key: 'excerpts', what: 'excerpts', label: 'The coded excerpts (passages with their codes)' },
];

export function Codebook({ info, refresh }: SectionProps) {
  const { book, error, reload } = useCodebook();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [version, setVersion] = useState(0);
  const tree = useRef<HTMLDivElement>(null);

  const [filter, setFilter] = useState('');
  const words = useMemo(() => filter.toLowerCase().split(/\s+/).filter(Boolean), [filter]);
  const groups = useMemo(() => (book ? groupByKind(filterTree(buildCodeTree(book.codes), words), book.kinds, words.length > 0 ? new Set() : collapsed) : []), [book, collapsed, words]);
  const rows = useMemo(() => groups.flatMap((g) => g.rows), [groups]);
  const filterBox = useRef<HTMLInputElement>(null);
  const selected = book?.codes.find((c) => c.id === selectedId) ?? null;

  useEffect(() => {
    if (!selectedId && rows[0]) setSelectedId(rows[0].code.id);
  }, [rows, selectedId]);
  useEffect(() => setTicked(new Set()), [selectedId]);
  useEffect(() => {
    tree.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  useNavigationTarget(
    'codebook',
    useCallback((t) => {
      if (t.codeId) setSelectedId(t.codeId);
    }, []),
  );

  const changed = useCallback(
    async (text: string | null, ok = true) => {
      if (text) setStatus({ ok, text });
      await reload();
      setVersion((v) => v + 1);
      refresh();
    },
    [reload, refresh],
  );

  // The window says what was undone; the section reloads.
  useHistoryListener(useCallback(() => void changed(null), [changed]));

  /** Runs a call, says what happened, reloads; returns whether it worked. */
  const act = async <T,>(call: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, message: (v: T) => string): Promise<T | null> => {
    const r = await call;
    if (!r.ok) {
      setStatus({ ok: false, text: r.error.message });
      return null;
    }
    await changed(message(r.value));
    return r.value;
  };

  const createCode = async (name: string, kind: string, parentId: string | null): Promise<string | null> => {
    const made = await act(api.result('codes:create', { name, kind, parentId }), (c) => `Created “${c.name}”.`);
    return made?.id ?? null;
  };

  /** Like `act`, for a form that stays open with its text when the call is refused: the error in plain words, or null. */
  const submit = async <T,>(call: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } }>, message: (v: T) => string, fields: Record<string, string>): Promise<{ value: T } | { error: string }> => {
    const r = await call;
    if (!r.ok) return { error: plainError(r.error as Parameters<typeof plainError>[0], fields) };
    await changed(message(r.value));
    return { value: r.value };
  };

  const closeDialog = () => {
    setDialog(null);
    setTimeout(() => tree.current?.focus(), 0);
  };

  const move = async (id: string, parentId: string | null) => {
    const code = book?.codes.find((c) => c.id === id);
    await act(api.result('codes:move', { id, parentId }), () => `Moved “${code?.name}”${parentId ? ` under “${book?.codes.find((c) => c.id === parentId)?.name}”` : ' to the top level'}.`);
  };

  const onTreeKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (renaming || dialog || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      filterBox.current?.focus();
      return;
    }
    const i = rows.findIndex((r) => r.code.id === selectedId);
    const row = rows[i];
    const go = (j: number) => rows[j] && setSelectedId(rows[j]!.code.id);
    if (e.key === 'ArrowDown') go(Math.min(rows.length - 1, i + 1));
    else if (e.key === 'ArrowUp') go(Math.max(0, i - 1));
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(rows.length - 1);
    else if (e.key === 'PageDown') go(Math.min(rows.length - 1, i + 15));
    else if (e.key === 'PageUp') go(Math.max(0, i - 15));
    else if (e.key === 'ArrowRight' && row) {
      if (row.hasChildren && collapsed.has(row.code.id)) setCollapsed(new Set([...collapsed].filter((x) => x !== row.code.id)));
      else go(i + 1);
    } else if (e.key === 'ArrowLeft' && row) {
      if (row.hasChildren && !collapsed.has(row.code.id)) setCollapsed(new Set([...collapsed, row.code.id]));
      else if (row.code.parentId) setSelectedId(row.code.parentId);
    } else if (e.key === 'F2' && row) setRenaming(row.code.id);
    else if (e.key === 'Insert' || e.key.toLowerCase() === 'n') setDialog('new');
    else if (e.key.toLowerCase() === 'm' && row) setDialog('move');
    else if (e.key.toLowerCase() === 'g' && row) setDialog('merge');
    else if (e.key.toLowerCase() === 's' && row && ticked.size > 0) setDialog('split');
    else if (e.key === 'Delete' && row) setDialog('delete');
    else return;
    e.preventDefault();
  };

  const onDrop = (e: DragEvent, parentId: string | null) => {
    e.preventDefault();
    e.stopPropagation();
    const id = e.dataTransfer.getData('application/x-realist-code');
    if (id && id !== parentId) void move(id, parentId);
  };

  if (error) return <div className="error" role="alert">{error}</div>;
  if (!book) return <p className="muted">Loading the codebook…</p>;

  return (
    <section className="codebook" aria-label="Codebook">
      <div className="coding-head">
        <h2 className="section-title">
          Codebook <span className="muted">{book.codes.length.toLocaleString()} codes</span>
        </h2>
        <div className="coding-toolbar" role="toolbar" aria-label="Code actions">
          <button onClick={() => setDialog('new')} title="New code (Insert or N)">
            New code
          </button>
          <button disabled={!selected} onClick={() => selected && setRenaming(selected.id)} title="Rename (F2)">
            Rename
          </button>
          <button disabled={!selected} onClick={() => setDialog('move')} title="Move to another parent (M)">
            Move to…
          </button>
          <button disabled={!selected} onClick={() => setDialog('merge')} title="Merge into another code (G)">
            Merge into…
          </button>
          <button disabled={!selected || ticked.size === 0} onClick={() => setDialog('split')} title="Split the ticked passages into a new code (S)">
            Split{ticked.size > 0 ? ` (${ticked.size})` : ''}
          </button>
          <button disabled={!selected} className="danger" onClick={() => setDialog('delete')} title="Delete (Del)">
            Delete
          </button>
          <span className="toolbar-gap" />
          <button onClick={() => setDialog('kinds')}>Kinds…</button>
          <button onClick={() => setDialog('import')}>Import…</button>
        </div>
      </div>
      {info && <ExportButton projectName={info.name} targets={CODEBOOK_EXPORTS} />}
      {status && (
        <p className={status.ok ? 'status' : 'error-inline'} role="status">
          {status.text}
        </p>
      )}
      {dialog && (
        <CodebookDialog
          dialog={dialog}
          selected={selected}
          codes={book.codes}
          kinds={book.kinds}
          ticked={ticked}
          onClose={closeDialog}
          onCreate={async (name, kind, parentId) => {
            const r = await submit(api.result('codes:create', { name, kind, parentId }), (c) => `Created “${c.name}”.`, { name: 'The code name', kind: 'The kind', parentId: 'The parent code' });
            if ('error' in r) return r.error;
            setSelectedId(r.value.id);
            closeDialog();
            return null;
          }}
          onMove={async (parentId) => {
            if (selected) await move(selected.id, parentId);
            closeDialog();
          }}
          onMerge={async (intoId) => {
            if (!selected) return;
            const into = book.codes.find((c) => c.id === intoId);
            const r = await act(api.result('codes:merge', { fromId: selected.id, intoId }), (v) => `Merged “${selected.name}” into “${into?.name}”: ${v.movedCodings} codings moved, ${v.collapsedCodings} duplicates collapsed.`);
            if (r) setSelectedId(intoId);
            closeDialog();
          }}
          onSplit={async (name) => {
            if (!selected) return null;
            // The ticked passages' codings with this code (every coder's), from the code view's list.
            const r = await api.result('codes:excerpts', { codeId: selected.id });
            const ids = r.ok ? r.value.filter((e) => ticked.has(e.excerptId)).flatMap((e) => e.codingIds) : [];
            const r2 = await submit(api.result('codes:split', { id: selected.id, name, codingIds: ids }), (c) => `Split ${ids.length} codings into “${c.name}”.`, { name: 'The code name', kind: 'The kind', parentId: 'The parent code' });
            if ('error' in r2) return r2.error;
            setSelectedId(r2.value.id);
            closeDialog();
            return null;
          }}
          onDelete={async () => {
            if (!selected) return;
            const i = rows.findIndex((r) => r.code.id === selected.id);
            const ok = await act(api.result('codes:delete', { id: selected.id }), () => `Deleted “${selected.name}”; CMOCs that used it keep their statements and show the lost code (Ctrl+Z undoes).`);
            if (ok) setSelectedId(rows[i + 1]?.code.id ?? rows[i - 1]?.code.id ?? null);
            closeDialog();
          }}
          onKindsSaved={(text) => {
            void changed(text ?? 'Code kinds saved.');
            closeDialog();
          }}
          onMergeInstead={() => setDialog('merge')}
          onImported={(text) => {
            void changed(text);
            closeDialog();
          }}
        />
      )}
      <div className="codebook-split">
        <div className="code-tree-col">
        <input
          ref={filterBox}
          type="search"
          className="tree-filter"
          aria-label="Filter codes"
          placeholder="Filter codes (/)"
          maxLength={LIMITS.searchQuery}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              if (rows[0] && !rows.some((r) => r.code.id === selectedId)) setSelectedId(rows[0].code.id);
              tree.current?.focus();
            } else if (e.key === 'Escape' && filter) {
              e.preventDefault();
              setFilter('');
            }
          }}
        />
        <div
          className="code-tree"
          role="tree"
          aria-label="Codes"
          tabIndex={0}
          ref={tree}
          onKeyDown={onTreeKey}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => onDrop(e, null)}
          aria-activedescendant={selectedId ? `code-${selectedId}` : undefined}
        >
          <div className="code-tree-head" aria-hidden="true">
            <span>Code</span>
            <span className="num" title="Codings by any coder">
              Codings
            </span>
            <span className="num" title="Distinct documents">
              Docs
            </span>
          </div>
          {rows.length === 0 && <p className="muted tree-empty">{words.length > 0 ? `No code matches “${filter}”.` : 'No codes yet. Press N to create the first.'}</p>}
          {groups.map((g) => (
            <div key={g.kind.id} role="group" aria-label={`${g.kind.label} codes`}>
              <div
                className="kind-head"
                style={{ borderLeftColor: g.kind.color }}
                onClick={() => {
                  const key = `kind:${g.kind.id}`;
                  const next = new Set(collapsed);
                  if (next.has(key)) next.delete(key);
                  else next.add(key);
                  setCollapsed(next);
                }}
                title={collapsed.has(`kind:${g.kind.id}`) ? 'Show these codes' : 'Fold these codes'}
              >
                <span className="caret">{collapsed.has(`kind:${g.kind.id}`) && words.length === 0 ? '▸' : '▾'}</span>
                <span className="kind-head-label">{g.kind.label}</span>
                <span className="muted">{g.count.toLocaleString()}</span>
              </div>
              {g.rows.map((r) => (
                <div
                  key={r.code.id}
                  id={`code-${r.code.id}`}
                  role="treeitem"
                  aria-level={r.depth + 1}
                  aria-selected={r.code.id === selectedId}
                  aria-expanded={r.hasChildren ? !collapsed.has(r.code.id) : undefined}
                  className={`code-tree-row${r.code.id === selectedId ? ' selected' : ''}`}
                  style={{ paddingLeft: 6 + r.depth * 16 }}
                  onClick={() => {
                    setSelectedId(r.code.id);
                    tree.current?.focus();
                  }}
                  onDoubleClick={() => setRenaming(r.code.id)}
                  draggable
                  onDragStart={(e) => e.dataTransfer.setData('application/x-realist-code', r.code.id)}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => onDrop(e, r.code.id)}
                  title={r.code.description || r.code.name}
                >
                  <span
                    className="caret"
                    onClick={(e) => {
                      e.stopPropagation();
                      const next = new Set(collapsed);
                      if (next.has(r.code.id)) next.delete(r.code.id);
                      else next.add(r.code.id);
                      setCollapsed(next);
                    }}
                  >
                    {r.hasChildren ? (collapsed.has(r.code.id) ? '▸' : '▾') : ''}
                  </span>
                  <span className="swatch" style={{ background: codeColor(r.code, book.kinds) }} />
                  {renaming === r.code.id ? (
                    <RenameField
                      name={r.code.name}
                      onDone={async (name) => {
                        if (!name || name === r.code.name) {
                          setRenaming(null);
                          tree.current?.focus();
                          return null;
                        }
                        const done = await api.result('codes:rename', { id: r.code.id, name });
                        if (!done.ok) return plainError(done.error as Parameters<typeof plainError>[0], { name: 'The code name' });
                        // The tree takes the keys again before it re-reads, so a key pressed meanwhile is not lost.
                        setRenaming(null);
                        tree.current?.focus();
                        await changed(`Renamed to “${done.value.name}”.`);
                        return null;
                      }}
                    />
                  ) : (
                    <span className="code-tree-name">{r.code.name}</span>
                  )}
                  <span className="num">{r.code.codings > 0 ? r.code.codings.toLocaleString() : ''}</span>
                  <span className="num muted">{r.code.documents > 0 ? r.code.documents.toLocaleString() : ''}</span>
                </div>
              ))}
            </div>
          ))}
          <p className="muted tree-hint">
            <kbd>/</kbd> filter <kbd>N</kbd> new <kbd>F2</kbd> rename <kbd>M</kbd> move <kbd>G</kbd> merge <kbd>S</kbd> split <kbd>Del</kbd> delete <kbd>Ctrl+Z</kbd> undo
          </p>
        </div>
        </div>
        <div className="code-pane">
          {selected ? (
            <>
              <CodeDetails key={selected.id} code={selected} kinds={book.kinds} onSaved={(m) => void changed(m)} />
              <CodeView
                code={selected}
                codes={book.codes}
                kinds={book.kinds}
                version={version}
                ticked={ticked}
                setTicked={setTicked}
                onChanged={() => void changed(null)}
                onCreateCode={(name, kind) => createCode(name, kind, null)}
              />
              <MemoList key={`memos-${selected.id}`} targetType="code" targetId={selected.id} noun="code" />
            </>
          ) : (
            <p className="muted">Choose a code to see its passages.</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** The inline rename field: Enter saves, Esc cancels; a refused name stays in the field with the reason below it. */
function RenameField({ name, onDone }: { name: string; onDone: (name: string | null) => Promise<string | null> }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const finish = (v: string | null) => void onDone(v).then(setError);
  return (
    <span className="rename-wrap">
      <input
        className="rename"
        aria-label="New name"
        aria-invalid={error ? true : undefined}
        autoFocus
        maxLength={LIMITS.codeName}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') finish(value.trim());
          else if (e.key === 'Escape') finish(null);
        }}
        onBlur={() => {
          if (!error) finish(value.trim());
        }}
      />
      {error && (
        <span className="rename-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

interface DialogProps {
  dialog: Exclude<Dialog, null>;
  selected: CodeSummary | null;
  codes: CodeSummary[];
  kinds: CodeKind[];
  ticked: Set<string>;
  onClose: () => void;
  /** Resolves to the refusal in plain words (the form stays open with its text), or null once done. */
  onCreate: (name: string, kind: string, parentId: string | null) => Promise<string | null>;
  onMove: (parentId: string | null) => Promise<void>;
  onMerge: (intoId: string) => Promise<void>;
  onSplit: (name: string) => Promise<string | null>;
  onDelete: () => Promise<void>;
  onMergeInstead: () => void;
  onKindsSaved: (message?: string) => void;
  onImported: (message: string) => void;
}

function CodebookDialog(p: DialogProps) {
  const { dialog, selected, codes, kinds, onClose } = p;
  const others = codes.filter((c) => c.id !== selected?.id);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  if (dialog === 'move' || dialog === 'merge') {
    return (
      <div className="coding-dialog" onKeyDown={onKey}>
        <h3>
          {dialog === 'move' ? 'Move' : 'Merge'} “{selected?.name}” {dialog === 'move' ? 'under…' : 'into…'}
        </h3>
        {dialog === 'move' && selected?.parentId && (
          <button className="link" onMouseDown={(e) => e.preventDefault()} onClick={() => void p.onMove(null)}>
            Move to the top level
          </button>
        )}
        <CodePicker
          codes={others}
          kinds={kinds}
          label={dialog === 'move' ? 'New parent' : 'Merge into'}
          onPick={(id) => void (dialog === 'move' ? p.onMove(id) : p.onMerge(id))}
          onClose={onClose}
        />
      </div>
    );
  }
  if (dialog === 'delete' && selected) return <DeleteCodeDialog code={selected} kinds={kinds} onDelete={p.onDelete} onMergeInstead={p.onMergeInstead} onClose={onClose} />;
  if (dialog === 'kinds') return <KindsEditor kinds={kinds} codes={codes} onSaved={p.onKindsSaved} onClose={onClose} />;
  if (dialog === 'import') return <ImportForm onImported={p.onImported} onClose={onClose} />;
  return <NameForm {...p} />;
}

function NameForm({ dialog, selected, kinds, ticked, onClose, onCreate, onSplit }: DialogProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState(selected?.kind ?? kinds[0]?.id ?? 'other');
  const [under, setUnder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const split = dialog === 'split';
  return (
    <form
      className="coding-dialog"
      aria-label={split ? 'Split code' : 'New code'}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim() || busy) return;
        setBusy(true);
        // Refused: the dialog stays open with the name as typed and the reason in plain words.
        void (split ? onSplit(name.trim()) : onCreate(name.trim(), kind, under && selected ? selected.id : null)).then((refused) => {
          setBusy(false);
          setError(refused);
        });
      }}
    >
      <h3>{split ? `Split ${ticked.size} passages of “${selected?.name}” into a new code` : 'New code'}</h3>
      <div className="dialog-row">
        <input
          autoFocus
          aria-label="Code name"
          placeholder="Name"
          maxLength={LIMITS.codeName}
          aria-invalid={error ? true : undefined}
          aria-describedby="code-name-limit"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {!split && (
          <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {kinds.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        )}
        {!split && selected && (
          <label className="check">
            <input type="checkbox" checked={under} onChange={(e) => setUnder(e.target.checked)} /> under “{selected.name}”
          </label>
        )}
        <button className="primary" type="submit" disabled={!name.trim() || busy}>
          {split ? 'Split' : 'Create'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <p id="code-name-limit" className={`field-limit${name.length >= LIMITS.codeName ? ' at-limit' : ''}`}>
        {name.length.toLocaleString()} / {LIMITS.codeName.toLocaleString()} characters{name.length >= LIMITS.codeName ? ': the name was cut at the limit' : ''}
      </p>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

/**
 * The confirmation of a code's deletion: what it touches (its passages and the CMOCs that use
 * it, each with the slot it would lose) and the alternative of merging it into another code,
 * which keeps every passage and CMOC reference. The saved statements of those CMOCs are not
 * changed either way.
 */
function DeleteCodeDialog({ code, kinds, onDelete, onMergeInstead, onClose }: { code: CodeSummary; kinds: CodeKind[]; onDelete: () => Promise<void>; onMergeInstead: () => void; onClose: () => void }) {
  const [usage, setUsage] = useState<CodeUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api.result('codes:usage', { id: code.id, limit: 30 }).then((r) => (r.ok ? setUsage(r.value) : setError(r.error.message)));
  }, [code.id]);
  const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
  const cmocCount = usage ? new Set(usage.cmocs.map((c) => c.id)).size : 0;
  return (
    <div
      className="coding-dialog delete-dialog"
      role="alertdialog"
      aria-label="Delete code"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h3>Delete “{code.name}”?</h3>
      {error && <div className="error">{error}</div>}
      {!usage && !error && <p className="muted">Looking up what uses it…</p>}
      {usage && (
        <>
          <p>
            {usage.subCodes > 0 ? `It and its ${plural(usage.subCodes, 'sub-code')} are used` : 'It is used'} by {plural(usage.codings, 'coding')} on {plural(usage.passageCount, 'passage')} and by{' '}
            {plural(cmocCount, 'CMOC')}. The passages stay highlighted; the CMOCs keep their statements word for word and show the lost code. Ctrl+Z undoes the delete.
          </p>
          {usage.cmocs.length > 0 && (
            <div className="usage-block">
              <strong>CMOCs that would lose a code</strong>
              <ul className="usage-list" aria-label="CMOCs affected">
                {usage.cmocs.map((m) => (
                  <li key={`${m.id}-${m.role}-${m.code}`}>
                    <span className="cmoc-number">CMOC {m.number}</span> {m.label && <strong>{m.label}</strong>} <span className="muted">loses its {kindLabel(kinds, m.role).toLowerCase()} “{m.code}”</span>
                    <div className="usage-statement">{m.statement || <em className="muted">no statement</em>}</div>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {usage.passages.length > 0 && (
            <div className="usage-block">
              <strong>Passages coded with it</strong>
              <ul className="usage-list" aria-label="Passages affected">
                {usage.passages.map((x) => (
                  <li key={x.excerptId}>
                    <span className="usage-quote">“{x.quote}”</span> <span className="muted">{x.citation} {pageLabel(x.pageIndex)}</span>
                  </li>
                ))}
                {usage.passageCount > usage.passages.length && <li className="muted">and {plural(usage.passageCount - usage.passages.length, 'more passage')}</li>}
              </ul>
            </div>
          )}
        </>
      )}
      <div className="form-buttons">
        <button className="primary" autoFocus onClick={onMergeInstead} title="Move its passages and CMOC references to another code, then remove it">
          Merge into another code instead…
        </button>
        <button className="danger primary" onClick={() => void onDelete()}>
          Delete
        </button>
        <button onClick={onClose}>Cancel</button>
      </div>
    </div>
  );
}

/** The project's set of code kinds: label, colour and order; a new kind gets an id from its label. */
function KindsEditor({ kinds, codes, onSaved, onClose }: { kinds: CodeKind[]; codes: CodeSummary[]; onSaved: (message?: string) => void; onClose: () => void }) {
  const [list, setList] = useState(kinds.map((k) => ({ ...k })));
  const [error, setError] = useState<string | null>(null);
  const [mapTo, setMapTo] = useState<Record<string, string>>({});
  const used = (id: string) => codes.filter((c) => c.kind === id).length;
  /** Gives every code of one kind another kind (an imported codebook's "Barrier" mapped to Context), one undoable action. */
  const remap = async (from: string) => {
    const to = mapTo[from];
    if (!to) return;
    const r = await api.result('codes:remapKind', { from, to });
    if (!r.ok) return setError(plainError(r.error));
    onSaved(`Moved ${r.value.changed.toLocaleString()} code${r.value.changed === 1 ? '' : 's'} from “${kindLabel(kinds, from)}” to “${kindLabel(kinds, to)}” (Ctrl+Z undoes).`);
  };
  const set = (i: number, patch: Partial<CodeKind>) => setList(list.map((k, j) => (j === i ? { ...k, ...patch } : k)));
  const save = async () => {
    // A new kind's id is written from its label ("Barrier" -> "barrier"), unique in the set;
    // existing ids never change (codes and CMOC roles refer to them).
    const existing = new Set(kinds.map((k) => k.id));
    const taken = new Set(existing);
    const withIds = list.map((k, i) => {
      if (existing.has(k.id)) return { ...k, sort: i + 1 };
      const base = k.label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 36) || 'kind';
      const stem = /^[a-z]/.test(base) ? base : `k-${base}`;
      let id = stem;
      for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
      taken.add(id);
      return { ...k, id, sort: i + 1 };
    });
    const r = await api.result('codeKinds:update', { kinds: withIds });
    if (r.ok) onSaved();
    else setError(plainError(r.error, { label: 'A kind label' }));
  };
  return (
    <div className="coding-dialog" aria-label="Code kinds" role="dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h3>Code kinds</h3>
      <table className="grid compact kinds-table">
        <thead>
          <tr>
            <th>Colour</th>
            <th>Label</th>
            <th>Id</th>
            <th className="num">Codes</th>
            <th>Map its codes to</th>
            <th>Order</th>
          </tr>
        </thead>
        <tbody>
          {list.map((k, i) => (
            <tr key={i}>
              <td>
                <input type="color" aria-label={`Colour of ${k.label}`} value={k.color} onChange={(e) => set(i, { color: e.target.value })} />
              </td>
              <td>
                <input aria-label="Kind label" maxLength={LIMITS.kindLabel} value={k.label} onChange={(e) => set(i, { label: e.target.value })} />
              </td>
              <td className="muted mono">{kinds.some((x) => x.id === k.id) ? k.id : '(from the label)'}</td>
              <td className="num">{used(k.id) || ''}</td>
              <td>
                {used(k.id) > 0 && kinds.some((x) => x.id === k.id) && (
                  <span className="map-kind">
                    <select aria-label={`Map the codes of ${k.label} to`} value={mapTo[k.id] ?? ''} onChange={(e) => setMapTo({ ...mapTo, [k.id]: e.target.value })}>
                      <option value="">—</option>
                      {kinds
                        .filter((x) => x.id !== k.id)
                        .map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.label}
                          </option>
                        ))}
                    </select>
                    <button disabled={!mapTo[k.id]} onClick={() => void remap(k.id)}>
                      Move {used(k.id).toLocaleString()}
                    </button>
                  </span>
                )}
              </td>
              <td>
                <button className="link" disabled={i === 0} onClick={() => setList([...list.slice(0, i - 1), list[i]!, list[i - 1]!, ...list.slice(i + 1)])} aria-label="Up">
                  ↑
                </button>
                <button className="link" disabled={i === list.length - 1} onClick={() => setList([...list.slice(0, i), list[i + 1]!, list[i]!, ...list.slice(i + 2)])} aria-label="Down">
                  ↓
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-buttons">
        <button
          onClick={() => {
            const n = list.length + 1;
            setList([...list, { id: `new-${n}`, label: `Kind ${n}`, color: '#495057', sort: n }]);
          }}
        >
          Add a kind
        </button>
        <button className="primary" onClick={() => void save()}>
          Save kinds
        </button>
        <button onClick={onClose}>Cancel</button>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

function ImportForm({ onImported, onClose }: { onImported: (message: string) => void; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.querySelector<HTMLElement>('input, button')?.focus(), []);
  const importFile = async (parts: FileParts, names: string[]) => {
    const request = parts.grants?.[0] ? { grant: parts.grants[0] } : parts.files?.[0] ? { file: parts.files[0] } : null;
    if (!request) return;
    setBusy(true);
    const r = await api.result('codes:import', request);
    setBusy(false);
    if (r.ok) onImported(`Imported the codebook ${names[0]?.split(/[\\/]/).pop() ?? ''}: ${r.value.created} codes created, ${r.value.reused} already there${r.value.warnings.length ? `; ${r.value.warnings.length} warnings: ${r.value.warnings.slice(0, 3).join(' ')}` : ''}.${r.value.created > 0 ? ' Kinds… maps the kinds of the imported codes to yours.' : ''}`);
    else setError(r.error.message);
  };
  return (
    <div className="coding-dialog" role="group" aria-label="Import a codebook" ref={dialog} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h3>Import a codebook (.qdc, .qde or CSV)</h3>
      <div className="dialog-row">
        <FileChooser label="Choose a codebook file…" kind="codebook" multiple={false} accept=".qdc,.qde,.csv" className="primary" disabled={busy} onChosen={importFile} onError={setError} />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {busy && (
        <p className="status" role="status">
          Importing…
        </p>
      )}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

