/**
 * Links an attached article to the record it is the full text of. Pure: the caller gives the
 * candidates (records with an id, a title and a normalised DOI) and the document's first pages.
 *
 * Order of evidence, strongest first:
 *  1. `doi`: a DOI printed in the first pages (or in the PDF's metadata) equals a record's DOI,
 *     both through `normaliseDoi`. Publishers print the article's own DOI on page 1, while
 *     cited DOIs appear in the reference list at the end, so only the first pages are read.
 *  2. `title`: the record's normalised title appears whole in the normalised first-page text,
 *     or at least TITLE_OVERLAP of its distinctive words do (and at least MIN_TITLE_WORDS of
 *     them), which survives a line break or a hyphenation inside a printed title.
 *  3. `none`.
 */
import { normaliseDoi } from '../import/normalise';

/** A record as the matcher needs it. */
export interface MatchCandidate {
  id: string;
  title: string;
  /** Already normalised (the records table stores DOIs normalised). */
  doi: string | null;
}

export interface RecordMatch {
  recordId: string | null;
  match: 'doi' | 'title' | 'none';
}

/**
 * Share of a title's distinctive words that must appear on the first page. 0.85 accepts one
 * missing word in a title of seven (a word split by a hyphen at a line end) and refuses two
 * papers on the same topic, whose titles share the topic words but rarely 85% of the others.
 */
export const TITLE_OVERLAP = 0.85;
/** Titles with fewer distinctive words ("Editorial", "Case management") never match by overlap. */
export const MIN_TITLE_WORDS = 4;

const STOP_WORDS = new Set(
  'a an and are as at by for from in into is it of on or the to with its their this that than be was were'.split(' '),
);

/** Lower case, no diacritics, letters and digits only, single spaces; hyphenated line ends joined. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/(\p{L})-\s*\n\s*(\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function distinctiveWords(normalised: string): string[] {
  return [...new Set(normalised.split(' ').filter((w) => w.length > 2 && !STOP_WORDS.has(w)))];
}

/**
 * Every DOI-looking string in `text`, normalised, in order of appearance. A DOI broken across
 * a line end is rejoined when the break follows a slash or a dot.
 */
export function findDois(text: string): string[] {
  const joined = text.replace(/([/.])\s*\n\s*/g, '$1');
  const found: string[] = [];
  for (const m of joined.matchAll(/\b10\.\d{4,9}\/[^\s"<>]+/g)) {
    const doi = normaliseDoi(m[0]);
    if (doi && !found.includes(doi)) found.push(doi);
  }
  return found;
}

/**
 * The record `firstPagesText` (the text of the first two or three pages) is the full text of,
 * by DOI, then title; `metadataDois` are DOIs read from the PDF's own metadata.
 */
export function matchRecord(
  candidates: readonly MatchCandidate[],
  firstPagesText: string,
  firstPageText: string,
  metadataDois: readonly string[] = [],
): RecordMatch {
  const dois = [...metadataDois.map((d) => normaliseDoi(d)).filter((d): d is string => !!d), ...findDois(firstPagesText)];
  if (dois.length > 0) {
    const byDoi = new Map<string, string>();
    for (const c of candidates) if (c.doi) byDoi.set(c.doi, c.id);
    for (const doi of dois) {
      const id = byDoi.get(doi);
      if (id) return { recordId: id, match: 'doi' };
    }
  }
  const page = ` ${normaliseForMatch(firstPageText)} `;
  const pageWords = new Set(page.trim().split(' '));
  let best: { id: string; score: number; length: number } | null = null;
  for (const c of candidates) {
    const title = normaliseForMatch(c.title);
    if (title.length < 12) continue;
    let score = 0;
    if (page.includes(` ${title} `)) {
      score = 2; // a whole-title hit beats any overlap
    } else {
      const words = distinctiveWords(title);
      if (words.length < MIN_TITLE_WORDS) continue;
      const share = words.filter((w) => pageWords.has(w)).length / words.length;
      if (share >= TITLE_OVERLAP) score = share;
    }
    // Prefer longer titles on ties: "Case management" inside "Case management for frequent users".
    if (score > 0 && (!best || score > best.score || (score === best.score && title.length > best.length))) {
      best = { id: c.id, score, length: title.length };
    }
  }
  return best ? { recordId: best.id, match: 'title' } : { recordId: null, match: 'none' };
}
