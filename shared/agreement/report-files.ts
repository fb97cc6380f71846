/**
 * The agreement report as files: a CSV in long format (one statistic per row, so R, Python or
 * a spreadsheet can filter it; disagreements and CMOC items follow as their own sections) and
 * a self-contained HTML page (inline CSS and SVG, no scripts, no links out) that opens in any
 * browser and prints. Both name every figure as the screen does (./figures.ts) and write
 * "undefined: <reason>" where a statistic is undefined, never 0.
 */
import { columnInfo, DECISION_LABEL, DISAGREEMENT_KIND_LABEL, formatFigure, overallInfo, type FigureInfo } from './figures';
import { escapeXml, heatmapSvg } from './heatmap';
import type { AgreementReport, CmocBrief, Figure } from './project-types';

export interface ReportFileMeta {
  projectName: string;
  /** ISO time the report was made. */
  madeAt: string;
  appVersion: string;
}

/** A cell of text; a leading = + − @ tab or CR gets a ' so no spreadsheet runs it as a formula. */
function textCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function numberCell(v: number | null): string {
  return v === null ? '' : String(Math.round(v * 1e6) / 1e6);
}

const CSV_COLUMNS = ['section', 'code', 'document', 'statistic', 'unit', 'value', 'undefined_reason', 'start', 'end', 'coder_a_codes', 'coder_b_codes', 'quote', 'status'] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

/** The report as CSV (see the module comment); UTF-8 with a byte-order mark for spreadsheets. */
export function reportCsv(report: AgreementReport, meta: ReportFileMeta): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  const push = (row: CsvRow) =>
    lines.push(CSV_COLUMNS.map((c) => (typeof row[c] === 'number' ? numberCell(row[c] as number) : textCell(row[c] == null ? '' : String(row[c])))).join(','));
  const m = report.coders.length;
  const stat = (section: string, code: string, document: string, info: FigureInfo, f: Figure) =>
    push({ section, code, document, statistic: info.label, unit: info.unit, value: f.value, undefined_reason: f.value === null ? (f.reason ?? 'undefined') : '' });
  push({ section: 'about', statistic: 'project', value: null, quote: meta.projectName });
  push({ section: 'about', statistic: 'coders', quote: report.coders.map((c) => c.name).join('; ') });
  push({ section: 'about', statistic: 'made', quote: `${meta.madeAt} by Realist Workbench ${meta.appVersion}` });
  for (const o of report.overall) stat('overall', '', '', overallInfo(o.key, m, report.options), o.figure);
  const cols = columnInfo(m, report.options.overlap);
  for (const c of report.codes) {
    for (const key of ['charKappa', 'charPercent', 'charAlpha', 'uAlphaBinary', 'kappaMeanOfDocuments', 'kappaSizeWeighted', 'docKappa', 'docPercent'] as const) stat('code', c.name, '', cols[key], c[key]);
    if (c.segments) stat('code', c.name, '', cols.segments, c.segments);
  }
  const titles = new Map(report.documents.map((d) => [d.documentId, d.title]));
  for (const d of report.documents) {
    stat('document', '', d.title, cols.charKappa, d.charKappa);
    stat('document', '', d.title, cols.charPercent, d.charPercent);
    stat('document', '', d.title, cols.uAlphaBinary, d.uAlphaBinary);
  }
  const { codeIds, documentIds, kappa, reasonIndex, reasons } = report.heatmap;
  codeIds.forEach((codeId, r) =>
    documentIds.forEach((docId, c) => {
      const i = r * documentIds.length + c;
      const v = kappa[i] ?? null;
      stat('code_by_document', report.codeNames[codeId]?.name ?? codeId, titles.get(docId) ?? docId, cols.charKappa, v === null ? { value: null, reason: reasons[reasonIndex[i]!] ?? 'undefined' } : { value: v });
    }),
  );
  const names = (ids: string[]) => ids.map((id) => report.codeNames[id]?.name ?? id).join('; ');
  for (const d of report.disagreements) {
    push({
      section: 'disagreement',
      document: d.documentTitle,
      statistic: DISAGREEMENT_KIND_LABEL[d.kind],
      unit: 'characters in disagreement',
      value: d.size,
      start: d.start,
      end: d.end,
      coder_a_codes: names(d.a.codeIds),
      coder_b_codes: names(d.b.codeIds),
      quote: d.quote,
      status: d.decision ? `${DECISION_LABEL[d.decision.decision] ?? d.decision.decision}${d.decision.rationale ? `: ${d.decision.rationale}` : ''}` : 'open',
    });
  }
  const cmocText = (c: CmocBrief | null) => (c ? `${c.label}: ${c.statement}` : '');
  for (const x of report.cmoc.items) {
    push({ section: 'cmoc', statistic: x.kind, unit: 'mean Jaccard of C, M, O', value: x.similarity, coder_a_codes: cmocText(x.a), coder_b_codes: cmocText(x.b), status: x.decision ? (DECISION_LABEL[x.decision.decision] ?? x.decision.decision) : 'open' });
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2330;margin:32px auto;max-width:1100px;padding:0 20px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d9dee7;padding-bottom:4px}
.meta{color:#667085}.chip{display:inline-block;width:10px;height:10px;border-radius:3px;margin:0 4px 0 8px;vertical-align:baseline}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}th,td{border-bottom:1px solid #d9dee7;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f6}td.name{min-width:200px}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.undef{color:#8a5a00;font-style:italic}.unit{color:#667085;font-size:12px}.scroll{overflow-x:auto}
ol.notes{color:#667085;font-size:12.5px}blockquote{margin:0;color:#343a40}
@media print{body{margin:0}.scroll{overflow:visible}}`;

/** Footnotes for undefined values: one number per distinct reason. */
class Notes {
  readonly list: string[] = [];
  ref(reason: string): number {
    const i = this.list.indexOf(reason);
    return i >= 0 ? i + 1 : this.list.push(reason);
  }
  html(): string {
    return this.list.length === 0 ? '' : `<ol class="notes">${this.list.map((r) => `<li>undefined: ${escapeXml(r)}</li>`).join('')}</ol>`;
  }
}

function cellHtml(f: Figure | null, format: FigureInfo['format'], notes: Notes): string {
  if (!f) return '<td class="num">–</td>';
  if (f.value === null) return `<td class="num undef">undefined<sup>${notes.ref(f.reason ?? 'undefined')}</sup></td>`;
  return `<td class="num">${escapeXml(formatFigure(f, format))}</td>`;
}

/** The report as one self-contained HTML page (see the module comment). */
export function reportHtml(report: AgreementReport, meta: ReportFileMeta): string {
  const m = report.coders.length;
  const e = escapeXml;
  const coders = report.coders.map((c) => `<span class="chip" style="background:${e(c.color)}"></span>${e(c.name)}`).join(' ');
  const title = `Agreement report — ${meta.projectName}`;
  const titles = new Map(report.documents.map((d) => [d.documentId, d.title]));
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head><body>`);
  parts.push(`<h1>${e(title)}</h1><p class="meta">Coders: ${coders}<br>${report.scope.documents} documents, ${report.scope.codes} codes, ${report.scope.characters.toLocaleString('en')} characters; coded spans: ${report.coders.map((c, i) => `${e(c.name)} ${report.scope.spans[i]}`).join(', ')}.<br>Made ${e(meta.madeAt)} by Realist Workbench ${e(meta.appVersion)}. Segment overlap threshold ${report.options.overlap}; CMOC Jaccard threshold ${report.options.cmocThreshold}.</p>`);

  const overallNotes = new Notes();
  parts.push('<h2>Overall</h2><table><thead><tr><th>Statistic</th><th class="num">Value</th><th>Unit of analysis</th><th>What it measures</th></tr></thead><tbody>');
  for (const o of report.overall) {
    const info = overallInfo(o.key, m, report.options);
    parts.push(`<tr><td>${e(info.label)}</td>${cellHtml(o.figure, info.format, overallNotes)}<td class="unit">${e(info.unit)}</td><td>${e(info.about)}</td></tr>`);
  }
  parts.push(`</tbody></table>${overallNotes.html()}`);

  const cols = columnInfo(m, report.options.overlap);
  const codeKeys = ['charKappa', 'charPercent', 'charAlpha', 'uAlphaBinary', 'kappaMeanOfDocuments', 'kappaSizeWeighted', 'docKappa', 'docPercent', ...(report.isPair ? (['segments'] as const) : [])] as const;
  const codeNotes = new Notes();
  parts.push(`<h2>By code</h2><div class="scroll"><table><thead><tr><th>Code</th><th class="num">Spans (${report.coders.map((c) => e(c.initials)).join(' / ')})</th>${codeKeys.map((k) => `<th class="num" title="${e(`${cols[k].label}; unit of analysis: ${cols[k].unit}`)}">${e(cols[k].short)}<br><span class="unit">${e(cols[k].shortUnit)}</span></th>`).join('')}</tr></thead><tbody>`);
  for (const c of report.codes) {
    parts.push(`<tr><td class="name"><span class="chip" style="background:${e(c.color)};margin-left:0"></span>${e(c.name)}</td><td class="num">${c.spans.join(' / ')}</td>${codeKeys.map((k) => cellHtml(c[k], cols[k].format, codeNotes)).join('')}</tr>`);
  }
  parts.push(`</tbody></table></div>${codeNotes.html()}`);
  parts.push(`<p class="meta">Columns: ${codeKeys.map((k) => `<b>${e(cols[k].short)} (${e(cols[k].shortUnit)})</b>: ${e(cols[k].label)}, unit of analysis ${e(cols[k].unit)}`).join('; ')}.</p>`);

  const docNotes = new Notes();
  parts.push(`<h2>By document</h2><div class="scroll"><table><thead><tr><th>Document</th><th class="num">Characters</th><th class="num">Spans (${report.coders.map((c) => e(c.initials)).join(' / ')})</th><th class="num">${e(cols.charKappa.label)}<br><span class="unit">character × code</span></th><th class="num">${e(cols.charPercent.label)}</th><th class="num">|uα, any code</th>${report.isPair ? '<th class="num">Disagreements (reconciled)</th>' : ''}</tr></thead><tbody>`);
  for (const d of report.documents) {
    parts.push(`<tr><td>${e(d.title)}</td><td class="num">${d.length.toLocaleString('en')}</td><td class="num">${d.spans.join(' / ')}</td>${cellHtml(d.charKappa, 'coefficient', docNotes)}${cellHtml(d.charPercent, 'percent', docNotes)}${cellHtml(d.uAlphaBinary, 'coefficient', docNotes)}${report.isPair ? `<td class="num">${d.disagreements} (${d.reconciled})</td>` : ''}</tr>`);
  }
  parts.push(`</tbody></table></div>${docNotes.html()}`);

  parts.push(`<h2>Heatmap: ${e(cols.charKappa.label)} by code and document</h2><p class="meta">Hover a cell for its value. Grey hatched cells are undefined (see the reasons in the table above).</p><div class="scroll">${heatmapSvg(report, (id) => titles.get(id) ?? id)}</div>`);

  if (report.isPair) {
    const [a, b] = report.coders;
    const names = (ids: string[]) => e(ids.map((id) => report.codeNames[id]?.name ?? id).join(', ') || '—');
    const count = report.disagreementCount;
    parts.push(`<h2>Disagreements</h2><p class="meta">${count.total} disagreements (${count.reconciled} reconciled, ${count.total - count.reconciled} open), largest first${count.listed < count.total ? `; the ${count.listed} largest are listed` : ''}; ${count.agreedPassages} passages coded alike.</p>`);
    parts.push(`<table><thead><tr><th class="num">Characters</th><th>Kind</th><th>Document (offsets)</th><th>Passage</th><th>${e(a!.name)}</th><th>${e(b!.name)}</th><th>Decision</th></tr></thead><tbody>`);
    for (const d of report.disagreements) {
      const decision = d.decision ? `${e(DECISION_LABEL[d.decision.decision] ?? d.decision.decision)}${d.decision.decidedBy ? ` by ${e(d.decision.decidedBy)}` : ''}${d.decision.rationale ? `: ${e(d.decision.rationale)}` : ''}` : 'open';
      parts.push(`<tr><td class="num">${d.size.toLocaleString('en')}</td><td>${e(DISAGREEMENT_KIND_LABEL[d.kind])}</td><td>${e(d.documentTitle)} (${d.start}–${d.end})</td><td><blockquote>${e(d.quote)}</blockquote></td><td>${names(d.a.codeIds)}</td><td>${names(d.b.codeIds)}</td><td>${decision}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }

  parts.push('<h2>CMO configurations</h2>');
  const cmocNotes = new Notes();
  const nameOf = (id: string) => report.coders.find((c) => c.id === id)?.name ?? id;
  parts.push(`<table><thead><tr><th>Coders</th><th class="num">Both proposed</th><th class="num">Only the first</th><th class="num">Only the second</th><th class="num">${e(overallInfo('cmoc_matched_share', m, report.options).label)}</th><th class="num">${e(overallInfo('cmoc_mean_similarity', m).label)}</th></tr></thead><tbody>`);
  for (const p of report.cmoc.pairs) {
    parts.push(`<tr><td>${e(nameOf(p.coderA))} – ${e(nameOf(p.coderB))}</td><td class="num">${p.both}</td><td class="num">${p.onlyA}</td><td class="num">${p.onlyB}</td>${cellHtml(p.matchedShare, 'percent', cmocNotes)}${cellHtml(p.meanSimilarity, 'coefficient', cmocNotes)}</tr>`);
  }
  parts.push(`</tbody></table>${cmocNotes.html()}`);
  if (report.cmoc.items.length > 0) {
    const text = (c: CmocBrief | null) => (c ? `<strong>${e(c.label)}</strong><br>${e(c.statement)}` : '—');
    parts.push(`<table><thead><tr><th>Match</th><th>${e(report.coders[0]!.name)}</th><th>${e(report.coders[1]!.name)}</th><th>Decision</th></tr></thead><tbody>`);
    for (const x of report.cmoc.items) {
      const decision = x.decision ? `${e(DECISION_LABEL[x.decision.decision] ?? x.decision.decision)}${x.decision.rationale ? `: ${e(x.decision.rationale)}` : ''}` : 'open';
      parts.push(`<tr><td>${e(x.kind)}${x.similarity !== null ? ` (${x.similarity.toFixed(2)})` : ''}</td><td>${text(x.a)}</td><td>${text(x.b)}</td><td>${decision}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }
  parts.push('<p class="meta">Formulas: Cohen (1960), Conger (1980), Fleiss (1971), Krippendorff (2004) for α and uα; segment agreement as MAXQDA describes it. A statistic that divides 0 by 0 is reported as undefined with its reason.</p></body></html>');
  return parts.join('\n');
}

/** A file name for the report: "<project> - agreement <A> vs <B>.<ext>", without characters file systems refuse. */
export function reportFileName(report: AgreementReport, projectName: string, ext: 'csv' | 'html'): string {
  const who = report.coders.length === 2 ? `${report.coders[0]!.name} vs ${report.coders[1]!.name}` : `${report.coders.length} coders`;
  const base = `${projectName} - agreement ${who}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').slice(0, 180).trim();
  return `${base}.${ext}`;
}
