/**
 * A REFI-QDA project (`project.qde`, namespace urn:QDA-XML:project:1.0, the 2019 Project.xsd)
 * as plain data: the part of it a realist review uses. The writer (./qde-write.ts) turns one
 * into XML; the reader (./qde-read.ts) turns XML written by any tool into one, counting what it
 * had to leave out. GUIDs here are lower case and without braces whatever the file had.
 *
 * Positions: REFI-QDA counts characters of the plain text as Unicode code points (what Python,
 * and so QualCoder, index by); ./positions.ts converts them from and to JavaScript's UTF-16 units.
 */

/** The namespace of a REFI-QDA Project document. */
export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';

/**
 * How realist things with no REFI-QDA element travel (the `.qdc` convention for code kinds,
 * extended): a marker at the start of a Description, a Note's text or a Link's name, followed
 * by JSON where our import needs more than words. Other tools show the words; ours reads them.
 */
export const MARKERS = {
  /** A Set per CMOC: `Description` = marker + JSON `CmocPayload`; MemberCode = its codes. */
  cmoc: 'Realist Workbench CMOC: ',
  /** A Link from a CMOC's Set to a selection: `name` = marker + role (supports, refutes, refines). */
  evidence: 'Realist Workbench evidence: ',
  /** A Note per appraisal: text = words, then a line of marker + JSON. */
  appraisal: 'Realist Workbench appraisal: ',
  /** A Note per program theory version (on the project): text = its statements, then a line of marker + JSON `TheoryPayload`. */
  theory: 'Realist Workbench theory version: ',
  /** The `name` of a PDF selection's text Representation: marker + "START-END" in the document's text. */
  position: 'Realist Workbench text position: ',
} as const;

/** The GUID the consensus layer travels under (coders rows have UUIDs; the consensus row's id is `consensus`). */
export const CONSENSUS_USER_GUID = '00000000-0000-4000-8000-00000000c0de';

/** A person who made selections, codings or notes. */
export interface QdeUser {
  guid: string;
  name: string;
}

/** One code with its sub-codes. */
export interface QdeCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color: string | null;
  description: string;
  children: QdeCode[];
}

/** A code given to a selection by a user (null: the file does not say who). */
export interface QdeCoding {
  guid: string;
  codeGuid: string;
  userGuid: string | null;
  createdAt: string | null;
}

/** What every selection has. */
interface SelectionBase {
  guid: string;
  name: string;
  description: string;
  userGuid: string | null;
  createdAt: string | null;
  codings: QdeCoding[];
  /** Notes attached by NoteRef. */
  noteGuids: string[];
}

/** A span of a text, by code point positions [start, end). */
export interface QdeTextSelection extends SelectionBase {
  type: 'text';
  start: number;
  end: number;
}

/**
 * A box on a PDF page: page from 0, corners in PDF points from the page's top-left corner
 * (first = upper left, second = lower right), as REFI-QDA's PDFSelection.
 */
export interface QdePdfSelection extends SelectionBase {
  type: 'pdf';
  page: number;
  firstX: number;
  firstY: number;
  secondX: number;
  secondY: number;
  /** The selected text (the selection's Representation), when the file gives it. */
  text: string | null;
  /** Our own position of the text in the document (the Representation's name, see MARKERS.position). */
  position: { start: number; end: number } | null;
}

/** A text or PDF source. */
export interface QdeSource {
  type: 'text' | 'pdf';
  guid: string;
  name: string;
  description: string;
  /** The PDF's path, or a text source's plainTextPath (`internal://…`, `relative://…`, `absolute://…`). */
  path: string | null;
  /** A text source's inline PlainTextContent (when it has no plainTextPath). */
  plainText: string | null;
  /** A PDF's text Representation: its path or inline text, and its own selections (by text position). */
  representation: { guid: string; path: string | null; plainText: string | null; selections: QdeTextSelection[] } | null;
  selections: Array<QdeTextSelection | QdePdfSelection>;
  userGuid: string | null;
  createdAt: string | null;
  noteGuids: string[];
}

/** A note (memo). */
export interface QdeNote {
  guid: string;
  name: string;
  text: string;
  userGuid: string | null;
  createdAt: string | null;
}

/** A relation between any two things with GUIDs. */
export interface QdeLink {
  guid: string;
  name: string;
  originGuid: string | null;
  targetGuid: string | null;
}

/** A named group of codes, sources and notes. */
export interface QdeSet {
  guid: string;
  name: string;
  description: string;
  codeGuids: string[];
  sourceGuids: string[];
  noteGuids: string[];
}

/** A whole project as this module models it. */
export interface QdeProject {
  name: string;
  origin: string | null;
  users: QdeUser[];
  codes: QdeCode[];
  sources: QdeSource[];
  notes: QdeNote[];
  links: QdeLink[];
  sets: QdeSet[];
  /** Notes about the project as a whole (the root's NoteRef). */
  projectNoteGuids: string[];
}

/** What a CMOC's Set carries in its Description after MARKERS.cmoc. */
export interface CmocPayload {
  label: string;
  statement: string;
  status: 'complete' | 'draft';
  /** The coder (user GUID) whose layer holds it. */
  user: string;
  codes: Array<{ code: string; role: string }>;
}

/**
 * What a program theory version's Note carries after MARKERS.theory: the version, its CMOCs
 * (parts naming codes by GUID, evidence naming selections by GUID), the links and groups
 * among them, and the refinement changes that lead to it (from its earlier versions).
 */
export interface TheoryPayload {
  version: { id: string; label: string; stage: string; parentId: string | null; notes: string; basis: string; sort: number; createdAt: string; updatedAt: string };
  cmocs: Array<{
    id: string;
    label: string;
    statement: string;
    parts: Array<{ role: string; text: string; codeId: string | null }>;
    origin: string;
    provenance: string;
    sourceCmocId: string | null;
    derivedFrom: string[];
    sort: number;
    createdAt: string;
    updatedAt: string;
    evidence: Array<{ excerptId: string; role: string; createdAt: string }>;
  }>;
  links: Array<{ id: string; kind: string; fromCmocId: string; toCmocId: string; note: string; createdAt: string }>;
  groups: Array<{ id: string; kind: string; name: string; description: string; cmocIds: string[]; sort: number; createdAt: string }>;
  changes: Array<{
    id: string;
    fromVersionId: string;
    kind: string;
    fromCmocIds: string[];
    toCmocIds: string[];
    rationale: string;
    evidence: Array<{ kind: 'excerpt' | 'document'; id: string }>;
    status: string;
    sort: number;
    createdAt: string;
    updatedAt: string;
  }>;
}
