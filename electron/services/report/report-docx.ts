/**
 * The review report as a Word document (the `docx` package), with the same sections and words
 * as the HTML page (shared/report/report-html.ts): the flow of documents as a table of the
 * diagram's numbers, the documents with their appraisals, the CMOC table with quotes, the
 * theory diagrams as PNG (rendered from the same SVG as the theory export, 150 dpi) with the
 * refinement changes, the agreement figures with their definitions, and the references with
 * the italics their style asks for.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { FLOW_KEYS, FLOW_LABELS, flowCounts } from '../../../shared/report/flow-diagram';
import { appraisalLine, CHANGE_LABEL, cmocLayerSentence, REPORT_SECTIONS, uniqueReferences } from '../../../shared/report/report-html';
import type { ReportTheoryVersion, ReviewReport } from '../../../shared/report/report-types';
import { svgToPng } from '../theory/theory-export';

/** Width of the text block of an A4 page with 2 cm margins, in CSS px (96 per inch). */
const TEXT_WIDTH_PX = 642;
/** Resolution of the theory diagrams in the document: sharp in print, small in size. */
const DIAGRAM_DPI = 150;

function para(text: string, options: { bold?: boolean; italics?: boolean } = {}): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, ...options })] });
}

function cell(children: Paragraph[] | string, widthPct: number | undefined, header = false): TableCell {
  const paragraphs = typeof children === 'string' ? [para(children, { bold: header })] : children;
  return new TableCell({ children: paragraphs.length > 0 ? paragraphs : [para('')], ...(widthPct !== undefined ? { width: { size: widthPct, type: WidthType.PERCENTAGE } } : {}) });
}

/** A full-width table with a repeated header row; `widths` in percent of the text width. */
function table(headers: string[], rows: Array<Array<Paragraph[] | string>>, widths?: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widths?.[i], true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, widths?.[i])) })),
    ],
  });
}

const heading = (text: string, level: 1 | 2 | 3 = 2) =>
  new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: [new TextRun(text)] });

const joined = (items: string[]) => (items.length === 0 ? '\u2014' : items.join('; '));

function diagram(v: ReportTheoryVersion, caption: string): Paragraph[] {
  const { png } = svgToPng(v.svg, { width: v.width, height: v.height }, DIAGRAM_DPI);
  const scale = Math.min(1, TEXT_WIDTH_PX / v.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: Math.round(v.width * scale), height: Math.round(v.height * scale) }, altText: { name: caption, description: caption, title: caption } })],
    }),
    para(caption, { italics: true }),
  ];
}

/** The report as DOCX bytes. */
export async function reportDocx(r: ReviewReport): Promise<Buffer> {
  const body: Array<Paragraph | Table> = [];
  body.push(heading(r.title, 1));
  body.push(
    para(
      `Realist synthesis report, made ${r.madeAt.slice(0, 10)} with Realist Workbench ${r.appVersion}. Sections follow the RAMESES publication standards for realist syntheses. References in ${r.style === 'apa' ? 'APA (7th edition)' : 'Vancouver'} style.`,
    ),
  );

  body.push(heading(REPORT_SECTIONS.flow));
  body.push(para('Table 1. Flow of documents through the review (the numbers of the flow diagram).', { italics: true }));
  const counts = flowCounts(r.flow);
  body.push(table(['Stage', 'Number'], FLOW_KEYS.map((k) => [FLOW_LABELS[k], String(counts[k])]), [75, 25]));
  body.push(para('Records found, by source', { bold: true }));
  body.push(table(['Source (import)', 'Files', 'Records'], r.flow.sources.map((s) => [s.label, joined(s.files), String(s.records)]), [40, 45, 15]));
  if (r.flow.openDuplicates > 0) body.push(para(`${r.flow.openDuplicates} screened records sit in duplicate groups not yet resolved.`));

  body.push(heading(REPORT_SECTIONS.documents));
  if (r.documents.length === 0) body.push(para('No documents in the synthesis yet.'));
  else {
    body.push(para('Relevance: does the document speak to the program theory? Rigour: is the method that produced the data credible and trustworthy? Each coder\u2019s appraisal is listed, and the consensus where the team agreed one.'));
    body.push(
      table(
        ['#', 'Document', 'Source', 'Appraisal (relevance, rigour)', 'Notes'],
        r.documents.map((d) => [
          String(d.number),
          [para(d.shortCitation), para(d.title, { italics: true })],
          d.fromRecord ? 'Search' : 'Other source',
          d.appraisals.length === 0 ? 'Not appraised' : d.appraisals.map((a) => para(appraisalLine(a))),
          d.appraisals.flatMap((a) => {
            const who = a.consensus ? 'Consensus' : a.coder;
            return [a.relevanceNote && para(`${who}, relevance: ${a.relevanceNote}`), a.rigourNote && para(`${who}, rigour: ${a.rigourNote}`)].filter((p): p is Paragraph => Boolean(p));
          }),
        ]),
        [6, 34, 12, 24, 24],
      ),
    );
  }

  body.push(heading(REPORT_SECTIONS.cmocs));
  body.push(para(cmocLayerSentence(r)));
  if (r.cmocs.items.length > 0) {
    body.push(
      table(
        ['CMOC', 'If\u2013then\u2013because statement', 'Context, mechanism, outcome', 'Evidence'],
        r.cmocs.items.map((c) => [
          [para(c.label || '\u2014'), ...(r.cmocs.layer === 'all' ? [para(c.coder, { italics: true })] : [])],
          c.statement,
          [para(`C: ${joined(c.contexts)}`), para(`M (resource): ${joined(c.resources)}`), para(`M (response): ${joined(c.responses)}`), para(`O: ${joined(c.outcomes)}`)],
          c.evidence.map(
            (q) =>
              new Paragraph({
                spacing: { after: 80 },
                children: [
                  new TextRun({ text: `\u201c${q.quote}\u201d`, italics: true }),
                  new TextRun(` \u2014 ${q.citation}${q.page !== null ? `, p. ${q.page}` : ''}`),
                  ...(q.role !== 'supports' ? [new TextRun({ text: ` [${q.role}]`, bold: true })] : []),
                ],
              }),
          ),
        ]),
        [10, 28, 24, 38],
      ),
    );
  }

  body.push(heading(REPORT_SECTIONS.theory));
  const t = r.theory;
  if (!t.initial) body.push(para('No program theory versions yet.'));
  else {
    body.push(...diagram(t.initial, `Figure 1. Initial program theory (${t.initial.label}, ${t.initial.cmocCount} CMOCs).`));
    if (t.initial.notes) body.push(para(t.initial.notes));
    if (t.refined) {
      body.push(...diagram(t.refined, `Figure 2. Refined program theory (${t.refined.label}, ${t.refined.cmocCount} CMOCs).`));
      if (t.refined.notes) body.push(para(t.refined.notes));
    }
    for (const s of t.steps) {
      body.push(heading(`From \u201c${s.from}\u201d to \u201c${s.to}\u201d`, 3));
      if (!s.stored) body.push(para('The reviewers have not confirmed this mapping: these are the changes the app proposes.', { italics: true }));
      body.push(table(['Change', 'From', 'To', 'Rationale'], s.changes.map((c) => [`${CHANGE_LABEL[c.kind] ?? c.kind}${c.status === 'proposed' ? ' (proposed)' : ''}`, joined(c.from), joined(c.to), c.rationale || '\u2014']), [14, 22, 22, 42]));
    }
  }

  body.push(heading(REPORT_SECTIONS.agreement));
  const a = r.agreement;
  if (a.note) body.push(para(a.note));
  if (a.figures.length > 0) {
    body.push(para(`Coders compared: ${a.coders.join(', ')}. ${a.disagreements.total} passages coded differently, ${a.disagreements.reconciled} of them reconciled.`));
    body.push(table(['Statistic', 'Value', 'Unit of analysis', 'What it measures'], a.figures.map((f) => [f.label, f.reason ? [para(f.value), para(f.reason, { italics: true })] : f.value, f.unit, f.about]), [26, 12, 22, 40]));
  }

  body.push(heading(REPORT_SECTIONS.references));
  for (const d of uniqueReferences(r)) {
    body.push(new Paragraph({ spacing: { after: 80 }, children: [new TextRun(`${d.number}. `), ...d.referenceSegments.map((s) => new TextRun({ text: s.text, italics: s.italic === true }))] }));
  }

  const doc = new Document({
    creator: 'Realist Workbench',
    title: r.title,
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children: body }],
  });
  return Packer.toBuffer(doc);
}
