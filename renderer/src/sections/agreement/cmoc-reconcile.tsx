/**
 * CMO configurations compared between coders: the matching figures per coder pair (how many
 * both proposed, how many only one did, how alike the matched ones are), and for a pair the
 * items to reconcile: matched pairs (identical or similar) and configurations only one coder
 * proposed, each decided by keyboard into the consensus layer.
 *
 * Keys in the list: ↑/↓ or J/K move; 1 keep A's, 2 keep B's, 3 keep both, 4 merge into one,
 * D drop; the rationale field then takes the focus, where Enter records the decision.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AgreementReport, CmocBrief, CmocItem } from '../../../../shared/agreement/project-types';
import { DECISION_LABEL, overallInfo } from '../../../../shared/agreement/figures';
import { api } from '../../api';
import { FigureValue } from './figure';
import { SideCodes } from './disagreement-list';

type CmocDecision = 'keep-a' | 'keep-b' | 'keep-both' | 'merge' | 'drop';

const OPTIONS: Array<{ key: string; decision: CmocDecision; label: (a: string, b: string) => string; needs: 'a' | 'b' | 'both' | 'any' }> = [
  { key: '1', decision: 'keep-a', label: (a) => `Keep ${a}’s`, needs: 'a' },
  { key: '2', decision: 'keep-b', label: (_, b) => `Keep ${b}’s`, needs: 'b' },
  { key: '3', decision: 'keep-both', label: () => 'Keep both', needs: 'both' },
  { key: '4', decision: 'merge', label: () => 'Merge into one', needs: 'both' },
  { key: 'D', decision: 'drop', label: () => 'Drop', needs: 'any' },
];

const KIND: Record<CmocItem['kind'], string> = { same: 'same codes', similar: 'similar', 'only-a': 'only A proposed it', 'only-b': 'only B proposed it' };

function allowed(item: CmocItem, needs: (typeof OPTIONS)[number]['needs']): boolean {
  if (needs === 'a') return !!item.a;
  if (needs === 'b') return !!item.b;
  if (needs === 'both') return !!item.a && !!item.b;
  return true;
}

function Side({ report, cmoc, color, name }: { report: AgreementReport; cmoc: CmocBrief | null; color: string; name: string }) {
  if (!cmoc) {
    return (
      <div className="cmoc-side" style={{ borderColor: color }}>
        <strong>{name}</strong>
        <p className="muted">no matching configuration</p>
      </div>
    );
  }
  return (
    <div className="cmoc-side" style={{ borderColor: color }}>
      <strong>
        {name}: {cmoc.label}
      </strong>
      <div className="statement">{cmoc.statement}</div>
      {(
        [
          ['C', cmoc.contexts],
          ['M', cmoc.mechanisms],
          ['O', cmoc.outcomes],
        ] as const
      ).map(([slot, ids]) => (
        <div key={slot} className="cmoc-slot">
          <b>{slot}</b>
          <span className="chips">
            <SideCodes report={report} codeIds={ids} />
          </span>
        </div>
      ))}
    </div>
  );
}

export function CmocReconcile({ report, onDecided }: { report: AgreementReport; onDecided: (message: string) => Promise<void> }) {
  const m = report.coders.length;
  const [index, setIndex] = useState(0);
  const [choice, setChoice] = useState<CmocDecision | null>(null);
  const [rationale, setRationale] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const note = useRef<HTMLTextAreaElement>(null);
  const items = report.cmoc.items;
  const item = items[Math.min(index, items.length - 1)] ?? null;
  const nameOf = (id: string) => report.coders.find((c) => c.id === id)?.name ?? id;
  const [a, b] = report.coders;

  useEffect(() => {
    setChoice(null);
    setRationale('');
  }, [item?.key]);
  useEffect(() => {
    listRef.current?.querySelector('.cmoc-item.active')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const confirm = async () => {
    if (!item || !choice || item.decision || !a || !b) return;
    const r = await api.result('agreement:reconcileCmoc', { coders: [a.id, b.id], a: item.a?.id ?? null, b: item.b?.id ?? null, decision: choice, rationale });
    if (!r.ok) return setStatus({ ok: false, text: r.error.message });
    const label = OPTIONS.find((o) => o.decision === choice)!.label(a.name, b.name);
    const message = `${label}: recorded in the consensus layer (Ctrl+Z undoes).`;
    setStatus({ ok: true, text: message });
    const next = items.findIndex((x, i) => i > index && !x.decision);
    if (next >= 0) setIndex(next);
    listRef.current?.focus();
    await onDecided(message);
  };

  const choose = (d: CmocDecision) => {
    if (!item || item.decision) return;
    const o = OPTIONS.find((x) => x.decision === d)!;
    if (!allowed(item, o.needs)) return setStatus({ ok: false, text: `“${o.label(a!.name, b!.name)}” needs ${o.needs === 'both' ? 'a configuration of each coder' : 'that coder’s configuration'}.` });
    setStatus(null);
    setChoice(d);
    setTimeout(() => note.current?.focus(), 0);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    if (t.tagName === 'TEXTAREA') {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        void confirm();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        listRef.current?.focus();
      }
      return;
    }
    if (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'BUTTON') return;
    const k = e.key.toLowerCase();
    const option = OPTIONS.find((o) => o.key.toLowerCase() === k);
    if (option) choose(option.decision);
    else if (e.key === 'ArrowDown' || k === 'j') setIndex((i) => Math.min(items.length - 1, i + 1));
    else if (e.key === 'ArrowUp' || k === 'k') setIndex((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter') void confirm();
    else return;
    e.preventDefault();
  };

  return (
    <div onKeyDown={onKey}>
      <table className="grid compact pair-table" aria-label="CMOC agreement per coder pair">
        <thead>
          <tr>
            <th>Coders</th>
            <th className="num">Both proposed</th>
            <th className="num">Only the first</th>
            <th className="num">Only the second</th>
            <th className="num">{overallInfo('cmoc_matched_share', m, report.options).label}</th>
            <th className="num">{overallInfo('cmoc_mean_similarity', m).label}</th>
          </tr>
        </thead>
        <tbody>
          {report.cmoc.pairs.map((p) => (
            <tr key={`${p.coderA}-${p.coderB}`}>
              <td>
                {nameOf(p.coderA)} – {nameOf(p.coderB)}
              </td>
              <td className="num">{p.both}</td>
              <td className="num">{p.onlyA}</td>
              <td className="num">{p.onlyB}</td>
              <td className="num">
                <FigureValue figure={p.matchedShare} format="percent" inline />
              </td>
              <td className="num">
                <FigureValue figure={p.meanSimilarity} format="coefficient" inline />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" style={{ fontSize: 12 }}>
        Configurations are matched one to one when the Jaccard index of each of their C, M and O code sets is at least {report.options.cmocThreshold} (mechanisms: resources and responses together); the matching maximises the summed similarity.
      </p>
      {!report.isPair ? (
        <p className="muted">Choose a pair of coders to reconcile their configurations.</p>
      ) : items.length === 0 ? (
        <p className="muted">Neither coder has proposed a configuration yet.</p>
      ) : (
        <div className="cmocs-reconcile" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 360px', gap: 12 }}>
          <div className="cmoc-items" tabIndex={0} ref={listRef} role="listbox" aria-label="CMOCs to reconcile" aria-activedescendant={`cmoc-item-${index}`}>
            {items.map((x, i) => (
              <div key={x.key} id={`cmoc-item-${i}`} role="option" aria-selected={i === index} className={`cmoc-item${i === index ? ' active' : ''}`} onClick={() => setIndex(i)}>
                <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', marginBottom: 4 }}>
                  <span className="kind-badge">{KIND[x.kind].replace('only A', `only ${a!.name}`).replace('only B', `only ${b!.name}`)}</span>
                  {x.similarity !== null && <span className="muted">similarity {x.similarity.toFixed(2)}</span>}
                  {x.decision && (
                    <span className="done-badge" title={x.decision.rationale}>
                      reconciled: {DECISION_LABEL[x.decision.decision] ?? x.decision.decision}
                    </span>
                  )}
                </div>
                <div className="cmoc-pair">
                  <Side report={report} cmoc={x.a} color={a!.color} name={a!.name} />
                  <Side report={report} cmoc={x.b} color={b!.color} name={b!.name} />
                </div>
              </div>
            ))}
          </div>
          <div className="reconcile-card" aria-label="CMOC decision">
            {item && (
              <h3>
                {[item.a?.label, item.b?.label].filter(Boolean).join(' and ')}
                <span className="muted" style={{ fontWeight: 'normal', fontSize: 12 }}>
                  {index + 1} of {items.length}
                </span>
              </h3>
            )}
            {item && item.decision ? (
              <p className="decided">
                Reconciled: {DECISION_LABEL[item.decision.decision] ?? item.decision.decision}
                {item.decision.decidedBy ? ` by ${item.decision.decidedBy}` : ''}
                {item.decision.rationale ? ` — “${item.decision.rationale}”` : ''}.
              </p>
            ) : item ? (
              <>
                <div className="decision-options" role="group" aria-label="CMOC decision options">
                  {OPTIONS.map((o) => (
                    <button key={o.key} aria-pressed={choice === o.decision} disabled={!allowed(item, o.needs)} onClick={() => choose(o.decision)}>
                      <kbd>{o.key}</kbd> {o.label(a!.name, b!.name)}
                    </button>
                  ))}
                </div>
                <label className="field">
                  Rationale
                  <textarea ref={note} aria-label="CMOC rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="Why this configuration?" />
                </label>
                <div className="confirm-row">
                  <button className="primary" disabled={!choice} onClick={() => void confirm()}>
                    Record decision <kbd className="on-primary">Enter</kbd>
                  </button>
                </div>
                <p className="keys-hint">
                  <kbd>1</kbd>–<kbd>4</kbd>, <kbd>D</kbd> choose · <kbd>J</kbd>/<kbd>K</kbd> move · <kbd>Enter</kbd> record
                </p>
              </>
            ) : null}
            {status && (
              <p className={status.ok ? 'status' : 'error-inline'} role={status.ok ? 'status' : 'alert'}>
                {status.text}
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
