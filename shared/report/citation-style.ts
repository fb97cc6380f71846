/**
 * Reference-list entries in two standard styles, from a record's metadata: Vancouver (the
 * ICMJE / NLM "Citing Medicine" form most health journals ask for) and APA 7th edition. Pure:
 * metadata in, styled text out, as segments so that HTML and DOCX can set the italics APA asks
 * for (journal name and volume; the title of a work that stands alone).
 *
 * What is kept simple, on purpose: the journal name is printed as the record stores it (NLM
 * abbreviates journal titles; we have no list to do it), page ranges are printed as stored
 * (NLM shortens "448-458" to "448-58"; APA keeps them whole, with an en dash), and a record
 * without a journal is treated as a report or book (its title set in italics in APA).
 */

/** The metadata a reference is made from (a record's fields, all optional but the title). */
export interface ReferenceSource {
  title: string;
  authors: ReadonlyArray<{ family: string; given: string }>;
  year: number | null;
  journal?: string | null | undefined;
  volume?: string | null | undefined;
  issue?: string | null | undefined;
  pages?: string | null | undefined;
  doi?: string | null | undefined;
  url?: string | null | undefined;
}

/** The two styles offered. */
export type CitationStyle = 'vancouver' | 'apa';
export const CITATION_STYLES: readonly CitationStyle[] = ['vancouver', 'apa'];

/** A run of reference text; `italic` where the style sets it in italics. */
export interface ReferenceSegment {
  text: string;
  italic?: boolean;
}

/** The most authors Vancouver lists before "et al." (NLM: six). */
export const VANCOUVER_MAX_AUTHORS = 6;
/** The most authors APA 7 lists in full; past it, the first 19, an ellipsis and the last. */
export const APA_MAX_AUTHORS = 20;

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** A sentence ends with one full stop: none added after "?", "!" or ".". */
function sentence(s: string): string {
  const t = clean(s);
  return t === '' || /[.?!]$/.test(t) ? t : `${t}.`;
}

/**
 * The initials of given names: "Marie-Claude" gives ["M", "-C"] style parts; Vancouver joins
 * them as "MC", APA as "M.-C.". "J. R." and "J R" and "JR" (already initials) all give J and R.
 */
function initialParts(given: string): Array<{ letter: string; hyphen: boolean }> {
  const out: Array<{ letter: string; hyphen: boolean }> = [];
  for (const word of clean(given).split(/[\s.]+/).filter(Boolean)) {
    // A word in capitals of one to three letters is taken as initials already ("JR").
    if (/^\p{Lu}{1,3}$/u.test(word)) {
      for (const ch of word) out.push({ letter: ch, hyphen: false });
      continue;
    }
    word.split('-').filter(Boolean).forEach((part, i) => out.push({ letter: part[0]!.toLocaleUpperCase(), hyphen: i > 0 }));
  }
  return out;
}

/** "Chouinard MC" (Vancouver: family name, then initials without full stops). */
export function vancouverName(a: { family: string; given: string }): string {
  const initials = initialParts(a.given).map((p) => p.letter).join('');
  return [clean(a.family), initials].filter(Boolean).join(' ');
}

/** "Chouinard, M.-C." (APA: family name, comma, initials with full stops, hyphens kept). */
export function apaName(a: { family: string; given: string }): string {
  const initials = initialParts(a.given)
    .map((p) => `${p.hyphen ? '-' : ' '}${p.letter}.`)
    .join('')
    .trim();
  return initials ? `${clean(a.family)}, ${initials}` : clean(a.family);
}

function doiText(doi: string | null | undefined): string {
  return clean(doi).replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
}

/** A Vancouver reference: `Authors. Title. Journal. Year;Vol(Issue):Pages. doi:...` */
export function vancouverReference(r: ReferenceSource): ReferenceSegment[] {
  const names = r.authors.map(vancouverName).filter(Boolean);
  const authors = names.length > VANCOUVER_MAX_AUTHORS ? `${names.slice(0, VANCOUVER_MAX_AUTHORS).join(', ')}, et al.` : names.length > 0 ? `${names.join(', ')}.` : '';
  const parts = [authors, sentence(r.title)];
  const journal = clean(r.journal);
  const volume = clean(r.volume);
  const issue = clean(r.issue);
  const pages = clean(r.pages);
  if (journal) {
    let where = r.year === null ? '' : String(r.year);
    if (volume || issue) where += `;${volume}${issue ? `(${issue})` : ''}`;
    if (pages) where += `:${pages}`;
    parts.push(sentence(journal));
    if (where) parts.push(sentence(where));
  } else if (r.year !== null) parts.push(`${r.year}.`);
  const doi = doiText(r.doi);
  if (doi) parts.push(`doi:${doi}`);
  else if (clean(r.url)) parts.push(`Available from: ${clean(r.url)}`);
  return [{ text: parts.filter(Boolean).join(' ') }];
}

/** The author list of APA 7: "A, B., & C, D."; 21 or more: first 19, "...", the last. */
function apaAuthors(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return names[0]!;
  if (names.length > APA_MAX_AUTHORS) return `${names.slice(0, APA_MAX_AUTHORS - 1).join(', ')}, . . . ${names[names.length - 1]}`;
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

/** An APA 7 reference: `Authors (Year). Title. *Journal*, *Vol*(Issue), pages. https://doi.org/...` */
export function apaReference(r: ReferenceSource): ReferenceSegment[] {
  const names = r.authors.map(apaName).filter(Boolean);
  const when = `(${r.year === null ? 'n.d.' : r.year}).`;
  const journal = clean(r.journal);
  const title = clean(r.title);
  const out: ReferenceSegment[] = [];
  const push = (text: string, italic = false) => {
    if (text) out.push(italic ? { text, italic } : { text });
  };
  if (names.length > 0) {
    const list = apaAuthors(names);
    push(`${/\.$/.test(list) ? list : `${list}.`} ${when} `);
    if (journal) push(`${sentence(title)} `);
    else {
      push(sentence(title), true);
      push(' ');
    }
  } else {
    // Without authors, the title moves to the author's place (APA 7, 9.12).
    if (journal) push(`${sentence(title)} ${when} `);
    else {
      push(sentence(title), true);
      push(` ${when} `);
    }
  }
  if (journal) {
    const volume = clean(r.volume);
    const issue = clean(r.issue);
    const pages = clean(r.pages).replace(/-+/g, '\u2013');
    push(journal, true);
    if (volume) {
      push(', ');
      push(volume, true);
    }
    if (issue) push(`(${issue})`);
    if (pages) push(`, ${pages}`);
    push('. ');
  }
  const doi = doiText(r.doi);
  if (doi) push(`https://doi.org/${doi}`);
  else if (clean(r.url)) push(clean(r.url));
  // Merge neighbours of the same style and drop the trailing space.
  const merged: ReferenceSegment[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && Boolean(last.italic) === Boolean(s.italic)) last.text += s.text;
    else merged.push({ ...s });
  }
  const tail = merged[merged.length - 1];
  if (tail) tail.text = tail.text.trimEnd();
  return merged.filter((s) => s.text !== '');
}

/** A reference in the chosen style, as styled segments. */
export function formatReference(r: ReferenceSource, style: CitationStyle): ReferenceSegment[] {
  return style === 'apa' ? apaReference(r) : vancouverReference(r);
}

/** The reference as plain text (italics dropped). */
export function referenceText(segments: readonly ReferenceSegment[]): string {
  return segments.map((s) => s.text).join('');
}

/**
 * The order of a reference list: APA sorts by first author's family name, then year; Vancouver
 * numbers references in the order the text cites them, which in this report is the order of
 * the included documents (also by first author, so both lists read the same way).
 */
export function compareReferences(a: ReferenceSource, b: ReferenceSource): number {
  const key = (r: ReferenceSource) => (r.authors[0] ? clean(r.authors[0].family) : clean(r.title)).toLocaleLowerCase('en');
  return key(a).localeCompare(key(b), 'en') || (a.year ?? 9999) - (b.year ?? 9999) || clean(a.title).localeCompare(clean(b.title), 'en');
}
