/**
 * Reads a project's layers as the neutral agreement data of shared/agreement/project-types.ts:
 * the compared coders' coded spans (one row per code a coder gave a live passage of a live
 * document), the documents' lengths, the codebook, the coders' CMOCs with their code sets, and
 * the reconciliation decisions so far.
 *
 * One query per table, whatever the number of documents, so reading is never the slow part of
 * a report (see `npm run bench:agreement`). Document lengths come from SQLite without loading
 * the text: `length()` counts code points while offsets count UTF-16 code units, which differ
 * only for characters outside the Basic Multilingual Plane (emoji, some CJK); their UTF-8 lead
 * bytes F0–F4 are found with `instr` on the bytes, and only documents holding one have their
 * text read to measure it exactly.
 */
import { AppError } from '../../../shared/api/errors';
import { CONSENSUS_CODER_ID, type CoderKind } from '../../../shared/coders/types';
import type { AgreementCoder, CmocOfCoder, CodedSpan, DecisionRecord, ProjectAgreementData } from '../../../shared/agreement/project-types';
import { PAGE_SEPARATOR } from '../../../shared/documents/text-layout';
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

/** Coders (and the consensus layer) with coded passages or CMOCs, people first, by name. */
export function codersWithWork(store: ProjectStore): AgreementCoder[] {
  const rows = store.db
    .prepare(
      `SELECT k.id, k.name, k.color, k.initials, k.kind FROM coders k
       WHERE k.id IN (SELECT g.coder_id ${LIVE_CODINGS} UNION SELECT coder_id FROM cmocs WHERE deleted_at IS NULL)
       ORDER BY k.kind = 'consensus', k.name COLLATE NOCASE`,
    )
    .all() as CoderRow[];
  return rows.map(toCoder);
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

/** Reads everything the agreement report needs for `coders` (see the module comment). */
export function readAgreementData(store: ProjectStore, requested?: readonly string[]): ProjectAgreementData {
  const db = store.db;
  const available = codersWithWork(store);
  const coders = chooseCoders(store, requested, available);
  const ids = JSON.stringify(coders.map((c) => c.id));

  const spanRows = db
    .prepare(
      `SELECT g.coder_id, e.id AS excerpt_id, e.document_id, e.start, e.end, e.quote, e.coder_id AS excerpt_layer, g.code_id
       ${LIVE_CODINGS} WHERE g.coder_id IN (SELECT value FROM json_each(?)) ORDER BY g.rowid`,
    )
    .all(ids) as Array<{ coder_id: string; excerpt_id: string; document_id: string; start: number; end: number; quote: string; excerpt_layer: string; code_id: string }>;
  const spans: CodedSpan[] = spanRows.map((r) => ({
    excerptId: r.excerpt_id,
    documentId: r.document_id,
    coderId: r.coder_id,
    start: r.start,
    end: r.end,
    codeId: r.code_id,
    quote: r.quote,
    excerptLayer: r.excerpt_layer,
  }));

  const maxEnd = new Map<string, number>();
  for (const s of spans) maxEnd.set(s.documentId, Math.max(maxEnd.get(s.documentId) ?? 0, s.end));
  const docIds = JSON.stringify([...maxEnd.keys()]);
  const docRows = db
    .prepare(
      `SELECT d.id, d.title, coalesce(sum(length(p.text)), 0) AS chars, count(p.page_index) AS pages,
         coalesce(max(instr(CAST(p.text AS BLOB), X'F0') + instr(CAST(p.text AS BLOB), X'F1') + instr(CAST(p.text AS BLOB), X'F2')
           + instr(CAST(p.text AS BLOB), X'F3') + instr(CAST(p.text AS BLOB), X'F4')), 0) AS astral
       FROM documents d LEFT JOIN pages p ON p.document_id = d.id
       WHERE d.id IN (SELECT value FROM json_each(?)) GROUP BY d.id ORDER BY d.title COLLATE NOCASE, d.id`,
    )
    .all(docIds) as Array<{ id: string; title: string; chars: number; pages: number; astral: number }>;
  const exact = new Map<string, number>();
  const astral = docRows.filter((d) => d.astral > 0).map((d) => d.id);
  if (astral.length > 0) {
    const texts = db
      .prepare('SELECT document_id, text FROM pages WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, page_index')
      .all(JSON.stringify(astral)) as Array<{ document_id: string; text: string }>;
    const pages = new Map<string, number>();
    for (const t of texts) {
      exact.set(t.document_id, (exact.get(t.document_id) ?? 0) + t.text.length);
      pages.set(t.document_id, (pages.get(t.document_id) ?? 0) + 1);
    }
    for (const [id, n] of pages) exact.set(id, exact.get(id)! + PAGE_SEPARATOR.length * (n - 1));
  }
  const documents = docRows.map((d) => {
    const textLength = exact.get(d.id) ?? (d.pages > 0 ? d.chars + PAGE_SEPARATOR.length * (d.pages - 1) : 0);
    // A document without text (a scan) still has its coders' passages: measure it by them.
    return { id: d.id, title: d.title, length: Math.max(textLength, maxEnd.get(d.id) ?? 0) };
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

/** The coded spans of two coders in one document (what reconciling a passage re-reads). */
export function readDocumentSpans(store: ProjectStore, documentId: string, coderIds: readonly string[]): CodedSpan[] {
  const rows = store.db
    .prepare(
      `SELECT g.coder_id, e.id AS excerpt_id, e.document_id, e.start, e.end, e.quote, e.coder_id AS excerpt_layer, g.code_id
       ${LIVE_CODINGS} WHERE e.document_id = ? AND g.coder_id IN (SELECT value FROM json_each(?)) ORDER BY g.rowid`,
    )
    .all(documentId, JSON.stringify(coderIds)) as Array<{ coder_id: string; excerpt_id: string; document_id: string; start: number; end: number; quote: string; excerpt_layer: string; code_id: string }>;
  return rows.map((r) => ({ excerptId: r.excerpt_id, documentId: r.document_id, coderId: r.coder_id, start: r.start, end: r.end, codeId: r.code_id, quote: r.quote, excerptLayer: r.excerpt_layer }));
}

/** Whether a coder id names the consensus layer. */
export const isConsensus = (id: string) => id === CONSENSUS_CODER_ID;
