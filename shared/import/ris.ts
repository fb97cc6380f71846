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
import type { ParsedRecord, ParseOutput } from './types';
import { emptyRecord, parseFailure } from './types';
import { admit, newSink } from './record-rule';
import { doiValue, issnOf, markedDoi, pageRange, personNames, pmcidInText, pmidInText, screeningFromNotes, tidy, yearIn } from './tagged-fields';

/** A tag as a number (first character code * 128 + second), so tags are compared and looked up without strings. */
function key(tag: string): number {
  return tag.charCodeAt(0) * 128 + tag.charCodeAt(1);
}

/**
 * Per tag key: 1 for tags whose untagged continuation line is another value rather than the rest
 * of the same value: EndNote and Rayyan write one `KW  -` followed by one keyword per line, and
 * likewise URLs, file links and ISSNs. A wrapped author name is much rarer than a list, so
 * authors are lists too.
 */
const IS_LIST = new Uint8Array(128 * 128);
for (const t of ['KW', 'UR', 'L1', 'L2', 'L3', 'L4', 'SN', 'AU', 'A1', 'A2', 'A3', 'A4', 'ED']) IS_LIST[key(t)] = 1;

/**
 * The tags the mapping reads, each with a slot number; values of all other tags (Scopus notes
 * with whole reference lists, addresses, file links) are never cut out of the text.
 */
const MAPPED = [
  'TY', 'TI', 'T1', 'CT', 'ST', 'BT', 'T2', 'JF', 'JO', 'JA', 'J2', 'J1', 'T3', 'AU', 'A1', 'A2', 'ED', 'A3',
  'PY', 'Y1', 'DA', 'Y2', 'VL', 'IS', 'CP', 'SP', 'EP', 'DO', 'DI', 'M3', 'UR', 'L3', 'L2', 'N1', 'M2', 'C7',
  'C2', 'C6', 'AN', 'SN', 'AB', 'N2', 'KW', 'DE', 'LA', 'DB', 'DP',
] as const;
type MappedTag = (typeof MAPPED)[number];
/** Per tag key: its slot in MAPPED, or -1. */
const SLOT = new Int8Array(128 * 128).fill(-1);
MAPPED.forEach((t, i) => (SLOT[key(t)] = i));
/** Slot numbers by tag name, for the mapping code. */
const S = Object.fromEntries(MAPPED.map((t, i) => [t, i])) as Record<MappedTag, number>;
/** Slots whose value is shown, so a value that ran over several lines is tidied line by line. */
const JOINED = new Uint8Array(MAPPED.length);
for (const t of ['TY', 'TI', 'T1', 'CT', 'ST', 'BT', 'T2', 'JF', 'JO', 'JA', 'J2', 'J1', 'T3', 'AB', 'N2', 'VL', 'IS', 'CP', 'SP', 'EP', 'LA', 'PY', 'Y1', 'DA', 'Y2'] as const) JOINED[S[t]] = 1;
/** Tags whose presence means a record has begun in earnest (so a further `TY` means a missing `ER`). */
const IS_CONTENT = new Uint8Array(128 * 128);
for (const t of ['TI', 'T1', 'AU', 'A1']) IS_CONTENT[key(t)] = 1;
const KEY_TY = key('TY');
const KEY_ER = key('ER');
const KEY_AU = key('AU');
const KEY_A1 = key('A1');

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

/** `text[start, end)` without surrounding white space, sliced once. */
function sliceTrim(text: string, start: number, end: number): string {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return start === end ? '' : text.slice(start, end);
}

/** A `Name: value` header line, as publisher RIS downloads write before the first record. */
const HEADER_LINE = /^[A-Za-z][\w -]{0,30}:\s/;

/** True for a line holding only a record number such as `1.` or `12` (Ovid RIS puts one before each record). */
function isNumberLine(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!(c >= 48 && c <= 57) && !(c === 46 && i === t.length - 1)) return false;
  }
  return t.length > 0;
}

/** A mapped value cut out of the text; a value that ran over untagged lines is joined line by line. */
function valueAt(text: string, start: number, end: number, joined: boolean): string {
  const v = text.slice(start, end);
  // Notes and links are only searched, never shown: their line breaks can stay as they are.
  if (!joined || v.indexOf('\n') < 0) return v;
  const lines: string[] = [];
  for (const l of v.split('\n')) {
    const t = l.trim();
    if (t) lines.push(t);
  }
  return lines.join('\n');
}

/**
 * Parses RIS text into records, following the importers' one rule (record-rule.ts): a record
 * with any content is kept, with a warning for what it lacks; a block with none is a located
 * error. A record repaired for a missing `TY` (it starts at its first tag) or a missing `ER`
 * (it ends where the next `TY` starts, or at the end of the file) is kept with a warning, so
 * the user knows to look at it.
 *
 * The scan keeps each field as a tag key and a range into the text, in arrays reused from record
 * to record, so it allocates nothing per line; values are cut out only for the mapped tags.
 */
export function parseRis(text: string): ParseOutput {
  const sink = newSink();
  const { errors, warnings } = sink;
  const len = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;

  const keys: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let count = 0;
  let open = false;
  let hasContent = false;
  let hasTy = false;
  let recLine = 0;
  let recStart = 0;
  let recEnd = 0;
  let sawTag = false;
  let strayLine = -1;

  /** Closes the open record; `end` says what closed it (an `ER` line, the next `TY`, the end of the text). */
  const finish = (end: 'ER' | 'TY' | 'EOF') => {
    if (open) {
      const slots: (string[] | undefined)[] = new Array(MAPPED.length);
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const k = keys[i]!;
        const slot = SLOT[k]!;
        if (slot < 0) continue;
        const v = valueAt(text, starts[i]!, ends[i]!, JOINED[slot] === 1);
        if (k === KEY_AU || k === KEY_A1) {
          // Authors are read only through `names`, which keeps AU and A1 in file order.
          if (v) names.push(v);
          continue;
        }
        const list = slots[slot];
        if (list) list.push(v);
        else slots[slot] = [v];
      }
      const rec = risRecord(slots, names, recLine, text.slice(recStart, recEnd));
      const kept = sink.records.length;
      admit(sink, rec, 'RIS record');
      if (sink.records.length > kept) {
        if (!hasTy) warnings.push({ line: recLine, message: 'RIS record has no TY line; read from its first tag, type unknown' });
        if (end === 'TY') warnings.push({ line: recLine, message: `RIS record has no ER line; it was ended where the next record starts (line ${lineNo})` });
        if (end === 'EOF') warnings.push({ line: recLine, message: 'RIS record has no ER line at the end of the file; the file may be cut short' });
      }
    }
    open = false;
    hasContent = false;
    hasTy = false;
    count = 0;
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
      const k = text.charCodeAt(t0) * 128 + text.charCodeAt(t0 + 1);
      if (k === KEY_ER) {
        if (open) {
          recEnd = end;
          finish('ER');
        }
      } else {
        // A `TY` inside an open record that already has content means the previous `ER` is missing.
        // A `TY` right after other `TY` lines (a stub with conflicting types) only replaces the type.
        if (k === KEY_TY && hasContent) finish('TY');
        if (!open) {
          open = true;
          recLine = lineNo;
          recStart = pos;
        }
        if (k === KEY_TY) hasTy = true;
        let vs = v;
        let ve = end;
        while (vs < ve && text.charCodeAt(vs) <= 32) vs++;
        while (ve > vs && text.charCodeAt(ve - 1) <= 32) ve--;
        keys[count] = k;
        starts[count] = vs;
        ends[count] = ve;
        count++;
        if (IS_CONTENT[k]) hasContent = true;
        recEnd = end;
      }
    } else if (open && count > 0) {
      let s = pos;
      let e = end;
      while (s < e && text.charCodeAt(s) <= 32) s++;
      while (e > s && text.charCodeAt(e - 1) <= 32) e--;
      if (s < e) {
        const lastKey = keys[count - 1]!;
        if (IS_LIST[lastKey]) {
          keys[count] = lastKey;
          starts[count] = s;
          ends[count] = e;
          count++;
        } else {
          ends[count - 1] = e;
        }
        recEnd = end;
      }
    } else if (strayLine < 0 && !open) {
      const t = sliceTrim(text, pos, end);
      // Publisher downloads start with `Provider: ...`, `Database: ...` headers: not worth a warning.
      if (t && !isNumberLine(t) && !(!sawTag && HEADER_LINE.test(t))) strayLine = lineNo;
    }
    pos = nl + 1;
  }
  finish('EOF');
  if (!sawTag) return parseFailure(1, 'No RIS tags found (lines like "TY  - JOUR"): this is not a RIS file');
  if (strayLine > 0) errors.push({ line: strayLine, message: 'Text outside any RIS record was ignored' });
  errors.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return sink;
}

type Slots = (string[] | undefined)[];

/** Where each field is looked for, in order of precedence (see risYear, risDoi, risPmid). */
const YEAR_SLOTS = [S.PY, S.DA, S.Y1, S.Y2];
const DOI_SLOTS = [S.DO, S.DI, S.M3];
const MARKED_DOI_SLOTS = [S.UR, S.L3, S.L2, S.N1, S.M2, S.C7];
const PMCID_SLOTS = [S.C2, S.N1, S.M2, S.C6, S.AN];
const PMID_SLOTS = [S.C2, S.M2, S.UR, S.L2];

/** The first non-empty value of one slot, or null. */
function one(slots: Slots, slot: number): string | null {
  const list = slots[slot];
  if (!list) return null;
  for (const v of list) if (v) return v;
  return null;
}

/** Every non-empty value of one slot (the stored array itself when none is empty). */
function every(slots: Slots, slot: number): string[] {
  const list = slots[slot];
  if (!list) return [];
  return list.includes('') ? list.filter(Boolean) : list;
}

/**
 * The first year found in the date tags, in precedence order PY, DA, Y1, Y2 (so `PY - ///` falls
 * through). DA comes before Y1 because RIS deprecated Y1 for DA, and Zotero's RIS tests require it.
 */
function risYear(slots: Slots): number | null {
  for (const slot of YEAR_SLOTS) {
    for (const v of slots[slot] ?? []) {
      const y = yearIn(v);
      if (y !== null) return y;
    }
  }
  return null;
}

/** Maps one record's RIS tags to a ParsedRecord, following the tag meanings of the main dialects. */
function risRecord(f: Slots, names: string[], line: number, raw: string): ParsedRecord {
  const r = emptyRecord(line, raw);
  const tys = f[S.TY];
  const ty = tys ? tys[tys.length - 1]! : null;
  r.type = ty ? ty.toLowerCase() : null;
  // A record with only a source title (a whole journal `JFULL`, a Scopus stub with only `T2`) keeps
  // that as its title rather than being dropped.
  const title = one(f, S.TI) ?? one(f, S.T1) ?? one(f, S.CT) ?? one(f, S.ST) ?? one(f, S.BT) ?? one(f, S.T2) ?? one(f, S.JF);
  r.title = title ? tidy(title) : '';
  r.authors = personNames(names.length > 0 ? names : [...every(f, S.A2), ...every(f, S.ED), ...every(f, S.A3)]);
  r.year = risYear(f);
  // T2 is the journal for articles (Zotero, EndNote) but the book or series for chapters; it only
  // names the source when it is not the title itself.
  const t2 = one(f, S.T2);
  const journal = one(f, S.JF) ?? one(f, S.JO) ?? (t2 && t2 !== title ? t2 : null) ?? one(f, S.JA) ?? one(f, S.J2) ?? one(f, S.J1) ?? one(f, S.T3);
  r.journal = journal ? tidy(journal) : null;
  r.volume = one(f, S.VL);
  r.issue = one(f, S.IS) ?? one(f, S.CP);
  r.pages = pageRange(one(f, S.SP), one(f, S.EP));
  r.doi = risDoi(f);
  const notes = every(f, S.N1);
  r.pmid = risPmid(f, notes);
  for (const slot of PMCID_SLOTS) {
    for (const v of f[slot] ?? []) if (!r.pmcid && v.includes('PMC')) r.pmcid = pmcidInText(v);
  }
  r.issn = issnOf(every(f, S.SN));
  r.abstract = one(f, S.AB) ?? one(f, S.N2);
  const kw = every(f, S.KW);
  r.keywords = f[S.DE] ? [...kw, ...every(f, S.DE)] : kw;
  r.url = one(f, S.UR) ?? one(f, S.L2);
  r.language = one(f, S.LA);
  r.screening = notes.length > 0 ? screeningFromNotes(notes) : r.screening;
  return r;
}

/**
 * The DOI: from fields that hold nothing else (DO, DI, M3) first, then one marked as a DOI
 * (`doi:`, `[doi]`, a doi.org link) in links and notes; notes also carry cited references'
 * DOIs, so an unmarked one there is not taken.
 */
function risDoi(f: Slots): string | null {
  for (const slot of DOI_SLOTS) {
    for (const v of f[slot] ?? []) {
      const d = doiValue(v);
      if (d) return d;
    }
  }
  for (const slot of MARKED_DOI_SLOTS) {
    for (const v of f[slot] ?? []) {
      const d = markedDoi(v);
      if (d) return d;
    }
  }
  return null;
}

/**
 * A PubMed id: a `PMID:` note or PubMed link, or an `AN` accession number when the record says
 * it came from PubMed/MEDLINE (in other databases `AN` is their own accession number).
 */
function risPmid(f: Slots, notes: string[]): string | null {
  for (const v of notes) {
    const p = v.includes('PMID') || v.includes('pubmed') ? pmidInText(v) : null;
    if (p) return p;
  }
  for (const slot of PMID_SLOTS) {
    for (const v of f[slot] ?? []) {
      const p = v.includes('PMID') || v.includes('pubmed') ? pmidInText(v) : null;
      if (p) return p;
    }
  }
  const an = one(f, S.AN);
  if (an && /^\d{1,9}$/.test(an)) {
    const source = `${one(f, S.DB) ?? ''} ${one(f, S.DP) ?? ''}`.toLowerCase();
    if (source.includes('pubmed') || source.includes('medline') || source.includes('nlm')) return an;
  }
  return null;
}
