/**
 * Ovid exports, in the two shapes Ovid writes:
 * - tagged ("Ovid tagged"/"Direct export"): a record number line `<1. >`, then `VN  - Ovid
 *   Technologies`, `DB  - PsycINFO`, `AN`, `AU`, `TI`, `SO`... with indented continuation lines
 *   and blank lines allowed inside a field (PsycINFO's `IN`); some saves indent every line by one
 *   space;
 * - "long field names" display: `<8>` then a field name on its own line (`Title`, `Author`,
 *   `Source`...) and its value on the following lines indented two spaces.
 * The record number line starts each record in both, so a blank line never ends one.
 */
import type { ParsedRecord, ParseOutput } from './types';
import { emptyRecord, parseFailure } from './types';
import { admit, newSink } from './record-rule';
import type { TagValues } from './tagged-fields';
import { addValue, allOf, doiOf, firstOf, issnOf, personNames, tidy, yearOf } from './tagged-fields';
import type { TaggedDialect } from './tagged-scan';
import { scanTagged } from './tagged-scan';
import { risValueStart } from './ris';

/** `<1. >`, `<11741. >` or `<8>` alone on a line (leading blanks allowed). */
export function isOvidRecordMarker(line: string): boolean {
  return /^\s*<\d+\.?\s*>\s*$/.test(line);
}

/** `XX  - value` (the RIS-shaped tag Ovid uses), leading blanks allowed. */
function readOvidTag(line: string): { tag: string; value: string } | null {
  const v = risValueStart(line, 0, line.length);
  if (v < 0) return null;
  const t = line.trimStart();
  return { tag: t.slice(0, 2), value: line.slice(v).trim() };
}

const TAGGED: TaggedDialect = {
  name: 'Ovid',
  example: 'VN  - Ovid Technologies',
  readTag: readOvidTag,
  startsRecord: (tag, fields) => tag === 'VN' && fields.size > 0,
  blankEndsRecord: false,
  isRecordMarker: isOvidRecordMarker,
  listTags: new Set(['AU', 'MH', 'XL']),
  toRecord: ovidRecord,
};

/**
 * Long field names mapped to the two-letter tags of the tagged format, so both shapes share one
 * field mapping. Names are compared in lower case.
 */
const LONG_NAMES: Record<string, string> = {
  'accession number': 'AN',
  author: 'AU',
  authors: 'AU',
  title: 'TI',
  source: 'SO',
  abstract: 'AB',
  'author keywords': 'KW',
  keywords: 'KW',
  language: 'LG',
  'document type': 'DT',
  'publication type': 'PT',
  issn: 'IS',
  'doi number': 'DI',
  'digital object identifier': 'DI',
  doi: 'DI',
  'year of publication': 'YR',
  'publication year': 'YR',
  'journal name': 'JN',
  'pubmed id': 'PM',
  'unique identifier': 'UI',
  'mesh subject headings': 'MH',
  'subject headings': 'MH',
};

/** Parses an Ovid export in either shape (see the module comment). */
export function parseOvid(text: string): ParseOutput {
  if (isLongFieldFormat(text)) return parseLongFields(text);
  const result = scanTagged(text, TAGGED);
  if (result.records.length === 0 && !/^\s*<\d+\.?\s*>\s*$/m.test(text)) {
    return parseFailure(1, 'No Ovid record numbers (lines like "<1. >") found: this is not an Ovid export');
  }
  return result;
}

/** True when the first line after a record marker is an untagged field name (the display format). */
function isLongFieldFormat(text: string): boolean {
  const m = /^\s*<\d+\.?\s*>\s*\r?\n\s*([^\r\n]*)/m.exec(text);
  return m !== null && readOvidTag(m[1]!) === null && /^[A-Za-z][A-Za-z ]*$/.test(m[1]!.trim());
}

/** The display format: `<N>` starts a record, an unindented line names a field, indented lines hold its value. */
function parseLongFields(text: string): ParseOutput {
  const sink = newSink();
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  let fields: Map<string, string[]> | null = null;
  let current: string[] | null = null;
  let start = 0;
  const finish = (endLine: number) => {
    if (!fields) return;
    const raw = lines.slice(start, endLine).join('\n').trimEnd();
    admit(sink, ovidRecord(fields, start + 1, raw), 'Ovid record');
    fields = null;
  };
  lines.forEach((rawLine, i) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (isOvidRecordMarker(line)) {
      finish(i);
      fields = new Map();
      current = null;
      start = i;
      return;
    }
    if (!fields || !line.trim()) return;
    if (line.charCodeAt(0) !== 32 && line.charCodeAt(0) !== 9) {
      const tag = LONG_NAMES[line.trim().toLowerCase()] ?? `~${line.trim()}`;
      current = addValue(fields, tag, '');
      return;
    }
    if (current) current[current.length - 1] = current[current.length - 1] ? `${current[current.length - 1]}\n${line.trim()}` : line.trim();
  });
  finish(lines.length);
  if (sink.records.length === 0 && sink.errors.length === 0) sink.errors.push({ line: 1, message: 'No Ovid records found' });
  return sink;
}

/** Ovid author `Zhang, Weijia 1,2,+` or `Walsdorf, Neill B. [Inventor]` -> the bare name. */
function cleanOvidAuthor(v: string): string {
  return v
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .replace(/(?:\s+[\d,+*]+)+$/, '')
    .replace(/\s+(?:MD|PhD|Ph\.D\.|FACSM)(?:,\s*(?:MD|PhD|Ph\.D\.|FACSM))*\s*[*+]*$/i, '')
    .replace(/,\s*$/, '')
    .trim();
}

const MONTHS = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Spring|Summer|Fall|Autumn|Winter)[a-z]*';

/**
 * Journal, volume, issue and pages from an Ovid `SO` source line, in the shapes its databases
 * write: `Journal Month Year;14(1):56` (Journals@Ovid), `Journal. Vol.43(5), Sep 2015, pp.
 * 623-634.` (PsycINFO), `Journal.   8(6):1048-1064, September 2015.` (display format).
 */
export function parseOvidSource(so: string): { journal: string | null; volume: string | null; issue: string | null; pages: string | null } {
  const s = so.trim();
  let m = /^(.*?)\.\s*Vol\.?\s*([^(,\s]+)(?:\(([^)]*)\))?.*?(?:pp?\.\s*([\w-]+))?\.?\s*$/.exec(s);
  if (m) return { journal: m[1]!.trim(), volume: m[2]!, issue: m[3] ?? null, pages: m[4] ?? null };
  m = new RegExp(`^(.*?)\\s+(?:${MONTHS}(?:[/-]${MONTHS})?\\s+)?\\d{4};([^(:;]*)(?:\\(([^)]*)\\))?(?::\\s*([\\w-]+))?`).exec(s);
  if (m) return { journal: m[1]!.trim(), volume: m[2]!.trim() || null, issue: m[3] ?? null, pages: m[4] ?? null };
  m = /^(.*?)\.\s+(\w+)\(([^)]*)\):\s*([\w-]+)/.exec(s);
  if (m) return { journal: m[1]!.trim(), volume: m[2]!, issue: m[3]!, pages: m[4]! };
  return { journal: s.split('.')[0]!.trim() || null, volume: null, issue: null, pages: null };
}

/** Maps Ovid tags: JN or the journal parsed from SO, VO/IP/PG or those parsed from SO, DI/DO, PM. */
function ovidRecord(f: TagValues, line: number, raw: string): ParsedRecord {
  const r = emptyRecord(line, raw);
  const type = firstOf(f, 'PT', 'DT');
  r.type = type ? type.replace(/\.$/, '') : null;
  const title = firstOf(f, 'TI', 'BT');
  // Journals@Ovid appends the article kind: "Take Ten: ... Cancer.  [Miscellaneous]".
  r.title = title ? tidy(title).replace(/\s*\[[A-Za-z ]+\]\.?$/, '') : '';
  const authors = allOf(f, 'AU').flatMap((v) => (v.includes(';') ? v.split(';') : [v])).map(cleanOvidAuthor).filter(Boolean);
  r.authors = personNames(authors.length > 0 ? authors : allOf(f, 'ED').map(cleanOvidAuthor));
  const so = firstOf(f, 'SO');
  const src = so ? parseOvidSource(tidy(so)) : null;
  r.year = yearOf(f, 'YR', 'DP', 'SO');
  const journal = firstOf(f, 'JN', 'JT') ?? src?.journal ?? null;
  r.journal = journal ? tidy(journal) : null;
  r.volume = firstOf(f, 'VO', 'VL') ?? src?.volume ?? null;
  r.issue = firstOf(f, 'IP') ?? src?.issue ?? null;
  const pg = firstOf(f, 'PG');
  r.pages = (pg && !/specified|pagination/i.test(pg) ? pg : null) ?? src?.pages ?? null;
  r.doi = doiOf(f, ['DI', 'DO'], ['XL', 'UR']);
  const pm = firstOf(f, 'PM');
  r.pmid = pm && /^\d+$/.test(pm) ? pm : null;
  r.issn = issnOf(allOf(f, 'IS', 'IT'));
  r.abstract = firstOf(f, 'AB');
  r.keywords = allOf(f, 'KW', 'MH', 'ID', 'DE')
    .flatMap((k) => k.split(/\s*;\s*/))
    .map((k) => k.replace(/^\*/, '').replace(/\.$/, '').trim())
    .filter(Boolean);
  r.url = firstOf(f, 'XL', 'UR');
  const lang = firstOf(f, 'LG', 'LA');
  r.language = lang ? lang.replace(/\.$/, '') : null;
  return r;
}
