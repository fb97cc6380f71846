/**
 * Reads the review report (shared/report/report-types.ts) from an open project: the flow of
 * records from the import batches, merges and screening decisions; the documents of the
 * synthesis with their appraisals; the CMOCs (the consensus layer when it has any, otherwise
 * every layer); the program theory's first and last versions with their diagrams and each
 * refinement step's changes; and the agreement figures of every coder with coded work.
 *
 * Reads respect blind coding as every other read does (`store.layerFilter`): a coder working
 * blind gets a report of what they may see.
 */
import { shortCitation } from '../../../shared/coding/citation';
import { CONSENSUS_CODER_ID } from '../../../shared/coders/types';
import { formatFigure, overallInfo } from '../../../shared/agreement/figures';
import { compareReferences, formatReference, type CitationStyle, type ReferenceSource } from '../../../shared/report/citation-style';
import type { ReportAgreement, ReportAppraisal, ReportCmoc, ReportDocument, ReportFlow, ReportTheory, ReportTheoryVersion, ReviewReport } from '../../../shared/report/report-types';
import { sceneToSvg } from '../../../shared/theory/scene';
import type { TheoryVersion } from '../../../shared/theory/types';
import { projectReport } from '../agreement/agreement-service';
import { codingServiceFor } from '../coding/coding-service';
import { cmocExportRows } from '../exports/coding-exports';
import type { ProjectStore } from '../store/project-store';
import { exportScene } from '../theory/theory-export';
import { theoryServiceFor } from '../theory/theory-service';

/** Records of imports that are not withdrawn (records added without an import count too). */
const VISIBLE = 'FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id WHERE b.undone_at IS NULL';
const LIVE_DOC = 'SELECT 1 FROM documents d WHERE d.record_id = r.id AND d.deleted_at IS NULL';

/** The flow of records and documents (see `ReportFlow` for how the counts relate). */
export function readFlow(store: ProjectStore): ReportFlow {
  const db = store.db;
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const batches = db
    .prepare(
      `SELECT b.label, b.files, count(r.id) AS n FROM import_batches b LEFT JOIN records r ON r.batch_id = b.id
       WHERE b.undone_at IS NULL GROUP BY b.id ORDER BY b.created_at, b.rowid`,
    )
    .all() as Array<{ label: string; files: string; n: number }>;
  const sources = batches.map((b) => ({ label: b.label, files: (JSON.parse(b.files) as Array<{ file: string }>).map((f) => f.file), records: b.n }));
  const unbatched = n('SELECT count(*) AS n FROM records WHERE batch_id IS NULL');
  if (unbatched > 0) sources.push({ label: 'Added without an import', files: [], records: unbatched });
  const decisions = new Map(
    (db.prepare(`SELECT r.screening_decision AS d, count(*) AS n ${VISIBLE} AND r.merged_into IS NULL GROUP BY r.screening_decision`).all() as Array<{ d: string | null; n: number }>).map((x) => [x.d, x.n]),
  );
  const included = decisions.get('included') ?? 0;
  const excluded = decisions.get('excluded') ?? 0;
  const maybe = decisions.get('maybe') ?? 0;
  const unscreened = decisions.get(null) ?? 0;
  const includedWithFullText = n(`SELECT count(*) AS n ${VISIBLE} AND r.merged_into IS NULL AND r.screening_decision = 'included' AND EXISTS (${LIVE_DOC})`);
  const fullTexts = n(
    `SELECT count(*) AS n FROM documents d JOIN records r ON r.id = d.record_id LEFT JOIN import_batches b ON b.id = r.batch_id
     WHERE d.deleted_at IS NULL AND b.undone_at IS NULL AND r.merged_into IS NULL AND r.screening_decision = 'included'`,
  );
  const otherDocuments = n('SELECT count(*) AS n FROM documents WHERE deleted_at IS NULL AND record_id IS NULL');
  return {
    sources,
    identified: sources.reduce((s, x) => s + x.records, 0),
    duplicatesRemoved: n(`SELECT count(*) AS n ${VISIBLE} AND r.merged_into IS NOT NULL`),
    openDuplicates: n(`SELECT count(*) AS n ${VISIBLE} AND r.merged_into IS NULL AND r.cluster_id IN (SELECT id FROM duplicate_clusters WHERE status = 'open')`),
    screened: included + excluded + maybe + unscreened,
    included,
    excluded,
    maybe,
    unscreened,
    includedWithFullText,
    fullTexts,
    otherDocuments,
    documentsInSynthesis: fullTexts + otherDocuments,
  };
}

interface DocRow {
  id: string;
  title: string;
  record_id: string | null;
  r_title: string | null;
  authors: string | null;
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  url: string | null;
}

/** The documents of the synthesis (full texts of included records, and documents without a record), in reference-list order. */
export function readDocuments(store: ProjectStore, style: CitationStyle): ReportDocument[] {
  const rows = store.db
    .prepare(
      `SELECT d.id, d.title, d.record_id, r.title AS r_title, r.authors, r.year, r.journal, r.volume, r.issue, r.pages, r.doi, r.url
       FROM documents d LEFT JOIN records r ON r.id = d.record_id LEFT JOIN import_batches b ON b.id = r.batch_id
       WHERE d.deleted_at IS NULL AND (d.record_id IS NULL OR (b.undone_at IS NULL AND r.merged_into IS NULL AND r.screening_decision = 'included'))`,
    )
    .all() as DocRow[];
  const appraisals = codingServiceFor(store).listAppraisals();
  const docs = rows.map((d) => {
    const reference: ReferenceSource = d.record_id
      ? { title: d.r_title || d.title, authors: JSON.parse(d.authors ?? '[]') as ReferenceSource['authors'], year: d.year, journal: d.journal, volume: d.volume, issue: d.issue, pages: d.pages, doi: d.doi, url: d.url }
      : { title: d.title, authors: [], year: null };
    const mine: ReportAppraisal[] = appraisals
      .filter((a) => a.documentId === d.id)
      .map((a) => ({ coder: a.coder ?? 'Unattributed', consensus: a.coderId === CONSENSUS_CODER_ID, relevance: a.relevance, relevanceNote: a.relevanceNote, rigour: a.rigour, rigourNote: a.rigourNote }))
      // Coders by name, the consensus last (it settles what the coders said).
      .sort((x, y) => Number(x.consensus) - Number(y.consensus) || x.coder.localeCompare(y.coder));
    return {
      id: d.id,
      number: 0,
      title: d.title,
      shortCitation: d.record_id ? shortCitation(reference.authors, reference.year, reference.title) : d.title,
      reference,
      referenceSegments: formatReference(reference, style),
      fromRecord: d.record_id !== null,
      appraisals: mine,
    };
  });
  docs.sort((a, b) => compareReferences(a.reference, b.reference));
  // One reference per record: two full texts of one record (an article and its appendix) share it.
  const numbers = new Map<string, number>();
  const keyOf = new Map(rows.map((r) => [r.id, r.record_id ?? r.id]));
  for (const d of docs) {
    const key = keyOf.get(d.id)!;
    if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
    d.number = numbers.get(key)!;
  }
  return docs;
}

/** The CMOC table: the consensus layer when it has CMOCs, otherwise every visible layer. */
export function readCmocs(store: ProjectStore): ReviewReport['cmocs'] {
  const service = codingServiceFor(store);
  // Only the layer the table shows is read in full (a CMOC's detail costs a query or more per CMOC).
  const consensusIds = service.listCmocs({ layer: CONSENSUS_CODER_ID }).map((c) => c.id);
  const consensus = consensusIds.length > 0 ? cmocExportRows(service, { ids: consensusIds }) : [];
  const chosen = consensus.length > 0 ? consensus : cmocExportRows(service);
  const items: ReportCmoc[] = chosen.map((c) => ({
    label: c.label,
    statement: c.statement,
    coder: c.coder ?? 'Unattributed',
    contexts: c.contexts,
    resources: c.mechanismResources,
    responses: c.mechanismResponses,
    outcomes: c.outcomes,
    evidence: c.evidence.map((q) => ({ quote: q.quote, citation: q.citation, page: q.page, role: q.role })),
  }));
  return { layer: consensus.length > 0 ? 'consensus' : 'all', items };
}

/** The first (initial) and last (refined) theory versions with their diagrams, and every refinement step. */
export function readTheory(store: ProjectStore, projectName: string): ReportTheory {
  const svc = theoryServiceFor(store);
  const story = svc.story();
  const versions = story.versions;
  if (versions.length === 0) return { initial: null, refined: null, steps: [] };
  const initial = versions.find((v) => v.stage === 'initial') ?? versions[0]!;
  const refinedCandidates = versions.filter((v) => v.stage === 'refined' && v.id !== initial.id);
  const last = versions[versions.length - 1]!;
  const refined = refinedCandidates[refinedCandidates.length - 1] ?? (last.id !== initial.id ? last : null);
  const withDiagram = (v: TheoryVersion): ReportTheoryVersion => {
    const { scene } = exportScene(svc, { what: 'theory', versionId: v.id, style: 'colour', title: projectName }, projectName);
    return { label: v.label, stage: v.stage, cmocCount: v.cmocs.length, notes: v.notes, svg: sceneToSvg(scene), width: scene.width, height: scene.height };
  };
  const labels = new Map(versions.flatMap((v) => v.cmocs.map((c) => [c.id, c.label || c.statement] as const)));
  const name = (id: string) => labels.get(id) ?? id;
  return {
    initial: withDiagram(initial),
    refined: refined ? withDiagram(refined) : null,
    steps: story.steps.map((m, i) => ({
      from: versions[i]!.label,
      to: versions[i + 1]!.label,
      stored: m.stored,
      changes: m.changes.map((c) => ({ kind: c.kind, from: c.fromCmocIds.map(name), to: c.toCmocIds.map(name), rationale: c.rationale, status: c.status })),
    })),
  };
}

/** The overall agreement figures of every coder with coded work, each with its definition. */
export function readAgreement(store: ProjectStore): ReportAgreement {
  let report;
  try {
    report = projectReport(store, { overlap: 0.9, cmocThreshold: 0.5 });
  } catch (e) {
    return { coders: [], figures: [], disagreements: { total: 0, reconciled: 0 }, note: `No agreement figures: ${(e as Error).message}` };
  }
  const people = report.coders;
  if (people.length < 2) return { coders: people.map((c) => c.name), figures: [], disagreements: { total: 0, reconciled: 0 }, note: 'Agreement needs at least two coders with coded work.' };
  return {
    coders: people.map((c) => c.name),
    figures: report.overall.map(({ key, figure }) => {
      const info = overallInfo(key, people.length, report.options);
      return { label: info.label, unit: info.unit, about: info.about, value: figure.value === null ? 'undefined' : formatFigure(figure, info.format), reason: figure.value === null ? (figure.reason ?? null) : null };
    }),
    disagreements: { total: report.disagreementCount.total, reconciled: report.disagreementCount.reconciled },
    note: null,
  };
}

/** The whole report of the open project. */
export function readReviewReport(store: ProjectStore, options: { style: CitationStyle; madeAt: string; appVersion: string; title?: string | undefined }): ReviewReport {
  const name = store.summary().name;
  return {
    title: options.title || `${name}: realist synthesis report`,
    madeAt: options.madeAt,
    appVersion: options.appVersion,
    style: options.style,
    flow: readFlow(store),
    documents: readDocuments(store, options.style),
    cmocs: readCmocs(store),
    theory: readTheory(store, name),
    agreement: readAgreement(store),
  };
}
