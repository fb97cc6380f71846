/**
 * The codebook: codes grouped by kind as a tree, with how often each is used; create, rename,
 * move, merge and delete codes; and, for the chosen code, every passage coded with it across
 * documents. Every change can be undone (Ctrl+Z).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { buildCodeTree, descendantIds, type CodeTreeNode } from '../../../../shared/coding/codebook';
import type { CodeKind, CodeSummary, ExcerptWithSource } from '../../../../shared/coding/types';
import { api } from '../../api';
import type { SectionProps } from '../index';
import { useHistory } from './use-history';

type Data = { kinds: CodeKind[]; codes: CodeSummary[] };

function CodeRow({ node, depth, data, selected, onSelect, onChanged, setError }: {
  node: CodeTreeNode<CodeSummary>;
  depth: number;
  data: Data;
  selected: string | null;
  onSelect: (id: string) => void;
  onChanged: () => void;
  setError: (m: string | null) => void;
}) {
  const c = node.code;
  const kind = data.kinds.find((k) => k.id === c.kind);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(c.name);
  const run = (p: Promise<{ ok: boolean; error?: { message: string } }>) =>
    void p.then((r) => {
      setError(r.ok ? null : (r.error?.message ?? 'failed'));
      if (r.ok) onChanged();
    });
  const below = descendantIds(data.codes, c.id);
  const others = data.codes.filter((x) => x.id !== c.id);
  return (
    <>
      <li className={`code-row${selected === c.id ? ' selected' : ''}`} style={{ paddingLeft: 8 + depth * 18 }}>
        <span className="swatch" style={{ background: c.color ?? kind?.color ?? '#888' }} aria-hidden />
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setRenaming(false);
              run(api.result('codes:rename', { id: c.id, name }));
            }}
          >
            <input aria-label={`New name for ${c.name}`} value={name} autoFocus onChange={(e) => setName(e.target.value)} onBlur={() => setRenaming(false)} />
          </form>
        ) : (
          <button className="link code-name" onClick={() => onSelect(c.id)} onDoubleClick={() => setRenaming(true)} title={c.description || 'Double-click to rename'}>
            {c.name}
          </button>
        )}
        <span className="count" title="codings · passages · documents">
          {c.codings} · {c.excerpts} · {c.documents}
        </span>
        <span className="row-actions">
          <button className="link" onClick={() => setRenaming(true)}>Rename</button>
          <select
            aria-label={`Move ${c.name} under`}
            value=""
            onChange={(e) => run(api.result('codes:move', { id: c.id, parentId: e.target.value === 'top' ? null : e.target.value }))}
          >
            <option value="">Move…</option>
            <option value="top">to the top</option>
            {others.filter((o) => !below.has(o.id)).map((o) => (
              <option key={o.id} value={o.id}>under {o.name}</option>
            ))}
          </select>
          <select aria-label={`Merge ${c.name} into`} value="" onChange={(e) => e.target.value && run(api.result('codes:merge', { fromId: c.id, intoId: e.target.value }))}>
            <option value="">Merge into…</option>
            {others.filter((o) => !below.has(o.id)).map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
          <button className="link danger" onClick={() => run(api.result('codes:delete', { id: c.id }))}>Delete</button>
        </span>
      </li>
      {node.children.map((n) => (
        <CodeRow key={n.code.id} node={n} depth={depth + 1} data={data} selected={selected} onSelect={onSelect} onChanged={onChanged} setError={setError} />
      ))}
    </>
  );
}

export function Codebook({ refresh }: SectionProps) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [passages, setPassages] = useState<ExcerptWithSource[]>([]);
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState('context');

  const load = useCallback(() => {
    void api.result('codes:list', {}).then((r) => (r.ok ? setData(r.value) : setError(r.error.message)));
    refresh();
  }, [refresh]);
  useEffect(load, [load]);
  const history = useHistory(load);

  useEffect(() => {
    if (!selected) return setPassages([]);
    void api.result('codes:excerpts', { codeId: selected }).then((r) => setPassages(r.ok ? r.value : []));
  }, [selected, data]);

  const trees = useMemo(() => (data ? buildCodeTree(data.codes) : []), [data]);
  if (!data) return error ? <div className="error" role="alert">{error}</div> : <p className="muted">Loading the codebook…</p>;
  const chosen = data.codes.find((c) => c.id === selected);

  return (
    <section aria-label="Codebook" className="coding">
      <h2 className="section-title">
        Codebook <span className="muted">{data.codes.length} codes</span>
        <span className="toolbar">
          <button onClick={history.undo} title="Undo (Ctrl+Z)">Undo</button>
          <button onClick={history.redo} title="Redo (Ctrl+Shift+Z)">Redo</button>
        </span>
      </h2>
      {history.message && <p className="status" role="status">{history.message}</p>}
      {error && <div className="error" role="alert">{error}</div>}
      <form
        className="add-code"
        onSubmit={(e) => {
          e.preventDefault();
          if (!newName.trim()) return;
          void api.result('codes:create', { name: newName, kind: newKind }).then((r) => {
            setError(r.ok ? null : r.error.message);
            if (r.ok) {
              setNewName('');
              load();
            }
          });
        }}
      >
        <input aria-label="New code name" placeholder="New code name" value={newName} onChange={(e) => setNewName(e.target.value)} />
        <select aria-label="Kind of the new code" value={newKind} onChange={(e) => setNewKind(e.target.value)}>
          {data.kinds.map((k) => (
            <option key={k.id} value={k.id}>{k.label}</option>
          ))}
        </select>
        <button className="primary" type="submit">Add code</button>
      </form>
      <div className="coding-split">
        <div className="code-tree">
          {data.kinds.map((k) => {
            const roots = trees.filter((t) => t.code.kind === k.id);
            if (roots.length === 0) return null;
            return (
              <div key={k.id} className="kind-group">
                <h3><span className="swatch" style={{ background: k.color }} aria-hidden /> {k.label}</h3>
                <ul className="code-list">
                  {roots.map((n) => (
                    <CodeRow key={n.code.id} node={n} depth={0} data={data} selected={selected} onSelect={setSelected} onChanged={load} setError={setError} />
                  ))}
                </ul>
              </div>
            );
          })}
          {data.codes.length === 0 && <p className="muted">No codes yet. Add the first one above, or import a REFI-QDA codebook.</p>}
        </div>
        <aside className="code-passages" aria-label="Passages coded with the chosen code">
          {chosen ? (
            <>
              <h3>{chosen.name}</h3>
              {chosen.description && <p className="muted">{chosen.description}</p>}
              {passages.length === 0 && <p className="muted">No passage is coded with it yet.</p>}
              {passages.map((p) => (
                <blockquote key={p.excerptId} className="quote">
                  “{p.quote}”
                  <footer>
                    {p.citation} · {p.coders.join(', ') || 'unattributed'}
                  </footer>
                </blockquote>
              ))}
            </>
          ) : (
            <p className="muted">Choose a code to see every passage coded with it, across documents.</p>
          )}
        </aside>
      </div>
    </section>
  );
}
