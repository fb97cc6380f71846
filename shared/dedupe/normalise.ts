/**
 * The comparable forms the deduplicator matches on. Two exports of the same article differ in
 * case, punctuation, diacritics, HTML or MathML markup, a trailing full stop, "&" against
 * "and": these functions erase exactly those differences and nothing that tells works apart.
 */

const HTML_TAG = /<[^>]{0,200}>/g;
const HTML_ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
/** Printable ASCII without the characters markup starts with (`<`, `&`). */
const PLAIN_ASCII = /^[\x20-\x25\x27-\x3b\x3d-\x7e]*$/;

/**
 * A title reduced to lower-case ASCII-ish words separated by single spaces: HTML tags and
 * entities removed, diacritics stripped (NFKD then combining marks dropped), "&" read as
 * "and", every other non-letter, non-digit character turned into a space.
 */
export function normaliseTitle(title: string | null | undefined): string {
  if (!title) return '';
  // Most titles are plain ASCII without markup: NFKD and the Unicode classes change nothing
  // there, and skipping them halves a 10,000-record import's deduplication.
  if (PLAIN_ASCII.test(title)) return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return title
    .replace(HTML_TAG, ' ')
    .replace(/&amp;|&/gi, ' and ')
    .replace(HTML_ENTITY, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The first author's family name as a matching key: letters only, lower case, no diacritics
 * ("García-López" -> "garcialopez", "O'Brien" -> "obrien"). Empty when there is no author.
 */
export function normaliseFamily(family: string | null | undefined): string {
  if (!family) return '';
  if (PLAIN_ASCII.test(family)) return family.toLowerCase().replace(/[^a-z]+/g, '');
  return family
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}]+/gu, '');
}

/** A PMID as digits only (exports write "PMID: 123", "123 [pmid]"); null when there are none. */
export function normalisePmid(pmid: string | null | undefined): string | null {
  if (!pmid) return null;
  const m = /\d{1,9}/.exec(pmid);
  if (!m) return null;
  const v = m[0].replace(/^0+/, '');
  return v === '' ? null : v;
}

/**
 * A DOI as a matching key: normaliseDoi's canonical form when it recognises one, else (for
 * short or test registrant codes like "10.1/abc" that it rejects) the value lower-cased
 * without a resolver or "doi:" prefix, as long as it still looks like "10.<prefix>/<suffix>".
 */
export function doiKey(doi: string | null | undefined, canonical: string | null): string | null {
  if (canonical) return canonical;
  if (!doi) return null;
  const v = doi
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .toLowerCase();
  return /^10\.[^/\s]+\/\S+$/.test(v) ? v : null;
}
