/**
 * Helpers the tagged-format parsers (RIS, MEDLINE, Web of Science, EndNote/Refer, Ovid) share:
 * a record's fields as a tag -> values map, and the look-ups every dialect needs (first value,
 * year, DOI, PMID, ISSN, page range, screening decisions written into notes).
 */
import type { ScreeningDecision } from '../domain/types';
import type { PersonName } from '../domain/types';
import { cleanText, normaliseDoi, parsePersonName } from './normalise';

/**
 * One record's tagged values in file order; a repeated tag keeps every value. A Map satisfies
 * it; the RIS parser passes a lazy view that slices a value out of the text only when asked.
 */
export interface TagValues {
  get(tag: string): string[] | undefined;
  has(tag: string): boolean;
}

/** Appends `value` under `tag`, returning the array so a continuation line can extend it. */
export function addValue(fields: Map<string, string[]>, tag: string, value: string): string[] {
  let list = fields.get(tag);
  if (!list) {
    list = [];
    fields.set(tag, list);
  }
  list.push(value);
  return list;
}

/**
 * The first non-empty value among `tags` (in the order given), or null. Parsers store values
 * already trimmed, so none is trimmed again here.
 */
export function firstOf(fields: TagValues, ...tags: string[]): string | null {
  for (const tag of tags) {
    const list = fields.get(tag);
    if (!list) continue;
    for (const v of list) if (v) return v;
  }
  return null;
}

/**
 * Every non-empty value among `tags`, tag by tag. With one tag and no empty value this is the
 * stored array itself (no copy: a record's field map is thrown away once the record is built).
 */
export function allOf(fields: TagValues, ...tags: string[]): string[] {
  if (tags.length === 1) {
    const list = fields.get(tags[0]!);
    if (!list) return [];
    if (!list.includes('')) return list;
  }
  const out: string[] = [];
  for (const tag of tags) {
    const list = fields.get(tag);
    if (!list) continue;
    for (const v of list) if (v) out.push(v);
  }
  return out;
}

/** The first plausible year found among `tags`, trying each value in turn (so `PY - ///` falls through to `Y1`). */
export function yearOf(fields: TagValues, ...tags: string[]): number | null {
  for (const tag of tags) {
    for (const v of fields.get(tag) ?? []) {
      const y = yearIn(v);
      if (y !== null) return y;
    }
  }
  return null;
}

/** The latest year extractYear accepts; computed once per module load rather than per value. */
const MAX_YEAR = new Date().getUTCFullYear() + 1;

/**
 * extractYear's rule (the first run of exactly four digits between 1500 and next year) as a
 * plain character scan: year fields are read once per record, so this is on the hot path.
 */
export function yearIn(value: string): number | null {
  const n = value.length;
  let run = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? value.charCodeAt(i) : -1;
    if (c >= 48 && c <= 57) {
      run++;
      continue;
    }
    if (run === 4) {
      const y = Number(value.slice(i - 4, i));
      if (y >= 1500 && y <= MAX_YEAR) return y;
    }
    run = 0;
  }
  return null;
}

/**
 * A DOI from fields that hold nothing else (`DO`, `DI`...) first, then from fields where a DOI
 * only counts when it is marked as one (a doi.org link, `doi:` or `[doi]`), because notes often
 * carry the DOIs of cited references too.
 */
export function doiOf(fields: TagValues, plainTags: string[], markedTags: string[]): string | null {
  for (const tag of plainTags) {
    for (const v of fields.get(tag) ?? []) {
      const d = doiValue(v);
      if (d) return d;
    }
  }
  for (const tag of markedTags) {
    for (const v of fields.get(tag) ?? []) {
      const d = markedDoi(v);
      if (d) return d;
    }
  }
  return null;
}

/**
 * normaliseDoi with a shortcut for the common case of a bare, clean DOI (`10.1016/j.x.2019.1`):
 * the same result without its chain of replacements.
 */
export function doiValue(value: string): string | null {
  if (value.startsWith('10.') && /^10\.\d{4,9}\/[^\s%]*[^\s%.,;)\]]$/.test(value)) return value.toLowerCase();
  return normaliseDoi(value);
}

/** A DOI in free text only when labelled as one: `doi.org/10...`, `doi: 10...`, `DOI 10...` or `10... [doi]`. */
export function markedDoi(value: string): string | null {
  if (!/doi/i.test(value)) return null;
  const m = /doi(?:\.org\/|:\s*|\s+)(10\.\d{4,9}\/\S+)/i.exec(value) ?? /(10\.\d{4,9}\/\S+)\s*\[doi\]/i.exec(value);
  return m ? normaliseDoi(m[1]) : null;
}

/** A PubMed id written in free text (`PMID: 12345678`, a pubmed.ncbi.nlm.nih.gov link), or null. */
export function pmidInText(value: string): string | null {
  const m = /PMID:?\s*(\d{1,9})\b/i.exec(value) ?? /pubmed(?:\.ncbi\.nlm\.nih\.gov|\/)\/?(\d{1,9})\b/i.exec(value);
  return m ? m[1]! : null;
}

/** A PubMed Central id (`PMC1234567`) in free text, or null. */
export function pmcidInText(value: string): string | null {
  const m = /\bPMC\d{3,10}\b/.exec(value);
  return m ? m[0] : null;
}

/**
 * The first ISSN in a value, hyphenated (`03064530 (ISSN)` -> `0306-4530`); null for an ISBN
 * or other text, since the field only means "ISSN" for serials.
 */
export function issnOf(values: string[]): string | null {
  for (const v of values) {
    const m = /(?<![\dXx-])(\d{4})-?(\d{3}[\dXx])(?![\dXx-])/.exec(v);
    if (m) return `${m[1]}-${m[2]!.toUpperCase()}`;
  }
  return null;
}

/**
 * "359" + "376" -> "359-376"; a start that already holds a range is kept; null when both are
 * empty or say there are no pages (PsycINFO's "No Pagination Specified", split by Ovid into
 * `SP - No` and `EP - Specified`).
 */
export function pageRange(start: string | null, end: string | null): string | null {
  if (/specified|pagination/i.test(`${start ?? ''} ${end ?? ''}`)) return null;
  if (!start) return end || null;
  if (!end || end === start || start.includes('-') || start.includes('–')) return start;
  return `${start}-${end}`;
}

/**
 * A screening decision written into notes by a screening tool:
 * - ASReview writes `ASReview_relevant` / `ASReview_irrelevant` (plus `ASReview_prior` for the
 *   prior knowledge, which is not a decision by itself, and `ASReview_not_seen`);
 * - Rayyan writes `RAYYAN-INCLUSION: {"Alice"=>"Included", "Bob"=>"Excluded"}` and
 *   `RAYYAN-EXCLUSION-REASONS: wrong population,...`, joined with ` | `. Every reviewer agreeing
 *   gives their decision; disagreement or a "Maybe" gives 'maybe' (it still needs a decision);
 * - Covidence-style notes `Covidence decision: Included` / `Excluded` / `Maybe`.
 * Returns null decision when no tool marked the record.
 */
export function screeningFromNotes(notes: string[]): { decision: ScreeningDecision; reason: string | null } {
  let decision: ScreeningDecision = null;
  let reason: string | null = null;
  for (const note of notes) {
    if (note.includes('ASReview_')) {
      if (note.includes('ASReview_irrelevant')) decision = 'excluded';
      else if (note.includes('ASReview_relevant')) decision = 'included';
    }
    const ri = note.indexOf('RAYYAN-INCLUSION:');
    if (ri >= 0) {
      const votes = [...note.slice(ri).matchAll(/=>\s*"([^"]*)"/g)].map((m) => m[1]!.toLowerCase());
      if (votes.length > 0) {
        decision = votes.every((v) => v === 'included') ? 'included' : votes.every((v) => v === 'excluded') ? 'excluded' : 'maybe';
      }
    }
    const rr = note.indexOf('RAYYAN-EXCLUSION-REASONS:');
    if (rr >= 0) reason = note.slice(rr + 'RAYYAN-EXCLUSION-REASONS:'.length).split('|')[0]!.trim() || null;
    if (note.includes('ovidence')) {
      const cm = /Covidence decision:\s*(included|excluded|maybe)/i.exec(note);
      if (cm) decision = cm[1]!.toLowerCase() as ScreeningDecision;
      const cr = /Exclusion reason:\s*([^|\n]+)/i.exec(note);
      if (cr) reason = cr[1]!.trim();
    }
  }
  return { decision, reason };
}

/**
 * Author strings -> names, dropping empty ones. The common "Family, Given" form with single
 * spaces and no trailing `,`/`;` is split directly (the same result parsePersonName gives, at a
 * fraction of the cost: a 10,000-record library holds ~150,000 names); anything else goes
 * through parsePersonName.
 */
export function personNames(values: string[]): PersonName[] {
  const out: PersonName[] = [];
  for (const v of values) {
    const comma = v.indexOf(',');
    const n = v.length;
    const lastChar = v.charCodeAt(n - 1);
    if (comma > 0 && lastChar !== 44 && lastChar !== 59 && v.indexOf('  ') < 0 && v.indexOf('\t') < 0 && v.indexOf('\n') < 0) {
      let fe = comma;
      while (fe > 0 && v.charCodeAt(fe - 1) === 32) fe--;
      let gs = comma + 1;
      while (gs < n && v.charCodeAt(gs) === 32) gs++;
      out.push({ family: v.slice(0, fe), given: v.slice(gs) });
      continue;
    }
    const p = parsePersonName(v);
    if (p.family || p.given) out.push(p);
  }
  return out;
}

/** True when `v` has white space other than single spaces (tabs, line breaks, doubled spaces, NBSP). */
function hasOddSpace(v: string): boolean {
  return /\s\s|[\t\n\r\u00a0\u2028\u2029]/.test(v);
}

/** cleanText (white space runs -> one space), skipped when there is nothing to clean. */
export function tidy(v: string): string {
  return hasOddSpace(v) ? cleanText(v) : v;
}
