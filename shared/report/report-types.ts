/**
 * The report a realist review publishes, as plain data: what the services read from the
 * project (electron/services/report/report-data.ts) and what the HTML (./report-html.ts) and
 * DOCX (electron/services/report/report-docx.ts) writers print, so both say the same things.
 * Its sections follow the RAMESES publication standards for realist syntheses (Wong et al.
 * 2013): the flow of documents (item 8, 9 and 14), the documents with their appraisal
 * (item 10 and 15), the CMO configurations with their evidence (item 16), the program theory
 * before and after refinement (item 6, 16 and 17) and, for a team, the agreement between
 * coders with what each figure measures.
 */
import type { CitationStyle, ReferenceSegment, ReferenceSource } from './citation-style';

/** One import: its label, its files, how many records it brought (duplicates included). */
export interface FlowSource {
  label: string;
  files: string[];
  records: number;
}

/**
 * The flow of documents (a PRISMA-style diagram). Counts only what is visible: records of
 * withdrawn imports are left out everywhere.
 *   identified = Σ sources.records
 *   screened = identified − duplicatesRemoved (every record left after merging duplicates)
 *   screened = included + excluded + maybe + unscreened
 *   documentsInSynthesis = includedWithFullText documents + otherDocuments
 */
export interface ReportFlow {
  sources: FlowSource[];
  identified: number;
  /** Records merged into another record (a duplicate cluster resolved by merging). */
  duplicatesRemoved: number;
  /** Records still in an open duplicate cluster (screened, but possibly the same work). */
  openDuplicates: number;
  screened: number;
  included: number;
  excluded: number;
  maybe: number;
  unscreened: number;
  /** Included records with at least one full text attached. */
  includedWithFullText: number;
  /** Full texts (documents) attached to included records. */
  fullTexts: number;
  /** Documents without a record: grey literature, transcripts, field notes added directly. */
  otherDocuments: number;
  /** Documents of the synthesis: the full texts of included records and the other documents. */
  documentsInSynthesis: number;
}

/** One appraisal of a document by one coder (or the consensus layer). */
export interface ReportAppraisal {
  coder: string;
  consensus: boolean;
  relevance: string | null;
  relevanceNote: string;
  rigour: string | null;
  rigourNote: string;
}

/** A document of the synthesis with its reference and appraisals. */
export interface ReportDocument {
  id: string;
  /** Its number in the reference list (1-based). */
  number: number;
  title: string;
  /** "Hudon et al. (2019)": how tables cite it. */
  shortCitation: string;
  reference: ReferenceSource;
  /** The reference in the report's style (./citation-style.ts). */
  referenceSegments: ReferenceSegment[];
  /** False for a document added without a record (grey literature, a transcript). */
  fromRecord: boolean;
  appraisals: ReportAppraisal[];
}

/** One CMOC of the report with its codes and quotes. */
export interface ReportCmoc {
  label: string;
  statement: string;
  coder: string;
  contexts: string[];
  resources: string[];
  responses: string[];
  outcomes: string[];
  evidence: Array<{ quote: string; citation: string; page: number | null; role: 'supports' | 'refutes' | 'refines' }>;
}

/** A program theory version with its diagram. */
export interface ReportTheoryVersion {
  label: string;
  stage: string;
  cmocCount: number;
  notes: string;
  /** The diagram as a standalone SVG document (shared/theory scene). */
  svg: string;
  width: number;
  height: number;
}

/** One change of a refinement step, with the CMOC labels on either side. */
export interface ReportChange {
  kind: string;
  from: string[];
  to: string[];
  rationale: string;
  status: 'proposed' | 'confirmed';
}

export interface ReportTheory {
  initial: ReportTheoryVersion | null;
  refined: ReportTheoryVersion | null;
  /** Each step of the timeline: from one version to the next. */
  steps: Array<{ from: string; to: string; stored: boolean; changes: ReportChange[] }>;
}

/** One agreement figure with what it measures. */
export interface ReportFigure {
  label: string;
  unit: string;
  about: string;
  /** The value as printed ("0.812", "91.4%") or "undefined". */
  value: string;
  /** Why it is undefined, when it is. */
  reason: string | null;
}

export interface ReportAgreement {
  /** The coders compared (names), or empty when fewer than two coded. */
  coders: string[];
  figures: ReportFigure[];
  /** Passages on which the coders differed and how many were reconciled. */
  disagreements: { total: number; reconciled: number };
  /** Why there are no figures, when there are none. */
  note: string | null;
}

/** The whole report. */
export interface ReviewReport {
  title: string;
  madeAt: string;
  appVersion: string;
  style: CitationStyle;
  flow: ReportFlow;
  documents: ReportDocument[];
  cmocs: { layer: 'consensus' | 'all'; items: ReportCmoc[] };
  theory: ReportTheory;
  agreement: ReportAgreement;
}
