/**
 * EndNote XML (`<xml><records><record>`, as EndNote, Bookends and JabRef write it). Any value
 * may be bare text or wrapped in one or more `<style face=... font=... size=...>` runs; the
 * runs are concatenated, so an italic word inside a title is kept. Screening decisions are
 * read from `<label>` (a decision word such as "Include") or from `<notes>` (Rayyan and
 * ASReview write theirs there).
 */
import { extractYear, normaliseDoi, parsePersonName } from './normalise';
import { decisionFromNotes, parseDecision } from './screening-labels';
import { emptyRecord, parseFailure, type ParsedRecord, type ParseOutput } from './types';
import { admit, newSink } from './record-rule';
import { allAt, at, childrenNamed, locateElements, parseXml, textAt, textOf, type XmlElement } from './xml-tree';

/**
 * Parses an EndNote XML text. Malformed XML gives no records and one located error; each
 * record follows the importers' one rule (record-rule.ts).
 */
export function parseEndnoteXml(text: string): ParseOutput {
  const parsed = parseXml(text);
  if ('error' in parsed) return parseFailure(parsed.error.line, parsed.error.message);
  const places = locateElements(text, ['record']);
  const found: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    if (el.name === 'record') found.push(el);
    else for (const c of el.children) if (typeof c !== 'string') walk(c);
  };
  parsed.roots.forEach(walk);
  const sink = newSink();
  found.forEach((el, i) => {
    const { line, raw } = places[i] ?? { line: 1, raw: '' };
    admit(sink, fromRecord(el, line, raw), 'EndNote record');
  });
  if (found.length === 0) sink.errors.push({ line: 1, message: 'no <record> element: is this an EndNote XML export?' });
  return sink;
}

function fromRecord(el: XmlElement, line: number, raw: string): ParsedRecord {
  const r = emptyRecord(line, raw);
  const refType = at(el, 'ref-type');
  r.type = refType ? (refType.attrs.name ?? textOf(refType)).toLowerCase() || null : null;
  r.title = textAt(el, 'titles/title') ?? '';
  r.authors = allAt(el, 'contributors/authors/author')
    .map((a) => parsePersonName(textOf(a)))
    .filter((p) => p.family || p.given);
  r.year = extractYear(textAt(el, 'dates/year')) ?? extractYear(textAt(el, 'dates/pub-dates/date'));
  r.journal = textAt(el, 'titles/secondary-title') ?? textAt(el, 'periodical/full-title') ?? textAt(el, 'periodical/abbr-1');
  r.volume = textAt(el, 'volume');
  r.issue = textAt(el, 'number') ?? textAt(el, 'issue');
  r.pages = textAt(el, 'pages');
  r.doi = normaliseDoi(textAt(el, 'electronic-resource-num'));
  const accession = textAt(el, 'accession-num');
  r.pmid = accession && /^\d{1,9}$/.test(accession) ? accession : null;
  r.issn = textAt(el, 'isbn');
  r.abstract = textAt(el, 'abstract');
  r.keywords = allAt(el, 'keywords/keyword').map(textOf).filter(Boolean);
  r.url = textAt(el, 'urls/related-urls/url') ?? textAt(el, 'urls/web-urls/url');
  r.language = textAt(el, 'language');
  const label = parseDecision(textAt(el, 'label'));
  const notes = decisionFromNotes(childrenNamed(el, 'notes').map(textOf).join('\n') || null);
  r.screening = { decision: label ?? notes?.decision ?? null, reason: notes?.reason ?? null };
  return r;
}
