/**
 * REFI-QDA Codebook exchange (`.qdc`, namespace urn:QDA-XML:codebook:1.0): the codebook format
 * NVivo, ATLAS.ti, MAXQDA and QualCoder read and write. The `<Code>` element (guid, name,
 * isCodable, color, a `<Description>` child and nested sub-codes) is the same one a REFI-QDA
 * Project (`.qde`) holds in its `<CodeBook>`, so the importer reads both.
 *
 * How our code kinds travel (the standard has no such notion): every kind becomes a
 * top-level, non-codable grouping code named after the kind's label, in the kind's colour,
 * whose Description reads "Realist Workbench code kind: <kind id>". Our top-level codes are
 * its children. Other tools then show the codebook as folders "Context", "Mechanism:
 * resource", ... which is how realist reviewers arrange it by hand, and on import the marker
 * (or, from other tools, a non-codable top-level code whose name is a kind's label) gives the
 * kind back to the whole subtree. Codes outside any kind group get `defaultKind`.
 */
import { XMLParser } from 'fast-xml-parser';
import { buildCodeTree, type CodeTreeNode } from './codebook';
import type { CodeKind, CodeNode } from './types';

/** The namespace of a REFI-QDA Codebook document (.qdc), from the standard's Codebook.xsd. */
export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
/** The Description of a kind group; the kind id follows it. */
export const KIND_MARKER = 'Realist Workbench code kind: ';

const COLOR = /^#[0-9a-fA-F]{6}$/;

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
}

/** What `toQdc` writes. */
export interface QdcExportInput {
  codes: readonly CodeNode[];
  kinds: readonly CodeKind[];
  /** The `origin` attribute: the writing program and version. */
  origin: string;
  /** A GUID for each kind group (the standard requires GUIDs; kinds have none of their own). */
  kindGuid: (kindId: string) => string;
}

/** Writes a `.qdc` document (UTF-8 XML text). Kinds with no codes are written too, so labels and colours travel. */
export function toQdc(input: QdcExportInput): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}" origin="${escapeXml(input.origin)}">`,
    '  <Codes>',
    ...codeElements(input, 2),
  ];
  // No <Sets>: the schema makes it optional, but a present <Sets> must hold at least one <Set>,
  // so the empty <Sets/> some writers emit fails validation in strict readers.
  lines.push('  </Codes>', '</CodeBook>', '');
  return lines.join('\n');
}

/**
 * The `<Code>` elements of a codebook, kind groups first (see the module comment), indented by
 * `depth` levels of two spaces: the same elements in a `.qdc` and in a `.qde` project's
 * `<CodeBook><Codes>`, so both files carry kinds the same way.
 */
export function codeElements(input: Omit<QdcExportInput, 'origin'>, depth: number): string[] {
  const lines: string[] = [];
  const writeCode = (node: CodeTreeNode, depth: number) => {
    const pad = '  '.repeat(depth);
    const c = node.code;
    const attrs = `guid="${escapeXml(c.id)}" name="${escapeXml(c.name)}" isCodable="true"${c.color && COLOR.test(c.color) ? ` color="${c.color}"` : ''}`;
    if (!c.description && node.children.length === 0) {
      lines.push(`${pad}<Code ${attrs}/>`);
      return;
    }
    lines.push(`${pad}<Code ${attrs}>`);
    if (c.description) lines.push(`${pad}  <Description>${escapeXml(c.description)}</Description>`);
    for (const child of node.children) writeCode(child, depth + 1);
    lines.push(`${pad}</Code>`);
  };
  const kinds = [...input.kinds].sort((a, b) => a.sort - b.sort);
  const knownKinds = new Set(kinds.map((k) => k.id));
  const tree = buildCodeTree(input.codes);
  const pad = '  '.repeat(depth);
  for (const kind of kinds) {
    const colour = COLOR.test(kind.color) ? ` color="${kind.color}"` : '';
    lines.push(`${pad}<Code guid="${escapeXml(input.kindGuid(kind.id))}" name="${escapeXml(kind.label)}" isCodable="false"${colour}>`);
    lines.push(`${pad}  <Description>${escapeXml(KIND_MARKER + kind.id)}</Description>`);
    for (const node of tree.filter((n) => n.code.kind === kind.id)) writeCode(node, depth + 1);
    lines.push(`${pad}</Code>`);
  }
  // A code whose kind is not in the list (should not happen) is still written, at the top.
  for (const node of tree.filter((n) => !knownKinds.has(n.code.kind))) writeCode(node, depth);
  return lines;
}

/** What an import found. Code ids are the file's GUIDs; the caller re-keys those it already has. */
export interface QdcImport {
  /** Kinds named by kind groups in the file (id, label, colour), in file order. */
  kinds: CodeKind[];
  codes: CodeNode[];
  /** Things skipped or changed, for the person importing. */
  warnings: string[];
  origin: string | null;
}

interface XmlCode {
  guid?: string;
  name?: string;
  isCodable?: string;
  color?: string;
  Description?: string | { '#text'?: string };
  Code?: XmlCode[];
}

function textOf(d: XmlCode['Description']): string {
  if (d === undefined || d === null) return '';
  if (typeof d === 'string') return d.trim();
  if (typeof d === 'object') return String(d['#text'] ?? '').trim();
  return String(d).trim();
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** How `fromQdc` assigns kinds and ids. */
export interface QdcImportOptions {
  /** Kinds the project has: a non-codable top-level code named like one of them becomes that kind's group. */
  knownKinds: readonly CodeKind[];
  /** The kind of codes outside any kind group. */
  defaultKind: string;
  /** Makes an id for a code whose guid is missing or not a GUID. */
  newId: () => string;
}

/**
 * Reads the codes of a `.qdc` CodeBook or of a `.qde` Project's CodeBook. Throws an Error
 * with a plain message when the text is not XML or holds no CodeBook.
 */
export function fromQdc(xml: string, options: QdcImportOptions): QdcImport {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    removeNSPrefix: true,
    isArray: (name) => name === 'Code',
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`The file is not readable XML: ${(e as Error).message}`);
  }
  const project = doc.Project as { CodeBook?: unknown; origin?: string } | undefined;
  const book = (doc.CodeBook ?? project?.CodeBook) as { Codes?: { Code?: XmlCode[] } | string; origin?: string } | undefined;
  if (!book) throw new Error('The file holds no REFI-QDA CodeBook (neither a .qdc CodeBook nor a .qde Project).');
  const origin = (doc.CodeBook as { origin?: string } | undefined)?.origin ?? project?.origin ?? null;
  const top = typeof book.Codes === 'object' ? (book.Codes.Code ?? []) : [];

  const kinds: CodeKind[] = [];
  const codes: CodeNode[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();

  const idFor = (c: XmlCode): string => {
    const g = c.guid?.trim();
    if (g && GUID.test(g) && !seen.has(g.toLowerCase())) {
      seen.add(g.toLowerCase());
      return g.toLowerCase();
    }
    if (g) warnings.push(`Code "${c.name ?? ''}" has a missing, malformed or repeated guid (${g}); it was given a new one.`);
    return options.newId();
  };

  const addCode = (c: XmlCode, parentId: string | null, kind: string, sort: number) => {
    const name = (c.name ?? '').trim();
    if (!name) {
      warnings.push(`A code without a name (guid ${c.guid ?? 'none'}) was skipped with its sub-codes.`);
      return;
    }
    const id = idFor(c);
    const color = c.color && COLOR.test(c.color.trim()) ? c.color.trim().toLowerCase() : null;
    codes.push({ id, parentId, kind, name, description: textOf(c.Description), color, sort });
    (c.Code ?? []).forEach((child, i) => addCode(child, id, kind, i));
  };

  top.forEach((c, index) => {
    const description = textOf(c.Description);
    const byMarker = description.startsWith(KIND_MARKER) ? description.slice(KIND_MARKER.length).trim() : null;
    const byLabel =
      c.isCodable === 'false'
        ? options.knownKinds.find((k) => k.label.localeCompare((c.name ?? '').trim(), undefined, { sensitivity: 'base' }) === 0)?.id
        : undefined;
    const kindId = byMarker || byLabel;
    if (kindId) {
      const known = options.knownKinds.find((k) => k.id === kindId);
      kinds.push({
        id: kindId,
        label: (c.name ?? '').trim() || known?.label || kindId,
        color: c.color && COLOR.test(c.color) ? c.color.toLowerCase() : (known?.color ?? '#868e96'),
        sort: index + 1,
      });
      (c.Code ?? []).forEach((child, i) => addCode(child, null, kindId, i));
    } else {
      addCode(c, null, options.defaultKind, index);
    }
  });
  return { kinds, codes, warnings, origin };
}
