/**
 * Size limits on what an import reads and stores. A file or a field past its limit is never a
 * crash or a silent loss: the file is refused with a clear error, and a field is cut to its
 * limit with a warning naming the file and line (an identifier too long to be one is dropped
 * with a warning instead, since a cut DOI would name another work). Cutting rather than
 * refusing the record keeps everything else the record holds; the raw text of the record,
 * stored beside it, keeps the first MAX_RAW_CHARS characters of the original.
 *
 * Why limits at all: a 50 MB title (a broken export, or a file made to hurt) was stored as is,
 * and the library could never open that record again.
 */
import type { ParseError, ParsedRecord } from './types';

/**
 * The largest file an import reads: 200 MiB, far above any real export (a 50,000-record RIS
 * file from Scopus, reference lists included, is about 150 MB). Its base64 form (279,620,268
 * characters) fits the 280,000,000 characters an upload may carry (shared/api/calls/records.ts).
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/**
 * Longest kept value per text field, in characters. Each is well above real data: the longest
 * titles in the fixtures run to a few hundred characters, structured abstracts to ~5,000.
 */
export const FIELD_LIMITS = {
  type: 200,
  title: 4_000,
  journal: 1_000,
  volume: 200,
  issue: 200,
  pages: 200,
  url: 4_000,
  language: 200,
  abstract: 100_000,
} as const;

/** Identifiers longer than this are not identifiers: dropped with a warning, never cut. */
export const IDENTIFIER_LIMIT = 300;
/** Most authors kept (large physics collaborations list about 5,000). */
export const MAX_AUTHORS = 10_000;
/** Longest family or given name kept. */
export const MAX_NAME_CHARS = 500;
/** Most keywords kept, and the longest keyword. */
export const MAX_KEYWORDS = 2_000;
export const MAX_KEYWORD_CHARS = 500;
/** Longest screening reason kept. */
export const MAX_REASON_CHARS = 2_000;
/** Longest raw record text kept (Scopus records with whole reference lists run to ~30,000). */
export const MAX_RAW_CHARS = 1_000_000;

/** "52,428,800". */
function count(n: number): string {
  return n.toLocaleString('en');
}

/**
 * Cuts `rec`'s over-long fields to their limits in place and returns one warning (at the
 * record's line) per field cut or dropped; none for a record within every limit.
 */
export function clampRecord(rec: ParsedRecord): ParseError[] {
  const warnings: ParseError[] = [];
  const warn = (message: string) => warnings.push({ line: rec.line, message });
  for (const [field, limit] of Object.entries(FIELD_LIMITS) as [keyof typeof FIELD_LIMITS, number][]) {
    const v = rec[field];
    if (typeof v === 'string' && v.length > limit) {
      (rec as unknown as Record<string, string>)[field] = v.slice(0, limit);
      warn(`${field} is ${count(v.length)} characters long; kept its first ${count(limit)}`);
    }
  }
  for (const field of ['doi', 'pmid', 'pmcid', 'issn'] as const) {
    const v = rec[field];
    if (v !== null && v.length > IDENTIFIER_LIMIT) {
      rec[field] = null;
      warn(`${field.toUpperCase()} is ${count(v.length)} characters long, too long to be one; dropped`);
    }
  }
  if (rec.authors.length > MAX_AUTHORS) {
    warn(`${count(rec.authors.length)} authors; kept the first ${count(MAX_AUTHORS)}`);
    rec.authors = rec.authors.slice(0, MAX_AUTHORS);
  }
  if (rec.authors.some((a) => a.family.length > MAX_NAME_CHARS || a.given.length > MAX_NAME_CHARS)) {
    rec.authors = rec.authors.map((a) => ({ family: a.family.slice(0, MAX_NAME_CHARS), given: a.given.slice(0, MAX_NAME_CHARS) }));
    warn(`an author name is longer than ${count(MAX_NAME_CHARS)} characters; kept its first ${count(MAX_NAME_CHARS)}`);
  }
  if (rec.keywords.length > MAX_KEYWORDS) {
    warn(`${count(rec.keywords.length)} keywords; kept the first ${count(MAX_KEYWORDS)}`);
    rec.keywords = rec.keywords.slice(0, MAX_KEYWORDS);
  }
  if (rec.keywords.some((k) => k.length > MAX_KEYWORD_CHARS)) {
    rec.keywords = rec.keywords.map((k) => k.slice(0, MAX_KEYWORD_CHARS));
    warn(`a keyword is longer than ${count(MAX_KEYWORD_CHARS)} characters; kept its first ${count(MAX_KEYWORD_CHARS)}`);
  }
  const reason = rec.screening.reason;
  if (reason !== null && reason.length > MAX_REASON_CHARS) {
    rec.screening = { ...rec.screening, reason: reason.slice(0, MAX_REASON_CHARS) };
    warn(`screening reason is ${count(reason.length)} characters long; kept its first ${count(MAX_REASON_CHARS)}`);
  }
  if (rec.raw.length > MAX_RAW_CHARS) {
    warn(`the record's text is ${count(rec.raw.length)} characters long; its first ${count(MAX_RAW_CHARS)} are kept as its source`);
    rec.raw = rec.raw.slice(0, MAX_RAW_CHARS);
  }
  return warnings;
}
