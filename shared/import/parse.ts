/**
 * The importers by format. Each parser is a pure function from decoded text to records and
 * located errors; `parseText` picks one (by the format given, else by sniffing the content).
 */
import { parseBibtex } from './bibtex';
import { parseCslJson } from './csl-json';
import { parseCsv } from './csv';
import { parseEndnoteXml } from './endnote-xml';
import { parsePubmedXml } from './pubmed-xml';
import type { ImportFormat, ParseResult } from './types';

export type Parser = (text: string) => Omit<ParseResult, 'format'>;

/** Filled in as each format's parser lands. */
export const PARSERS: Partial<Record<ImportFormat, Parser>> = {
  bibtex: parseBibtex,
  csv: parseCsv,
  'csl-json': parseCslJson,
  'pubmed-xml': parsePubmedXml,
  'endnote-xml': parseEndnoteXml,
};
