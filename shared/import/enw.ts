/**
 * EndNote tagged (`.enw`) and its ancestor refer/BibIX (`.ref`): `%0 Journal Article`, `%A`,
 * `%T`... one tag per line, a record per `%0` (or per blank-line-separated block when `%0` is
 * missing). Tag meanings follow EndNote's "Tagged import format" table (`%R` is the DOI,
 * "Electronic Resource Number"; in refer it may be a report number, which normaliseDoi rejects).
 */
import type { ParsedRecord, ParseOutput } from './types';
import { emptyRecord } from './types';
import type { TagValues } from './tagged-fields';
import { allOf, doiOf, firstOf, issnOf, personNames, pmidInText, screeningFromNotes, tidy, yearOf } from './tagged-fields';
import type { TaggedDialect } from './tagged-scan';
import { scanTagged } from './tagged-scan';

/** `%X value`: a percent sign, one tag character, then a space or the end of the line. */
export function readEnwTag(line: string): { tag: string; value: string } | null {
  if (line.charCodeAt(0) !== 37 || line.length < 2) return null;
  if (line.length > 2 && line.charCodeAt(2) !== 32 && line.charCodeAt(2) !== 9) return null;
  const tag = line.charAt(1);
  if (tag === ' ') return null;
  return { tag, value: line.slice(2).trim() };
}

const DIALECT: TaggedDialect = {
  name: 'EndNote tagged',
  example: '%0 Journal Article',
  readTag: readEnwTag,
  startsRecord: (tag, fields) => tag === '0' && fields.size > 0,
  blankEndsRecord: true,
  listTags: new Set(['A', 'E', 'K', 'Y', '?', 'U']),
  toRecord: enwRecord,
};

/** Parses EndNote tagged / refer text (see the module comment). */
export function parseEnw(text: string): ParseOutput {
  return scanTagged(text, DIALECT);
}

/** Maps EndNote tags: %T title, %A authors (%E editors when no author), %J or %B source, %@ ISSN. */
function enwRecord(f: TagValues, line: number, raw: string): ParsedRecord {
  const r = emptyRecord(line, raw);
  const type = firstOf(f, '0');
  r.type = type ? type.toLowerCase() : null;
  const title = firstOf(f, 'T');
  r.title = title ? tidy(title) : '';
  const names = allOf(f, 'A');
  r.authors = personNames(names.length > 0 ? names : allOf(f, 'E', 'Y'));
  r.year = yearOf(f, 'D', '8');
  const journal = firstOf(f, 'J', 'B');
  r.journal = journal ? tidy(journal) : null;
  r.volume = firstOf(f, 'V');
  r.issue = firstOf(f, 'N');
  r.pages = firstOf(f, 'P');
  r.doi = doiOf(f, ['R'], ['U', 'Z', '1']);
  const notes = allOf(f, 'Z', '1', '2', '3', '4');
  const accession = firstOf(f, 'M');
  r.pmid = accession && /^\d{1,9}$/.test(accession) && /pubmed|medline/i.test(firstOf(f, '~', 'W') ?? '') ? accession : null;
  for (const n of notes) r.pmid ??= pmidInText(n);
  r.issn = issnOf(allOf(f, '@'));
  r.abstract = firstOf(f, 'X');
  r.keywords = allOf(f, 'K').flatMap((k) => k.split(/\s*;\s*/)).filter(Boolean);
  r.url = firstOf(f, 'U');
  r.language = firstOf(f, 'G');
  r.screening = screeningFromNotes(notes);
  return r;
}
