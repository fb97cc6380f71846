/**
 * The report's figures: the overall cards (each with its name, unit of analysis and what it
 * measures), and the per-code and per-document tables, whose undefined cells point to numbered
 * reasons under the table. Data in, callbacks out.
 */
import type { AgreementReport, CodeRow } from '../../../../shared/agreement/project-types';
import { alphaBand, columnInfo, kappaBand, overallInfo } from '../../../../shared/agreement/figures';
import { FigureValue, NoteList, Notes, NotesProvider } from './figure';

/** The overall figures as cards, with the reconciliation progress of a pair. */
export function SummaryPanel({ report, onStart, onAdopt }: { report: AgreementReport; onStart?: (() => void) | undefined; onAdopt?: (() => void) | undefined }) {
  const m = report.coders.length;
  const count = report.disagreementCount;
  const open = count.total - count.reconciled;
  return (
    <div>
      {report.isPair && (
        <div className="progress-card" aria-label="Reconciliation progress">
          <div>
            <strong>{count.total.toLocaleString()}</strong> disagreements · <strong>{count.reconciled.toLocaleString()}</strong> reconciled · <strong>{open.toLocaleString()}</strong> open
            <div className="muted" style={{ fontSize: 12 }}>
              {count.agreedPassages.toLocaleString()} passages coded alike · CMOCs: {report.cmoc.reconciled} of {report.cmoc.items.length} reconciled
            </div>
          </div>
          <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={count.total} aria-valuenow={count.reconciled} aria-label="Disagreements reconciled">
            <span style={{ width: `${count.total ? (100 * count.reconciled) / count.total : 0}%` }} />
          </div>
          {onAdopt && (
            <button onClick={onAdopt} title="Take every passage both coders coded alike into the consensus layer">
              Adopt agreed passages
            </button>
          )}
          {onStart && open > 0 && (
            <button className="primary" onClick={onStart}>
              Reconcile the largest open one
            </button>
          )}
        </div>
      )}
      <div className="figure-cards">
        {report.overall.map((o) => {
          const info = overallInfo(o.key, m, report.options);
          const band = o.figure.value === null ? null : o.key === 'char_kappa' || o.key === 'doc_kappa' ? kappaBand(o.figure.value) : /alpha/.test(o.key) ? alphaBand(o.figure.value) : null;
          return (
            <section key={o.key} className="figure-card" aria-label={info.label} data-figure={o.key}>
              <h3>{info.label}</h3>
              <div className="big">
                <FigureValue figure={o.figure} format={info.format} inline />
                {band && <span className="band">{band}</span>}
              </div>
              <div className="unit">Unit of analysis: {info.unit}</div>
              <div className="about">{info.about}</div>
            </section>
          );
        })}
      </div>
      <p className="muted" style={{ fontSize: 12 }}>
        Readings of κ after Landis &amp; Koch (1977) and of α after Krippendorff (2004) are aids, not verdicts. A statistic that divides 0 by 0 (no variation, nothing to compare) is reported as undefined with its reason, never as 0 or 1.
      </p>
    </div>
  );
}

const CODE_COLUMNS = ['charKappa', 'charPercent', 'charAlpha', 'uAlphaBinary', 'kappaMeanOfDocuments', 'kappaSizeWeighted', 'docKappa', 'docPercent', 'segments'] as const;

function usedByOne(c: CodeRow): boolean {
  return c.spans.filter((n) => n > 0).length === 1;
}

/** Statistics per code; a click (or Enter) on a row shows its disagreements. */
export function CodesTable({ report, onOpen }: { report: AgreementReport; onOpen?: (codeId: string) => void }) {
  const cols = columnInfo(report.coders.length, report.options.overlap);
  const notes = new NoteList();
  const shown = CODE_COLUMNS.filter((k) => k !== 'segments' || report.isPair);
  return (
    <NotesProvider notes={notes}>
      <div className="agreement-table-wrap">
        <table className="grid compact" aria-label="Agreement by code">
          <thead>
            <tr>
              <th>Code</th>
              <th className="num" title="Coded spans per coder">
                Spans<span className="unit">{report.coders.map((c) => c.initials).join(' / ')}</span>
              </th>
              {shown.map((k) => (
                <th key={k} className="num" title={`${cols[k].label}. ${cols[k].about} Unit of analysis: ${cols[k].unit}.`} aria-label={`${cols[k].label} (unit: ${cols[k].unit})`}>
                  {cols[k].short}
                  <span className="unit">{cols[k].shortUnit}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.codes.map((c) => (
              <tr key={c.codeId} tabIndex={onOpen ? 0 : undefined} onClick={() => onOpen?.(c.codeId)} onKeyDown={(e) => e.key === 'Enter' && onOpen?.(c.codeId)} data-code={c.name}>
                <td className="name">
                  <span className="swatch" style={{ background: c.color }} />
                  {c.name}
                  {usedByOne(c) && <span className="only-one">used by {report.coders[c.spans.findIndex((n) => n > 0)]!.name} only</span>}
                </td>
                <td className="num">{c.spans.join(' / ')}</td>
                {shown.map((k) => (
                  <td key={k} className="num">
                    <FigureValue figure={c[k]} format={cols[k].format} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Notes notes={notes} label="Why some values are undefined" />
    </NotesProvider>
  );
}

/** Statistics per document, all codes pooled. */
export function DocumentsTable({ report, onOpen }: { report: AgreementReport; onOpen?: (documentId: string) => void }) {
  const cols = columnInfo(report.coders.length, report.options.overlap);
  const notes = new NoteList();
  return (
    <NotesProvider notes={notes}>
      <div className="agreement-table-wrap">
        <table className="grid compact" aria-label="Agreement by document">
          <thead>
            <tr>
              <th>Document</th>
              <th className="num">Characters</th>
              <th className="num">
                Spans<span className="unit">{report.coders.map((c) => c.initials).join(' / ')}</span>
              </th>
              <th className="num" title="Every code pooled: each character × code is a unit.">
                {cols.charKappa.label}
                <span className="unit">character × code</span>
              </th>
              <th className="num">
                {cols.charPercent.label}
                <span className="unit">character × code</span>
              </th>
              <th className="num" title="Coded with any code vs not coded.">
                |uα, any code<span className="unit">section</span>
              </th>
              {report.isPair && <th className="num">Disagreements<span className="unit">reconciled / all</span></th>}
            </tr>
          </thead>
          <tbody>
            {report.documents.map((d) => (
              <tr key={d.documentId} tabIndex={onOpen ? 0 : undefined} onClick={() => onOpen?.(d.documentId)} onKeyDown={(e) => e.key === 'Enter' && onOpen?.(d.documentId)}>
                <td className="name">{d.title}</td>
                <td className="num">{d.length.toLocaleString()}</td>
                <td className="num">{d.spans.join(' / ')}</td>
                <td className="num">
                  <FigureValue figure={d.charKappa} format="coefficient" />
                </td>
                <td className="num">
                  <FigureValue figure={d.charPercent} format="percent" />
                </td>
                <td className="num">
                  <FigureValue figure={d.uAlphaBinary} format="coefficient" />
                </td>
                {report.isPair && (
                  <td className="num">
                    {d.reconciled} / {d.disagreements}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Notes notes={notes} label="Why some values are undefined" />
    </NotesProvider>
  );
}
