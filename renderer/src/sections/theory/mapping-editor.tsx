/**
 * The reviewer's side of the refinement mapping: the app proposes the changes between two
 * versions (by shared codes and lineage); here each can be re-kinded, re-pointed, given a
 * rationale and its evidence (quotes of the CMOCs involved), removed or added, and the whole
 * mapping saved as confirmed (one action, one undo step). The services refuse a change whose
 * shape does not fit its kind, and say why.
 */
import { useEffect, useMemo, useState } from 'react';
import { SHAPES } from '../../../../shared/theory/mapping';
import { CHANGE_INK } from '../../../../shared/theory/palette';
import { CHANGE_KINDS, type ChangeKind, type TheoryChange, type TheoryMapping, type TheoryQuote, type TheoryVersion } from '../../../../shared/theory/types';
import { api } from '../../api';

type Draft = Omit<TheoryChange, 'id'>;

function CmocPicker({ label, options, value, onChange }: { label: string; options: TheoryVersion['cmocs']; value: string[]; onChange: (ids: string[]) => void }) {
  return (
    <select multiple aria-label={label} value={value} size={Math.min(4, Math.max(2, options.length))} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}>
      {options.map((c) => (
        <option key={c.id} value={c.id} title={c.statement}>
          {c.label || c.statement.slice(0, 60)}
        </option>
      ))}
    </select>
  );
}

export function MappingEditor({ from, to, mapping, onSaved, onClose }: { from: TheoryVersion; to: TheoryVersion; mapping: TheoryMapping; onSaved: () => void; onClose: () => void }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => mapping.changes.map(({ id: _id, ...c }) => c));
  const [quotes, setQuotes] = useState<TheoryQuote[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setDrafts(mapping.changes.map(({ id: _id, ...c }) => c)), [mapping]);
  useEffect(() => {
    const ids = [...from.cmocs, ...to.cmocs].map((c) => c.id);
    if (ids.length === 0) return;
    void api.result('theory:evidence', { cmocIds: ids }).then((r) => r.ok && setQuotes(r.value));
  }, [from, to]);

  const update = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const propose = async () => {
    const r = await api.result('theory:mapping', { fromId: from.id, toId: to.id, propose: true });
    if (r.ok) setDrafts(r.value.changes.map(({ id: _id, ...c }) => c));
    else setError(r.error.message);
  };
  const save = async () => {
    setBusy(true);
    const r = await api.result('theory:saveMapping', { fromId: from.id, toId: to.id, changes: drafts.map((d) => ({ ...d, status: 'confirmed' as const })) });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    onSaved();
  };
  const used = useMemo(() => ({ from: new Set(drafts.flatMap((d) => d.fromCmocIds)), to: new Set(drafts.flatMap((d) => d.toCmocIds)) }), [drafts]);
  const loose = [...from.cmocs.filter((c) => !used.from.has(c.id)).map((c) => `${from.label}: ${c.label}`), ...to.cmocs.filter((c) => !used.to.has(c.id)).map((c) => `${to.label}: ${c.label}`)];

  return (
    <section className="mapping-editor" aria-label="Edit the refinement mapping">
      <div className="side-head">
        <h3>
          Mapping “{from.label}” → “{to.label}” {mapping.stored ? '(saved)' : '(proposed by the app)'}
        </h3>
        <div className="toolbar">
          <button onClick={() => void propose()}>Propose again</button>
          <button onClick={() => setDrafts((ds) => [...ds, { kind: 'added', fromCmocIds: [], toCmocIds: [], rationale: '', evidence: [], status: 'confirmed' }])}>Add change</button>
          <button className="primary" onClick={() => void save()} disabled={busy}>
            Confirm and save
          </button>
          <button onClick={onClose}>Close</button>
        </div>
      </div>
      {error && <div className="error">{error}</div>}
      {loose.length > 0 && <p className="muted">Not in any change yet: {loose.join('; ')}.</p>}
      <ol className="mapping-rows">
        {drafts.map((d, i) => {
          const involved = new Set([...d.fromCmocIds, ...d.toCmocIds]);
          const relevant = quotes.filter((q) => q.cmocIds.some((id) => involved.has(id)));
          const cited = new Set(d.evidence.filter((e) => e.kind === 'excerpt').map((e) => e.id));
          return (
            <li key={i} className="mapping-row" style={{ borderLeftColor: CHANGE_INK[d.kind].colour }}>
              <div className="mapping-grid">
                <label className="field">
                  <span>Kind</span>
                  <select aria-label={`Kind of change ${i + 1}`} value={d.kind} onChange={(e) => update(i, { kind: e.target.value as ChangeKind })} title={SHAPES[d.kind]}>
                    {CHANGE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {CHANGE_INK[k].symbol} {CHANGE_INK[k].label}
                      </option>
                    ))}
                  </select>
                  <span className="muted">{SHAPES[d.kind]}</span>
                </label>
                <label className="field">
                  <span>In “{from.label}”</span>
                  <CmocPicker label={`Earlier configurations of change ${i + 1}`} options={from.cmocs} value={d.fromCmocIds} onChange={(ids) => update(i, { fromCmocIds: ids })} />
                </label>
                <label className="field">
                  <span>In “{to.label}”</span>
                  <CmocPicker label={`Later configurations of change ${i + 1}`} options={to.cmocs} value={d.toCmocIds} onChange={(ids) => update(i, { toCmocIds: ids })} />
                </label>
                <label className="field">
                  <span>Rationale</span>
                  <textarea aria-label={`Rationale of change ${i + 1}`} rows={3} value={d.rationale} onChange={(e) => update(i, { rationale: e.target.value })} />
                </label>
              </div>
              {relevant.length > 0 && (
                <details>
                  <summary>
                    Evidence cited: {d.evidence.length} (choose from {relevant.length} quote{relevant.length === 1 ? '' : 's'})
                  </summary>
                  {relevant.map((q) => (
                    <label key={`${q.excerptId}-${q.role}`} className="pick">
                      <input
                        type="checkbox"
                        checked={cited.has(q.excerptId)}
                        onChange={(e) =>
                          update(i, {
                            evidence: e.target.checked ? [...d.evidence, { kind: 'excerpt', id: q.excerptId }] : d.evidence.filter((x) => !(x.kind === 'excerpt' && x.id === q.excerptId)),
                          })
                        }
                      />
                      <span>
                        “{q.quote}” <span className="muted">({q.role}, {q.citation})</span>
                      </span>
                    </label>
                  ))}
                </details>
              )}
              <button className="link" onClick={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}>
                Remove this change
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
