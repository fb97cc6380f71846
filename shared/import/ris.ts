/**
 * RIS (Research Information Systems) tagged format, as EndNote, Zotero, Mendeley, Scopus, Web of
 * Science, Embase, Ovid, ProQuest, Rayyan and ASReview write it: `TY  - JOUR` ... `ER  -`.
 *
 * One pass over the lines with plain string operations (no per-line regular expression), because
 * libraries of tens of thousands of records are imported interactively. Tolerated: a BOM, CRLF/LF
 * mixed, U+2028 inside values (only LF splits lines), a tag padded with one space (`TY - JOUR`),
 * `ER  -` with nothing after it, untagged continuation lines, bare number lines (`1.`) between
 * records, a record with no `TY` (it starts at its first tag) or no `ER` (it ends at the next `TY`).
 */
import type { ParseError, ParsedRecord } from './types';
import { emptyRecord } from './types';
import { normaliseDoi } from './normalise';
import type { TagValues } from './tagged-fields';
import { addValue, allOf, doiOf, firstOf, issnOf, pageRange, personNames, pmcidInText, pmidInText, screeningFromNotes, tidy, yearOf } from './tagged-fields';

/**
 * Tags whose untagged continuation line is another value rather than the rest of the same value:
 * EndNote and Rayyan write one `KW  -` followed by one keyword per line, and likewise URLs, file
 * links and ISSNs. A wrapped author name is much rarer than a list, so authors are lists too.
 */
const LIST_TAGS = new Set(['KW', 'UR', 'L1', 'L2', 'L3', 'L4', 'SN', 'AU', 'A1', 'A2', 'A3', 'A4', 'ED']);

/**
 * If `text[start, end)` is a RIS tag line, the offset where its value starts; otherwise -1. A tag
 * is two characters (a capital letter then a capital or digit), one or more spaces, a hyphen,
 * then a space or the end of the line. Leading blanks are allowed (some exports indent lines).
 * Works on offsets into the whole text so that scanning allocates nothing for the test.
 */
export function risValueStart(text: string, start = 0, end = text.length): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i + 4 > end) return -1;
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  if (c0 < 65 || c0 > 90) return -1;
  if (!((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57))) return -1;
  let j = i + 2;
  if (text.charCodeAt(j) !== 32) return -1;
  while (j < end && text.charCodeAt(j) === 32) j++;
  if (text.charCodeAt(j) !== 45) return -1;
  j++;
  if (j < end && text.charCodeAt(j) !== 32) return -1;
  return j;
}

/** One string per tag (indexed by its two character codes), so scanning does not allocate a tag per line. */
const TAG_NAMES: string[] = [];

function tagName(c0: number, c1: number): string {
  const key = c0 * 128 + c1;
  return (TAG_NAMES[key] ??= String.fromCharCode(c0, c1));
}

/** `text[start, end)` without surrounding white space, sliced once. */
function sliceTrim(text: string, start: number, end: number): string {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return start === end ? '' : text.slice(start, end);
}

/** True for a line holding only a record number such as `1.` or `12` (Ovid RIS puts one before each record). */
function isNumberLine(line: string): boolean {
  const t = line.trim();
  if (!t) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!(c >= 48 && c <= 57) && !(c === 46 && i === t.length - 1)) return false;
  }
  return true;
}

/**
 * Parses RIS text into records. A record with neither a title nor an author becomes a located
 * error (it is usually the tail of a broken record), and parsing carries on.
 */
export function parseRis(text: string): { records: ParsedRecord[]; errors: ParseError[] } {
  const records: ParsedRecord[] = [];
  const errors: ParseError[] = [];
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;

  let fields: TagValues | null = null;
  let recLine = 0;
  let recStart = 0;
  let recEnd = 0;
  let last: string[] | null = null;
  let lastTag = '';
  let sawTag = false;
  let strayLine = -1;

  const finish = () => {
    if (fields) {
      const raw = text.slice(recStart, recEnd);
      const rec = risRecord(fields, recLine, raw);
      if (rec.title || rec.authors.length > 0) records.push(rec);
      else errors.push({ line: recLine, message: 'RIS record has neither a title nor an author; skipped' });
    }
    fields = null;
    last = null;
    lastTag = '';
  };

  while (pos < len) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lineNo++;
    const v = risValueStart(text, pos, end);
    if (v >= 0) {
      sawTag = true;
      let t0 = pos;
      while (text.charCodeAt(t0) === 32 || text.charCodeAt(t0) === 9) t0++;
      const tag = tagName(text.charCodeAt(t0), text.charCodeAt(t0 + 1));
      if (tag === 'ER') {
        if (fields) {
          recEnd = end;
          finish();
        }
      } else {
        const value = sliceTrim(text, v, end);
        // A `TY` inside an open record that already has content means the previous `ER` is missing.
        // A `TY` right after other `TY` lines (a stub with conflicting types) only replaces the type.
        if (tag === 'TY' && fields && (fields.has('TI') || fields.has('T1') || fields.has('AU') || fields.has('A1'))) finish();
        if (!fields) {
          fields = new Map();
          recLine = lineNo;
          recStart = pos;
        }
        if (tag === 'TY') fields.set('TY', [value]);
        else last = addValue(fields, tag, value);
        lastTag = tag;
        recEnd = end;
      }
    } else if (fields) {
      const t = sliceTrim(text, pos, end);
      if (t && last) {
        if (LIST_TAGS.has(lastTag)) last.push(t);
        else last[last.length - 1] = last[last.length - 1] ? `${last[last.length - 1]}\n${t}` : t;
        recEnd = end;
      }
    } else if (strayLine < 0) {
      const t = sliceTrim(text, pos, end);
      if (t && !isNumberLine(t)) strayLine = lineNo;
    }
    pos = nl + 1;
  }
  if (fields) finish();
  if (!sawTag) return { records: [], errors: [{ line: 1, message: 'No RIS tags found (lines like "TY  - JOUR"): this is not a RIS file' }] };
  if (strayLine > 0) errors.push({ line: strayLine, message: 'Text outside any RIS record was ignored' });
  errors.sort((a, b) => a.line - b.line);
  return { records, errors };
}

/** Maps one record's RIS tags to a ParsedRecord, following the tag meanings of the main dialects. */
function risRecord(f: TagValues, line: number, raw: string): ParsedRecord {
  const r = emptyRecord(line, raw);
  const ty = firstOf(f, 'TY');
  r.type = ty ? ty.toLowerCase() : null;
  // A record with only a source title (a whole journal `JFULL`, a Scopus stub with only `T2`) keeps
  // that as its title rather than being dropped.
  const title = firstOf(f, 'TI', 'T1', 'CT', 'ST', 'BT') ?? firstOf(f, 'T2', 'JF');
  r.title = title ? tidy(title) : '';
  let names = f.has('A1') ? allOf(f, 'AU', 'A1') : allOf(f, 'AU');
  // Zotero and EndNote interleave AU and A1 in file order when both occur: keep that order.
  if (f.has('AU') && f.has('A1')) names = orderedValues(f, raw, ['AU', 'A1']);
  if (names.length === 0) names = allOf(f, 'A2', 'ED', 'A3');
  r.authors = personNames(names);
  r.year = yearOf(f, 'PY', 'Y1', 'DA', 'Y2');
  // T2 is the journal for articles (Zotero, EndNote) but the book or series for chapters; it only
  // names the source when it is not the title itself.
  const t2 = firstOf(f, 'T2');
  const journal = firstOf(f, 'JF', 'JO') ?? (t2 && t2 !== title ? t2 : null) ?? firstOf(f, 'JA', 'J2', 'J1', 'T3');
  r.journal = journal ? tidy(journal) : null;
  r.volume = firstOf(f, 'VL');
  r.issue = firstOf(f, 'IS', 'CP');
  r.pages = pageRange(firstOf(f, 'SP'), firstOf(f, 'EP'));
  r.doi = doiOf(f, ['DO', 'DI', 'M3'], ['UR', 'L3', 'L2', 'N1', 'M2', 'C7']) ?? doiLink(f);
  const notes = allOf(f, 'N1');
  r.pmid = pmidOf(f, notes);
  for (const v of allOf(f, 'C2', 'N1', 'M2', 'C6', 'AN')) {
    r.pmcid = v.includes('PMC') ? pmcidInText(v) : null;
    if (r.pmcid) break;
  }
  r.issn = issnOf(allOf(f, 'SN'));
  const abstract = firstOf(f, 'AB', 'N2');
  r.abstract = abstract;
  r.keywords = f.has('DE') ? allOf(f, 'KW', 'DE') : allOf(f, 'KW');
  r.url = firstOf(f, 'UR', 'L2');
  r.language = firstOf(f, 'LA');
  r.screening = screeningFromNotes(notes);
  return r;
}

/** A DOI from a doi.org URL in the link fields, for exports that put it nowhere else. */
function doiLink(f: TagValues): string | null {
  for (const v of allOf(f, 'UR', 'L2', 'L3')) {
    if (v.includes('doi.org/')) {
      const d = normaliseDoi(v);
      if (d) return d;
    }
  }
  return null;
}

/**
 * A PubMed id: a `PMID:` note or PubMed link, or an `AN` accession number when the record says
 * it came from PubMed/MEDLINE (in other databases `AN` is their own accession number).
 */
function pmidOf(f: TagValues, notes: string[]): string | null {
  for (const list of [notes, allOf(f, 'C2', 'M2', 'UR', 'L2')]) {
    for (const v of list) {
      const p = v.includes('PMID') || v.includes('pubmed') ? pmidInText(v) : null;
      if (p) return p;
    }
  }
  const an = firstOf(f, 'AN');
  if (an && /^\d{1,9}$/.test(an)) {
    const source = `${firstOf(f, 'DB') ?? ''} ${firstOf(f, 'DP') ?? ''}`.toLowerCase();
    if (source.includes('pubmed') || source.includes('medline') || source.includes('nlm')) return an;
  }
  return null;
}

/** Values of several tags in the order they appear in the record's text. */
function orderedValues(f: TagValues, raw: string, tags: string[]): string[] {
  const out: string[] = [];
  for (const l of raw.split('\n')) {
    const v = risValueStart(l, 0, l.length);
    if (v < 0) continue;
    const tag = l.trimStart().slice(0, 2);
    if (tags.includes(tag)) {
      const value = l.slice(v).trim();
      if (value) out.push(value);
    }
  }
  return out.length > 0 ? out : allOf(f, ...tags);
}
