/**
 * Exports of the coding work: the CMOC table (CSV, XLSX, DOCX, JSON), the codebook (CSV,
 * REFI-QDA .qdc, JSON) and the excerpts (CSV, JSON). Each export is built in memory and
 * written at once, so a failed export never leaves half a file where a good one was.
 *
 * The CMOC table is what a realist review reports (RAMESES item 14-16): each configuration's
 * if-then-because statement, its context, mechanism and outcome codes, and the quotes that
 * back it with an author-date citation taken from the document's record.
 */
import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { AppError } from '../../../shared/api/errors';
import { toCodebookCsv } from '../../../shared/coding/codebook-csv';
import { toQdc } from '../../../shared/coding/qdc';
import { shortCitation } from '../../../shared/coding/citation';
import { FORMULA_START } from '../../../shared/security/spreadsheet-cells';
import type { EvidenceRole } from '../../../shared/coding/types';
import type { CodingService } from '../coding/coding-service';
import { checkExportTarget, writeExportFile } from './safe-write';

/** What can be exported, and in which file formats. */
export type ExportWhat = 'cmocs' | 'codebook' | 'excerpts';
export type ExportFormat = 'csv' | 'xlsx' | 'docx' | 'json' | 'qdc';

/** Which formats each export offers. */
export const EXPORT_FORMATS: Record<ExportWhat, readonly ExportFormat[]> = {
  cmocs: ['csv', 'xlsx', 'docx', 'json'],
  codebook: ['csv', 'qdc', 'json'],
  excerpts: ['csv', 'json'],
};

/** One CMOC as the JSON export writes it (a public format: add fields, never rename them). */
export interface CmocExport {
  id: string;
  label: string;
  statement: string;
  coder: string | null;
  layer: 'coder' | 'consensus';
  contexts: string[];
  /** Resources then responses, for readers that do not split the mechanism. */
  mechanisms: string[];
  mechanismResources: string[];
  mechanismResponses: string[];
  outcomes: string[];
  /** Codes of other kinds (intervention, actor, ...), as "Kind: name". */
  otherCodes: string[];
  supporting: number;
  refuting: number;
  refining: number;
  documents: number;
  number: number;
  status: string;
  appraisals?: string[];
  memos?: string[];
  evidence: Array<{ excerptId: string; role: EvidenceRole; quote: string; documentId: string; citation: string; page: number | null; note: string | null }>;
}

/** What a CMOC export holds beyond the CMOCs themselves (the export dialog's choices). */
export interface CmocExportOptions {
  /** Only these CMOCs (the rows the table shows after filtering); left out: all. */
  ids?: readonly string[] | undefined;
  /** Each evidence document's appraisals (relevance, rigour, by whom). */
  includeAppraisals?: boolean | undefined;
  /** The memos written on each CMOC. */
  includeMemos?: boolean | undefined;
}

/** The CMOC rows of every export, in label order. */
export function cmocExportRows(service: CodingService, options: CmocExportOptions = {}): CmocExport[] {
  const kinds = new Map(service.listKinds().map((k) => [k.id, k.label]));
  const only = options.ids ? new Set(options.ids) : null;
  const appraisals = options.includeAppraisals ? service.listAppraisals() : [];
  return service.listCmocs({ sort: 'label' }).filter((s) => !only || only.has(s.id)).map((s) => {
    const detail = service.withEvidence(s);
    const docs = [...new Map(detail.evidence.map((e) => [e.documentId, e.citation])).entries()];
    const extra = {
      number: detail.number,
      status: detail.status,
      ...(options.includeAppraisals
        ? {
            appraisals: docs.flatMap(([documentId, citation]) =>
              appraisals
                .filter((a) => a.documentId === documentId)
                .map((a) => `${citation}: relevance ${a.relevance ?? '-'}, rigour ${a.rigour ?? '-'} (${a.coder ?? 'consensus'})${a.rigourNote ? ` - ${a.rigourNote}` : ''}`),
            ),
          }
        : {}),
      ...(options.includeMemos ? { memos: detail.memos.map((m) => `${m.coder ?? 'consensus'}: ${m.body}`) } : {}),
    };
    const names = (role: string) => detail.codes.filter((c) => c.role === role).map((c) => c.name);
    const resources = names('mechanism-resource');
    const responses = names('mechanism-response');
    return {
      id: detail.id,
      label: detail.label,
      statement: detail.statement,
      coder: detail.coder,
      layer: detail.layer,
      contexts: names('context'),
      mechanisms: [...resources, ...responses],
      mechanismResources: resources,
      mechanismResponses: responses,
      outcomes: names('outcome'),
      otherCodes: detail.codes
        .filter((c) => !['context', 'mechanism-resource', 'mechanism-response', 'outcome'].includes(c.role))
        .map((c) => `${kinds.get(c.role) ?? c.role}: ${c.name}`),
      supporting: detail.supporting,
      refuting: detail.refuting,
      refining: detail.refining,
      documents: detail.documents,
      ...extra,
      evidence: detail.evidence.map((e) => ({
        excerptId: e.excerptId,
        role: e.role,
        quote: e.quote,
        documentId: e.documentId,
        citation: e.citation,
        page: e.pageIndex === null ? null : e.pageIndex + 1,
        note: e.note,
      })),
    };
  });
}

/** "“quote” (Hudon et al. (2020), p. 3; refutes)": one line of evidence in the flat exports. */
export function quoteLine(e: CmocExport['evidence'][number]): string {
  const where = [e.citation, e.page !== null ? `p. ${e.page}` : '', e.role !== 'supports' ? e.role : ''].filter(Boolean).join(', ');
  return `\u201c${e.quote}\u201d (${where})`;
}

const CMOC_COLUMNS = [
  { header: 'CMOC', key: 'label', width: 14 },
  { header: 'If-then-because statement', key: 'statement', width: 60 },
  { header: 'Context', key: 'contexts', width: 30 },
  { header: 'Mechanism: resource', key: 'resources', width: 30 },
  { header: 'Mechanism: response', key: 'responses', width: 30 },
  { header: 'Outcome', key: 'outcomes', width: 30 },
  { header: 'Supporting', key: 'supporting', width: 11 },
  { header: 'Refuting', key: 'refuting', width: 10 },
  { header: 'Refining', key: 'refining', width: 10 },
  { header: 'Documents', key: 'documents', width: 11 },
  { header: 'Evidence', key: 'evidence', width: 80 },
  { header: 'Appraisals', key: 'appraisals', width: 60 },
  { header: 'Memos', key: 'memos', width: 60 },
  { header: 'Status', key: 'status', width: 10 },
  { header: 'Number', key: 'number', width: 8 },
  { header: 'Id', key: 'id', width: 38 },
] as const;

/** The columns a CMOC export has: appraisals and memos only when asked for. */
function cmocColumns(cmocs: readonly CmocExport[]): ReadonlyArray<(typeof CMOC_COLUMNS)[number]> {
  const has = (k: 'appraisals' | 'memos') => cmocs.some((c) => c[k] !== undefined);
  return CMOC_COLUMNS.filter((c) => (c.key !== 'appraisals' || has('appraisals')) && (c.key !== 'memos' || has('memos')));
}

function flatCmoc(c: CmocExport): Record<(typeof CMOC_COLUMNS)[number]['key'], string | number> {
  return {
    number: c.number,
    label: c.label,
    status: c.status,
    statement: c.statement,
    contexts: c.contexts.join('; '),
    resources: c.mechanismResources.join('; '),
    responses: c.mechanismResponses.join('; '),
    outcomes: c.outcomes.join('; '),
    supporting: c.supporting,
    refuting: c.refuting,
    refining: c.refining,
    documents: c.documents,
    evidence: c.evidence.map(quoteLine).join('\n'),
    appraisals: (c.appraisals ?? []).join('\n'),
    memos: (c.memos ?? []).join('\n'),
    id: c.id,
  };
}

function csvOf(columns: ReadonlyArray<{ header: string; key: string }>, rows: ReadonlyArray<Record<string, unknown>>): string {
  // A BOM so that Excel opens the UTF-8 file with its curly quotes and accents intact.
  return `\uFEFF${Papa.unparse({ fields: columns.map((c) => c.header), data: rows.map((r) => columns.map((c) => r[c.key] ?? '')) }, { newline: '\r\n', escapeFormulae: FORMULA_START })}\r\n`;
}

async function cmocXlsx(cmocs: CmocExport[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Realist Workbench';
  const sheet = wb.addWorksheet('CMOCs', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = cmocColumns(cmocs).map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const c of cmocs) sheet.addRow(flatCmoc(c));
  sheet.getRow(1).font = { bold: true };
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
  const evidence = wb.addWorksheet('Evidence', { views: [{ state: 'frozen', ySplit: 1 }] });
  evidence.columns = [
    { header: 'CMOC', key: 'cmoc', width: 14 },
    { header: 'Role', key: 'role', width: 10 },
    { header: 'Quote', key: 'quote', width: 80 },
    { header: 'Citation', key: 'citation', width: 24 },
    { header: 'Page', key: 'page', width: 6 },
    { header: 'Note', key: 'note', width: 30 },
    { header: 'Excerpt id', key: 'excerptId', width: 38 },
    { header: 'Document id', key: 'documentId', width: 38 },
  ];
  for (const c of cmocs) for (const e of c.evidence) evidence.addRow({ cmoc: c.label || c.id, ...e, note: e.note ?? '' });
  evidence.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cell(paragraphs: Paragraph[], widthPct: number): TableCell {
  return new TableCell({ children: paragraphs.length > 0 ? paragraphs : [new Paragraph('')], width: { size: widthPct, type: WidthType.PERCENTAGE } });
}

function labelled(label: string, names: string[]): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(names.length > 0 ? names.join('; ') : '\u2014')] });
}

async function cmocDocx(cmocs: CmocExport[], title: string): Promise<Buffer> {
  const header = new TableRow({
    tableHeader: true,
    children: ['CMOC', 'If\u2013then\u2013because statement', 'Context, mechanism and outcome codes', 'Evidence'].map((h, i) =>
      cell([new Paragraph({ children: [new TextRun({ text: h, bold: true })] })], [10, 30, 25, 35][i]!),
    ),
  });
  const rows = cmocs.map(
    (c) =>
      new TableRow({
        children: [
          cell([new Paragraph(c.label || '\u2014')], 10),
          cell([new Paragraph(c.statement)], 30),
          cell(
            [
              labelled('C', c.contexts),
              labelled('M (resource)', c.mechanismResources),
              labelled('M (response)', c.mechanismResponses),
              labelled('O', c.outcomes),
              ...(c.otherCodes.length > 0 ? [new Paragraph(c.otherCodes.join('; '))] : []),
            ],
            25,
          ),
          cell(
            c.evidence.map(
              (e) =>
                new Paragraph({
                  spacing: { after: 80 },
                  children: [
                    new TextRun({ text: `\u201c${e.quote}\u201d`, italics: true }),
                    new TextRun(` \u2014 ${e.citation}${e.page !== null ? `, p. ${e.page}` : ''}`),
                    ...(e.role !== 'supports' ? [new TextRun({ text: ` [${e.role}]`, bold: true })] : []),
                  ],
                }),
            ),
            35,
          ),
        ],
      }),
  );
  const doc = new Document({
    creator: 'Realist Workbench',
    title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            children: [new TextRun(`${cmocs.length} context\u2013mechanism\u2013outcome configurations with their evidence.`)],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const EXCERPT_COLUMNS = [
  { header: 'Excerpt id', key: 'excerptId' },
  { header: 'Document', key: 'documentTitle' },
  { header: 'Citation', key: 'citation' },
  { header: 'Page', key: 'page' },
  { header: 'Start', key: 'start' },
  { header: 'End', key: 'end' },
  { header: 'Quote', key: 'quote' },
  { header: 'Codes', key: 'codes' },
  { header: 'Document id', key: 'documentId' },
];

/** Every live excerpt with its codes ("Coder: code; ..."), in document then text order. */
export function excerptExportRows(service: CodingService): Array<Record<string, unknown>> {
  const rows = service.store.db
    .prepare(
      `SELECT e.id, e.document_id, d.title, r.authors, r.year, e.page_index, e.start, e.end, e.quote
       FROM excerpts e JOIN documents d ON d.id = e.document_id AND d.deleted_at IS NULL LEFT JOIN records r ON r.id = d.record_id
       WHERE e.deleted_at IS NULL AND ${service.store.layerFilter('e.coder_id')} ORDER BY d.title COLLATE NOCASE, e.start`,
    )
    .all() as Array<{ id: string; document_id: string; title: string; authors: string | null; year: number | null; page_index: number | null; start: number; end: number; quote: string }>;
  return rows.map((r) => {
    const codings = service.codingsOfExcerpt(r.id);
    return {
      excerptId: r.id,
      documentId: r.document_id,
      documentTitle: r.title,
      citation: r.authors === null && r.year === null ? r.title : shortCitation(JSON.parse(r.authors ?? '[]') as Array<{ family?: string }>, r.year, r.title),
      page: r.page_index === null ? '' : r.page_index + 1,
      start: r.start,
      end: r.end,
      quote: r.quote,
      codes: codings.map((c) => `${c.coder ?? 'unattributed'}: ${c.code}`).join('; '),
      codings: codings.map((c) => ({ code: c.code, kind: c.kind, coder: c.coder })),
    };
  });
}

/** Builds an export in memory; the caller writes it. `rows` is how many items it holds. */
export async function buildCodingExport(service: CodingService, what: ExportWhat, format: ExportFormat, origin: string, options: CmocExportOptions = {}): Promise<{ data: Buffer; rows: number }> {
  if (!EXPORT_FORMATS[what].includes(format)) {
    throw new AppError('VALIDATION', `The ${what} export comes as ${EXPORT_FORMATS[what].join(', ')}, not ${format}.`);
  }
  const text = (s: string) => Buffer.from(s, 'utf8');
  if (what === 'cmocs') {
    const cmocs = cmocExportRows(service, options);
    const title = `${service.store.summary().name}: CMO configurations`;
    if (format === 'json') return { data: text(`${JSON.stringify(cmocs, null, 2)}\n`), rows: cmocs.length };
    if (format === 'csv') return { data: text(csvOf(cmocColumns(cmocs), cmocs.map(flatCmoc))), rows: cmocs.length };
    if (format === 'xlsx') return { data: await cmocXlsx(cmocs), rows: cmocs.length };
    return { data: await cmocDocx(cmocs, title), rows: cmocs.length };
  }
  if (what === 'codebook') {
    const codes = service.listCodes();
    if (format === 'csv') return { data: text(toCodebookCsv(codes)), rows: codes.length };
    if (format === 'json') return { data: text(`${JSON.stringify({ kinds: service.listKinds(), codes }, null, 2)}\n`), rows: codes.length };
    const kindGuids = new Map<string, string>();
    const qdc = toQdc({
      codes,
      kinds: service.listKinds(),
      origin,
      kindGuid: (k) => {
        if (!kindGuids.has(k)) kindGuids.set(k, randomUUID());
        return kindGuids.get(k)!;
      },
    });
    return { data: text(qdc), rows: codes.length };
  }
  const rows = excerptExportRows(service);
  if (format === 'json') return { data: text(`${JSON.stringify(rows, null, 2)}\n`), rows: rows.length };
  return { data: text(csvOf(EXCERPT_COLUMNS, rows)), rows: rows.length };
}

/**
 * Writes an export to `file` through ./safe-write: never over a project (the open one least of
 * all), and over an existing file only with `overwrite`.
 */
export async function writeCodingExport(
  service: CodingService,
  what: ExportWhat,
  format: ExportFormat,
  file: string,
  origin: string,
  options: { overwrite?: boolean } & CmocExportOptions = {},
): Promise<{ path: string; bytes: number; rows: number }> {
  // Checked before the work of building the export, and again when writing.
  const guard = { overwrite: options.overwrite === true, projectPath: service.store.path };
  checkExportTarget(file, guard);
  const { data, rows } = await buildCodingExport(service, what, format, origin, options);
  return { path: writeExportFile(file, data, guard), bytes: data.length, rows };
}

/** The file name an export gets by default: "<project> - <what>.<format>". */
export function exportFileName(projectName: string, what: ExportWhat, format: ExportFormat): string {
  const base = projectName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim() || 'project';
  return `${base} - ${what}.${format}`;
}

/** The media type of each export format (for a browser download). */
export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
  qdc: 'application/xml; charset=utf-8',
};
