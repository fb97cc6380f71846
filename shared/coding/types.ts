/**
 * The nouns of coding as plain data: codes and their kinds, codings (a code given to an
 * excerpt by a coder), CMOCs with their codes and evidence, appraisals and memos. These are
 * the shapes the coding calls return; electron/services/coding stores them in SQLite.
 */
import type { CmocPart, CmocStatus } from './cmoc-rules';

/** A kind of code (Context, Mechanism: resource, ...). The set is editable per project. */
export interface CodeKind {
  /** Stable id used in `codes.kind` and `cmoc_codes.role`: 'context', 'mechanism-resource', ... */
  id: string;
  label: string;
  color: string;
  sort: number;
}

/** The kinds that fill the four slots of an if-then-because statement. */
export const CMO_SLOTS = ['context', 'mechanism-resource', 'mechanism-response', 'outcome'] as const;
export type CmoSlot = (typeof CMO_SLOTS)[number];

/** One code of the codebook, without its children (the tree is built from `parentId`). */
export interface CodeNode {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  description: string;
  /** Null: the code shows in its kind's colour. */
  color: string | null;
  sort: number;
}

/** A code as the codebook lists it: with how often it is used. */
export interface CodeSummary extends CodeNode {
  /** Codings by any coder. */
  codings: number;
  /** Distinct excerpts coded with it. */
  excerpts: number;
  /** Distinct documents those excerpts are in. */
  documents: number;
}

/** A code given to an excerpt by a coder (null coder: the consensus / unattributed layer). */
export interface CodingRef {
  id: string;
  excerptId: string;
  codeId: string;
  coderId: string | null;
}

/** A code taking part in a CMOC in one role (a code kind id). */
export interface CmocCodeRef {
  cmocId: string;
  codeId: string;
  role: string;
  sort: number;
}

/** What the tree operations read and (through a plan) change. */
export interface CodebookState {
  codes: CodeNode[];
  codings: CodingRef[];
  cmocCodes: CmocCodeRef[];
}

/** How an excerpt bears on a CMOC (the three roles realist reviews report). */
export type EvidenceRole = 'supports' | 'refutes' | 'refines';
/** The roles in the order lists and exports show them. */
export const EVIDENCE_ROLES: readonly EvidenceRole[] = ['supports', 'refutes', 'refines'];

/** A three-level judgement, as most realist appraisal grids use. */
export type AppraisalLevel = 'high' | 'moderate' | 'low';

/** A passage as the coding screens show it: the quote, where it is, and who cites it. */
export interface ExcerptWithSource {
  excerptId: string;
  documentId: string;
  documentTitle: string;
  /** "Author (Year)" from the document's record, or the document title without one. */
  citation: string;
  quote: string;
  pageIndex: number | null;
  start: number;
  end: number;
  /** Coders who gave the code in question (for codes:excerpts), by name. */
  coders: string[];
  /** Ids of those codings (what codes:split moves). */
  codingIds: string[];
}

/** A code's place in a CMOC, with its name for display. */
export interface CmocCode {
  codeId: string;
  name: string;
  role: string;
}

/** A CMOC as the list shows it. */
export interface CmocSummary {
  id: string;
  /** Its place in the order of creation (deleted CMOCs keep theirs): "CMOC 12". */
  number: number;
  label: string;
  statement: string;
  /** Complete (context, mechanism, outcome and a statement) or an explicit draft. */
  status: CmocStatus;
  /** What the CMOC lacks now by the completeness rule (a code deleted since may empty a slot). */
  missing: CmocPart[];
  /** Codes it used that have since been deleted (undo of the delete brings them back). */
  lostCodes: CmocCode[];
  /** Numbers of other CMOCs of the same layer with exactly the same codes in the same roles. */
  sameCodesAs: number[];
  coderId: string | null;
  coder: string | null;
  layer: 'coder' | 'consensus';
  codes: CmocCode[];
  supporting: number;
  refuting: number;
  refining: number;
  /** Distinct documents among all evidence. */
  documents: number;
  updatedAt: string;
}

/** What deleting a code would touch (the delete confirmation lists it). */
export interface CodeUsage {
  code: CodeNode;
  /** Sub-codes deleted with it. */
  subCodes: number;
  /** Codings of live passages with the code or its sub-codes. */
  codings: number;
  passageCount: number;
  /** The first passages (at most the limit asked for). */
  passages: Array<Omit<ExcerptWithSource, 'coders' | 'codingIds'>>;
  /** Every live CMOC using the code or a sub-code, once per role it fills there. */
  cmocs: Array<{ id: string; number: number; label: string; statement: string; role: string; code: string }>;
}

/** One evidence link of a CMOC, with its quote and citation. */
export interface CmocEvidence extends Omit<ExcerptWithSource, 'coders' | 'codingIds'> {
  linkId: string;
  role: EvidenceRole;
  note: string | null;
}

/** A CMOC with every quote. */
export interface CmocDetail extends CmocSummary {
  evidence: CmocEvidence[];
  memos: Memo[];
}

/** One coder's relevance and rigour appraisal of one document, each with its reason. */
export interface Appraisal {
  id: string;
  documentId: string;
  coderId: string | null;
  /** Who appraised (the coder's name; "Consensus" for the consensus layer). */
  coder: string | null;
  relevance: AppraisalLevel | null;
  relevanceNote: string;
  rigour: AppraisalLevel | null;
  rigourNote: string;
  updatedAt: string;
}

/** What a memo is about (the `memos.target_type` values of the schema). */
export type MemoTarget = 'project' | 'record' | 'document' | 'excerpt' | 'code' | 'cmoc' | 'theory_version';

/** A note by a coder on the project or one of its things; `targetId` is null for the project. */
export interface Memo {
  id: string;
  targetType: MemoTarget;
  targetId: string | null;
  coderId: string | null;
  coder: string | null;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** What undo and redo report: the action undone or redone, and what is left on each stack. */

/** The groups search:all answers in. */
export type SearchKind = 'record' | 'excerpt' | 'page' | 'code' | 'cmoc' | 'memo';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** A short piece of text around the match. */
  snippet: string;
  /** Lower is better within a kind (bm25 for full text, fuse.js score for short fields). */
  score: number;
  /** The document a page or excerpt hit is in. */
  documentId?: string;
}

/** search:all's answer: hits grouped by kind, best first in each group. */
export type SearchResults = Record<SearchKind, SearchHit[]>;
