/**
 * Reads a REFI-QDA Project document (`.qde`) written by any tool into a QdeProject, tolerating
 * what real tools write: upper-case or braced GUIDs, codes without colours, sources without
 * selections, text inline or in a file. What a realist review has no place for (pictures,
 * audio, video, cases, variables, graphs) is counted in `skipped` so the import can say so.
 *
 * Throws an Error with a plain message when the text is not XML or not a REFI-QDA project.
 */
import { XMLParser } from 'fast-xml-parser';
import type { QdeCode, QdeCoding, QdeLink, QdeNote, QdePdfSelection, QdeProject, QdeSet, QdeSource, QdeTextSelection, QdeUser } from './qde-model';
import { MARKERS } from './qde-model';

/** A project.qde larger than this is refused before parsing (real ones are a few MB). */
export const MAX_QDE_CHARS = 200 * 1024 * 1024;
/** At most this many selections, codes and notes together (a bound on memory, not a size anyone reaches). */
export const MAX_QDE_ITEMS = 2_000_000;

/** What the file held that the import leaves out, by kind, for the person importing. */
export interface QdeSkipped {
  /** Picture, audio and video sources (with their selections). */
  media: number;
  /** Selections on media sources and transcripts. */
  mediaSelections: number;
  cases: number;
  variables: number;
  graphs: number;
}

/** What `fromQde` returns. */
export interface QdeRead {
  project: QdeProject;
  skipped: QdeSkipped;
  warnings: string[];
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** A GUID as we keep it (lower case, no braces), or null when `value` is none. */
export function normaliseGuid(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = GUID.exec(value.trim());
  return m ? m[1]!.toLowerCase() : null;
}

type Node = Record<string, unknown>;

const ARRAYS = new Set([
  'User', 'Code', 'TextSource', 'PDFSource', 'PictureSource', 'AudioSource', 'VideoSource', 'PlainTextSelection', 'PDFSelection',
  'PictureSelection', 'AudioSelection', 'VideoSelection', 'TranscriptSelection', 'Transcript', 'Coding', 'NoteRef', 'Note', 'Link',
  'Set', 'MemberCode', 'MemberSource', 'MemberNote', 'Case', 'Variable', 'Graph',
]);

function list(node: unknown, name: string): Node[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as Node)[name];
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' && x !== null ? (x as Node) : {}));
}

function child(node: unknown, name: string): Node | null {
  return list(node, name)[0] ?? null;
}

function str(node: Node | null, name: string): string | null {
  const v = node?.[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/** The text of a text-only element (`<Description>x</Description>`), however the parser shaped it. */
function textOf(node: unknown, name: string): string | null {
  if (!node || typeof node !== 'object') return null;
  const v = (node as Node)[name];
  const one = Array.isArray(v) ? v[0] : v;
  if (one === undefined || one === null) return null;
  if (typeof one === 'string' || typeof one === 'number') return String(one);
  if (typeof one === 'object') {
    const t = (one as Node)['#text'];
    return typeof t === 'string' || typeof t === 'number' ? String(t) : '';
  }
  return null;
}

function int(node: Node, name: string): number | null {
  const s = str(node, name);
  if (s === null || !/^\s*-?\d+(\.\d+)?\s*$/.test(s)) return null;
  return Math.round(Number(s));
}

/** Reads the text of a `.qde` file (see the module comment). */
export function fromQde(xml: string): QdeRead {
  if (xml.length > MAX_QDE_CHARS) throw new Error(`The project XML is ${Math.round(xml.length / 1024 / 1024)} MB: larger than the ${MAX_QDE_CHARS / 1024 / 1024} MB this import reads.`);
  // REFI-QDA uses no DTD; refusing one shuts out entity expansion ("billion laughs") entirely.
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml)) throw new Error('The project XML declares a DTD or entities, which REFI-QDA files never do; it was not read.');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    removeNSPrefix: true,
    processEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (e) {
    const reason = typeof e === 'object' && e !== null && 'err' in e ? (e as { err: { msg: string; line?: number } }).err : null;
    throw new Error(`The project XML is malformed${reason ? ` (line ${reason.line ?? '?'}: ${reason.msg})` : `: ${(e as Error).message}`}.`);
  }
  const root = doc.Project as Node | undefined;
  if (!root || typeof root !== 'object') throw new Error('The XML is not a REFI-QDA project (its root element is not <Project>).');

  const warnings: string[] = [];
  const skipped: QdeSkipped = { media: 0, mediaSelections: 0, cases: 0, variables: 0, graphs: 0 };
  let items = 0;
  const count = () => {
    if (++items > MAX_QDE_ITEMS) throw new Error(`The project holds more than ${MAX_QDE_ITEMS.toLocaleString('en')} codes, selections and notes: more than this import reads.`);
  };
  const guidOf = (node: Node, what: string): string | null => {
    const g = normaliseGuid(node.guid);
    if (!g) warnings.push(`${what} "${str(node, 'name') ?? ''}" has no valid guid (${str(node, 'guid') ?? 'none'}) and was skipped.`);
    return g;
  };
  const refs = (node: Node, name: string) => list(node, name).map((r) => normaliseGuid(r.targetGUID)).filter((g): g is string => g !== null);

  const users: QdeUser[] = [];
  for (const u of list(child(root, 'Users'), 'User')) {
    const guid = guidOf(u, 'User');
    if (guid) users.push({ guid, name: (str(u, 'name') ?? str(u, 'id') ?? '').trim() || `User ${users.length + 1}` });
  }

  const readCode = (c: Node): QdeCode | null => {
    count();
    const guid = guidOf(c, 'Code');
    const name = (str(c, 'name') ?? '').trim();
    if (!guid || !name) {
      if (guid) warnings.push(`A code without a name (guid ${guid}) was skipped with its sub-codes.`);
      return null;
    }
    const color = str(c, 'color')?.trim() ?? '';
    return {
      guid,
      name,
      isCodable: str(c, 'isCodable') !== 'false',
      color: COLOR.test(color) ? color.toLowerCase() : null,
      description: (textOf(c, 'Description') ?? '').trim(),
      children: list(c, 'Code').map(readCode).filter((x): x is QdeCode => x !== null),
    };
  };
  const codes = list(child(child(root, 'CodeBook'), 'Codes'), 'Code').map(readCode).filter((x): x is QdeCode => x !== null);

  const readCodings = (sel: Node): QdeCoding[] =>
    list(sel, 'Coding').flatMap((c) => {
      const codeGuid = normaliseGuid(child(c, 'CodeRef')?.targetGUID);
      const guid = normaliseGuid(c.guid);
      if (!codeGuid || !guid) {
        warnings.push(`A coding without a valid guid or code reference (${str(c, 'guid') ?? 'no guid'}) was skipped.`);
        return [];
      }
      return [{ guid, codeGuid, userGuid: normaliseGuid(c.creatingUser), createdAt: str(c, 'creationDateTime') }];
    });
  const base = (sel: Node, guid: string) => ({
    guid,
    name: str(sel, 'name') ?? '',
    description: (textOf(sel, 'Description') ?? '').trim(),
    userGuid: normaliseGuid(sel.creatingUser),
    createdAt: str(sel, 'creationDateTime'),
    codings: readCodings(sel),
    noteGuids: refs(sel, 'NoteRef'),
  });
  const readTextSelections = (src: Node): QdeTextSelection[] =>
    list(src, 'PlainTextSelection').flatMap((sel) => {
      count();
      const guid = guidOf(sel, 'Selection');
      const start = int(sel, 'startPosition');
      const end = int(sel, 'endPosition');
      if (!guid) return [];
      if (start === null || end === null || start < 0 || end < start) {
        warnings.push(`Selection "${str(sel, 'name') ?? guid}" has no valid start and end positions and was skipped.`);
        return [];
      }
      return [{ type: 'text' as const, ...base(sel, guid), start, end }];
    });

  const sources: QdeSource[] = [];
  const sourcesNode = child(root, 'Sources');
  for (const s of list(sourcesNode, 'TextSource')) {
    const guid = guidOf(s, 'Source');
    if (!guid) continue;
    sources.push({
      type: 'text',
      guid,
      name: (str(s, 'name') ?? '').trim() || `Text ${sources.length + 1}`,
      description: (textOf(s, 'Description') ?? '').trim(),
      path: str(s, 'plainTextPath'),
      plainText: textOf(s, 'PlainTextContent'),
      representation: null,
      selections: readTextSelections(s),
      userGuid: normaliseGuid(s.creatingUser),
      createdAt: str(s, 'creationDateTime'),
      noteGuids: refs(s, 'NoteRef'),
    });
  }
  for (const s of list(sourcesNode, 'PDFSource')) {
    const guid = guidOf(s, 'Source');
    if (!guid) continue;
    const selections: QdePdfSelection[] = list(s, 'PDFSelection').flatMap((sel) => {
      count();
      const g = guidOf(sel, 'Selection');
      if (!g) return [];
      const page = int(sel, 'page');
      const box = [int(sel, 'firstX'), int(sel, 'firstY'), int(sel, 'secondX'), int(sel, 'secondY')];
      if (page === null || page < 0 || box.some((v) => v === null)) {
        warnings.push(`PDF selection "${str(sel, 'name') ?? g}" has no valid page or box and was skipped.`);
        return [];
      }
      const rep = child(sel, 'Representation');
      const pos = /(\d+)-(\d+)$/.exec((rep && str(rep, 'name')?.startsWith(MARKERS.position) ? str(rep, 'name') : '') ?? '');
      const [x1, y1, x2, y2] = box as number[];
      return [
        {
          type: 'pdf' as const,
          ...base(sel, g),
          page,
          firstX: Math.min(x1!, x2!),
          firstY: Math.min(y1!, y2!),
          secondX: Math.max(x1!, x2!),
          secondY: Math.max(y1!, y2!),
          text: rep ? textOf(rep, 'PlainTextContent') : null,
          position: pos ? { start: Number(pos[1]), end: Number(pos[2]) } : null,
        },
      ];
    });
    const rep = child(s, 'Representation');
    const repGuid = rep ? normaliseGuid(rep.guid) : null;
    sources.push({
      type: 'pdf',
      guid,
      name: (str(s, 'name') ?? '').trim() || `PDF ${sources.length + 1}`,
      description: (textOf(s, 'Description') ?? '').trim(),
      path: str(s, 'path'),
      plainText: null,
      representation: rep && repGuid ? { guid: repGuid, path: str(rep, 'plainTextPath'), plainText: textOf(rep, 'PlainTextContent'), selections: readTextSelections(rep) } : null,
      selections,
      userGuid: normaliseGuid(s.creatingUser),
      createdAt: str(s, 'creationDateTime'),
      noteGuids: refs(s, 'NoteRef'),
    });
  }
  for (const kind of ['PictureSource', 'AudioSource', 'VideoSource']) {
    for (const s of list(sourcesNode, kind)) {
      skipped.media += 1;
      skipped.mediaSelections += ['PictureSelection', 'AudioSelection', 'VideoSelection'].reduce((n, k) => n + list(s, k).length, 0);
      skipped.mediaSelections += list(s, 'Transcript').reduce((n, t) => n + list(t, 'TranscriptSelection').length, 0);
    }
  }

  const notes: QdeNote[] = [];
  for (const n of list(child(root, 'Notes'), 'Note')) {
    count();
    const guid = guidOf(n, 'Note');
    if (!guid) continue;
    notes.push({ guid, name: (str(n, 'name') ?? '').trim(), text: (textOf(n, 'PlainTextContent') ?? '').trim(), userGuid: normaliseGuid(n.creatingUser), createdAt: str(n, 'creationDateTime') });
  }
  const links: QdeLink[] = list(child(root, 'Links'), 'Link').flatMap((l) => {
    const guid = normaliseGuid(l.guid);
    return guid ? [{ guid, name: str(l, 'name') ?? '', originGuid: normaliseGuid(l.originGUID), targetGuid: normaliseGuid(l.targetGUID) }] : [];
  });
  const sets: QdeSet[] = list(child(root, 'Sets'), 'Set').flatMap((s) => {
    const guid = guidOf(s, 'Set');
    return guid
      ? [{ guid, name: (str(s, 'name') ?? '').trim(), description: (textOf(s, 'Description') ?? '').trim(), codeGuids: refs(s, 'MemberCode'), sourceGuids: refs(s, 'MemberSource'), noteGuids: refs(s, 'MemberNote') }]
      : [];
  });
  skipped.cases = list(child(root, 'Cases'), 'Case').length;
  skipped.variables = list(child(root, 'Variables'), 'Variable').length;
  skipped.graphs = list(child(root, 'Graphs'), 'Graph').length;

  return {
    project: { name: (str(root, 'name') ?? '').trim(), origin: str(root, 'origin'), users, codes, sources, notes, links, sets, projectNoteGuids: refs(root, 'NoteRef') },
    skipped,
    warnings,
  };
}
