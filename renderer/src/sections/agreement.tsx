/**
 * The Agreement section: how far independent coders agree, and the reconciliation of where
 * they do not. A coder pair picker (or all coders); the report in tabs (summary figures, per
 * code, per document, the code × document heatmap, the disagreements largest first, CMOCs);
 * exports as CSV and as a self-contained HTML page (made by the services, downloaded here);
 * and the reconciliation view, one click or Enter away from any disagreement. Decisions write
 * the consensus layer; the report is recomputed after each one and after every undo or redo.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AgreementCoder, AgreementReport } from '../../../shared/agreement/project-types';
import { api } from '../api';
import { useHistoryListener } from '../history';
import { useNavigationTarget } from '../navigation';
import '../components/coding.css';
import './agreement/agreement.css';
import { CmocReconcile } from './agreement/cmoc-reconcile';
import { DisagreementList, type DisagreementFilter } from './agreement/disagreement-list';
import { downloadText } from './agreement/download';
import { Heatmap } from './agreement/heatmap';
import { ReconcileView, readingOrder } from './agreement/reconcile-view';
import { CodesTable, DocumentsTable, SummaryPanel } from './agreement/report-tables';
import type { SectionProps } from './index';

type Tab = 'summary' | 'codes' | 'documents' | 'heatmap' | 'disagreements' | 'cmocs';

/** The comparisons offered: every pair of people, all people, and each person against consensus. */
function comparisons(available: readonly AgreementCoder[]): Array<{ value: string; label: string }> {
  const people = available.filter((c) => c.kind === 'person');
  const consensus = available.find((c) => c.kind === 'consensus');
  const out: Array<{ value: string; label: string }> = [];
  for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) out.push({ value: `${people[i]!.id},${people[j]!.id}`, label: `${people[i]!.name} vs ${people[j]!.name}` });
  if (people.length > 2) out.push({ value: people.map((p) => p.id).join(','), label: `All ${people.length} coders` });
  if (consensus) for (const p of people) out.push({ value: `${p.id},${consensus.id}`, label: `${p.name} vs ${consensus.name} (what is left)` });
  return out;
}

export function Agreement({ refresh }: SectionProps) {
  const [coders, setCoders] = useState<string[] | null>(null);
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tab, setTab] = useState<Tab>('summary');
  const [filter, setFilter] = useState<DisagreementFilter>({});
  const [reconciling, setReconciling] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const tabs = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    setLoading(true);
    const r = await api.result('agreement:project', coders ? { coders } : {});
    setLoading(false);
    setVersion((v) => v + 1);
    if (r.ok) {
      setReport(r.value);
      setError(null);
    } else {
      setReport(null);
      setError(r.error.message);
    }
  }, [coders]);

  useEffect(() => {
    void load();
  }, [load]);
  useHistoryListener(useCallback(() => void load(), [load]));
  useNavigationTarget(
    'agreement',
    useCallback((t) => {
      if (t.documentId) {
        setFilter({ documentId: t.documentId });
        setTab('disagreements');
      }
    }, []),
  );

  const decided = useCallback(
    async (message: string) => {
      setStatus({ ok: true, text: message });
      await load();
      refresh();
    },
    [load, refresh],
  );

  const exportAs = async (format: 'csv' | 'html') => {
    setStatus({ ok: true, text: `Making the ${format.toUpperCase()} report…` });
    const r = await api.result('agreement:export', { ...(coders ? { coders } : {}), format });
    if (!r.ok) return setStatus({ ok: false, text: r.error.message });
    downloadText(r.value.content, r.value.fileName, r.value.mime);
    setStatus({ ok: true, text: `Downloaded “${r.value.fileName}” (${Math.max(1, Math.round(r.value.bytes / 1024))} KB).` });
  };

  const adopt = async () => {
    if (!report?.isPair) return;
    const r = await api.result('agreement:adoptAgreed', { coders: report.coders.map((c) => c.id) });
    if (!r.ok) return setStatus({ ok: false, text: r.error.message });
    await decided(r.value.adopted ? `Adopted ${r.value.adopted} agreed passage${r.value.adopted === 1 ? '' : 's'} into consensus (Ctrl+Z undoes).` : 'Every agreed passage is already in consensus.');
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const order = visibleTabs.map((t) => t.id);
    const i = order.indexOf(tab);
    let next: Tab | null = null;
    if (e.key === 'ArrowRight') next = order[(i + 1) % order.length]!;
    else if (e.key === 'ArrowLeft') next = order[(i - 1 + order.length) % order.length]!;
    else if (e.key === 'Home') next = order[0]!;
    else if (e.key === 'End') next = order[order.length - 1]!;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    setTimeout(() => tabs.current?.querySelector<HTMLButtonElement>(`[data-tab="${next}"]`)?.focus(), 0);
  };

  if (error && !report) {
    return (
      <section className="agreement" aria-label="Agreement">
        <h2 className="section-title">Agreement</h2>
        <div className="empty">
          <h2>The agreement report is not available</h2>
          <p role="alert">{error}</p>
          <p>Each person codes the documents in their own layer (who is coding is chosen in the top bar); once two have coded, this section compares their layers passage by passage and lets you reconcile them into the consensus layer.</p>
        </div>
      </section>
    );
  }
  if (!report) return <p className="loading">Computing the agreement report…</p>;

  if (reconciling && report.isPair) {
    return (
      <section className="agreement" aria-label="Agreement">
        <ReconcileView
          report={report}
          startKey={reconciling}
          version={version}
          onDecided={decided}
          onClose={() => {
            setReconciling(null);
            setTab('disagreements');
          }}
        />
      </section>
    );
  }

  const count = report.disagreementCount;
  const visibleTabs: Array<{ id: Tab; label: string }> = [
    { id: 'summary', label: 'Summary' },
    { id: 'codes', label: `Codes (${report.codes.length})` },
    { id: 'documents', label: `Documents (${report.documents.length})` },
    { id: 'heatmap', label: 'Heatmap' },
    ...(report.isPair ? [{ id: 'disagreements' as const, label: `Disagreements (${count.total - count.reconciled} open)` }] : []),
    { id: 'cmocs', label: `CMOCs${report.isPair ? ` (${report.cmoc.items.length - report.cmoc.reconciled} open)` : ''}` },
  ];
  const options = comparisons(report.available);
  const current = report.coders.map((c) => c.id).join(',');
  const firstOpen = readingOrder(report.disagreements).find((d) => !d.decision) ?? null;
  const largestOpen = report.disagreements.find((d) => !d.decision) ?? null;

  return (
    <section className="agreement" aria-label="Agreement">
      <div className="agreement-head">
        <h2 className="section-title">Agreement</h2>
        <div className="agreement-tools">
          <label>
            Compare
            <select aria-label="Coders to compare" value={current} onChange={(e) => setCoders(e.target.value.split(','))}>
              {!options.some((o) => o.value === current) && <option value={current}>{report.coders.map((c) => c.name).join(', ')}</option>}
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <button onClick={() => void load()} disabled={loading} title="Compute the report again from the project">
            {loading ? 'Computing…' : 'Recompute'}
          </button>
          {report.isPair && firstOpen && (
            <button className="primary" onClick={() => setReconciling(firstOpen.key)} title="Go through the open disagreements in reading order">
              Reconcile
            </button>
          )}
          <span className="muted">Export</span>
          <button onClick={() => void exportAs('csv')}>CSV</button>
          <button onClick={() => void exportAs('html')}>HTML page</button>
        </div>
      </div>
      <p className="agreement-scope">
        {report.coders.map((c) => (
          <span key={c.id} className="coder-key">
            <span className="swatch" style={{ background: c.color }} />
            {c.name} ({report.scope.spans[report.coders.indexOf(c)]!.toLocaleString()} coded spans)
          </span>
        ))}
        <span>
          {report.scope.documents.toLocaleString()} documents coded by at least one of them · {report.scope.codes.toLocaleString()} codes · {report.scope.characters.toLocaleString()} characters
        </span>
      </p>
      {status && (
        <p className={status.ok ? 'status' : 'error-inline'} role="status">
          {status.text}
        </p>
      )}
      <div className="agreement-tabs" role="tablist" aria-label="Agreement report" ref={tabs} onKeyDown={onTabKey}>
        {visibleTabs.map((t) => (
          <button key={t.id} role="tab" data-tab={t.id} aria-selected={tab === t.id} tabIndex={tab === t.id ? 0 : -1} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="agreement-panel" role="tabpanel" aria-label={visibleTabs.find((t) => t.id === tab)?.label}>
        {tab === 'summary' && <SummaryPanel report={report} onStart={largestOpen ? () => setReconciling(largestOpen.key) : undefined} onAdopt={report.isPair ? () => void adopt() : undefined} />}
        {tab === 'codes' && (
          <CodesTable
            report={report}
            onOpen={
              report.isPair
                ? (codeId) => {
                    setFilter({ codeId });
                    setTab('disagreements');
                  }
                : undefined
            }
          />
        )}
        {tab === 'documents' && (
          <DocumentsTable
            report={report}
            onOpen={
              report.isPair
                ? (documentId) => {
                    setFilter({ documentId });
                    setTab('disagreements');
                  }
                : undefined
            }
          />
        )}
        {tab === 'heatmap' && (
          <Heatmap
            report={report}
            onOpenCell={
              report.isPair
                ? (codeId, documentId) => {
                    setFilter({ codeId, documentId });
                    setTab('disagreements');
                  }
                : undefined
            }
          />
        )}
        {tab === 'disagreements' && report.isPair && <DisagreementList report={report} filter={filter} onFilter={setFilter} onOpen={(key) => setReconciling(key)} />}
        {tab === 'cmocs' && <CmocReconcile report={report} onDecided={decided} />}
      </div>
    </section>
  );
}
