/**
 * How alike two records of a duplicate cluster are, as numbers a reviewer can read beside the
 * cluster's reason: title similarity (letter by letter, on the titles the matcher compares) and
 * author similarity (family names in common). And the "same DOI, different titles" flag: a DOI
 * shared by records whose titles clearly name different works, as a journal supplement gives
 * one DOI to dozens of conference abstracts. Such a cluster must not be merged by default.
 */
import type { PersonName } from '../domain/types';
import { titlesClearlyDiffer } from './dedupe';
import { normaliseFamily, normaliseTitle } from './normalise';
import { editSimilarity } from './similarity';

/**
 * Title similarity in [0, 1]: 1 - edit distance / longer length, on the normalised titles (case,
 * punctuation, diacritics and markup removed), the same measure as a fuzzy match's score, so a
 * "Similar title" cluster at 0.93 shows 93 %. "Colour" against "Color": 1 edit in 6 letters,
 * 0.83. Two empty titles: 1; one empty title: 0.
 */
export function titleSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  return editSimilarity(normaliseTitle(a), normaliseTitle(b));
}

/**
 * Author similarity in [0, 1]: family names the two lists share over the distinct family names
 * of both (Jaccard), compared as the matcher compares them ("García-López" = "Garcia Lopez").
 * [Smith, Jones] against [Smith, Jones, Brown]: 2 of 3, 0.67. Null when either list is empty:
 * a missing author list says nothing about the work.
 */
export function authorSimilarity(a: readonly PersonName[], b: readonly PersonName[]): number | null {
  const fa = new Set(a.map((p) => normaliseFamily(p.family)).filter((f) => f !== ''));
  const fb = new Set(b.map((p) => normaliseFamily(p.family)).filter((f) => f !== ''));
  if (fa.size === 0 || fb.size === 0) return null;
  let shared = 0;
  for (const f of fa) if (fb.has(f)) shared++;
  return shared / (fa.size + fb.size - shared);
}

/** A record as the similarity functions need it. */
export interface ComparableRecord {
  title: string;
  authors: readonly PersonName[];
}

/** How alike one record is to the reference record of its cluster. */
export interface RecordSimilarity {
  title: number;
  authors: number | null;
}

/** Each record's similarity to `reference` (itself included: 1 and 1, or null without authors). */
export function similarityTo(reference: ComparableRecord, records: readonly ComparableRecord[]): RecordSimilarity[] {
  return records.map((r) => ({ title: titleSimilarity(reference.title, r.title), authors: authorSimilarity(reference.authors, r.authors) }));
}

/**
 * The lowest title and author similarity of the records to the first one: how far apart the
 * cluster's most different record is (authors null when no comparison had authors on both sides).
 * Compared with the first record only, so a cluster of n records costs n comparisons, not n².
 */
export function clusterSimilarity(records: readonly ComparableRecord[]): RecordSimilarity {
  if (records.length < 2) return { title: 1, authors: null };
  const each = similarityTo(records[0]!, records.slice(1));
  const authors = each.map((s) => s.authors).filter((x): x is number => x !== null);
  return { title: Math.min(...each.map((s) => s.title)), authors: authors.length ? Math.min(...authors) : null };
}

/**
 * True when records grouped because they share a DOI have titles that clearly name different
 * works (fewer than half of their content words in common, as the matcher judges it), checked
 * against the first record. A subtitle added or dropped does not count as different.
 */
export function hasDifferentTitles(records: readonly ComparableRecord[]): boolean {
  if (records.length < 2) return false;
  const first = normaliseTitle(records[0]!.title);
  return records.slice(1).some((r) => titlesClearlyDiffer(first, normaliseTitle(r.title)));
}

/** A similarity as the review shows it: "67 %" (rounded, but never "100 %" unless identical). */
export function percent(x: number | null): string {
  if (x === null) return '—';
  const p = Math.round(x * 100);
  return `${p === 100 && x < 1 ? 99 : p} %`;
}
