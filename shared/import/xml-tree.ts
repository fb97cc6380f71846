/**
 * A small element tree over fast-xml-parser's ordered output, for the XML importers. Text is
 * kept in document order with inline markup (`<i>`, `<sup>`, MathML) flattened into it, so a
 * title like "CO<sub>2</sub> uptake" reads "CO2 uptake" instead of losing the "2"; comments are
 * dropped. Malformed XML gives a located error instead of an exception.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParseError } from './types';

/** An element: its tag name, attributes, and children (elements or text strings) in order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses an XML document into its top-level elements. The DOCTYPE (PubMed's points at an
 * external DTD) is read past, never fetched. Returns an error with the line fast-xml-parser's
 * validator reports when the text is not well-formed.
 */
export function parseXml(text: string): { roots: XmlElement[] } | { error: ParseError } {
  const body = text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true) return { error: { line: valid.err.line, message: `malformed XML: ${valid.err.msg}` } };
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    // Inline markup splits text into runs; trimming each run would glue words together.
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
  });
  try {
    const nodes = parser.parse(body) as OrderedNode[];
    return { roots: nodes.map(toElement).filter((n): n is XmlElement => typeof n !== 'string') };
  } catch (e) {
    return { error: { line: 1, message: `malformed XML: ${(e as Error).message}` } };
  }
}

function toElement(node: OrderedNode): XmlElement | string {
  if ('#text' in node) return String(node['#text']);
  const name = Object.keys(node).find((k) => k !== ':@') ?? '';
  const kids = (node[name] as OrderedNode[] | undefined) ?? [];
  return { name, attrs: node[':@'] ?? {}, children: kids.map(toElement) };
}

/** Child elements with this name (namespace prefixes ignored: `mml:math` matches `math`). */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c.name) === name);
}

/** The element at a slash-separated path of child names ('Article/Journal/Title'), or undefined. */
export function at(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let cur = el;
  for (const step of path.split('/')) cur = childrenNamed(cur, step)[0];
  return cur;
}

/** Every element at a path, the last step matching several siblings ('AuthorList/Author'). */
export function allAt(el: XmlElement | undefined, path: string): XmlElement[] {
  const steps = path.split('/');
  const last = steps.pop()!;
  const parent = steps.length ? at(el, steps.join('/')) : el;
  return childrenNamed(parent, last);
}

/** All text inside an element, inline markup flattened, white space collapsed; '' when absent. */
export function textOf(el: XmlElement | undefined): string {
  if (!el) return '';
  return collect(el).replace(/[\s\u00a0\u2028\u2029]+/g, ' ').trim();
}

/** textOf, or null when the element is missing or empty. */
export function textAt(el: XmlElement | undefined, path: string): string | null {
  return textOf(at(el, path)) || null;
}

function collect(el: XmlElement): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : collect(c);
  return out;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/**
 * Where each element with one of these names starts and ends in the text, in document order,
 * so that the n-th such element of the tree gets its line and its exact source text (`raw`).
 * fast-xml-parser keeps no positions, so the tags are found in the text, skipping comments
 * and CDATA sections. The elements must not nest inside one another (true of PubMed articles
 * and EndNote records).
 */
export function locateElements(text: string, names: string[]): { line: number; raw: string }[] {
  const body = text.replace(/^\uFEFF/, '');
  const pattern = new RegExp(`<!--[\\s\\S]*?-->|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<(${names.join('|')})[\\s/>]`, 'g');
  const found: { line: number; raw: string }[] = [];
  let line = 1;
  let last = 0;
  for (const m of body.matchAll(pattern)) {
    if (m[0].startsWith('<!')) continue;
    for (let i = last; i < m.index; i++) if (body.charCodeAt(i) === 10) line++;
    last = m.index;
    const close = `</${m[1]}>`;
    const end = body.indexOf(close, m.index);
    found.push({ line, raw: end < 0 ? body.slice(m.index) : body.slice(m.index, end + close.length) });
  }
  return found;
}
