/**
 * Screening spreadsheets (CSV/TSV) from ASReview, Rayyan, Covidence, Embase, SLIM and hand-made
 * tables. Columns are recognised by name, case-insensitively, from the aliases below; the
 * delimiter (comma, semicolon or tab) is detected by papaparse. Each row's `line` is the
 * physical line where it starts, counting the newlines inside quoted fields, so an error
 * message points at the right place in a text editor.
 */
import Papa from 'papaparse';
import type { PersonName } from '../domain/types';
import { cleanText, extractYear, normaliseDoi, parsePersonName } from './normalise';
import { decisionFromNotes, parseDecision } from './screening-labels';
import { lineIndex } from './lines';
import { emptyRecord, parseFailure, type ParsedRecord, type ParseOutput } from './types';
import { admit, newSink } from './record-rule';

/**
 * Header aliases per field, first match wins (lower-cased, trimmed). The order matters where an
 * export has several candidates: Embase's "Title" before "Original Title"; ASReview's final
 * `label_included` before `label_abstract_screening`.
 */
const COLUMNS = {
  title: ['title', 'primary_title', 'article title', 'document title', 'ti', 'original title'],
  abstract: ['abstract', 'abstract note', 'ab', 'original abstract'],
  authors: ['authors', 'author', 'author names', 'author full names', 'first_authors', 'au'],
  year: ['year', 'publication_year', 'publication year', 'published year', 'py', 'date', 'publication date'],
  journal: ['journal', 'source title', 'secondary_title', 'journal/book', 'publication title', 'journal_name', 'source'],
  volume: ['volume', 'vl'],
  issue: ['issue', 'number', 'is'],
  pages: ['pages', 'page', 'sp'],
  startPage: ['start_page', 'start page'],
  endPage: ['end_page', 'end page'],
  doi: ['doi', 'do'],
  pmid: ['pmid', 'medline pmid', 'pubmed id', 'pubmed_id'],
  accession: ['accession number', 'accession_number', 'an'],
  pmcid: ['pmcid', 'pmc'],
  issn: ['issn', 'issn/isbn', 'sn'],
  keywords: ['keywords', 'author keywords', 'kw', 'tags'],
  url: ['url', 'link'],
  openUrl: ['open url link'],
  language: ['language', 'la', 'language of original document'],
  type: ['type_of_reference', 'type', 'document type', 'publication type', 'ty'],
  decision: ['label_included', 'included', 'decision', 'incl(1)/excl(0)', 'label', 'inclusion', 'screening decision', 'final decision', 'label_abstract_screening'],
  reason: ['exclusion_reason', 'exclusion reason', 'reason', 'reason for exclusion'],
  notes: ['notes', 'note', 'n1'],
} as const;

type Field = keyof typeof COLUMNS;

/** Which header index each field reads, decided once per file. */
function mapColumns(header: string[]): Partial<Record<Field, number[]>> {
  const lower = header.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const map: Partial<Record<Field, number[]>> = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    const found = COLUMNS[field].map((alias) => lower.indexOf(alias)).filter((i) => i >= 0);
    if (found.length) map[field] = found;
  }
  return map;
}

/**
 * Splits an author cell: "A; B" (most tools), "A and B" (SLIM), "Liu R., Adler D.G."
 * (Embase: comma between names that each contain a space), or a Python list literal
 * "['Marx, Karl', 'Lindgren, Astrid']" (ASReview's generic export).
 */
export function splitAuthorCell(value: string): PersonName[] {
  const v = value.trim();
  if (!v) return [];
  let parts: string[];
  const list = pythonList(v);
  if (list) parts = list;
  else if (v.includes(';')) parts = v.split(';');
  else parts = v.split(/\s*,?\s+and\s+/i).flatMap(splitCommaList);
  return parts.map((p) => p.trim()).filter(Boolean).map(toPerson);
}

/** "Liu R., Adler D.G." or "S. Yang, D. J. Koo": a comma list when every part has a space; "Smith, John" is one name. */
function splitCommaList(value: string): string[] {
  const parts = value.split(',');
  return parts.length > 1 && parts.every((p) => p.trim().includes(' ')) ? parts : [value];
}

/** The items of a Python list literal "['a', \"b\"]" (how ASReview writes list cells), else null. */
function pythonList(value: string): string[] | null {
  const list = /^\[(.*)\]$/s.exec(value.trim());
  if (!list) return null;
  return [...list[1]!.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** "Adler D.G." (family then dotted initials) is read here; anything else by parsePersonName. */
function toPerson(name: string): PersonName {
  const m = /^(.+?)\s+((?:[A-Z]\.?-?\s?){1,4})$/.exec(name);
  if (m && !name.includes(',') && m[2]!.includes('.')) return { family: m[1]!, given: m[2]!.trim() };
  return parsePersonName(name);
}

/**
 * Embase's "Source" cell: "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014".
 * Returns null for a plain journal name.
 */
function parseEmbaseSource(value: string): { journal: string; year: number | null; volume: string | null; issue: string | null; pages: string | null } | null {
  const m = /^(.+?)\s*\((\d{4})\)\s*([^\s:(]+)?(?::([^\s(]+))?\s*(?:\(([^)]*)\))?/.exec(value);
  if (!m) return null;
  return { journal: m[1]!.trim(), year: Number(m[2]), volume: m[3] ?? null, issue: m[4] ?? null, pages: m[5] ?? null };
}

/**
 * Parses a screening CSV/TSV. The first row is the header. Each row follows the importers' one
 * rule (record-rule.ts): kept when it has any content, with a warning for what it lacks.
 */
export function parseCsv(text: string): ParseOutput {
  // One line-break style for papaparse, which detects a single one per file (a mixed file
  // would otherwise glue rows together). CR LF and a lone CR both become LF, one line each.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lineAt = lineIndex(body);
  const rows: { cells: string[]; start: number; problems: string[] }[] = [];
  // Excel's "sep=;" first line names the delimiter; it is not the header.
  const sep = /^sep=([^\n])\n/.exec(body);
  const base = sep ? sep[0].length : 0;
  let rowStart = base;
  Papa.parse<string[]>(body.slice(base), {
    ...(sep ? { delimiter: sep[1] } : { delimitersToGuess: [',', ';', '\t'] }),
    skipEmptyLines: false,
    step: (result) => {
      // A one-column file has no delimiter to detect; papaparse's comma default is right then.
      const problems = result.errors.filter((e) => e.type !== 'Delimiter').map((e) => e.message);
      rows.push({ cells: result.data, start: rowStart, problems });
      rowStart = base + result.meta.cursor;
    },
  });
  const sink = newSink();
  const { errors } = sink;
  for (const row of rows) {
    // Papaparse's cursor points at the row's line break; the next row starts after it.
    if (body[row.start] === '\n') row.start++;
    for (const problem of row.problems) errors.push({ line: lineAt(row.start), message: `CSV: ${problem}` });
  }
  const header = rows.shift();
  if (!header) return parseFailure(1, 'the file is empty: no header row');
  const columns = mapColumns(header.cells);
  if (!columns.title && !columns.doi) {
    return parseFailure(1, `no title or DOI column in the header (${header.cells.slice(0, 8).join(', ')})`);
  }
  const names = header.cells.map((h) => h.replace(/^\uFEFF/, '').trim());
  for (const row of rows) {
    if (row.cells.every((c) => !c.trim())) continue;
    const line = lineAt(row.start);
    const raw = JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row.cells[i] ?? ''])));
    admit(sink, fromRow(row.cells, columns, line, raw), 'row');
  }
  errors.sort((a, b) => a.line - b.line);
  return sink;
}

function fromRow(cells: string[], columns: Partial<Record<Field, number[]>>, line: number, raw: string): ParsedRecord {
  /** First non-empty cell among a field's columns, cleaned; null when all are empty. */
  const get = (field: Field): string | null => {
    for (const i of columns[field] ?? []) {
      const v = cleanText(cells[i] ?? '');
      if (v) return v;
    }
    return null;
  };
  const r = emptyRecord(line, raw);
  r.type = get('type')?.toLowerCase() ?? null;
  r.title = get('title') ?? '';
  r.abstract = get('abstract');
  r.authors = splitAuthorCell(get('authors') ?? '');
  r.year = extractYear(get('year'));
  const source = get('journal');
  const embase = source ? parseEmbaseSource(source) : null;
  r.journal = embase?.journal ?? source;
  r.year ??= embase?.year ?? null;
  r.volume = get('volume') ?? embase?.volume ?? null;
  r.issue = get('issue') ?? embase?.issue ?? null;
  const start = get('startPage');
  const end = get('endPage');
  r.pages = get('pages')?.replace(/\s*[-–—]+\s*/g, '-') ?? (start ? (end ? `${start}-${end}` : start) : null) ?? embase?.pages ?? null;
  const openUrlDoi = /[?&]id=doi:([^&]+)/.exec(get('openUrl') ?? '');
  r.doi = normaliseDoi(get('doi')) ?? (openUrlDoi ? normaliseDoi(openUrlDoi[1]) : null);
  const accession = get('accession');
  r.pmid = get('pmid') ?? (accession && /^\d{1,9}$/.test(accession) ? accession : null);
  r.pmcid = get('pmcid');
  r.issn = get('issn');
  const keywords = get('keywords') ?? '';
  r.keywords = (pythonList(keywords) ?? keywords.split(/[;,]/)).map((k) => k.trim()).filter(Boolean);
  r.url = get('url');
  // SLIM and EndNote-derived tables carry the PMID only inside a PubMed link.
  r.pmid ??= /(?:ncbi\.nlm\.nih\.gov\/pubmed|pubmed\.ncbi\.nlm\.nih\.gov)\/(\d{1,9})\b/.exec(r.url ?? '')?.[1] ?? null;
  r.language = get('language');
  const decisionCell = get('decision');
  const fromNotes = decisionFromNotes(get('notes'));
  const decision = parseDecision(decisionCell) ?? fromNotes?.decision ?? null;
  r.screening = { decision, reason: get('reason') ?? fromNotes?.reason ?? null };
  return r;
}
