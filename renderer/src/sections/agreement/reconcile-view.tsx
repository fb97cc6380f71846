/**
 * Reconciling a coder pair's passages, by keyboard. Left: the document with both coders'
 * passages (./comparison-text.tsx). Right: the disagreements of this document in reading
 * order, and the current one: each coder's passages and codes, then the decision.
 *
 * Keys (outside the rationale field): 1 accept A, 2 accept B, 3 both, 4 merge the spans,
 * E edit (boundaries and codes); the rationale field then takes the focus, where Enter records
 * the decision (Shift+Enter a new line) and Esc leaves the field. J / K go to the next /
 * previous disagreement (across documents, in reading order), Esc returns to the report.
 * Ctrl+Z undoes a decision like any change (the window's binding).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AgreementReport, Disagreement } from '../../../../shared/agreement/project-types';
import type { PassageDecision } from '../../../../shared/agreement/passages';
import { DECISION_LABEL } from '../../../../shared/agreement/figures';
import type { Excerpt } from '../../../../shared/api/calls/excerpts';
import type { DocumentDetail } from '../../../../shared/api/calls/documents';
import { documentText, pageAtOffset } from '../../../../shared/documents/text-layout';
import { api } from '../../api';
import { ComparisonText, type ComparisonTextHandle, type Span } from './comparison-text';
import { kindLabel, SideCodes } from './disagreement-list';

interface LoadedDocument {
  id: string;
  title: string;
  text: string;
  pages: Array<{ text: string; textOffset: number }>;
  excerpts: Excerpt[];
}

type Bounds = 'union' | 'a' | 'b' | 'overlap' | 'selection';

const OPTIONS: Array<{ key: string; decision: PassageDecision; label: (a: string, b: string) => string }> = [
  { key: '1', decision: 'accept-a', label: (a) => `Accept ${a}` },
  { key: '2', decision: 'accept-b', label: (_, b) => `Accept ${b}` },
  { key: '3', decision: 'both', label: () => 'Keep both' },
  { key: '4', decision: 'merge', label: () => 'Merge the spans' },
  { key: 'E', decision: 'edit', label: () => 'Edit…' },
];

/** Disagreements in reading order: by document title, then offset. */
export function readingOrder(list: readonly Disagreement[]): Disagreement[] {
  return [...list].sort((x, y) => x.documentTitle.localeCompare(y.documentTitle) || x.documentId.localeCompare(y.documentId) || x.start - y.start);
}

function coverOf(excerpts: ReadonlyArray<{ start: number; end: number }>): Span | null {
  if (excerpts.length === 0) return null;
  return { start: Math.min(...excerpts.map((e) => e.start)), end: Math.max(...excerpts.map((e) => e.end)) };
}

export function ReconcileView({
  report,
  startKey,
  version,
  onDecided,
  onClose,
}: {
  report: AgreementReport;
  startKey: string;
  /** Changes whenever the project changed (a decision, an undo): the document is read again. */
  version: number;
  onDecided: (message: string) => Promise<void>;
  onClose: () => void;
}) {
  const [a, b] = report.coders as [AgreementReport['coders'][number], AgreementReport['coders'][number]];
  const ordered = useMemo(() => readingOrder(report.disagreements), [report]);
  const [key, setKey] = useState(startKey);
  const current = ordered.find((d) => d.key === key) ?? ordered[0] ?? null;
  const [doc, setDoc] = useState<LoadedDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<PassageDecision | null>(null);
  const [rationale, setRationale] = useState('');
  const [bounds, setBounds] = useState<Bounds>('union');
  const [selection, setSelection] = useState<Span | null>(null);
  /** The codes the edited passage gets (ticked), and codes added beyond the coders' own. */
  const [editCodes, setEditCodes] = useState<string[]>([]);
  const [extraCodes, setExtraCodes] = useState<string[]>([]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const view = useRef<HTMLDivElement>(null);
  const note = useRef<HTMLTextAreaElement>(null);
  const textRef = useRef<ComparisonTextHandle>(null);

  const documentId = current?.documentId ?? null;
  useEffect(() => {
    if (!documentId) return;
    let live = true;
    void Promise.all([api.result('documents:get', { id: documentId }), api.result('excerpts:list', { documentId })]).then(([d, e]) => {
      if (!live) return;
      if (!d.ok) return setError(d.error.message);
      if (!e.ok) return setError(e.error.message);
      const detail: DocumentDetail = d.value;
      setDoc({ id: detail.id, title: detail.title, text: documentText(detail.pages), pages: detail.pages, excerpts: e.value });
      setError(null);
    });
    return () => {
      live = false;
    };
  }, [documentId, version]);

  // A new disagreement starts a fresh decision.
  useEffect(() => {
    setChoice(null);
    setRationale('');
    setBounds('union');
    setSelection(null);
    setEditCodes(current ? [...new Set([...current.a.codeIds, ...current.b.codeIds])] : []);
    setExtraCodes([]);
  }, [current?.key]);

  useEffect(() => {
    view.current?.focus();
  }, []);

  const spansOf = useCallback(
    (coderId: string): Span[] => (doc ? doc.excerpts.filter((x) => x.codes.some((c) => c.coderId === coderId)).map((x) => ({ start: x.start, end: x.end })) : []),
    [doc],
  );
  const marks = useMemo(() => ({ a: spansOf(a.id), b: spansOf(b.id), consensus: spansOf('consensus') }), [spansOf, a.id, b.id]);

  const go = (delta: number) => {
    if (!current) return;
    const i = ordered.indexOf(current);
    const next = ordered[Math.max(0, Math.min(ordered.length - 1, i + delta))];
    if (next) setKey(next.key);
    setStatus(null);
  };

  const choose = (d: PassageDecision) => {
    if (current?.decision) return;
    setChoice(d);
    if (d === 'edit') {
      const sel = textRef.current?.selection() ?? null;
      if (sel) {
        setSelection(sel);
        setBounds('selection');
      }
    }
    setTimeout(() => note.current?.focus(), 0);
  };

  const editSpan = (): Span | null => {
    if (!current) return null;
    if (bounds === 'a') return coverOf(current.a.excerpts);
    if (bounds === 'b') return coverOf(current.b.excerpts);
    if (bounds === 'selection') return selection;
    if (bounds === 'overlap') {
      const x = coverOf(current.a.excerpts);
      const y = coverOf(current.b.excerpts);
      if (!x || !y) return null;
      const s = { start: Math.max(x.start, y.start), end: Math.min(x.end, y.end) };
      return s.end > s.start ? s : null;
    }
    return { start: current.start, end: current.end };
  };

  const confirm = async () => {
    if (!current || !choice || busy || current.decision) return;
    let edit: { start: number; end: number; codeIds: string[] } | undefined;
    if (choice === 'edit') {
      const span = editSpan();
      if (!span) return setStatus({ ok: false, text: bounds === 'selection' ? 'Select the words in the text first, then press E again (or choose other boundaries).' : 'These boundaries do not overlap; choose others.' });
      if (editCodes.length === 0) return setStatus({ ok: false, text: 'Tick at least one code for the passage.' });
      edit = { ...span, codeIds: editCodes };
    }
    setBusy(true);
    const r = await api.result('agreement:reconcilePassage', { coders: [a.id, b.id], documentId: current.documentId, key: current.key, decision: choice, rationale, ...(edit ? { edit } : {}) });
    setBusy(false);
    if (!r.ok) {
      setStatus({ ok: false, text: r.error.message });
      return;
    }
    const option = OPTIONS.find((o) => o.decision === choice)!;
    const message = `${option.label(a.name, b.name).replace('…', '')}: recorded in the consensus layer (Ctrl+Z undoes).`;
    // Move on to the next open disagreement in reading order.
    const i = ordered.indexOf(current);
    const next = [...ordered.slice(i + 1), ...ordered.slice(0, i)].find((d) => !d.decision);
    if (next) setKey(next.key);
    setStatus({ ok: true, text: message });
    view.current?.focus();
    await onDecided(message);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement;
    const typing = t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT';
    if (typing) {
      if (t.tagName === 'TEXTAREA' && e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        void confirm();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        view.current?.focus();
      }
      return;
    }
    const k = e.key.toLowerCase();
    const option = OPTIONS.find((o) => o.key.toLowerCase() === k);
    if (option) choose(option.decision);
    else if (k === 'j') go(1);
    else if (k === 'k') go(-1);
    else if (e.key === 'Enter' && t === view.current) void confirm();
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
  };

  if (!current) {
    return (
      <div className="reconcile-empty">
        <p className="muted">No disagreement to reconcile between {a.name} and {b.name}.</p>
        <button onClick={onClose}>Back to the report</button>
      </div>
    );
  }

  // The stretch shown: the whole text, or for long documents the pages around the disagreement.
  let from = 0;
  let to = doc?.text.length ?? 0;
  if (doc && doc.pages.length > 3) {
    const p0 = Math.max(0, pageAtOffset(doc.pages, current.start) - 1);
    const p1 = Math.min(doc.pages.length - 1, pageAtOffset(doc.pages, Math.max(current.start, current.end - 1)) + 1);
    from = doc.pages[p0]!.textOffset;
    to = p1 + 1 < doc.pages.length ? doc.pages[p1 + 1]!.textOffset : doc.text.length;
  }
  const inDoc = ordered.filter((d) => d.documentId === current.documentId);
  const position = ordered.indexOf(current) + 1;
  const quoteOf = (s: Span) => (doc ? doc.text.slice(s.start, s.end) : '');
  const codeOptions = report.codes.filter((c) => !current.a.codeIds.includes(c.codeId) && !current.b.codeIds.includes(c.codeId) && !extraCodes.includes(c.codeId));

  return (
    <div className="reconcile" ref={view} tabIndex={0} onKeyDown={onKey} aria-label="Reconcile disagreements">
      <section className="reconcile-text" aria-label="Document">
        <header>
          <h3>{current.documentTitle}</h3>
          <span className="coder-key">
            <span className="swatch" style={{ background: a.color }} /> {a.name}
          </span>
          <span className="coder-key">
            <span className="swatch" style={{ background: b.color }} /> {b.name}
          </span>
          <span className="coder-key">
            <span className="swatch" style={{ background: `linear-gradient(to bottom, ${a.color} 0 50%, ${b.color} 50% 100%)` }} /> both
          </span>
          <span className="coder-key muted">
            <span style={{ textDecoration: 'underline dotted #495057 2px', textUnderlineOffset: 3 }}>consensus</span>
          </span>
          {from > 0 || (doc && to < doc.text.length) ? <span className="muted">pages around the passage</span> : null}
        </header>
        {error && <p className="error">{error}</p>}
        {doc && doc.id === current.documentId ? (
          <ComparisonText ref={textRef} text={doc.text} from={from} to={to} a={marks.a} b={marks.b} consensus={marks.consensus} colorA={a.color} colorB={b.color} current={{ start: current.start, end: current.end }} />
        ) : (
          <p className="muted" style={{ padding: 14 }}>
            Loading the document…
          </p>
        )}
      </section>
      <aside className="reconcile-side">
        <div className="reconcile-card">
          <h3>
            Disagreement {position} of {ordered.length}
            <span className="kind-badge">{kindLabel(current, report)}</span>
            <span className="muted" style={{ fontWeight: 'normal', fontSize: 12 }}>
              {current.size.toLocaleString()} characters in disagreement
            </span>
          </h3>
          <div className="reconcile-sides">
            {[
              { coder: a, side: current.a },
              { coder: b, side: current.b },
            ].map(({ coder, side }) => (
              <div key={coder.id} className="side-box" style={{ borderColor: coder.color }} aria-label={`${coder.name}'s coding`}>
                <strong>{coder.name}</strong>
                {side.excerpts.length === 0 ? (
                  <p className="none">did not code this passage</p>
                ) : (
                  side.excerpts.map((x) => (
                    <div key={x.id}>
                      <p>“{quoteOf(x)}”</p>
                      <SideCodes report={report} codeIds={x.codeIds} />
                    </div>
                  ))
                )}
              </div>
            ))}
          </div>
          {current.decision ? (
            <p className="decided" role="status">
              Reconciled: {DECISION_LABEL[current.decision.decision] ?? current.decision.decision}
              {current.decision.decidedBy ? ` by ${current.decision.decidedBy}` : ''}
              {current.decision.rationale ? ` — “${current.decision.rationale}”` : ''}. Undo it (Ctrl+Z, while it is the last change) to decide again.
            </p>
          ) : (
            <>
              <div className="decision-options" role="group" aria-label="Decision">
                {OPTIONS.map((o) => (
                  <button key={o.key} aria-pressed={choice === o.decision} onClick={() => choose(o.decision)}>
                    <kbd>{o.key}</kbd> {o.label(a.name, b.name)}
                  </button>
                ))}
              </div>
              {choice === 'edit' && (
                <div className="edit-box" aria-label="Edit the passage">
                  <fieldset>
                    <legend>Boundaries</legend>
                    {(
                      [
                        ['union', 'from the first to the last character'],
                        ['a', `${a.name}’s`],
                        ['b', `${b.name}’s`],
                        ['overlap', 'where both overlap'],
                        ['selection', selection ? `my selection (${selection.start}–${selection.end})` : 'my selection in the text'],
                      ] as Array<[Bounds, string]>
                    ).map(([value, label]) => (
                      <label key={value}>
                        <input
                          type="radio"
                          name="bounds"
                          checked={bounds === value}
                          onChange={() => {
                            if (value === 'selection') setSelection(textRef.current?.selection() ?? selection);
                            setBounds(value);
                          }}
                        />
                        {label}
                      </label>
                    ))}
                  </fieldset>
                  <fieldset>
                    <legend>Codes</legend>
                    {[...new Set([...current.a.codeIds, ...current.b.codeIds, ...extraCodes])].map((id) => (
                      <label key={id}>
                        <input
                          type="checkbox"
                          checked={editCodes.includes(id)}
                          onChange={(e) => setEditCodes((list) => (e.target.checked ? [...list, id] : list.filter((x) => x !== id)))}
                        />
                        {report.codeNames[id]?.name ?? id}
                      </label>
                    ))}
                    <select aria-label="Add another code" value="" onChange={(e) => {
                        const id = e.target.value;
                        if (!id) return;
                        setExtraCodes((list) => [...list, id]);
                        setEditCodes((list) => [...list, id]);
                      }}
                    >
                      <option value="">add a code…</option>
                      {codeOptions.map((c) => (
                        <option key={c.codeId} value={c.codeId}>
                          {c.name}
                        </option>
                      ))}
                    </select>
                  </fieldset>
                  {(() => {
                    const s = editSpan();
                    return s && doc ? <p className="muted">“{quoteOf(s).slice(0, 200)}{s.end - s.start > 200 ? '…' : ''}”</p> : null;
                  })()}
                </div>
              )}
              <label className="field">
                Rationale (recorded with the decision)
                <textarea ref={note} aria-label="Rationale" value={rationale} onChange={(e) => setRationale(e.target.value)} placeholder="Why? e.g. the passage describes reachability, not trust." />
              </label>
              <div className="confirm-row">
                <button className="primary" disabled={!choice || busy} onClick={() => void confirm()}>
                  Record decision <kbd className="on-primary">Enter</kbd>
                </button>
                <span className="keys-hint">
                  <kbd>1</kbd>–<kbd>4</kbd>, <kbd>E</kbd> choose · <kbd>J</kbd>/<kbd>K</kbd> next/previous · <kbd>Esc</kbd> report
                </span>
              </div>
            </>
          )}
          {status && (
            <p className={status.ok ? 'status' : 'error-inline'} role={status.ok ? 'status' : 'alert'}>
              {status.text}
            </p>
          )}
        </div>
        <div className="reconcile-card">
          <h3>
            In this document <span className="muted" style={{ fontWeight: 'normal', fontSize: 12 }}>reading order</span>
          </h3>
          <ol className="reading-list" aria-label="Disagreements in this document">
            {inDoc.map((d) => (
              <li key={d.key} className={`${d.key === current.key ? 'active' : ''}${d.decision ? ' done' : ''}`} onClick={() => setKey(d.key)} aria-current={d.key === current.key ? 'true' : undefined}>
                <span>{d.decision ? '✓' : '•'}</span>
                <span className="q">{d.quote}</span>
                <span className="muted">{d.size}</span>
              </li>
            ))}
          </ol>
          <div className="confirm-row">
            <button onClick={() => go(-1)}>
              Previous <kbd>K</kbd>
            </button>
            <button onClick={() => go(1)}>
              Next <kbd>J</kbd>
            </button>
            <button onClick={onClose}>
              Back to the report <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      </aside>
    </div>
  );
}
