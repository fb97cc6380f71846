/**
 * What every bibliographic parser produces: plain records and located errors. Parsers are
 * pure functions over decoded text (see decode.ts for bytes -> text), so they run in tests in
 * a millisecond and never touch the file system.
 */
import type { PersonName, ScreeningDecision } from '../domain/types';

export type ImportFormat = 'ris' | 'nbib' | 'pubmed-xml' | 'bibtex' | 'endnote-xml' | 'enw' | 'wos' | 'csv' | 'csl-json' | 'ovid';

export interface ParsedRecord {
  /** Reference type in the export's own vocabulary, lower-cased where it is a code (e.g. 'jour', 'article'). */
  type: string | null;
  title: string;
  authors: PersonName[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  /** Normalised with normaliseDoi(): lower case, no resolver prefix; null when absent or invalid. */
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  issn: string | null;
  abstract: string | null;
  keywords: string[];
  url: string | null;
  language: string | null;
  screening: { decision: ScreeningDecision; reason: string | null };
  /** 1-based line of the record's first line in the source text (CSV: the physical line). */
  line: number;
  /** The record's text exactly as it appeared (for CSV: the row's fields as JSON). */
  raw: string;
}

export interface ParseError {
  /** 1-based line where the problem is. */
  line: number;
  message: string;
}

export interface ParseResult {
  format: ImportFormat;
  records: ParsedRecord[];
  /** What was lost: a file that is not this format, a broken entry, a block with no content. */
  errors: ParseError[];
  /**
   * What was kept but is not as it should be (record-rule.ts): a record without a title, a
   * RIS record repaired for a missing `TY` or `ER` line. Lines as in `errors`.
   */
  warnings: ParseError[];
  /** Blocks skipped because they hold no content at all (each is also one of `errors`). */
  skipped: number;
}

/** What a parser returns: a ParseResult without the format (the caller knows it). */
export type ParseOutput = Omit<ParseResult, 'format'>;

/** A parser's answer for a text it cannot read at all: no records and one located error. */
export function parseFailure(line: number, message: string): ParseOutput {
  return { records: [], errors: [{ line, message }], warnings: [], skipped: 0 };
}

/** An empty record, for parsers to fill in. */
export function emptyRecord(line: number, raw: string): ParsedRecord {
  return {
    type: null,
    title: '',
    authors: [],
    year: null,
    journal: null,
    volume: null,
    issue: null,
    pages: null,
    doi: null,
    pmid: null,
    pmcid: null,
    issn: null,
    abstract: null,
    keywords: [],
    url: null,
    language: null,
    screening: { decision: null, reason: null },
    line,
    raw,
  };
}
