/**
 * The text a page is indexed by for full-text search, with words hyphenated across a line end
 * made whole again, so that searching "intervention" finds "inter-\nvention". The page text
 * itself never changes (highlights count characters in it); only the search index sees this.
 *
 * A hyphen at a line end is either hyphenation ("inter-vention") or a compound that happened to
 * break there ("meta-analysis"). The document's own words decide (a dictionary would not know
 * a paper's terms): a split word whose joined form the document uses elsewhere is joined; one
 * the document writes with a hyphen elsewhere keeps its hyphen; one it uses nowhere else is
 * indexed both ways ("meta-analysis metaanalysis"), so either search finds it. In the fixture
 * articles about a third of the line-end hyphens that the rest of the text cannot settle are
 * compounds ("meta-analysis", "self-care", "home-based"), too many to simply join.
 *
 * Only a letter, a hyphen (or soft hyphen), a line break and a lower-case letter count: "COVID-\n19"
 * or "Smith-\nJones" are left alone.
 */

/** The words (lower case) a document uses, and its hyphenated compounds written on one line. */
export interface Vocabulary {
  words: ReadonlySet<string>;
  compounds: ReadonlySet<string>;
}

const WORD = /\p{L}+/gu;
const COMPOUND = /\p{L}+[-\u2010]\p{L}+/gu;
const SPLIT = /(\p{L}+)[-\u00ad\u2010]\n(\p{Ll}\p{L}*)/gu;

/** The vocabulary of a document from its pages' texts. */
export function documentVocabulary(pageTexts: readonly string[]): Vocabulary {
  const words = new Set<string>();
  const compounds = new Set<string>();
  for (const text of pageTexts) {
    const lower = text.toLowerCase();
    for (const m of lower.matchAll(WORD)) words.add(m[0]);
    for (const m of lower.matchAll(COMPOUND)) compounds.add(m[0].replace('\u2010', '-'));
  }
  return { words, compounds };
}

/** `text` as the search index should see it (see the module comment); `text` itself when nothing is split. */
export function searchText(text: string, vocabulary: Vocabulary): string {
  if (!text.includes('\n')) return text;
  return text.replace(SPLIT, (_match, head: string, tail: string) => {
    const joined = head + tail;
    const lower = joined.toLowerCase();
    if (vocabulary.words.has(lower)) return joined;
    const compound = `${head}-${tail}`;
    if (vocabulary.compounds.has(compound.toLowerCase())) return compound;
    return `${compound} ${joined}`;
  });
}
