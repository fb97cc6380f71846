/**
 * Reads a project's layers as the neutral agreement data of shared/agreement/project-types.ts:
 * the compared coders' coded spans (one row per code a coder gave a live passage of a live
 * document), the documents' lengths, the codebook, the coders' CMOCs with their code sets, and
 * the reconciliation decisions so far.
 *
 * One query per table, whatever the number of documents or coders, so reading is never the
 * slow part of a report (see `npm run bench:agreement`): the coded spans of every layer come in
 * one joined query (which also says who has work), and documents' lengths are measured on their
 * text in JavaScript, where a length counts UTF-16 code units as excerpt offsets do (SQLite's
 * `length()` counts code points, which differs for characters outside the Basic Multilingual
 * Plane). Quotes are not read with the spans: the service cuts the listed disagreements'
 * passages from the documents' texts afterwards (`fillQuotes`).
 */
import { AppError } from '../../../shared/api/errors';
import type { CoderKind } from '../../../shared/coders/types';
import type { AgreementCoder, CmocOfCoder, CodedSpan, DecisionRecord, Disagreement, ProjectAgreementData } from '../../../shared/agreement/project-types';
import { shorten } from '../../../shared/agreement/passages';
import { documentText, PAGE_SEPARATOR } from '../../../shared/documents/text-layout';
import type { ProjectStore } from '../store/project-store';

interface CoderRow {
  id: string;
  name: string;
  color: string;
  initials: string;
  kind: CoderKind;
}

const toCoder = (r: CoderRow): AgreementCoder => ({ id: r.id, name: r.name, color: r.color, initials: r.initials, kind: r.kind });

/** The live codings' joins: a live passage of a live document, a live code. */
const LIVE_CODINGS = `FROM codings g
  JOIN excerpts e ON e.id = g.excerpt_id AND e.deleted_at IS NULL
  JOIN documents d ON d.id = e.document_id AND d.deleted_at IS NULL
  JOIN codes c ON c.id = g.code_id AND c.deleted_at IS NULL`;

/**
 * Every live coded span of every layer, in the order the codings were made. The coder,
 * document and code come as their tables' integer rowids and are named through small maps:
 * making a JavaScript string for each of 60,000 rows' ids costs more than the query itself.
 */
function readAllSpans(store: ProjectStore): Array<Omit<CodedSpan, 'quote'>> {
  const db = store.db;
  const ids = (sql: string) => new Map((db.prepare(sql).raw().all() as Array<[number, string]>).map(([rowid, id]) => [rowid, id]));
  const coders = ids('SELECT rowid, id FROM coders');
  const documents = ids('SELECT rowid, id FROM documents WHERE deleted_at IS NULL');
  const codes = ids('SELECT rowid, id FROM codes WHERE deleted_at IS NULL');
  const rows = db
    .prepare(
      `SELECT k.rowid, e.id, d.rowid, e.start, e.end, c.rowid ${LIVE_CODINGS} JOIN coders k ON k.id = g.coder_id ORDER BY g.rowid`,
    )
    .raw()
    .all() as Array<[number, string, number, number, number, number]>;
  return rows.map(([coder, excerptId, doc, start, end, code]) => ({ excerptId, documentId: documents.get(doc)!, coderId: coders.get(coder)!, start, end, codeId: codes.get(code)! }));
}

/** Coders (and the consensus layer) with coded passages or CMOCs, people first, by name. */
function codersWithWork(store: ProjectStore, spans: ReadonlyArray<Pick<CodedSpan, 'coderId'>>): AgreementCoder[] {
  const ids = new Set(spans.map((s) => s.coderId));
  for (const r of store.db.prepare('SELECT DISTINCT coder_id FROM cmocs WHERE deleted_at IS NULL').all() as Array<{ coder_id: string }>) ids.add(r.coder_id);
  const rows = store.db.prepare(`SELECT id, name, color, initials, kind FROM coders ORDER BY kind = 'consensus', name COLLATE NOCASE`).all() as CoderRow[];
  return rows.filter((r) => ids.has(r.id)).map(toCoder);
}

/**
 * The coders to compare: the ones asked for (in that order), or every person with work.
 * NOT_FOUND for an unknown coder; VALIDATION when fewer than two remain or one is named twice.
 */
export function chooseCoders(store: ProjectStore, requested: readonly string[] | undefined, available: readonly AgreementCoder[]): AgreementCoder[] {
  if (!requested) {
    const people = available.filter((c) => c.kind === 'person');
    if (people.length < 2) {
      const who = people.map((c) => `"${c.name}"`).join(', ');
      throw new AppError('VALIDATION', `Agreement needs two coders with coded work; ${people.length === 0 ? 'nobody has coded yet' : `so far only ${who} has`}.`);
    }
    return people;
  }
  if (new Set(requested).size !== requested.length) throw new AppError('VALIDATION', 'A coder is listed twice; choose each coder once.');
  const all = new Map((store.db.prepare('SELECT id, name, color, initials, kind FROM coders').all() as CoderRow[]).map((r) => [r.id, toCoder(r)]));
  return requested.map((id) => {
    const c = all.get(id);
    if (!c) throw new AppError('NOT_FOUND', `No coder with id ${id} in this project.`);
    return c;
  });
}

/**
 * Agreement compares coders' layers, which blind coding hides from each other: while it is on,
 * the report and reconciliation are refused (VALIDATION) rather than shown to one coder.
 */
export function refuseWhileBlind(store: ProjectStore): void {
  if (store.isBlind()) {
    throw new AppError('VALIDATION', 'Blind coding is on, and agreement compares every coder’s work. Turn blind coding off (top bar, Blind) when the coders have finished, then compare and reconcile.');
  }
}

/** Reads everything the agreement report needs for `coders` (see the module comment). */
export function readAgreementData(store: ProjectStore, requested?: readonly string[]): ProjectAgreementData {
  refuseWhileBlind(store);
  const db = store.db;
  const all = readAllSpans(store);
  const available = codersWithWork(store, all);
  const coders = chooseCoders(store, requested, available);
  const chosen = new Set(coders.map((c) => c.id));
  const ids = JSON.stringify([...chosen]);
  const spans: CodedSpan[] = all.filter((s) => chosen.has(s.coderId));

  const maxEnd = new Map<string, number>();
  for (const s of spans) maxEnd.set(s.documentId, Math.max(maxEnd.get(s.documentId) ?? 0, s.end));
  const docIds = JSON.stringify([...maxEnd.keys()]);
  const textLength = new Map<string, number>();
  const pageCount = new Map<string, number>();
  for (const p of db.prepare('SELECT document_id, text FROM pages WHERE document_id IN (SELECT value FROM json_each(?))').iterate(docIds) as Iterable<{ document_id: string; text: string }>) {
    textLength.set(p.document_id, (textLength.get(p.document_id) ?? 0) + p.text.length);
    pageCount.set(p.document_id, (pageCount.get(p.document_id) ?? 0) + 1);
  }
  const documents = (db.prepare('SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY title COLLATE NOCASE, id').all(docIds) as Array<{ id: string; title: string }>).map((d) => {
    const pages = pageCount.get(d.id) ?? 0;
    const length = pages > 0 ? textLength.get(d.id)! + PAGE_SEPARATOR.length * (pages - 1) : 0;
    // A document without text (a scan) still has its coders' passages: measure it by them.
    return { id: d.id, title: d.title, length: Math.max(length, maxEnd.get(d.id) ?? 0) };
  });

  const codes = (
    db
      .prepare(
        `SELECT c.id, c.name, c.kind, coalesce(c.color, k.color, '#868e96') AS color FROM codes c LEFT JOIN code_kinds k ON k.id = c.kind
         WHERE c.deleted_at IS NULL ORDER BY coalesce(k.sort, 99), c.sort, c.name COLLATE NOCASE`,
      )
      .all() as Array<{ id: string; name: string; kind: string; color: string }>
  ).map((c) => ({ ...c }));

  const cmocRows = db
    .prepare(`SELECT id, coder_id, label, statement FROM cmocs WHERE deleted_at IS NULL AND coder_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`)
    .all(ids) as Array<{ id: string; coder_id: string; label: string; statement: string }>;
  const slotRows = db
    .prepare(
      `SELECT x.cmoc_id, x.code_id, x.role FROM cmoc_codes x
       JOIN cmocs m ON m.id = x.cmoc_id AND m.deleted_at IS NULL JOIN codes c ON c.id = x.code_id AND c.deleted_at IS NULL
       WHERE m.coder_id IN (SELECT value FROM json_each(?)) ORDER BY x.sort`,
    )
    .all(ids) as Array<{ cmoc_id: string; code_id: string; role: string }>;
  const cmocs = new Map<string, CmocOfCoder>(cmocRows.map((r) => [r.id, { id: r.id, coderId: r.coder_id, label: r.label, statement: r.statement, contexts: [], mechanisms: [], outcomes: [] }]));
  for (const s of slotRows) {
    const c = cmocs.get(s.cmoc_id);
    if (!c) continue;
    const slot = s.role === 'context' ? c.contexts : s.role.startsWith('mechanism') ? c.mechanisms : s.role === 'outcome' ? c.outcomes : null;
    if (slot && !slot.includes(s.code_id)) slot.push(s.code_id);
  }

  const decisions = (
    db
      .prepare(
        `SELECT x.id, x.target_type, x.target_id, x.decision, x.rationale, x.decided_by, k.name AS decided_by_name, x.created_at
         FROM consensus_decisions x LEFT JOIN coders k ON k.id = x.decided_by ORDER BY x.created_at, x.id`,
      )
      .all() as Array<{ id: string; target_type: string; target_id: string; decision: string; rationale: string; decided_by: string | null; decided_by_name: string | null; created_at: string }>
  ).map(
    (r): DecisionRecord => ({
      id: r.id,
      targetType: r.target_type,
      targetId: r.target_id,
      decision: r.decision,
      rationale: r.rationale,
      decidedBy: r.decided_by,
      decidedByName: r.decided_by_name,
      createdAt: r.created_at,
    }),
  );

  return { coders, available, documents, codes, spans, cmocs: [...cmocs.values()], decisions };
}

/**
 * Gives the listed disagreements their words, cut from the documents' current texts (one query
 * for the documents that have any), shortened in the middle when long.
 */
export function fillQuotes(store: ProjectStore, disagreements: Disagreement[]): void {
  if (disagreements.length === 0) return;
  const byDoc = new Map<string, Disagreement[]>();
  for (const d of disagreements) {
    const list = byDoc.get(d.documentId);
    if (list) list.push(d);
    else byDoc.set(d.documentId, [d]);
  }
  const texts = new Map<string, string[]>();
  for (const p of store.db.prepare('SELECT document_id, text FROM pages WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, page_index').iterate(JSON.stringify([...byDoc.keys()])) as Iterable<{
    document_id: string;
    text: string;
  }>) {
    const pages = texts.get(p.document_id);
    if (pages) pages.push(p.text);
    else texts.set(p.document_id, [p.text]);
  }
  for (const [id, list] of byDoc) {
    const text = documentText((texts.get(id) ?? []).map((t) => ({ text: t })));
    for (const d of list) d.quote = shorten(text.slice(d.start, d.end).replace(/\s+/g, ' ').trim());
  }
}

/** The coded spans of two coders in one document (what reconciling a passage re-reads). */
export function readDocumentSpans(store: ProjectStore, documentId: string, coderIds: readonly string[]): CodedSpan[] {
  const rows = store.db
    .prepare(
      `SELECT g.coder_id, e.id AS excerpt_id, e.document_id, e.start, e.end, e.quote, g.code_id
       ${LIVE_CODINGS} WHERE e.document_id = ? AND g.coder_id IN (SELECT value FROM json_each(?)) ORDER BY g.rowid`,
    )
    .all(documentId, JSON.stringify(coderIds)) as Array<{ coder_id: string; excerpt_id: string; document_id: string; start: number; end: number; quote: string; code_id: string }>;
  return rows.map((r) => ({ excerptId: r.excerpt_id, documentId: r.document_id, coderId: r.coder_id, start: r.start, end: r.end, codeId: r.code_id, quote: r.quote }));
}

/** The coded spans of two coders in every document, grouped by document (one read of the codings). */
export function readPairSpans(store: ProjectStore, coderIds: readonly string[]): Map<string, CodedSpan[]> {
  const out = new Map<string, CodedSpan[]>();
  const wanted = new Set(coderIds);
  for (const span of readAllSpans(store)) {
    if (!wanted.has(span.coderId)) continue;
    const list = out.get(span.documentId);
    if (list) list.push(span);
    else out.set(span.documentId, [span]);
  }
  return out;
}
