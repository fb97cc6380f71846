/**
 * Writes a REFI-QDA Project document (`project.qde`) from a QdeProject, in the element order
 * the 2019 Project.xsd prescribes (a test validates the output against it). Empty containers
 * are left out: the schema makes them optional but requires at least one child when present.
 */
import { MARKERS, QDE_NAMESPACE, type QdeCode, type QdeCoding, type QdePdfSelection, type QdeProject, type QdeSource, type QdeTextSelection } from './qde-model';

// XML 1.0 forbids most control characters even as references; they are dropped from names and text.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text content escaped for XML. */
export function escapeText(s: string): string {
  return s.replace(NOT_XML, '').replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!);
}

/** An attribute value escaped for XML; line breaks and tabs as references so they survive attribute normalisation. */
export function escapeAttr(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/[&<>"'\n\r\t]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[ch]!);
}

function attrs(pairs: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
}

/** Options of `toQde`. */
export interface QdeWriteOptions {
  /** Ready-made `<Code>` lines (the `.qdc` kind groups, shared/coding/qdc.ts) instead of `project.codes`. */
  codeLines?: string[];
}

/** The UTF-8 XML text of `project.qde`. */
export function toQde(project: QdeProject, options: QdeWriteOptions = {}): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8" standalone="yes"?>'];
  out.push(`<Project xmlns="${QDE_NAMESPACE}"${attrs({ name: project.name || 'Project', origin: project.origin })}>`);
  if (project.users.length > 0) {
    out.push('  <Users>');
    for (const u of project.users) out.push(`    <User${attrs({ guid: u.guid, name: u.name })}/>`);
    out.push('  </Users>');
  }
  const codeLines = options.codeLines ?? project.codes.flatMap((c) => codeLinesOf(c, 3));
  if (codeLines.length > 0) out.push('  <CodeBook>', '    <Codes>', ...codeLines, '    </Codes>', '  </CodeBook>');
  if (project.sources.length > 0) {
    out.push('  <Sources>');
    for (const s of project.sources) out.push(...sourceLines(s));
    out.push('  </Sources>');
  }
  if (project.notes.length > 0) {
    out.push('  <Notes>');
    for (const n of project.notes) {
      out.push(`    <Note${attrs({ guid: n.guid, name: n.name, creatingUser: n.userGuid, creationDateTime: n.createdAt })}>`);
      out.push(`      <PlainTextContent>${escapeText(n.text)}</PlainTextContent>`);
      out.push('    </Note>');
    }
    out.push('  </Notes>');
  }
  if (project.links.length > 0) {
    out.push('  <Links>');
    for (const l of project.links) out.push(`    <Link${attrs({ guid: l.guid, name: l.name, direction: 'OneWay', originGUID: l.originGuid, targetGUID: l.targetGuid })}/>`);
    out.push('  </Links>');
  }
  if (project.sets.length > 0) {
    out.push('  <Sets>');
    for (const s of project.sets) {
      out.push(`    <Set${attrs({ guid: s.guid, name: s.name })}>`);
      if (s.description) out.push(`      <Description>${escapeText(s.description)}</Description>`);
      for (const g of s.codeGuids) out.push(`      <MemberCode targetGUID="${g}"/>`);
      for (const g of s.sourceGuids) out.push(`      <MemberSource targetGUID="${g}"/>`);
      for (const g of s.noteGuids) out.push(`      <MemberNote targetGUID="${g}"/>`);
      out.push('    </Set>');
    }
    out.push('  </Sets>');
  }
  for (const g of project.projectNoteGuids) out.push(`  <NoteRef targetGUID="${g}"/>`);
  out.push('</Project>', '');
  return out.join('\n');
}

function codeLinesOf(c: QdeCode, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const head = `${pad}<Code${attrs({ guid: c.guid, name: c.name, isCodable: c.isCodable, color: c.color })}`;
  if (!c.description && c.children.length === 0) return [`${head}/>`];
  const lines = [`${head}>`];
  if (c.description) lines.push(`${pad}  <Description>${escapeText(c.description)}</Description>`);
  for (const child of c.children) lines.push(...codeLinesOf(child, depth + 1));
  lines.push(`${pad}</Code>`);
  return lines;
}

function codingLines(codings: readonly QdeCoding[], pad: string): string[] {
  return codings.flatMap((c) => [
    `${pad}<Coding${attrs({ guid: c.guid, creatingUser: c.userGuid, creationDateTime: c.createdAt })}>`,
    `${pad}  <CodeRef targetGUID="${c.codeGuid}"/>`,
    `${pad}</Coding>`,
  ]);
}

function noteRefLines(guids: readonly string[], pad: string): string[] {
  return guids.map((g) => `${pad}<NoteRef targetGUID="${g}"/>`);
}

function textSelectionLines(s: QdeTextSelection, pad: string): string[] {
  const lines = [`${pad}<PlainTextSelection${attrs({ guid: s.guid, name: s.name, startPosition: s.start, endPosition: s.end, creatingUser: s.userGuid, creationDateTime: s.createdAt })}>`];
  if (s.description) lines.push(`${pad}  <Description>${escapeText(s.description)}</Description>`);
  lines.push(...codingLines(s.codings, `${pad}  `), ...noteRefLines(s.noteGuids, `${pad}  `), `${pad}</PlainTextSelection>`);
  return lines;
}

function pdfSelectionLines(s: QdePdfSelection, pad: string, representationGuid: (selection: string) => string): string[] {
  const box = { page: s.page, firstX: Math.round(s.firstX), firstY: Math.round(s.firstY), secondX: Math.round(s.secondX), secondY: Math.round(s.secondY) };
  const lines = [`${pad}<PDFSelection${attrs({ guid: s.guid, name: s.name, ...box, creatingUser: s.userGuid, creationDateTime: s.createdAt })}>`];
  if (s.description) lines.push(`${pad}  <Description>${escapeText(s.description)}</Description>`);
  if (s.text !== null) {
    const name = s.position ? `${MARKERS.position}${s.position.start}-${s.position.end}` : null;
    lines.push(`${pad}  <Representation${attrs({ guid: representationGuid(s.guid), name })}>`);
    lines.push(`${pad}    <PlainTextContent>${escapeText(s.text)}</PlainTextContent>`);
    lines.push(`${pad}  </Representation>`);
  }
  lines.push(...codingLines(s.codings, `${pad}  `), ...noteRefLines(s.noteGuids, `${pad}  `), `${pad}</PDFSelection>`);
  return lines;
}

function sourceLines(s: QdeSource): string[] {
  const pad = '    ';
  const common = { guid: s.guid, name: s.name };
  const who = { creatingUser: s.userGuid, creationDateTime: s.createdAt };
  if (s.type === 'text') {
    const lines = [`${pad}<TextSource${attrs({ ...common, plainTextPath: s.path, ...who })}>`];
    if (s.description) lines.push(`${pad}  <Description>${escapeText(s.description)}</Description>`);
    if (s.path === null) lines.push(`${pad}  <PlainTextContent>${escapeText(s.plainText ?? '')}</PlainTextContent>`);
    for (const sel of s.selections) if (sel.type === 'text') lines.push(...textSelectionLines(sel, `${pad}  `));
    lines.push(...noteRefLines(s.noteGuids, `${pad}  `), `${pad}</TextSource>`);
    return lines;
  }
  const lines = [`${pad}<PDFSource${attrs({ ...common, path: s.path, ...who })}>`];
  if (s.description) lines.push(`${pad}  <Description>${escapeText(s.description)}</Description>`);
  // A selection's text Representation needs a GUID of its own: derived from the selection's, so an export is repeatable.
  // Our ids are version-4 UUIDs ('4' at index 14): an 'e' there cannot collide with any of them.
  const repGuid = (g: string) => `${g.slice(0, 14)}${g[14] === 'e' ? 'd' : 'e'}${g.slice(15)}`;
  for (const sel of s.selections) if (sel.type === 'pdf') lines.push(...pdfSelectionLines(sel, `${pad}  `, repGuid));
  const rep = s.representation;
  if (rep) {
    lines.push(`${pad}  <Representation${attrs({ guid: rep.guid, plainTextPath: rep.path })}>`);
    if (rep.path === null) lines.push(`${pad}    <PlainTextContent>${escapeText(rep.plainText ?? '')}</PlainTextContent>`);
    for (const sel of rep.selections) lines.push(...textSelectionLines(sel, `${pad}    `));
    lines.push(`${pad}  </Representation>`);
  }
  lines.push(...noteRefLines(s.noteGuids, `${pad}  `), `${pad}</PDFSource>`);
  return lines;
}
