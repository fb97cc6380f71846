/**
 * The one rule every importer follows for what becomes a record: nothing a user exported is
 * dropped for lacking a field. A record is kept when it has any content at all; what it lacks
 * (a title, or anything to recognise it by) is a warning with its line, never a skip. Only a
 * block with no content (a bare `TY  - JOUR` ... `ER  -`, an empty `@article{key,}`, a `%0`
 * line alone) is skipped, as a located error.
 *
 * Before this rule each importer had its own: RIS kept a record with an author and no title,
 * CSV, CSL-JSON and the XML importers skipped it, and the import service skipped anything
 * without a title, DOI or PMID, so an unpublished thesis with only an author was lost.
 */
import type { ParsedRecord, ParseOutput } from './types';

/** Where a parser collects its records, the blocks it skipped and its warnings: its output. */
export type RecordSink = ParseOutput;

/** An empty sink. */
export function newSink(): RecordSink {
  return { records: [], errors: [], warnings: [], skipped: 0 };
}

/**
 * True when a record has any bibliographic content. Its type alone is none, and neither is a
 * screening decision alone (a spreadsheet row holding only "included" names no work).
 */
export function hasContent(r: ParsedRecord): boolean {
  return Boolean(
    r.title ||
      r.authors.length > 0 ||
      r.doi ||
      r.pmid ||
      r.pmcid ||
      r.url ||
      r.year !== null ||
      r.journal ||
      r.volume ||
      r.issue ||
      r.pages ||
      r.issn ||
      r.abstract ||
      r.keywords.length > 0,
  );
}

/** True when a record has something a person or the deduplicator recognises it by. */
export function isIdentifiable(r: ParsedRecord): boolean {
  return Boolean(r.title || r.authors.length > 0 || r.doi || r.pmid || r.pmcid || r.url);
}

/** "a", "a and b", "a, b and c". */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * What a kept record lacks, as the end of a sentence about it ("has no title; kept with its
 * authors"), or null when it has a title.
 */
export function lacking(r: ParsedRecord): string | null {
  if (r.title) return null;
  const ids = [r.authors.length > 0 && 'authors', r.doi && 'DOI', r.pmid && 'PMID', r.pmcid && 'PMCID', r.url && 'URL'].filter((x): x is string => Boolean(x));
  if (ids.length > 0) return `has no title; kept with its ${listed(ids)}`;
  const other = [
    r.journal && 'source',
    r.year !== null && 'year',
    (r.volume || r.issue || r.pages) && 'volume, issue or pages',
    r.issn && 'ISSN',
    r.abstract && 'abstract',
    r.keywords.length > 0 && 'keywords',
  ].filter((x): x is string => Boolean(x));
  return `has no title, author or identifier (DOI, PMID, URL); kept with its ${listed(other)}`;
}

/**
 * Applies the rule to one parsed record: keeps it (with a warning for what it lacks) or, when
 * it has no content at all, skips it with an error. `what` names the block in messages
 * ("RIS record", "@misc{key}").
 */
export function admit(sink: RecordSink, rec: ParsedRecord, what: string): void {
  if (!hasContent(rec)) {
    sink.errors.push({ line: rec.line, message: `${what} has no content (no title, author, identifier, date, source or abstract); skipped` });
    sink.skipped++;
    return;
  }
  sink.records.push(rec);
  const lack = lacking(rec);
  if (lack) sink.warnings.push({ line: rec.line, message: `${what} ${lack}` });
}
