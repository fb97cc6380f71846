/**
 * Program theory as plain data: versions (initial, iterations, refined), the CMOCs each holds,
 * the links between them (chains, shared mechanisms), their grouping into themes or
 * middle-range theories, and the refinement mapping between two versions. These are the shapes
 * the theory calls return; electron/services/theory stores them in SQLite.
 *
 * A version's CMOCs are its own rows (a snapshot), not references to the live coded CMOCs: a
 * published initial theory must not change when someone later edits a consensus CMOC, and a
 * hypothesised CMOC (from stakeholders, or written before any coding) has no coded CMOC at
 * all. A CMOC built from a coded one names it (`sourceCmocId`), and its evidence is read live
 * from there, so the diagram shows the evidence as it stands today.
 */

/** Where a version sits in the review (the `theory_versions.stage` values). */
export type TheoryStage = 'initial' | 'intermediate' | 'refined';
export const THEORY_STAGES: readonly TheoryStage[] = ['initial', 'intermediate', 'refined'];

/** The four layers of the diagram, left to right (Dalkin et al. 2015 split M in two). */
export type TheoryRole = 'context' | 'mechanism-resource' | 'mechanism-response' | 'outcome';
export const THEORY_ROLES: readonly TheoryRole[] = ['context', 'mechanism-resource', 'mechanism-response', 'outcome'];

/** Words for each layer, as the diagram's column heads and the legend print them. */
export const ROLE_LABELS: Readonly<Record<TheoryRole, string>> = {
  context: 'Context',
  'mechanism-resource': 'Mechanism: resource',
  'mechanism-response': 'Mechanism: response',
  outcome: 'Outcome',
};

/**
 * How a version's CMOC came to be: written as a hypothesis, drafted from stakeholders' input,
 * imported from a CSV or pasted list, or built from a coded CMOC (with evidence).
 */
export type TheoryOrigin = 'hypothesised' | 'stakeholder' | 'imported' | 'coded';
export const THEORY_ORIGINS: readonly TheoryOrigin[] = ['hypothesised', 'stakeholder', 'imported', 'coded'];

/**
 * One part of a CMOC in one layer: a code of the codebook (`codeId`, its name in `text` as it
 * was when the version was made) or free text (a hypothesis written before any coding).
 */
export interface TheoryPart {
  role: TheoryRole;
  text: string;
  codeId: string | null;
}

/** Rigour levels as numbers for averaging (high 1, moderate 0.5, low 0). */
export const RIGOUR_SCORE: Readonly<Record<'high' | 'moderate' | 'low', number>> = { high: 1, moderate: 0.5, low: 0 };

/** How much evidence stands behind a CMOC, and how strong it is. */
export interface TheoryEvidenceSummary {
  supporting: number;
  refuting: number;
  refining: number;
  /** Distinct documents among all the evidence. */
  documents: number;
  /** Mean rigour of those documents (0 low .. 1 high); null when none is appraised. */
  rigour: number | null;
  /** The documents themselves (so that a node can count each document once). */
  documentIds?: string[];
}

export const NO_EVIDENCE: TheoryEvidenceSummary = { supporting: 0, refuting: 0, refining: 0, documents: 0, rigour: null };

/** One CMOC of one version. */
export interface TheoryCmoc {
  id: string;
  versionId: string;
  label: string;
  /** The if-then-because sentence. */
  statement: string;
  parts: TheoryPart[];
  origin: TheoryOrigin;
  /** Where a hypothesis came from, in words ("Stakeholder workshop, nurses, March"). */
  provenance: string;
  /** The coded CMOC it was built from (its evidence is this CMOC's evidence). */
  sourceCmocId: string | null;
  /** Ids of the CMOCs of earlier versions it was copied or refined from. */
  derivedFrom: string[];
  sort: number;
  evidence: TheoryEvidenceSummary;
}

/** A link between two CMOCs of a version. */
export type TheoryLinkKind = 'chain' | 'shared-mechanism';
export const THEORY_LINK_KINDS: readonly TheoryLinkKind[] = ['chain', 'shared-mechanism'];

/**
 * `chain`: the outcome of `fromCmocId` becomes the context of `toCmocId`. `shared-mechanism`:
 * the two rest on the same mechanism (drawn as a dashed tie between them).
 */
export interface TheoryLink {
  id: string;
  versionId: string;
  kind: TheoryLinkKind;
  fromCmocId: string;
  toCmocId: string;
  note: string;
}

export type TheoryGroupKind = 'theme' | 'middle-range';
export const THEORY_GROUP_KINDS: readonly TheoryGroupKind[] = ['theme', 'middle-range'];

/** CMOCs grouped under a theme or a middle-range theory (Pawson's term). */
export interface TheoryGroup {
  id: string;
  versionId: string;
  kind: TheoryGroupKind;
  name: string;
  description: string;
  cmocIds: string[];
}

/** A version as the list shows it. */
export interface TheoryVersionSummary {
  id: string;
  /** Its name, unique in the project ("initial", "iteration 1", "refined"). */
  label: string;
  stage: TheoryStage;
  parentId: string | null;
  notes: string;
  /** What it was built from: `empty`, `layer:<coder id or consensus>`, `version:<id>`. */
  basis: string;
  cmocCount: number;
  createdAt: string;
  /** Position on the timeline (older first). */
  sort: number;
}

/** A version with its CMOCs, links and groups. */
export interface TheoryVersion extends TheoryVersionSummary {
  cmocs: TheoryCmoc[];
  links: TheoryLink[];
  groups: TheoryGroup[];
}

/** The six kinds of change between two versions. */
export type ChangeKind = 'kept' | 'modified' | 'split' | 'merged' | 'dropped' | 'added';
export const CHANGE_KINDS: readonly ChangeKind[] = ['kept', 'modified', 'split', 'merged', 'dropped', 'added'];

/** A document or an excerpt cited as evidence for a change. */
export interface EvidenceRef {
  kind: 'excerpt' | 'document';
  id: string;
}

/** One change of a refinement mapping. */
export interface TheoryChange {
  /** Null for a proposal not yet saved. */
  id: string | null;
  kind: ChangeKind;
  fromCmocIds: string[];
  toCmocIds: string[];
  rationale: string;
  evidence: EvidenceRef[];
  status: 'proposed' | 'confirmed';
}

/** The refinement mapping between two versions, stored or proposed. */
export interface TheoryMapping {
  fromVersionId: string;
  toVersionId: string;
  changes: TheoryChange[];
  /** True when the reviewer saved it; false for the app's proposal. */
  stored: boolean;
  /** CMOCs of either side that no change mentions. */
  unmappedFrom: string[];
  unmappedTo: string[];
}

/** A quote behind a CMOC, for the evidence panel. */
export interface TheoryQuote {
  excerptId: string;
  documentId: string;
  documentTitle: string;
  citation: string;
  quote: string;
  role: 'supports' | 'refutes' | 'refines';
  /** The version's CMOCs it backs. */
  cmocIds: string[];
}

/** The whole story: every version in timeline order, and the mapping of each step. */
export interface TheoryStory {
  versions: TheoryVersion[];
  /** `steps[i]` maps `versions[i]` to `versions[i + 1]`. */
  steps: TheoryMapping[];
}
