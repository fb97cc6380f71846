/**
 * CSL-JSON (the Citation Style Language's item format: Zotero's "CSL JSON" export,
 * citation.js, pandoc): an array of items, or a single item object. Field names follow the
 * CSL 1.0.2 schema (`container-title`, `issued.date-parts`, `DOI`...).
 */
import type { PersonName } from '../domain/types';
import { lineIndex } from './lines';
import { cleanText, extractYear, normaliseDoi, parsePersonName } from './normalise';
import { decisionFromNotes } from './screening-labels';
import { emptyRecord, parseFailure, type ParsedRecord, type ParseOutput } from './types';
import { admit, newSink } from './record-rule';

type CslItem = Record<string, unknown>;

/**
 * Parses CSL-JSON text. Invalid JSON gives no records and one error at the line JSON.parse
 * points to; an item that is not an object is a located error; every other item follows the
 * importers' one rule (record-rule.ts).
 */
export function parseCslJson(text: string): ParseOutput {
  const body = text.replace(/^\uFEFF/, '');
  const lineAt = lineIndex(body);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const message = (e as Error).message;
    return parseFailure(lineAt(jsonErrorOffset(body, message)), `invalid JSON: ${message.split('\n')[0]}`);
  }
  const items = Array.isArray(data) ? data : [data];
  const starts = Array.isArray(data) ? topLevelItemOffsets(body) : [body.search(/\S/)];
  const sink = newSink();
  items.forEach((item, i) => {
    const line = lineAt(starts[i] ?? 0);
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      sink.errors.push({ line, message: `item ${i + 1} is not a CSL-JSON object` });
      return;
    }
    admit(sink, fromItem(item as CslItem, line), `CSL-JSON item ${i + 1}`);
  });
  return sink;
}

/**
 * Where JSON.parse failed. V8 says "at position N" for some errors and, for an unexpected
 * token, quotes the text around it instead ('Unexpected token '}', ..."b": }]" is not valid
 * JSON'): then the quoted excerpt is found in the text.
 */
function jsonErrorOffset(text: string, message: string): number {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const quoted = /Unexpected token '([\s\S])', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!quoted) return 0;
  const at = text.indexOf(quoted[2]!);
  return at < 0 ? 0 : at + Math.max(0, quoted[2]!.lastIndexOf(quoted[1]!));
}

/** Offsets where each element of the top-level array starts (a scan that skips strings). */
function topLevelItemOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      if (depth === 1 && expectValue) offsets.push(i);
      expectValue = false;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectValue) offsets.push(i);
    expectValue = false;
    if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return offsets;
}

/** A CSL value as a string: strings as they are, numbers converted, arrays' first element (some exporters wrap). */
function str(value: unknown): string | null {
  if (Array.isArray(value)) return str(value[0]);
  if (typeof value === 'string') return cleanText(value) || null;
  if (typeof value === 'number') return String(value);
  return null;
}

function toPerson(name: unknown): PersonName | null {
  if (!name || typeof name !== 'object') return typeof name === 'string' ? parsePersonName(name) : null;
  const n = name as Record<string, unknown>;
  const literal = str(n.literal);
  if (literal) return { family: literal, given: '' };
  const family = [str(n['non-dropping-particle']), str(n.family)].filter(Boolean).join(' ');
  const given = [str(n.given), str(n['dropping-particle'])].filter(Boolean).join(' ');
  return family || given ? { family, given } : null;
}

/** Year from `issued`: date-parts first (the structured form), then raw or literal text. */
function yearOf(issued: unknown): number | null {
  if (!issued || typeof issued !== 'object') return extractYear(str(issued));
  const d = issued as Record<string, unknown>;
  const parts = d['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const y = extractYear(str(parts[0][0]));
    if (y) return y;
  }
  return extractYear(str(d.raw)) ?? extractYear(str(d.literal)) ?? extractYear(str(d.season));
}

function fromItem(item: CslItem, line: number): ParsedRecord {
  const r = emptyRecord(line, JSON.stringify(item));
  r.type = str(item.type);
  r.title = str(item.title) ?? '';
  r.authors = (Array.isArray(item.author) ? item.author : []).map(toPerson).filter((p): p is PersonName => p !== null);
  r.year = yearOf(item.issued);
  r.journal = str(item['container-title']);
  r.volume = str(item.volume);
  r.issue = str(item.issue);
  r.pages = str(item.page)?.replace(/\s*[-–—]+\s*/g, '-') ?? null;
  r.doi = normaliseDoi(str(item.DOI ?? item.doi));
  r.pmid = str(item.PMID ?? item.pmid);
  r.pmcid = str(item.PMCID ?? item.pmcid);
  r.issn = str(item.ISSN);
  r.abstract = str(item.abstract);
  const keyword = str(item.keyword);
  r.keywords = keyword ? keyword.split(/[,;]/).map((k) => k.trim()).filter(Boolean) : [];
  r.url = str(item.URL);
  r.language = str(item.language);
  const notes = decisionFromNotes(str(item.note));
  if (notes) r.screening = notes;
  return r;
}
