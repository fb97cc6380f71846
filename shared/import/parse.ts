/**
 * The importers by format. Each parser is a pure function from decoded text to records and
 * located errors; `parseText` picks one (by the format given, else by sniffing the content).
 */
import { detectFormat } from './detect';
import { parseEnw } from './enw';
import { parseMedline } from './medline';
import { parseOvid } from './ovid';
import { parseRis } from './ris';
import { parseBibtex } from './bibtex';
import { parseCslJson } from './csl-json';
import { parseCsv } from './csv';
import { parseEndnoteXml } from './endnote-xml';
import { parsePubmedXml } from './pubmed-xml';
import { parseWos } from './wos';
import type { ImportFormat, ParseOutput } from './types';
import { parseFailure } from './types';

/** A format's parser: decoded text in, records, located errors and warnings out. */
export type Parser = (text: string) => ParseOutput;

/** Every format's parser. */
export const PARSERS: Partial<Record<ImportFormat, Parser>> = {
  ris: parseRis,
  bibtex: parseBibtex,
  csv: parseCsv,
  'csl-json': parseCslJson,
  'pubmed-xml': parsePubmedXml,
  'endnote-xml': parseEndnoteXml,
  nbib: parseMedline,
  wos: parseWos,
  enw: parseEnw,
  ovid: parseOvid,
};

/**
 * Parses `text` as `options.format`, or as the format detected from its content. A text that is
 * no known bibliographic format, or a format without a parser yet, gives zero records and one
 * error at line 1 (format null in the first case), so the caller can show a clear message; so
 * does a file in which the parser finds neither records nor errors.
 */
export function parseText(text: string, options: { format?: ImportFormat; fileName?: string } = {}): ParseOutput & { format: ImportFormat | null } {
  const format = options.format ?? detectFormat(text, options.fileName);
  if (!format) {
    return { format: null, ...parseFailure(1, 'Not a bibliographic file: no known format (RIS, PubMed/MEDLINE, Web of Science, EndNote, Ovid, BibTeX, CSV, CSL-JSON, XML) was recognised') };
  }
  const parser = PARSERS[format];
  if (!parser) return { format, ...parseFailure(1, `No importer for the ${format} format yet`) };
  const result = parser(text);
  // Every file ends in records or in a located error, so an empty or truncated file is never
  // a silent "0 records" (found by test/shared/import/fuzz.test.ts).
  if (result.records.length === 0 && result.errors.length === 0) {
    return { format, ...parseFailure(1, `No records found in this ${format} file`) };
  }
  return { format, ...result };
}
