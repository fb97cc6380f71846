/**
 * CMO configurations: the list with evidence counts (supporting, refuting, refining, distinct
 * documents), filtered by code and sorted; the chosen CMOC with its codes and every quote with
 * its citation; and a form that writes the if-then-because statement from the chosen codes
 * as you pick them (the reviewer may then rewrite it).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { generateStatement } from '../../../../shared/coding/statement';
import type { CmocDetail, CmocSummary, CodeKind, CodeSummary } from '../../../../shared/coding/types';
import { api } from '../../api';
import type { SectionProps } from '../index';
import { useHistory } from './use-history';

const SLOTS = [
  ['context', 'Context'],
  ['mechanism-resource', 'Mechanism: resource'],
  ['mechanism-response', 'Mechanism: response'],
  ['outcome', 'Outcome'],
] as const;
type Slot = (typeof SLOTS)[number][0];
type Sort = 'label' | 'updated' | 'evidence' | 'documents';

function NewCmoc({ codes, onCreated }: { codes: CodeSummary[]; kinds: CodeKind[]; onCreated: (id: string) => void }) {
  const [picked, setPicked] = useState<Record<Slot, string[]>>({ context: [], 'mechanism-resource': [], 'mechanism-response': [], outcome: [] });
  const [label, setLabel] = useState('');
  const [statement, setStatement] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => codes.find((c) => c.id === id)?.name ?? '';
  const generated = generateStatement({
    contexts: picked.context.map(nameOf),
    resources: picked['mechanism-resource'].map(nameOf),
    responses: picked['mechanism-response'].map(nameOf),
    outcomes: picked.outcome.map(nameOf),
  });
  return (
    <form
      className="new-cmoc"
      aria-label="New CMOC"
      onSubmit={(e) => {
        e.preventDefault();
        const list = SLOTS.flatMap(([slot]) => picked[slot].map((codeId) => ({ codeId, role: slot })));
        void api.result('cmocs:create', { label, codes: list, ...(statement !== null ? { statement } : {}) }).then((r) => {
          setError(r.ok ? null : r.error.message);
          if (r.ok) {
            setPicked({ context: [], 'mechanism-resource': [], 'mechanism-response': [], outcome: [] });
            setLabel('');
            setStatement(null);
            onCreated(r.value.id);
          }
        });
      }}
    >
      <h3>New configuration</h3>
      <input aria-label="Label" placeholder="Label, e.g. CMOC 7" value={label} onChange={(e) => setLabel(e.target.value)} />
      <div className="slots">
        {SLOTS.map(([slot, title]) => (
          <label key={slot}>
            {title}
            <select
              multiple
              size={5}
              value={picked[slot]}
              onChange={(e) => setPicked({ ...picked, [slot]: [...e.target.selectedOptions].map((o) => o.value) })}
            >
              {codes
                .filter((c) => c.kind === slot)
                .map((c) => (
                  <option key={c.id} value={c.id}>{c.name}</option>
                ))}
            </select>
          </label>
        ))}
      </div>
      <label className="statement-field">
        If–then–because statement
        <textarea rows={3} value={statement ?? generated} onChange={(e) => setStatement(e.target.value)} />
      </label>
      {statement !== null && (
        <button type="button" className="link" onClick={() => setStatement(null)}>Write it from the codes again</button>
      )}
      {error && <div className="error" role="alert">{error}</div>}
      <button className="primary" type="submit">Create CMOC</button>
    </form>
  );
}

export function Cmocs({ refresh }: SectionProps) {
  const [list, setList] = useState<CmocSummary[] | null>(null);
  const [codes, setCodes] = useState<{ kinds: CodeKind[]; codes: CodeSummary[] }>({ kinds: [], codes: [] });
  const [codeFilter, setCodeFilter] = useState('');
  const [sort, setSort] = useState<Sort>('label');
  const [chosen, setChosen] = useState<string | null>(null);
  const [detail, setDetail] = useState<CmocDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    void api.result('cmocs:list', { sort, ...(codeFilter ? { codeId: codeFilter } : {}) }).then((r) => (r.ok ? setList(r.value) : setError(r.error.message)));
    void api.result('codes:list', {}).then((r) => r.ok && setCodes(r.value));
    refresh();
  }, [sort, codeFilter, refresh]);
  useEffect(load, [load]);
  const history = useHistory(load);

  useEffect(() => {
    if (!chosen) return setDetail(null);
    void api.result('cmocs:get', { id: chosen }).then((r) => setDetail(r.ok ? r.value : null));
  }, [chosen, list]);

  const slotNames = useMemo(() => (d: CmocDetail, role: string) => d.codes.filter((c) => c.role === role).map((c) => c.name), []);
  if (!list) return error ? <div className="error" role="alert">{error}</div> : <p className="muted">Loading the configurations…</p>;

  return (
    <section aria-label="CMO configurations" className="coding">
      <h2 className="section-title">
        CMO configurations <span className="muted">{list.length}</span>
        <span className="toolbar">
          <button onClick={history.undo} title="Undo (Ctrl+Z)">Undo</button>
          <button onClick={history.redo} title="Redo (Ctrl+Shift+Z)">Redo</button>
        </span>
      </h2>
      {history.message && <p className="status" role="status">{history.message}</p>}
      <div className="filters">
        <label>
          Code
          <select aria-label="Filter by code" value={codeFilter} onChange={(e) => setCodeFilter(e.target.value)}>
            <option value="">any</option>
            {codes.codes.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </label>
        <label>
          Sort
          <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="label">by label</option>
            <option value="evidence">most supporting evidence</option>
            <option value="documents">most documents</option>
            <option value="updated">recently changed</option>
          </select>
        </label>
      </div>
      <div className="coding-split">
        <table className="grid cmoc-table">
          <thead>
            <tr>
              <th>CMOC</th>
              <th>Statement</th>
              <th className="num" title="supporting">S</th>
              <th className="num" title="refuting">R</th>
              <th className="num" title="refining">Rf</th>
              <th className="num" title="distinct documents">Docs</th>
              <th>Coder</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} className={chosen === c.id ? 'selected' : ''} onClick={() => setChosen(c.id)}>
                <td><button className="link" onClick={() => setChosen(c.id)}>{c.label || '—'}</button></td>
                <td>{c.statement}</td>
                <td className="num">{c.supporting}</td>
                <td className="num">{c.refuting}</td>
                <td className="num">{c.refining}</td>
                <td className="num">{c.documents}</td>
                <td>{c.coder ?? 'consensus'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <aside className="cmoc-detail" aria-label="The chosen configuration">
          {detail ? (
            <>
              <h3>{detail.label || 'Configuration'}</h3>
              <p className="statement">{detail.statement}</p>
              <dl className="slots-list">
                {SLOTS.map(([slot, title]) => (
                  <div key={slot}>
                    <dt>{title}</dt>
                    <dd>{slotNames(detail, slot).join('; ') || '—'}</dd>
                  </div>
                ))}
              </dl>
              {detail.evidence.map((e) => (
                <blockquote key={e.linkId} className={`quote role-${e.role}`}>
                  “{e.quote}”
                  <footer>
                    {e.citation} · <strong>{e.role}</strong>
                    <button
                      className="link"
                      onClick={() => void api.result('evidence:unlink', { linkId: e.linkId }).then(load)}
                      title="Remove this evidence link (undo with Ctrl+Z)"
                    >
                      Unlink
                    </button>
                  </footer>
                </blockquote>
              ))}
              {detail.memos.map((m) => (
                <p key={m.id} className="memo"><strong>Memo</strong> ({m.coder ?? 'unattributed'}): {m.body}</p>
              ))}
              <button className="link danger" onClick={() => void api.result('cmocs:delete', { id: detail.id }).then(() => { setChosen(null); load(); })}>
                Delete configuration
              </button>
            </>
          ) : (
            <NewCmoc codes={codes.codes} kinds={codes.kinds} onCreated={(id) => { setChosen(id); load(); }} />
          )}
          {detail && <button onClick={() => setChosen(null)}>New configuration…</button>}
        </aside>
      </div>
    </section>
  );
}
