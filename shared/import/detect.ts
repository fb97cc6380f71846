/**
 * Which bibliographic format a text is, judged by its content, never by its file name: exports
 * arrive as `.txt` whatever they hold (PubMed-via-EndNote RIS, Web of Science RIS and WoS tagged
 * all download as `.txt`). The file name is accepted for callers' convenience but deliberately
 * not used: an extension is a weaker signal than the first kilobytes.
 */
import type { ImportFormat } from './types';

/** How much of the text is sniffed: enough for the first records, cheap for 50 MB files. */
const SNIFF_CHARS = 64 * 1024;

/** Column names that make a delimited header row bibliographic (lower-cased, compared whole). */
const TITLE_COLUMNS = new Set(['title', 'titles', 'article title', 'document title', 'primary_title', 'ti', 'original title', 'title of article', 'publication title']);

/** CSL-JSON keys that only a bibliographic item has (`title` alone is too common in JSON). */
const CSL_KEYS = ['"container-title"', '"issued"', '"author"', '"DOI"', '"page"', '"citation-key"'];

/**
 * The format of `text`, or null when it is not a bibliographic export the importers know (a
 * document, an empty file, a log...), so the caller can say "not a bibliographic file".
 */
export function detectFormat(text: string, _fileName?: string): ImportFormat | null {
  let head = text.slice(0, SNIFF_CHARS);
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const trimmed = head.trimStart();
  if (!trimmed) return null;

  if (trimmed.startsWith('<')) {
    if (/<PubmedArticleSet|<PubmedBookArticle|<PubmedArticle\b|<MedlineCitation\b/.test(head)) return 'pubmed-xml';
    if (/<xml>\s*<records>|<records>\s*<record>/.test(head)) return 'endnote-xml';
    if (/^<\d+\.?\s*>/.test(trimmed)) return ovidOrNull(head);
    if (/^<\?xml|^<!DOCTYPE/i.test(trimmed)) return null;
  }
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    if (CSL_KEYS.some((k) => head.includes(k)) && /"(type|title)"\s*:/.test(head)) return 'csl-json';
  }

  const lines = head.split(/\r?\n/, 400);
  const ovid = ovidOrNull(head);
  if (ovid) return ovid;
  if (isMedline(lines)) return 'nbib';
  if (isRis(lines)) return 'ris';
  if (isWos(lines)) return 'wos';
  if (isEnw(lines)) return 'enw';
  if (/^\s*@[a-zA-Z]+\s*[{(]/m.test(head) && /^\s*@(?!comment\b|preamble\b|string\b)[a-zA-Z]+\s*[{(]\s*[^,\s]*\s*,/im.test(head)) return 'bibtex';
  if (isDelimited(lines)) return 'csv';
  return null;
}

/** Ovid tagged (`<1. >` record numbers with `VN  - Ovid Technologies`) or Ovid's long-field-name display. */
function ovidOrNull(head: string): ImportFormat | null {
  if (/^\s*<\d+\.?\s*>\s*$/m.test(head) && (/^\s*[A-Z][A-Z0-9] +- /m.test(head) || /^\s*(Accession Number|Title|Author|Source)\s*$/m.test(head))) return 'ovid';
  if (/^\s*VN +- Ovid Technologies/m.test(head)) return 'ovid';
  return null;
}

/** Share of tag lines needed (among non-blank lines) before a text counts as a tagged format. */
const MIN_TAG_SHARE = 0.3;

function share(lines: string[], test: (l: string) => boolean): number {
  let total = 0;
  let hits = 0;
  for (const l of lines) {
    if (!l.trim()) continue;
    total++;
    if (test(l)) hits++;
  }
  return total === 0 ? 0 : hits / total;
}

/** MEDLINE/PubMed tagged: a `PMID-`, `OWN -`, `FAU -` or `PMC -` line (four-column tags RIS never uses). */
function isMedline(lines: string[]): boolean {
  const medlineTag = /^(PMID|OWN |FAU |STAT|PMC |DCOM|LR  |JID |SO  |PG  |LID |PHST|PT  |DP  )- ?/;
  let strong = 0;
  for (const l of lines) {
    const s = l.replace(/^\ufeff/, '');
    if (/^(PMID|OWN |FAU |PMC |STAT|DCOM|PHST)-/.test(s)) strong++;
  }
  return strong > 0 && share(lines, (l) => medlineTag.test(l) || /^[A-Z]{2,4} *- /.test(l) || /^ {6}/.test(l)) >= MIN_TAG_SHARE;
}

/**
 * RIS: a `TY  - ` or `ER  -` line, and a tag line among the first lines with text (after Ovid's
 * bare record numbers and the few `Provider: ...` header lines publisher downloads start with).
 * Not a share of tag lines: Scopus records carry hundreds of untagged reference lines in notes.
 */
function isRis(lines: string[]): boolean {
  const risTag = /^\s*[A-Z][A-Z0-9] +-( |$)/;
  let anchors = 0;
  let seen = 0;
  let tagEarly = false;
  for (const raw of lines) {
    const l = raw.replace(/^\ufeff/, '');
    if (/^\s*(TY|ER) +-( |$)/.test(l)) anchors++;
    if (!l.trim() || /^\s*\d+\.?\s*$/.test(l)) continue;
    seen++;
    if (seen <= RIS_HEADER_LINES + 1 && risTag.test(l)) tagEarly = true;
  }
  return anchors > 0 && tagEarly;
}

/** How many untagged lines may precede the first RIS tag (Wiley and Taylor & Francis write 3: Provider, Database, Content). */
const RIS_HEADER_LINES = 5;

/** Field tags every Web of Science / ISI record carries some of (Clarivate's field tag list). */
const WOS_FIELDS = ['TI', 'AU', 'AF', 'SO', 'PY', 'UT', 'DI', 'AB', 'DT', 'LA', 'SN', 'VL'];
/** How many different of those a text must use before its `PT` ... `ER` records count as WoS. */
const MIN_WOS_FIELDS = 3;

/**
 * Web of Science / ISI tagged: the `FN ` header; or, without it (converters and older exports
 * drop `FN`/`VR`), records opened by `PT J` and closed by a bare `ER` line, whose tag lines use
 * several WoS field tags. The tags are counted rather than the share of tag lines, because a
 * converter may also drop the three-space indent of continuation lines (Zotero's case_06).
 */
function isWos(lines: string[]): boolean {
  const first = lines.find((l) => l.trim())?.replace(/^\ufeff/, '') ?? '';
  if (/^FN /.test(first)) return true;
  let pt = 0;
  let er = 0;
  const fields = new Set<string>();
  for (const l of lines) {
    if (/^PT [A-Z]\s*$/.test(l)) pt++;
    else if (/^ER\s*$/.test(l)) er++;
    else if (/^[A-Z][A-Z0-9] \S/.test(l)) fields.add(l.slice(0, 2));
  }
  return pt > 0 && er > 0 && WOS_FIELDS.filter((t) => fields.has(t)).length >= MIN_WOS_FIELDS;
}

/** EndNote/Refer tagged: `%0`, `%A`, `%T` ... lines. */
function isEnw(lines: string[]): boolean {
  let starts = 0;
  for (const l of lines) if (/^%[0ATDJ](\s|$)/.test(l.replace(/^\ufeff/, ''))) starts++;
  return starts > 0 && share(lines, (l) => /^%\S(\s|$)/.test(l.replace(/^\ufeff/, ''))) >= 0.5;
}

/**
 * CSV or TSV: a header row that splits into at least two columns on a tab, comma or semicolon,
 * one of them title-like. Both are 'csv' here: the CSV parser sniffs its own delimiter.
 */
function isDelimited(lines: string[]): boolean {
  const header = lines.find((l) => l.trim())?.replace(/^\ufeff/, '');
  if (!header) return false;
  for (const delim of ['\t', ',', ';']) {
    const cols = header.split(delim).map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase());
    if (cols.length >= 2 && cols.some((c) => TITLE_COLUMNS.has(c))) return true;
  }
  return false;
}
