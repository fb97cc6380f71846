/**
 * The disagreements of a coder pair, largest first: how many characters they disagree on,
 * what kind of disagreement, the passage and the document, each coder's codes, and whether it
 * was reconciled. One tab stop; ↑/↓ (or J/K) move, Enter or a click opens the reconciliation
 * view at that disagreement. Filters: open only, a code, a document.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AgreementReport, Disagreement } from '../../../../shared/agreement/project-types';
import { DECISION_LABEL, DISAGREEMENT_KIND_LABEL } from '../../../../shared/agreement/figures';
import { CodeChip } from '../coding/chips';

const PAGE = 300;

export interface DisagreementFilter {
  codeId?: string | undefined;
  documentId?: string | undefined;
}

/** Kind words with the coders' names instead of A and B. */
export function kindLabel(d: Disagreement, report: AgreementReport): string {
  if (d.kind === 'only-a') return `only ${report.coders[0]!.name} coded it`;
  if (d.kind === 'only-b') return `only ${report.coders[1]!.name} coded it`;
  return DISAGREEMENT_KIND_LABEL[d.kind];
}

/** The code chips of one side. */
export function SideCodes({ report, codeIds }: { report: AgreementReport; codeIds: string[] }) {
  if (codeIds.length === 0) return <span className="muted">not coded</span>;
  return (
    <>
      {codeIds.map((id) => {
        const c = report.codeNames[id];
        return <CodeChip key={id} name={c?.name ?? id} color={c?.color ?? '#868e96'} />;
      })}
    </>
  );
}

export function DisagreementList({ report, filter, onFilter, onOpen }: { report: AgreementReport; filter: DisagreementFilter; onFilter: (f: DisagreementFilter) => void; onOpen: (key: string) => void }) {
  const [openOnly, setOpenOnly] = useState(false);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  /** Rows drawn so far: thousands of disagreements are drawn a page at a time. */
  const [shown, setShown] = useState(PAGE);
  const list = useRef<HTMLUListElement>(null);
  const items = useMemo(
    () =>
      report.disagreements.filter(
        (d) =>
          (!openOnly || !d.decision) &&
          (!filter.documentId || d.documentId === filter.documentId) &&
          (!filter.codeId || d.a.codeIds.includes(filter.codeId) || d.b.codeIds.includes(filter.codeId)),
      ),
    [report, openOnly, filter],
  );
  const index = Math.max(0, items.findIndex((d) => d.key === activeKey));
  useEffect(() => {
    if (index >= shown) setShown(Math.ceil((index + 1) / PAGE) * PAGE);
  }, [index, shown]);
  const [a, b] = report.coders;

  useEffect(() => {
    list.current?.querySelector('li.active')?.scrollIntoView({ block: 'nearest' });
  }, [activeKey]);

  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const go = (i: number) => items[i] && setActiveKey(items[i]!.key);
    const k = e.key.toLowerCase();
    if (e.key === 'ArrowDown' || k === 'j') go(Math.min(items.length - 1, index + 1));
    else if (e.key === 'ArrowUp' || k === 'k') go(Math.max(0, index - 1));
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Enter' && items[index]) onOpen(items[index]!.key);
    else return;
    e.preventDefault();
  };

  const docs = report.documents.filter((d) => d.disagreements > 0);
  const count = report.disagreementCount;
  return (
    <div>
      <div className="heatmap-tools">
        <span>
          {count.total.toLocaleString()} disagreements between {a!.name} and {b!.name}, largest first ({count.reconciled} reconciled)
          {count.listed < count.total ? `; the ${count.listed.toLocaleString()} largest are listed` : ''}.
        </span>
        <label className="check">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} /> open only
        </label>
        <label>
          Code{' '}
          <select aria-label="Filter disagreements by code" value={filter.codeId ?? ''} onChange={(e) => onFilter({ ...filter, codeId: e.target.value || undefined })}>
            <option value="">any</option>
            {report.codes.map((c) => (
              <option key={c.codeId} value={c.codeId}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Document{' '}
          <select aria-label="Filter disagreements by document" value={filter.documentId ?? ''} onChange={(e) => onFilter({ ...filter, documentId: e.target.value || undefined })}>
            <option value="">any</option>
            {docs.map((d) => (
              <option key={d.documentId} value={d.documentId}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {items.length === 0 ? (
        <p className="muted">{count.total === 0 ? 'The two coders agree on every passage.' : 'No disagreement matches these filters.'}</p>
      ) : (
        <ul className="disagreement-list" role="listbox" tabIndex={0} ref={list} onKeyDown={onKey} aria-label="Disagreements, largest first" aria-activedescendant={`dis-${index}`}>
          {items.slice(0, shown).map((d, i) => (
            <li
              key={d.key}
              id={`dis-${i}`}
              className={`${i === index ? 'active' : ''}${d.decision ? ' done' : ''}`}
              aria-selected={i === index}
              role="option"
              onClick={() => {
                setActiveKey(d.key);
                onOpen(d.key);
              }}
            >
              <div className="size">
                {d.size.toLocaleString()}
                <small>characters</small>
              </div>
              <div>
                <div className="quote-line">“{d.quote}”</div>
                <div className="where">
                  <span className="kind-badge">{kindLabel(d, report)}</span> {d.documentTitle} · characters {d.start.toLocaleString()}–{d.end.toLocaleString()}{' '}
                  {d.decision && (
                    <span className="done-badge" title={d.decision.rationale}>
                      reconciled: {DECISION_LABEL[d.decision.decision] ?? d.decision.decision}
                      {d.decision.decidedBy ? ` by ${d.decision.decidedBy}` : ''}
                    </span>
                  )}
                </div>
                <div className="side-codes">
                  <b style={{ color: a!.color }} title={a!.name}>
                    {a!.initials}
                  </b>
                  <span className="side">
                    <SideCodes report={report} codeIds={d.a.codeIds} />
                  </span>
                  <b style={{ color: b!.color }} title={b!.name}>
                    {b!.initials}
                  </b>
                  <span className="side">
                    <SideCodes report={report} codeIds={d.b.codeIds} />
                  </span>
                </div>
              </div>
            </li>
          ))}
          {items.length > shown && (
            <li className="more" role="presentation">
              <button onClick={() => setShown((n) => n + PAGE)}>Show {Math.min(PAGE, items.length - shown).toLocaleString()} more of {(items.length - shown).toLocaleString()}</button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
