/**
 * The heatmap of agreement by code (rows) × document (columns): κ on characters per cell,
 * laid out with d3 scales, coloured by the shared scale (shared/agreement/heatmap.ts, the same
 * as the HTML report), undefined cells hatched grey. Keyboard: the grid takes one tab stop (roving focus:
 * the focused cell holds it); arrow keys, Home/End and PageUp/PageDown move the focused cell, whose value (or "undefined:
 * reason") shows in a tooltip; Enter opens the cell's disagreements. "Show as a table" gives
 * the same values as an HTML table for screen readers and copying.
 */
import { scaleBand } from 'd3';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AgreementReport } from '../../../../shared/agreement/project-types';
import { agreementColor, textColorOn } from '../../../../shared/agreement/heatmap';
import { columnInfo, formatValue, kappaBand } from '../../../../shared/agreement/figures';

const LEFT = 240;
const TOP = 170;
/** Room right of the grid for the last rotated column labels. */
const RIGHT = 140;
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface CellInfo {
  row: number;
  col: number;
  kappa: number | null;
  percent: number | null;
  reason: string | null;
}

export function Heatmap({ report, onOpenCell }: { report: AgreementReport; onOpenCell?: (codeId: string, documentId: string) => void }) {
  const { codeIds, documentIds } = report.heatmap;
  const rows = codeIds.length;
  const cols = documentIds.length;
  const [active, setActive] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);
  const [focused, setFocused] = useState(false);
  const [asTable, setAsTable] = useState(false);
  const svgRef = useRef<SVGSVGElement>(null);
  const titles = useMemo(() => new Map(report.documents.map((d) => [d.documentId, d.title])), [report]);
  const cell = cols > 60 ? 14 : cols > 25 ? 22 : 34;
  const x = useMemo(() => scaleBand<number>().domain(d3range(cols)).range([LEFT, LEFT + cols * cell]).paddingInner(0.06), [cols, cell]);
  const y = useMemo(() => scaleBand<number>().domain(d3range(rows)).range([TOP, TOP + rows * cell]).paddingInner(0.06), [rows, cell]);
  const width = LEFT + cols * cell + RIGHT;
  const height = TOP + rows * cell + 12;
  const label = columnInfo(report.coders.length).charKappa.label;

  const info = (row: number, col: number): CellInfo => {
    const i = row * cols + col;
    const kappa = report.heatmap.kappa[i] ?? null;
    return { row, col, kappa, percent: report.heatmap.percent[i] ?? null, reason: kappa === null ? (report.heatmap.reasons[report.heatmap.reasonIndex[i]!] ?? 'undefined') : null };
  };
  const codeName = (row: number) => report.codeNames[codeIds[row]!]?.name ?? codeIds[row]!;
  const docTitle = (col: number) => titles.get(documentIds[col]!) ?? documentIds[col]!;
  const describe = (c: CellInfo) =>
    `${codeName(c.row)} × ${docTitle(c.col)}: ${c.kappa === null ? `undefined: ${c.reason}` : `κ ${formatValue(c.kappa, 'coefficient')} (${kappaBand(c.kappa)})${c.percent !== null ? `, ${formatValue(c.percent, 'percent')} of characters agree` : ''}`}`;

  if (rows === 0 || cols === 0) return <p className="muted">No code was applied in these documents yet, so there is no heatmap.</p>;

  const move = (e: KeyboardEvent<SVGSVGElement>) => {
    const step: Record<string, [number, number]> = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0], PageDown: [10, 0], PageUp: [-10, 0] };
    let { row, col } = active;
    if (step[e.key]) {
      row = Math.max(0, Math.min(rows - 1, row + step[e.key]![0]));
      col = Math.max(0, Math.min(cols - 1, col + step[e.key]![1]));
    } else if (e.key === 'Home') col = 0;
    else if (e.key === 'End') col = cols - 1;
    else if (e.key === 'Enter') {
      onOpenCell?.(codeIds[row]!, documentIds[col]!);
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    setActive({ row, col });
    // Roving focus: the new cell takes the one tab stop and the focus (and scrolls into view).
    const rect = svgRef.current?.querySelector<SVGRectElement>(`rect[data-cell="${row}-${col}"]`);
    rect?.focus();
  };

  const tipCell = hover ?? (focused ? active : null);
  const tip = tipCell ? info(tipCell.row, tipCell.col) : null;

  return (
    <div className="heatmap">
      <div className="heatmap-tools">
        <span>
          {label} by code and document. Arrow keys move, Enter opens the cell’s disagreements.
        </span>
        <Legend />
        <button onClick={() => setAsTable((v) => !v)} aria-pressed={asTable}>
          {asTable ? 'Show as a heatmap' : 'Show as a table'}
        </button>
      </div>
      {asTable ? (
        <HeatmapTable report={report} codeName={codeName} docTitle={docTitle} info={info} />
      ) : (
        <div className="heatmap-scroll">
          <svg
            ref={svgRef}
            width={width}
            height={height}
            role="grid"
            aria-label={`${label} by code and document`}
            aria-rowcount={rows}
            aria-colcount={cols}
            onKeyDown={move}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onMouseLeave={() => setHover(null)}
          >
            {d3range(cols).map((c) => (
              <text key={`c${c}`} className={`axis-label${c === active.col && focused ? ' active' : ''}`} transform={`translate(${x(c)! + x.bandwidth() / 2 + 3},${TOP - 6}) rotate(-55)`}>
                <title>{docTitle(c)}</title>
                {cut(docTitle(c), 28)}
              </text>
            ))}
            {d3range(rows).map((r) => (
              <g key={`r${r}`} role="row" aria-rowindex={r + 1}>
                <text className={`axis-label${r === active.row && focused ? ' active' : ''}`} x={LEFT - 8} y={y(r)! + y.bandwidth() / 2 + 4} textAnchor="end">
                  <title>{codeName(r)}</title>
                  {cut(codeName(r), 36)}
                </text>
                {d3range(cols).map((c) => {
                  const ci = info(r, c);
                  const fill = ci.kappa === null ? 'url(#hm-hatch)' : agreementColor(ci.kappa);
                  const isActive = r === active.row && c === active.col;
                  return (
                    <g key={c}>
                      <rect
                        data-cell={`${r}-${c}`}
                        className={`cell${isActive && focused ? ' active' : ''}`}
                        role="gridcell"
                        aria-colindex={c + 1}
                        aria-label={describe(ci)}
                        tabIndex={isActive ? 0 : -1}
                        onFocus={() => setActive({ row: r, col: c })}
                        x={x(c)}
                        y={y(r)}
                        width={x.bandwidth()}
                        height={y.bandwidth()}
                        fill={fill}
                        onMouseEnter={() => setHover({ row: r, col: c })}
                        onClick={() => {
                          setActive({ row: r, col: c });
                          onOpenCell?.(codeIds[r]!, documentIds[c]!);
                        }}
                      />
                      {cell >= 34 && ci.kappa !== null && (
                        <text className="cell-value" x={x(c)! + x.bandwidth() / 2} y={y(r)! + y.bandwidth() / 2 + 3.5} textAnchor="middle" fill={textColorOn(agreementColor(ci.kappa))}>
                          {formatValue(ci.kappa, 'coefficient').replace(/^(−?)0\./, '$1.')}
                        </text>
                      )}
                    </g>
                  );
                })}
              </g>
            ))}
            <defs>
              <pattern id="hm-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#dee2e6" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#adb5bd" strokeWidth="2" />
              </pattern>
            </defs>
          </svg>
          {tip && (
            <div
              className="heatmap-tip"
              role="tooltip"
              style={{ left: Math.min(x(tip.col)! + x.bandwidth() + 6, width - 200), top: y(tip.row)! + y.bandwidth() + 4 }}
            >
              <strong>
                {codeName(tip.row)} × {cut(docTitle(tip.col), 60)}
              </strong>
              {tip.kappa === null ? (
                <span>undefined: {tip.reason}</span>
              ) : (
                <span>
                  κ = {formatValue(tip.kappa, 'coefficient')} ({kappaBand(tip.kappa)})
                  {tip.percent !== null && <>; {formatValue(tip.percent, 'percent')} of characters coded alike</>}
                </span>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function d3range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function Legend() {
  const steps = [-1, -0.5, 0, 0.2, 0.4, 0.6, 0.8, 1];
  return (
    <span className="heatmap-legend" aria-label="Colour scale: red below chance, white at 0, deep blue at 1; grey hatched is undefined">
      {steps.map((v) => (
        <span key={v} className="step" style={{ background: agreementColor(v) }} title={formatValue(v, 'coefficient')} />
      ))}
      <span style={{ margin: '0 6px 0 4px' }}>−1 … 0 … 1</span>
      <span className="step hatch" style={{ width: 18 }} />
      <span style={{ marginLeft: 4 }}>undefined</span>
    </span>
  );
}

function HeatmapTable({
  report,
  codeName,
  docTitle,
  info,
}: {
  report: AgreementReport;
  codeName: (row: number) => string;
  docTitle: (col: number) => string;
  info: (row: number, col: number) => CellInfo;
}) {
  const rows = report.heatmap.codeIds.length;
  const cols = report.heatmap.documentIds.length;
  return (
    <div className="agreement-table-wrap">
      <table className="grid compact" aria-label="Agreement by code and document (table)">
        <thead>
          <tr>
            <th scope="col">Code</th>
            {d3range(cols).map((c) => (
              <th key={c} scope="col" className="num" title={docTitle(c)}>
                {cut(docTitle(c), 40)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d3range(rows).map((r) => (
            <tr key={r}>
              <th scope="row">{codeName(r)}</th>
              {d3range(cols).map((c) => {
                const ci = info(r, c);
                return (
                  <td key={c} className="num">
                    {ci.kappa === null ? <span className="undef">undefined: {ci.reason}</span> : formatValue(ci.kappa, 'coefficient')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
