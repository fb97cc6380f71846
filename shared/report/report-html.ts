/**
 * The review report as one self-contained HTML page: styles inline, the flow diagram as inline
 * SVG (its boxes readable in the DOM), the theory diagrams as SVG data URIs (each keeps its own
 * ids and fonts), no script and nothing fetched, so it opens offline, prints on A4 with a
 * print style sheet, and can be attached to a submission as is. Pure: a `ReviewReport` in, a
 * string out.
 */
import { escapeXml } from '../agreement/heatmap';
import { referenceText, type ReferenceSegment } from './citation-style';
import { FLOW_KEYS, FLOW_LABELS, flowCounts, flowDiagramSvg } from './flow-diagram';
import type { ReportAppraisal, ReportTheoryVersion, ReviewReport } from './report-types';

const e = escapeXml;

/** The words the report uses for each section, shared with the DOCX writer. */
export const REPORT_SECTIONS = {
  flow: '1. Flow of documents',
  documents: '2. Documents and their appraisal',
  cmocs: '3. Context\u2013mechanism\u2013outcome configurations',
  theory: '4. Program theory and its refinement',
  agreement: '5. Agreement between coders',
  references: 'References',
} as const;

/** The sentence saying which CMOC layer the table shows. */
export function cmocLayerSentence(r: ReviewReport): string {
  const n = r.cmocs.items.length;
  return r.cmocs.layer === 'consensus'
    ? `${n} configuration${n === 1 ? '' : 's'} of the consensus layer (what the team agreed), with the quotes that support, refine or refute each.`
    : `The consensus layer holds no configurations yet, so this table shows every coder\u2019s configurations (${n}), each with its coder, and the quotes behind them.`;
}

/** "Relevance high, rigour moderate (Reviewer A)" lines for a document's appraisals. */
export function appraisalLine(a: ReportAppraisal): string {
  return `${a.consensus ? 'Consensus' : a.coder}: relevance ${a.relevance ?? '\u2014'}, rigour ${a.rigour ?? '\u2014'}`;
}

/** The refinement change kinds in words. */
export const CHANGE_LABEL: Record<string, string> = {
  kept: 'Kept',
  modified: 'Modified',
  split: 'Split',
  merged: 'Merged',
  dropped: 'Dropped',
  added: 'Added',
};

function segmentsHtml(segments: readonly ReferenceSegment[]): string {
  return segments.map((s) => (s.italic ? `<i>${e(s.text)}</i>` : e(s.text))).join('');
}

function list(items: string[]): string {
  return items.length === 0 ? '\u2014' : items.map(e).join('; ');
}

function base64Utf8(text: string): string {
  // btoa takes Latin-1; encode UTF-8 bytes first. `shared/` has no Buffer.
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function diagram(v: ReportTheoryVersion, caption: string): string {
  return `<figure class="diagram"><img alt="${e(caption)}" width="${Math.round(v.width)}" height="${Math.round(v.height)}" src="data:image/svg+xml;base64,${base64Utf8(v.svg)}"><figcaption>${e(caption)}</figcaption></figure>`;
}

/**
 * The report's one style sheet. Its SHA-256 is allowed by the app's Content-Security-Policy
 * (shared/security/csp.ts, REPORT_STYLE_HASH) so that the in-app preview, a `srcdoc` frame that
 * inherits the page's policy, shows the report styled exactly as the exported file; a test
 * keeps the two equal.
 */
export const REPORT_STYLE = `
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:11pt;line-height:1.45;color:#1d2330;max-width:1100px;margin:2em auto;padding:0 1.5em}
h1{font-size:20pt;margin-bottom:.2em}h2{font-size:15pt;margin-top:1.8em;border-bottom:1px solid #ced4da;padding-bottom:.2em}h3{font-size:12pt}
.meta{color:#495057}table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em}th,td{border:1px solid #ced4da;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f1f3f5}td.num{text-align:right;font-variant-numeric:tabular-nums}blockquote{margin:.2em 0 .5em;font-style:italic}
.role{font-weight:bold;font-style:normal}figure{margin:1em 0}figure img,figure svg{max-width:100%;height:auto}figcaption{color:#495057;font-size:10pt}
ol.refs li{margin-bottom:.35em}.note{color:#495057;font-size:10pt}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}h2{break-after:avoid}tr,figure,blockquote{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:18mm}`;

/** The report as HTML (see the module comment). */
export function reportHtml(r: ReviewReport): string {
  const counts = flowCounts(r.flow);
  const out: string[] = [];
  out.push(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(r.title)}</title><style>${REPORT_STYLE}</style></head><body>`,
    `<h1>${e(r.title)}</h1>`,
    `<p class="meta">Realist synthesis report, made ${e(r.madeAt.slice(0, 10))} with Realist Workbench ${e(r.appVersion)}. Sections follow the RAMESES publication standards for realist syntheses. References in ${r.style === 'apa' ? 'APA (7th edition)' : 'Vancouver'} style.</p>`,
  );

  // 1. Flow
  out.push(`<section id="flow"><h2>${REPORT_SECTIONS.flow}</h2>`);
  out.push(`<figure class="flow">${flowDiagramSvg(r.flow)}<figcaption>Figure 1. Flow of documents through the review.</figcaption></figure>`);
  out.push('<h3>Records found, by source</h3><table id="flow-sources"><thead><tr><th>Source (import)</th><th>Files</th><th>Records</th></tr></thead><tbody>');
  for (const s of r.flow.sources) out.push(`<tr><td>${e(s.label)}</td><td>${list(s.files)}</td><td class="num">${s.records}</td></tr>`);
  out.push(`</tbody></table><table id="flow-counts"><thead><tr><th>Stage</th><th>Number</th></tr></thead><tbody>`);
  for (const k of FLOW_KEYS) out.push(`<tr data-flow="${k}"><td>${e(FLOW_LABELS[k])}</td><td class="num">${counts[k]}</td></tr>`);
  out.push('</tbody></table>');
  if (r.flow.openDuplicates > 0) out.push(`<p class="note">${r.flow.openDuplicates} screened records sit in duplicate groups not yet resolved.</p>`);
  out.push('</section>');

  // 2. Documents
  out.push(`<section id="documents"><h2>${REPORT_SECTIONS.documents}</h2>`);
  if (r.documents.length === 0) out.push('<p>No documents in the synthesis yet.</p>');
  else {
    out.push('<p>Relevance: does the document speak to the program theory? Rigour: is the method that produced the data credible and trustworthy? Each coder\u2019s appraisal is listed, and the consensus where the team agreed one.</p>');
    out.push('<table id="documents-table"><thead><tr><th>#</th><th>Document</th><th>Source</th><th>Appraisal (relevance, rigour)</th><th>Notes</th></tr></thead><tbody>');
    for (const d of r.documents) {
      const notes = d.appraisals.flatMap((a) => [a.relevanceNote && `${a.consensus ? 'Consensus' : a.coder}, relevance: ${a.relevanceNote}`, a.rigourNote && `${a.consensus ? 'Consensus' : a.coder}, rigour: ${a.rigourNote}`].filter(Boolean));
      out.push(
        `<tr><td class="num">${d.number}</td><td>${e(d.shortCitation)}<br><span class="note">${e(d.title)}</span></td><td>${d.fromRecord ? 'Search' : 'Other source'}</td><td>${d.appraisals.length === 0 ? 'Not appraised' : d.appraisals.map((a) => e(appraisalLine(a))).join('<br>')}</td><td>${notes.map((n) => e(n)).join('<br>')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  // 3. CMOCs
  out.push(`<section id="cmocs"><h2>${REPORT_SECTIONS.cmocs}</h2><p>${e(cmocLayerSentence(r))}</p>`);
  if (r.cmocs.items.length > 0) {
    out.push(`<table id="cmoc-table"><thead><tr><th>CMOC</th><th>If\u2013then\u2013because statement</th><th>Context, mechanism, outcome</th><th>Evidence</th></tr></thead><tbody>`);
    for (const c of r.cmocs.items) {
      const quotes = c.evidence.map((q) => `<blockquote>\u201c${e(q.quote)}\u201d <span class="role">\u2014 ${e(q.citation)}${q.page !== null ? `, p. ${q.page}` : ''}${q.role !== 'supports' ? ` [${q.role}]` : ''}</span></blockquote>`);
      out.push(
        `<tr><td>${e(c.label || '\u2014')}${r.cmocs.layer === 'all' ? `<br><span class="note">${e(c.coder)}</span>` : ''}</td><td>${e(c.statement)}</td><td><b>C:</b> ${list(c.contexts)}<br><b>M (resource):</b> ${list(c.resources)}<br><b>M (response):</b> ${list(c.responses)}<br><b>O:</b> ${list(c.outcomes)}</td><td>${quotes.join('') || '\u2014'}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  // 4. Theory
  out.push(`<section id="theory"><h2>${REPORT_SECTIONS.theory}</h2>`);
  const t = r.theory;
  if (!t.initial) out.push('<p>No program theory versions yet.</p>');
  else {
    out.push(diagram(t.initial, `Figure 2. Initial program theory (${t.initial.label}, ${t.initial.cmocCount} CMOCs).`));
    if (t.initial.notes) out.push(`<p class="note">${e(t.initial.notes)}</p>`);
    if (t.refined) {
      out.push(diagram(t.refined, `Figure 3. Refined program theory (${t.refined.label}, ${t.refined.cmocCount} CMOCs).`));
      if (t.refined.notes) out.push(`<p class="note">${e(t.refined.notes)}</p>`);
    }
    for (const s of t.steps) {
      out.push(`<h3>From \u201c${e(s.from)}\u201d to \u201c${e(s.to)}\u201d</h3>`);
      if (!s.stored) out.push('<p class="note">The reviewers have not confirmed this mapping: these are the changes the app proposes.</p>');
      out.push('<table class="changes"><thead><tr><th>Change</th><th>From</th><th>To</th><th>Rationale</th></tr></thead><tbody>');
      for (const c of s.changes) out.push(`<tr><td>${e(CHANGE_LABEL[c.kind] ?? c.kind)}${c.status === 'proposed' ? ' (proposed)' : ''}</td><td>${list(c.from)}</td><td>${list(c.to)}</td><td>${e(c.rationale) || '\u2014'}</td></tr>`);
      out.push('</tbody></table>');
    }
  }
  out.push('</section>');

  // 5. Agreement
  const a = r.agreement;
  out.push(`<section id="agreement"><h2>${REPORT_SECTIONS.agreement}</h2>`);
  if (a.note) out.push(`<p>${e(a.note)}</p>`);
  if (a.figures.length > 0) {
    out.push(`<p>Coders compared: ${e(a.coders.join(', '))}. ${a.disagreements.total} passages coded differently, ${a.disagreements.reconciled} of them reconciled.</p>`);
    out.push('<table id="agreement-table"><thead><tr><th>Statistic</th><th>Value</th><th>Unit of analysis</th><th>What it measures</th></tr></thead><tbody>');
    for (const f of a.figures) out.push(`<tr><td>${e(f.label)}</td><td class="num">${e(f.value)}${f.reason ? `<br><span class="note">${e(f.reason)}</span>` : ''}</td><td>${e(f.unit)}</td><td>${e(f.about)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push('</section>');

  // References
  out.push(`<section id="references"><h2>${REPORT_SECTIONS.references}</h2><ol class="refs">`);
  for (const d of uniqueReferences(r)) out.push(`<li value="${d.number}">${segmentsHtml(d.referenceSegments)}</li>`);
  out.push('</ol></section></body></html>');
  return out.join('\n');
}

/** The reference list: one entry per number (documents of one record share a reference). */
export function uniqueReferences(r: ReviewReport): ReviewReport['documents'] {
  const seen = new Set<number>();
  return r.documents.filter((d) => !seen.has(d.number) && Boolean(seen.add(d.number)));
}

/** A document's reference as plain text (for callers that print no italics). */
export function documentReferenceText(d: { referenceSegments: readonly ReferenceSegment[] }): string {
  return referenceText(d.referenceSegments);
}
