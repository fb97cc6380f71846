/**
 * Finds records that describe the same work, the way screening teams expect: the same DOI,
 * the same PMID, or, failing identifiers, a near-identical title by the same first author in
 * the same (or the adjacent) year. A DOI is not always one work's: journals give a whole
 * supplement of conference abstracts one DOI, so records that share a DOI but clearly differ
 * in both title and first author are not duplicates by the DOI alone (see isOtherWork).
 *
 * Duplicates are never dropped here: callers get a match with its reason and score and keep
 * both records in a cluster for people to review.
 *
 * Cost: exact identifiers are hash lookups. Fuzzy matching uses BLOCKING: a record is only
 * compared with records that share a block, i.e. the same first 8 letters of the normalised
 * title, or the same first-author family name, with a year within one of its own. A block
 * holds a handful of records even in a library of tens of thousands, so adding n records
 * costs about n small comparisons, never n² (see DedupeIndex.comparisons).
 */
import { normaliseDoi } from '../import/normalise';
import { doiKey, normaliseFamily, normalisePmid, normaliseTitle } from './normalise';
import { editSimilarity } from './similarity';

/** What the deduplicator needs to know about a record. */
export interface DedupeRecord {
  id: string;
  title: string;
  /** Family name of the first author, as parsed. */
  firstAuthor: string | null;
  year: number | null;
  doi: string | null;
  pmid: string | null;
}

/** Why two records are one work: same DOI, same PMID, or similar title + first author + year. */
export type MatchReason = 'doi' | 'pmid' | 'fuzzy';

/** Why `id` is judged to be the same work as an earlier record `matchId`. */
export interface DuplicateMatch {
  id: string;
  matchId: string;
  reason: MatchReason;
  /** 1 for identifier matches; the title similarity for fuzzy ones. */
  score: number;
}

/**
 * Title similarity (normalised Levenshtein ratio) at or above which two records by the same
 * first author in the same or adjacent year are the same work. 0.9 lets through what exports
 * change (a subtitle separator, a dropped "the", a typo fixed, British/American spelling in
 * one word of a ten-word title). On a long title one changed word still scores above 0.9
 * ("...in rural adults..." vs "...in rural children...": 0.93 on 95 characters), so a pair
 * must also have no content word (4+ letters) without an equal or near-equal word in the
 * other title (see hasUnmatchedWord).
 */
export const FUZZY_TITLE_THRESHOLD = 0.9;
/** When a record lacks an author, the title must be this close and the year known and equal. */
export const FUZZY_TITLE_NO_AUTHOR_THRESHOLD = 0.96;
/** Titles shorter than this ("Editorial", "Reply to Smith") match only when identical. */
const SHORT_TITLE = 25;
/** Letters of the normalised title (spaces removed) that form its block key. */
const TITLE_KEY_LENGTH = 8;

interface Entry {
  rec: DedupeRecord;
  title: string;
  /** titleKey(title), computed once. */
  key: string;
  /** Character histogram of the title (see histogram()). */
  hist: Int32Array;
  family: string;
  doi: string | null;
  pmid: string | null;
}

type YearBlocks = Map<number | null, Entry[]>;

/** Buckets of the character histogram: a-z, 0-9, space, anything else. */
const HIST_SIZE = 38;

/** How often each character (bucket) occurs in a normalised title. */
function histogram(title: string): Int32Array {
  const h = new Int32Array(HIST_SIZE);
  for (let i = 0; i < title.length; i++) {
    const c = title.charCodeAt(i);
    if (c >= 97 && c <= 122) h[c - 97]!++;
    else if (c >= 48 && c <= 57) h[c - 48 + 26]!++;
    else if (c === 32) h[36]!++;
    else h[37]!++;
  }
  return h;
}

/**
 * A lower bound of the edit distance between two titles from their histograms: every edit
 * changes at most one character in and one out, so the distance is at least the larger of
 * the surplus counts either way. Exact filter (never rejects a pair that would pass) that
 * costs 38 steps instead of a full Levenshtein table, which matters inside large blocks.
 */
function histogramDistance(a: Int32Array, b: Int32Array): number {
  let more = 0;
  let less = 0;
  for (let i = 0; i < HIST_SIZE; i++) {
    const d = a[i]! - b[i]!;
    if (d > 0) more += d;
    else less -= d;
  }
  return Math.max(more, less);
}

/** The block key of a normalised title: its first letters, after a leading article. */
function titleKey(title: string): string {
  return title.replace(/^(?:the|a|an) /, '').replace(/ /g, '').slice(0, TITLE_KEY_LENGTH);
}

/** Words this long that differ between two titles are content, not spelling or markup. */
const CONTENT_WORD = 4;
/**
 * True when two different words are one word spelt two ways: one edit apart (randomised /
 * randomized, paediatric / pediatric), or two edits apart with the same first letter
 * (behaviour / behavior). "relevant" / "irrelevant" and "effective" / "ineffective" are two
 * edits apart at the start: opposites, not spellings.
 */
function isSpellingVariant(a: string, b: string): boolean {
  const longest = Math.max(a.length, b.length);
  const distance = Math.round((1 - editSimilarity(a, b, 1 - 2 / longest)) * longest);
  return distance <= 1 || (distance === 2 && a[0] === b[0]);
}

/**
 * True when some content word of `a` has no equal word or spelling variant in `b` (or the
 * other way round): "adults" against "children" in otherwise identical titles marks two
 * studies, while "randomised" against "randomized" is one study spelt two ways.
 */
function hasUnmatchedWord(a: string, b: string): boolean {
  const wa = new Set(a.split(' '));
  const wb = new Set(b.split(' '));
  const unmatched = (from: Set<string>, to: Set<string>) => {
    for (const w of from) {
      if (w.length < CONTENT_WORD || to.has(w)) continue;
      let near = false;
      for (const v of to) {
        if (Math.abs(v.length - w.length) <= 2 && isSpellingVariant(w, v)) {
          near = true;
          break;
        }
      }
      if (!near) return true;
    }
    return false;
  };
  return unmatched(wa, wb) || unmatched(wb, wa);
}

function push(map: Map<string, YearBlocks>, key: string, year: number | null, entry: Entry): void {
  let years = map.get(key);
  if (!years) map.set(key, (years = new Map()));
  const list = years.get(year);
  if (list) list.push(entry);
  else years.set(year, [entry]);
}

/** Entries of a block whose year is within one of `year` (any year when it is unknown, and unknown years always). */
function collect(map: Map<string, YearBlocks>, key: string, year: number | null, out: Set<Entry>): void {
  const years = map.get(key);
  if (!years) return;
  if (year === null) {
    for (const list of years.values()) for (const e of list) out.add(e);
    return;
  }
  const add = (list: Entry[] | undefined) => {
    if (list) for (const e of list) out.add(e);
  };
  add(years.get(year - 1));
  add(years.get(year));
  add(years.get(year + 1));
  add(years.get(null));
}

/**
 * Share of the two titles' content words they must have in common (words in both, spelling
 * variants counted as one, over all distinct words of either) for two titles to be possibly one
 * work's. A subtitle added or dropped keeps it high ("... health care" against "... health care:
 * a realist synthesis": 6 of 8); two abstracts of one supplement share only the topic words
 * ("Epilepsy in Wilson's disease" against "Behavior of speech in Wilson's disease": 2 of 5).
 */
const SHARED_TITLE_WORDS = 0.5;

/** Content words (CONTENT_WORD letters or more) of a normalised title, each once. */
function contentWords(title: string): string[] {
  return [...new Set(title.split(' '))].filter((w) => w.length >= CONTENT_WORD);
}

/**
 * True when two normalised titles clearly name different works: they have less than
 * SHARED_TITLE_WORDS of their content words in common. Titles without content words differ
 * clearly when they are less than half alike letter by letter. An empty title is never clearly
 * different: it tells nothing. Exported for the duplicate review's "same DOI, different titles"
 * flag (shared/dedupe/record-similarity.ts), so the review and the matcher judge alike.
 */
export function titlesClearlyDiffer(a: string, b: string): boolean {
  if (!a || !b || a === b) return false;
  const wa = contentWords(a);
  const wb = contentWords(b);
  if (wa.length === 0 || wb.length === 0) return editSimilarity(a, b) < SHARED_TITLE_WORDS;
  const inB = new Set(wb);
  const found = (w: string) => inB.has(w) || wb.some((v) => Math.abs(v.length - w.length) <= 2 && isSpellingVariant(w, v));
  const shared = wa.filter(found).length;
  return shared / (wa.length + wb.length - shared) < SHARED_TITLE_WORDS;
}

/**
 * True when two records that share a DOI are still two works: both first authors are known
 * and disagree, and the titles clearly differ. Either alone is an export's noise (a
 * translated title, authors listed in another order); both together are a supplement DOI or
 * a DOI pasted into the wrong record.
 */
function isOtherWork(a: Entry, b: Entry): boolean {
  return a.family !== '' && b.family !== '' && !familiesAgree(a.family, b.family) && titlesClearlyDiffer(a.title, b.title);
}

function familiesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  // "vanderberg" vs "berg", "garcialopez" vs "garcia": particles and double names.
  return a.length >= 3 && b.length >= 3 && (a.endsWith(b) || b.endsWith(a) || a.startsWith(b) || b.startsWith(a));
}

/**
 * An index of the records seen so far. Add the project's records, then for each incoming
 * record call `findMatch` and `add` it, so later records of the same batch match earlier ones.
 */
export class DedupeIndex {
  /** Every record with a DOI, in the order added (a supplement DOI holds many works). */
  private readonly byDoi = new Map<string, Entry[]>();
  private readonly byPmid = new Map<string, Entry>();
  private readonly byTitle = new Map<string, YearBlocks>();
  private readonly byAuthor = new Map<string, YearBlocks>();
  /** Full edit-distance comparisons made so far (to show that blocking keeps the work linear). */
  comparisons = 0;

  private entry(rec: DedupeRecord): Entry {
    const title = normaliseTitle(rec.title);
    return {
      rec,
      title,
      key: titleKey(title),
      hist: histogram(title),
      family: normaliseFamily(rec.firstAuthor),
      doi: doiKey(rec.doi, normaliseDoi(rec.doi)),
      pmid: normalisePmid(rec.pmid),
    };
  }

  add(rec: DedupeRecord): void {
    this.addEntry(this.entry(rec));
  }

  /** findMatch then add, normalising the record once (the import's inner loop). */
  findMatchAndAdd(rec: DedupeRecord): DuplicateMatch | null {
    const e = this.entry(rec);
    const match = this.match(e);
    this.addEntry(e);
    return match;
  }

  private addEntry(e: Entry): void {
    const rec = e.rec;
    // The first record with an identifier stays its representative, so every later copy
    // points at the same record and clusters do not chain. Under one DOI every record is kept,
    // so a later copy finds the work it is a copy of among the works sharing that DOI.
    if (e.doi) {
      const list = this.byDoi.get(e.doi);
      if (list) list.push(e);
      else this.byDoi.set(e.doi, [e]);
    }
    if (e.pmid && !this.byPmid.has(e.pmid)) this.byPmid.set(e.pmid, e);
    if (e.title) {
      push(this.byTitle, e.key, rec.year, e);
      if (e.family) push(this.byAuthor, e.family, rec.year, e);
    }
  }

  /** The best earlier record that `rec` duplicates, or null. Does not add `rec`. */
  findMatch(rec: DedupeRecord): DuplicateMatch | null {
    return this.match(this.entry(rec));
  }

  private match(e: Entry): DuplicateMatch | null {
    const rec = e.rec;
    if (e.doi) {
      for (const hit of this.byDoi.get(e.doi) ?? []) {
        if (hit.rec.id !== rec.id && !isOtherWork(e, hit)) return { id: rec.id, matchId: hit.rec.id, reason: 'doi', score: 1 };
      }
    }
    if (e.pmid) {
      const hit = this.byPmid.get(e.pmid);
      if (hit && hit.rec.id !== rec.id) return { id: rec.id, matchId: hit.rec.id, reason: 'pmid', score: 1 };
    }
    if (!e.title) return null;
    const candidates = new Set<Entry>();
    collect(this.byTitle, e.key, rec.year, candidates);
    if (e.family) collect(this.byAuthor, e.family, rec.year, candidates);
    let best: DuplicateMatch | null = null;
    for (const c of candidates) {
      if (c.rec.id === rec.id) continue;
      const score = this.fuzzyScore(e, c);
      if (score > 0 && (!best || score > best.score)) best = { id: rec.id, matchId: c.rec.id, reason: 'fuzzy', score };
    }
    return best;
  }

  /** The title similarity when a and b pass every fuzzy rule, else 0. */
  private fuzzyScore(a: Entry, b: Entry): number {
    // Different identifiers mean different works (an erratum, a reply, a protocol and its trial).
    if (a.doi && b.doi && a.doi !== b.doi) return 0;
    if (a.pmid && b.pmid && a.pmid !== b.pmid) return 0;
    const ya = a.rec.year;
    const yb = b.rec.year;
    if (ya !== null && yb !== null && Math.abs(ya - yb) > 1) return 0;
    const bothAuthors = a.family !== '' && b.family !== '';
    if (bothAuthors && !familiesAgree(a.family, b.family)) return 0;
    if (Math.min(a.title.length, b.title.length) < SHORT_TITLE) {
      return a.title === b.title && bothAuthors && ya === yb ? 1 : 0;
    }
    // Without authors on both sides the year must be known and equal: a title alone is too
    // little evidence (exports of screening tools hold many placeholder or generic titles).
    if (!bothAuthors && (ya === null || ya !== yb)) return 0;
    const threshold = bothAuthors ? FUZZY_TITLE_THRESHOLD : FUZZY_TITLE_NO_AUTHOR_THRESHOLD;
    const longest = Math.max(a.title.length, b.title.length);
    if (histogramDistance(a.hist, b.hist) > (1 - threshold) * longest) return 0;
    this.comparisons++;
    const score = editSimilarity(a.title, b.title, threshold);
    if (score < threshold) return 0;
    if (score < 1 && hasUnmatchedWord(a.title, b.title)) return 0;
    return Math.round(score * 1000) / 1000;
  }
}

/** A group of records judged to be one work. */
export interface DuplicateGroup {
  ids: string[];
  /** The strongest reason among the links that formed it: doi, then pmid, then fuzzy. */
  reason: MatchReason;
  /** The weakest link's score. */
  score: number;
}

const REASON_RANK: Record<MatchReason, number> = { doi: 0, pmid: 1, fuzzy: 2 };

/**
 * Groups a list of records (in order: each matched against the ones before it) into
 * duplicate groups of two or more. Records in no group are not returned.
 */
export function clusterRecords(records: readonly DedupeRecord[]): DuplicateGroup[] {
  const index = new DedupeIndex();
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const links: DuplicateMatch[] = [];
  for (const rec of records) {
    const match = index.findMatch(rec);
    if (match) {
      links.push(match);
      parent.set(find(rec.id), find(match.matchId));
    }
    index.add(rec);
  }
  const groups = new Map<string, DuplicateGroup>();
  const order = new Map<string, number>(records.map((r, i) => [r.id, i]));
  for (const link of links) {
    const root = find(link.id);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { ids: [], reason: link.reason, score: link.score }));
    for (const id of [link.matchId, link.id]) if (!g.ids.includes(id)) g.ids.push(id);
    if (REASON_RANK[link.reason] < REASON_RANK[g.reason]) g.reason = link.reason;
    g.score = Math.min(g.score, link.score);
  }
  for (const g of groups.values()) g.ids.sort((x, y) => order.get(x)! - order.get(y)!);
  return [...groups.values()];
}
