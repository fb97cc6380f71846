/**
 * PubMed XML (efetch `retmode=xml`, the "PubMed" download): `PubmedArticle` and
 * `PubmedBookArticle` (a book, or a chapter when it has its own ArticleTitle), following the
 * NLM PubMed DTD's element names. Structured abstracts keep their section labels
 * ("OBJECTIVE: ... METHODS: ..."), as a screener reads them on the PubMed page.
 */
import type { PersonName } from '../domain/types';
import { extractYear, normaliseDoi } from './normalise';
import { emptyRecord, parseFailure, type ParsedRecord, type ParseOutput } from './types';
import { admit, newSink } from './record-rule';
import { allAt, at, childrenNamed, parseXml, locateElements, textAt, textOf, type XmlElement } from './xml-tree';

const ARTICLE_TAGS = ['PubmedArticle', 'PubmedBookArticle'];

/**
 * Parses a PubMed XML text. Malformed XML gives no records and one located error (a partly
 * read PubMed file would silently lose articles). Each article follows the importers' one
 * rule (record-rule.ts).
 */
export function parsePubmedXml(text: string): ParseOutput {
  const parsed = parseXml(text);
  if ('error' in parsed) return parseFailure(parsed.error.line, parsed.error.message);
  const places = locateElements(text, ARTICLE_TAGS);
  const articles: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    if (ARTICLE_TAGS.includes(el.name)) articles.push(el);
    else for (const c of el.children) if (typeof c !== 'string') walk(c);
  };
  parsed.roots.forEach(walk);
  const sink = newSink();
  articles.forEach((el, i) => {
    const { line, raw } = places[i] ?? { line: 1, raw: '' };
    admit(sink, el.name === 'PubmedBookArticle' ? fromBookArticle(el, line, raw) : fromArticle(el, line, raw), el.name);
  });
  if (articles.length === 0 && sink.errors.length === 0) {
    sink.errors.push({ line: 1, message: 'no PubmedArticle or PubmedBookArticle element: is this a PubMed XML file?' });
  }
  return sink;
}

function fromArticle(el: XmlElement, line: number, raw: string): ParsedRecord {
  const citation = at(el, 'MedlineCitation');
  const article = at(citation, 'Article');
  const journal = at(article, 'Journal');
  const issue = at(journal, 'JournalIssue');
  const r = emptyRecord(line, raw);
  r.type = 'article';
  r.title = textOf(at(article, 'ArticleTitle')) || textOf(at(article, 'VernacularTitle'));
  r.authors = authorsOf(article);
  const pubDate = at(issue, 'PubDate');
  r.year = extractYear(textAt(pubDate, 'Year')) ?? extractYear(textAt(pubDate, 'MedlineDate')) ?? extractYear(textAt(article, 'ArticleDate/Year'));
  r.journal = textAt(journal, 'Title') ?? textAt(journal, 'ISOAbbreviation');
  r.volume = textAt(issue, 'Volume');
  r.issue = textAt(issue, 'Issue');
  r.pages = pagesOf(at(article, 'Pagination'));
  r.issn = textAt(journal, 'ISSN') ?? textAt(citation, 'MedlineJournalInfo/ISSNLinking');
  r.pmid = textAt(citation, 'PMID');
  r.abstract = abstractOf(at(article, 'Abstract'));
  r.language = textAt(article, 'Language');
  const ids = idsOf(at(el, 'PubmedData/ArticleIdList'));
  r.doi = normaliseDoi(ids.doi) ?? normaliseDoi(eLocationDoi(article));
  r.pmcid = ids.pmc;
  r.pmid ??= ids.pubmed;
  r.keywords = keywordsOf(citation);
  return r;
}

function fromBookArticle(el: XmlElement, line: number, raw: string): ParsedRecord {
  const doc = at(el, 'BookDocument');
  const book = at(doc, 'Book');
  const r = emptyRecord(line, raw);
  const chapterTitle = textOf(at(doc, 'ArticleTitle'));
  const bookTitle = textOf(at(book, 'BookTitle'));
  r.type = chapterTitle ? 'chapter' : 'book';
  r.title = chapterTitle || bookTitle;
  r.journal = chapterTitle ? bookTitle || null : null;
  r.authors = authorsOf(doc);
  if (r.authors.length === 0) r.authors = authorsOf(book);
  r.year = extractYear(textAt(book, 'PubDate/Year')) ?? extractYear(textAt(book, 'PubDate/MedlineDate'));
  r.volume = textAt(book, 'Volume');
  r.pages = pagesOf(at(doc, 'Pagination'));
  r.issn = textAt(book, 'Isbn');
  r.pmid = textAt(doc, 'PMID');
  r.abstract = abstractOf(at(doc, 'Abstract'));
  r.language = textAt(doc, 'Language');
  const ids = idsOf(at(doc, 'ArticleIdList'));
  const dataIds = idsOf(at(el, 'PubmedBookData/ArticleIdList'));
  r.doi = normaliseDoi(ids.doi ?? dataIds.doi) ?? normaliseDoi(eLocationDoi(book) ?? eLocationDoi(doc));
  r.pmcid = ids.pmc ?? dataIds.pmc;
  r.pmid ??= ids.pubmed ?? dataIds.pubmed;
  r.keywords = keywordsOf(doc);
  return r;
}

/** The first author list that names authors (a book may also list editors), as PersonNames. */
function authorsOf(parent: XmlElement | undefined): PersonName[] {
  const lists = childrenNamed(parent, 'AuthorList');
  const list = lists.find((l) => (l.attrs.Type ?? 'authors') === 'authors') ?? lists[0];
  return childrenNamed(list, 'Author')
    .map((a) => {
      const collective = textAt(a, 'CollectiveName');
      if (collective) return { family: collective, given: '' };
      return { family: textAt(a, 'LastName') ?? '', given: textAt(a, 'ForeName') ?? textAt(a, 'Initials') ?? '' };
    })
    .filter((p) => p.family || p.given);
}

/** "LABEL: text" per structured section, joined by a space; plain sections as they are. */
function abstractOf(abstract: XmlElement | undefined): string | null {
  const parts = childrenNamed(abstract, 'AbstractText').map((t) => {
    const body = textOf(t);
    return t.attrs.Label ? `${t.attrs.Label}: ${body}` : body;
  });
  return parts.filter(Boolean).join(' ') || null;
}

function pagesOf(pagination: XmlElement | undefined): string | null {
  const pgn = textAt(pagination, 'MedlinePgn');
  if (pgn) return pgn;
  const start = textAt(pagination, 'StartPage');
  const end = textAt(pagination, 'EndPage');
  return start ? (end ? `${start}-${end}` : start) : null;
}

interface ArticleIds {
  doi: string | null;
  pmc: string | null;
  pubmed: string | null;
}

/** The DOI, PMC and PubMed ids of an ArticleIdList (first of each kind). */
function idsOf(list: XmlElement | undefined): ArticleIds {
  const ids: ArticleIds = { doi: null, pmc: null, pubmed: null };
  for (const id of childrenNamed(list, 'ArticleId')) {
    const type = (id.attrs.IdType ?? '').toLowerCase();
    if ((type === 'doi' || type === 'pmc' || type === 'pubmed') && !ids[type]) ids[type] = textOf(id) || null;
  }
  return ids;
}

function eLocationDoi(parent: XmlElement | undefined): string | null {
  const el = childrenNamed(parent, 'ELocationID').find((e) => e.attrs.EIdType === 'doi');
  return el ? textOf(el) : null;
}

/** Author keywords, then MeSH descriptor names (both help a screener; duplicates dropped). */
function keywordsOf(parent: XmlElement | undefined): string[] {
  const words = [
    ...childrenNamed(parent, 'KeywordList').flatMap((l) => childrenNamed(l, 'Keyword').map(textOf)),
    ...allAt(parent, 'MeshHeadingList/MeshHeading').map((h) => textAt(h, 'DescriptorName') ?? ''),
  ].filter(Boolean);
  return [...new Set(words)];
}
