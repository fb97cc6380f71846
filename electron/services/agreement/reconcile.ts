/**
 * Reconciliation: decisions on the disagreements of two coders, written into the consensus
 * layer (excerpts, codings and CMOCs whose `coder_id` is `consensus`) together with a row of
 * `consensus_decisions` saying who decided what and why. Each decision is one action of the
 * change log (`store.act`), by the session's coder: one undo takes it back whole, rows and
 * record together. The calls write to consensus whatever the session's layer is.
 *
 * A decision names its disagreement by key (shared/agreement/passages.ts): the passage is read
 * again from the coders' layers first, and a key that no longer matches (a coder changed their
 * work since the report) is refused with CONFLICT rather than applied to something else. A
 * disagreement already decided is refused too: undo the decision to decide again.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { buildSelectors } from '../../../shared/anchoring/selectors';
import { CONSENSUS_CODER_ID } from '../../../shared/coders/types';
import { DECISION_LABEL } from '../../../shared/agreement/figures';
import { cmocKey, comparePassages, consensusPlan, shorten, type ComparedPassage, type ConsensusSpan, type PassageDecision } from '../../../shared/agreement/passages';
import type { CmocCode } from '../../../shared/coding/types';
import { pageAtOffset } from '../../../shared/documents/text-layout';
import { statementFor } from '../coding/coding-service';
import { CROSSES_PAGE_MESSAGE, loadDocumentText, type DocumentText } from '../excerpts/excerpt-service';
import type { ProjectStore } from '../store/project-store';
import { RowWriter } from '../store/row-writer';
import { readDocumentSpans, readPairSpans, refuseWhileBlind } from './read-project';

/** Checks the pair: two different people of this project (not the consensus layer). */
function requirePair(store: ProjectStore, coders: readonly string[]): { a: { id: string; name: string }; b: { id: string; name: string } } {
  refuseWhileBlind(store);
  const [a, b] = coders;
  if (!a || !b || a === b) throw new AppError('VALIDATION', 'Reconciliation compares two different coders.');
  const row = (id: string) => {
    const r = store.db.prepare('SELECT id, name, kind FROM coders WHERE id = ?').get(id) as { id: string; name: string; kind: string } | undefined;
    if (!r) throw new AppError('NOT_FOUND', `No coder with id ${id} in this project.`);
    if (r.kind !== 'person') throw new AppError('VALIDATION', 'Reconciliation compares two coders’ own layers; the consensus layer is what it writes.');
    return r;
  };
  return { a: row(a), b: row(b) };
}

function existingDecision(store: ProjectStore, targetType: string, key: string): { decision: string; name: string | null; at: string } | null {
  return (
    (store.db
      .prepare('SELECT x.decision, k.name, x.created_at AS at FROM consensus_decisions x LEFT JOIN coders k ON k.id = x.decided_by WHERE x.target_type = ? AND x.target_id = ?')
      .get(targetType, key) as { decision: string; name: string | null; at: string } | undefined) ?? null
  );
}

function refuseIfDecided(store: ProjectStore, targetType: string, key: string): void {
  const d = existingDecision(store, targetType, key);
  if (d) {
    throw new AppError(
      'CONFLICT',
      `This disagreement was already reconciled (${DECISION_LABEL[d.decision] ?? d.decision}${d.name ? ` by ${d.name}` : ''}, ${d.at.slice(0, 10)}). Undo that decision to decide again.`,
    );
  }
}

function insertDecision(rec: RowWriter, store: ProjectStore, id: string, targetType: 'passage' | 'cmoc', key: string, decision: string, rationale: string): void {
  rec.insert('consensus_decisions', { id, target_type: targetType, target_id: key, decision, rationale, decided_by: store.requireCoder(), created_at: store.isoNow() });
}

/** Writes one consensus passage with its codes; returns its excerpt id (an identical live consensus passage is reused). */
function writeConsensusSpan(store: ProjectStore, rec: RowWriter, doc: DocumentText, span: ConsensusSpan): string {
  const db = store.db;
  if (span.end <= span.start || span.start < 0) throw new AppError('VALIDATION', `A passage must end after it starts (got ${span.start}–${span.end}).`);
  if (span.codeIds.length === 0) throw new AppError('VALIDATION', 'Give the passage at least one code.');
  for (const c of span.codeIds) {
    if (!db.prepare('SELECT 1 FROM codes WHERE id = ? AND deleted_at IS NULL').get(c)) throw new AppError('NOT_FOUND', `No code with id ${c}.`);
  }
  const sources = span.sources.length
    ? (db.prepare('SELECT id, start, end, page_index, rects, quote, prefix, suffix, sort_key FROM excerpts WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(span.sources)) as Array<{
        id: string;
        start: number;
        end: number;
        page_index: number | null;
        rects: string;
        quote: string;
        prefix: string;
        suffix: string;
        sort_key: string;
      }>)
    : [];
  const twin = sources.find((s) => s.start === span.start && s.end === span.end);
  let selectors: { quote: string; prefix: string; suffix: string; sortKey: string; pageIndex: number };
  if (doc.text.length > 0) {
    if (span.end > doc.text.length) throw new AppError('VALIDATION', `The passage ends at ${span.end}, past the end of the document's text (${doc.text.length} characters).`);
    const p = pageAtOffset(doc.pages, span.start);
    if (p !== pageAtOffset(doc.pages, Math.max(span.start, span.end - 1))) throw new AppError('VALIDATION', CROSSES_PAGE_MESSAGE);
    const pageIndex = p < 0 ? 0 : doc.pages[p]!.index;
    selectors = { ...buildSelectors(doc.text, span.start, span.end, pageIndex), pageIndex };
  } else if (twin) {
    selectors = { quote: twin.quote, prefix: twin.prefix, suffix: twin.suffix, sortKey: twin.sort_key, pageIndex: twin.page_index ?? 0 };
  } else {
    throw new AppError('VALIDATION', 'This document has no text, so only a coder’s own passage can be taken into consensus (accept A, accept B or both).');
  }
  const existing = db
    .prepare(`SELECT id FROM excerpts WHERE document_id = ? AND coder_id = ? AND start = ? AND end = ? AND deleted_at IS NULL ORDER BY created_at LIMIT 1`)
    .get(doc.id, CONSENSUS_CODER_ID, span.start, span.end) as { id: string } | undefined;
  const excerptId = existing?.id ?? randomUUID();
  const now = store.isoNow();
  if (!existing) {
    const rects = twin ? twin.rects : JSON.stringify(sources.filter((s) => (s.page_index ?? 0) === selectors.pageIndex).flatMap((s) => JSON.parse(s.rects) as unknown[]));
    rec.insert('excerpts', {
      id: excerptId,
      document_id: doc.id,
      coder_id: CONSENSUS_CODER_ID,
      page_index: selectors.pageIndex,
      start: span.start,
      end: span.end,
      quote: selectors.quote,
      prefix: selectors.prefix,
      suffix: selectors.suffix,
      rects,
      sort_key: selectors.sortKey,
      anchor_status: 'anchored',
      created_at: now,
      updated_at: now,
    });
  }
  for (const codeId of span.codeIds) {
    if (db.prepare('SELECT 1 FROM codings WHERE excerpt_id = ? AND code_id = ? AND coder_id = ?').get(excerptId, codeId, CONSENSUS_CODER_ID)) continue;
    rec.insert('codings', { id: randomUUID(), excerpt_id: excerptId, code_id: codeId, coder_id: CONSENSUS_CODER_ID, created_at: now });
  }
  return excerptId;
}

/** The passage the key names, read again from the coders' layers; CONFLICT when it changed. */
function currentPassage(store: ProjectStore, documentId: string, a: string, b: string, key: string): ComparedPassage {
  const spans = readDocumentSpans(store, documentId, [a, b]);
  const passage = comparePassages(
    spans.filter((s) => s.coderId === a),
    spans.filter((s) => s.coderId === b),
  ).find((p) => p.key === key);
  if (!passage) {
    throw new AppError('CONFLICT', 'The coders’ passages here changed since the report was made (or the passage is in another document). Recompute the agreement report and decide again.');
  }
  return passage;
}

export interface PassageDecisionRequest {
  coders: readonly string[];
  documentId: string;
  key: string;
  decision: PassageDecision;
  rationale: string;
  edit?: { start: number; end: number; codeIds: readonly string[] } | undefined;
}

/** Decides one disagreement on a passage (see the module comment and `consensusPlan`). */
export function reconcilePassage(store: ProjectStore, req: PassageDecisionRequest): { decisionId: string; excerptIds: string[] } {
  const { a, b } = requirePair(store, req.coders);
  const doc = loadDocumentText(store, req.documentId);
  const passage = currentPassage(store, doc.id, a.id, b.id, req.key);
  refuseIfDecided(store, 'passage', req.key);
  if (req.decision === 'edit' && !req.edit) throw new AppError('VALIDATION', 'An edit gives the passage (start, end) and its codes.');
  const plan = consensusPlan(passage, req.decision, req.edit);
  const decisionId = randomUUID();
  const who = req.decision === 'accept-a' ? a.name : req.decision === 'accept-b' ? b.name : null;
  const label = `Reconcile: ${who ? `accept ${who}` : (DECISION_LABEL[req.decision] ?? req.decision)} on "${shorten(passage.quote, 50)}"`;
  const excerptIds: string[] = [];
  store.act(
    { label, verb: 'reconcile', entityType: 'consensus_decision', entityId: decisionId, object: shorten(passage.quote, 200), detail: { documentId: doc.id, decision: req.decision, coders: [a.id, b.id], key: req.key } },
    () => {
      const rec = new RowWriter(store.db);
      for (const span of plan) excerptIds.push(writeConsensusSpan(store, rec, doc, span));
      insertDecision(rec, store, decisionId, 'passage', req.key, req.decision, req.rationale.trim());
    },
  );
  return { decisionId, excerptIds };
}

/**
 * Takes every passage the two coders coded exactly alike (same boundaries, same codes) into
 * consensus, with an `agreed` decision each, as one action. Passages already decided are
 * skipped, so running it again adds nothing.
 */
export function adoptAgreed(store: ProjectStore, req: { coders: readonly string[]; rationale: string }): { adopted: number; alreadyDecided: number } {
  const { a, b } = requirePair(store, req.coders);
  const decided = new Set((store.db.prepare(`SELECT target_id FROM consensus_decisions WHERE target_type = 'passage'`).all() as Array<{ target_id: string }>).map((r) => r.target_id));
  let adopted = 0;
  let alreadyDecided = 0;
  const work: Array<{ doc: DocumentText; passage: ComparedPassage }> = [];
  for (const [documentId, spans] of readPairSpans(store, [a.id, b.id])) {
    const passages = comparePassages(
      spans.filter((s) => s.coderId === a.id),
      spans.filter((s) => s.coderId === b.id),
    ).filter((p) => p.kind === null);
    const open = passages.filter((p) => !decided.has(p.key));
    alreadyDecided += passages.length - open.length;
    if (open.length === 0) continue;
    // The text is read only where something will be written (its selectors come from it).
    const doc = loadDocumentText(store, documentId);
    for (const passage of open) work.push({ doc, passage });
  }
  if (work.length === 0) return { adopted: 0, alreadyDecided };
  store.act({ label: `Adopt ${work.length} agreed passage${work.length === 1 ? '' : 's'} into consensus`, verb: 'reconcile', entityType: 'consensus_decision', detail: { coders: [a.id, b.id], passages: work.length } }, () => {
    const rec = new RowWriter(store.db);
    for (const { doc, passage } of work) {
      for (const span of consensusPlan(passage, 'accept-a')) writeConsensusSpan(store, rec, doc, span);
      insertDecision(rec, store, randomUUID(), 'passage', passage.key, 'agreed', req.rationale.trim());
      adopted++;
    }
  });
  return { adopted, alreadyDecided };
}

/** How a CMOC item is resolved: keep one coder's, merge two into one, keep both, or drop. */
export type CmocDecision = 'keep-a' | 'keep-b' | 'merge' | 'keep-both' | 'drop';

interface CmocRow {
  id: string;
  coder_id: string;
  label: string;
  statement: string;
}

function requireCmocOf(store: ProjectStore, id: string, coderId: string, who: string): CmocRow {
  const row = store.db.prepare('SELECT id, coder_id, label, statement FROM cmocs WHERE id = ? AND deleted_at IS NULL').get(id) as CmocRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `No CMOC with id ${id}.`);
  if (row.coder_id !== coderId) throw new AppError('VALIDATION', `CMOC "${row.label || id}" is not in ${who}'s layer.`);
  return row;
}

/**
 * A consensus excerpt standing for a coder's excerpt: the live consensus passage of the same
 * document that overlaps it most, or the coder's own excerpt when consensus has none there.
 */
function consensusExcerptFor(store: ProjectStore, excerptId: string): string {
  const src = store.db.prepare('SELECT document_id, start, end FROM excerpts WHERE id = ?').get(excerptId) as { document_id: string; start: number; end: number } | undefined;
  if (!src) return excerptId;
  const best = store.db
    .prepare(
      `SELECT id, min(end, ?) - max(start, ?) AS overlap FROM excerpts
       WHERE document_id = ? AND coder_id = ? AND deleted_at IS NULL AND start < ? AND end > ? ORDER BY overlap DESC, created_at LIMIT 1`,
    )
    .get(src.end, src.start, src.document_id, CONSENSUS_CODER_ID, src.end, src.start) as { id: string } | undefined;
  return best?.id ?? excerptId;
}

/** Writes a consensus CMOC with `codes` and the evidence of `from` (mapped to consensus passages). */
function writeConsensusCmoc(store: ProjectStore, rec: RowWriter, label: string, statement: string, codes: CmocCode[], from: readonly string[]): string {
  const id = randomUUID();
  const now = store.isoNow();
  rec.insert('cmocs', { id, label, statement, coder_id: CONSENSUS_CODER_ID, created_at: now, updated_at: now });
  const seen = new Set<string>();
  codes.forEach((c, i) => {
    const k = `${c.codeId}\u0000${c.role}`;
    if (seen.has(k)) return;
    seen.add(k);
    rec.insert('cmoc_codes', { cmoc_id: id, code_id: c.codeId, role: c.role, sort: i });
  });
  const links = store.db
    .prepare(`SELECT l.excerpt_id, l.role, l.note FROM evidence_links l JOIN excerpts e ON e.id = l.excerpt_id AND e.deleted_at IS NULL WHERE l.cmoc_id IN (SELECT value FROM json_each(?)) ORDER BY l.created_at, l.rowid`)
    .all(JSON.stringify(from)) as Array<{ excerpt_id: string; role: string; note: string | null }>;
  const linked = new Set<string>();
  for (const l of links) {
    const excerptId = consensusExcerptFor(store, l.excerpt_id);
    const k = `${excerptId}\u0000${l.role}`;
    if (linked.has(k)) continue;
    linked.add(k);
    rec.insert('evidence_links', { id: randomUUID(), cmoc_id: id, excerpt_id: excerptId, role: l.role, note: l.note, coder_id: CONSENSUS_CODER_ID, created_at: now });
  }
  return id;
}

function codesOf(store: ProjectStore, cmocId: string): CmocCode[] {
  return (
    store.db
      .prepare('SELECT x.code_id, c.name, x.role FROM cmoc_codes x JOIN codes c ON c.id = x.code_id AND c.deleted_at IS NULL WHERE x.cmoc_id = ? ORDER BY x.sort, c.name')
      .all(cmocId) as Array<{ code_id: string; name: string; role: string }>
  ).map((r) => ({ codeId: r.code_id, name: r.name, role: r.role }));
}

export interface CmocDecisionRequest {
  coders: readonly string[];
  a: string | null;
  b: string | null;
  decision: CmocDecision;
  rationale: string;
}

/** Decides one CMOC item (see `CmocDecision`); consensus CMOCs keep their evidence, mapped to consensus passages where there are some. */
export function reconcileCmoc(store: ProjectStore, req: CmocDecisionRequest): { decisionId: string; cmocIds: string[] } {
  const { a, b } = requirePair(store, req.coders);
  const ca = req.a ? requireCmocOf(store, req.a, a.id, a.name) : null;
  const cb = req.b ? requireCmocOf(store, req.b, b.id, b.name) : null;
  if (!ca && !cb) throw new AppError('VALIDATION', 'Name the CMOC of either coder (or both) to reconcile.');
  if (req.decision === 'keep-a' && !ca) throw new AppError('VALIDATION', `There is no CMOC of ${a.name} here to keep.`);
  if (req.decision === 'keep-b' && !cb) throw new AppError('VALIDATION', `There is no CMOC of ${b.name} here to keep.`);
  if ((req.decision === 'merge' || req.decision === 'keep-both') && !(ca && cb)) throw new AppError('VALIDATION', 'Merging or keeping both needs a CMOC of each coder.');
  const key = cmocKey(req.a, req.b);
  refuseIfDecided(store, 'cmoc', key);
  const decisionId = randomUUID();
  const cmocIds: string[] = [];
  const names = [ca, cb].filter((x): x is CmocRow => !!x).map((c) => c.label || c.statement.slice(0, 40));
  const decisionName = req.decision === 'merge' ? 'merge-cmocs' : req.decision;
  store.act(
    { label: `Reconcile CMOC ${names.join(' / ')}: ${DECISION_LABEL[decisionName] ?? decisionName}`, verb: 'reconcile', entityType: 'consensus_decision', entityId: decisionId, object: names.join(' / '), detail: { decision: req.decision, a: req.a, b: req.b } },
    () => {
      const rec = new RowWriter(store.db);
      const keep = (c: CmocRow) => cmocIds.push(writeConsensusCmoc(store, rec, c.label, c.statement, codesOf(store, c.id), [c.id]));
      if (req.decision === 'keep-a') keep(ca!);
      else if (req.decision === 'keep-b') keep(cb!);
      else if (req.decision === 'keep-both') {
        keep(ca!);
        keep(cb!);
      } else if (req.decision === 'merge') {
        const codes = [...codesOf(store, ca!.id), ...codesOf(store, cb!.id)].filter((c, i, all) => all.findIndex((x) => x.codeId === c.codeId && x.role === c.role) === i);
        const label = ca!.label === cb!.label || !cb!.label ? ca!.label : !ca!.label ? cb!.label : `${ca!.label} + ${cb!.label}`;
        cmocIds.push(writeConsensusCmoc(store, rec, label, statementFor(codes), codes, [ca!.id, cb!.id]));
      }
      insertDecision(rec, store, decisionId, 'cmoc', key, decisionName, req.rationale.trim());
    },
  );
  return { decisionId, cmocIds };
}
