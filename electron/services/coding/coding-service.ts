/**
 * The coding capability on an open project: the codebook, codings, CMOCs and their evidence,
 * appraisals and memos.
 *
 * Every change is one action of the project's change log (`store.act`): one transaction, made
 * by the session's coder, into the session's layer (a coder's own or consensus), recorded row
 * by row for undo, redo and the audit view (electron/services/store/action-log.ts).
 *
 * The rules of the codebook tree (cycles, duplicate names, what a merge or split moves) are
 * the pure functions of shared/coding/codebook.ts; this module reads the state they need and
 * writes the plan they return.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { CodebookError, planMerge, planMove, planRename, planSplit, checkCodeName, descendantIds, type CodebookPlan } from '../../../shared/coding/codebook';
import { generateStatement } from '../../../shared/coding/statement';
import { shortCitation } from '../../../shared/coding/citation';
import { configurationKey, describeMissing, missingParts, type CmocStatus } from '../../../shared/coding/cmoc-rules';
import type {
  Appraisal,
  AppraisalLevel,
  CmocCode,
  CmocDetail,
  CmocEvidence,
  CmocSummary,
  CodeKind,
  CodeNode,
  CodeSummary,
  CodeUsage,
  CodebookState,
  CodingRef,
  EvidenceRole,
  ExcerptWithSource,
  Memo,
  MemoTarget,
} from '../../../shared/coding/types';
import type { ProjectStore } from '../store/project-store';
import { RowWriter } from '../store/row-writer';
import { CONSENSUS_CODER_ID } from '../../../shared/coders/types';

interface CodeRow {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  description: string;
  color: string | null;
  sort: number;
}

function toCode(r: CodeRow): CodeNode {
  return { id: r.id, parentId: r.parent_id, kind: r.kind, name: r.name, description: r.description, color: r.color, sort: r.sort };
}

interface CmocRow {
  id: string;
  label: string;
  statement: string;
  status: CmocStatus;
  coder_id: string;
  coder: string | null;
  updated_at: string;
}

interface MemoRow {
  id: string;
  target_type: MemoTarget;
  target_id: string | null;
  coder_id: string | null;
  coder: string | null;
  body: string;
  created_at: string;
  updated_at: string;
}

function toMemo(r: MemoRow): Memo {
  return { id: r.id, targetType: r.target_type, targetId: r.target_id, coderId: r.coder_id, coder: r.coder, body: r.body, createdAt: r.created_at, updatedAt: r.updated_at };
}

interface SourceRow {
  excerpt_id: string;
  document_id: string;
  document_title: string;
  authors: string | null;
  year: number | null;
  quote: string;
  page_index: number | null;
  start: number;
  end: number;
}

/** The columns that give an excerpt its document and citation (joined as e, d, r). */
const SOURCE_COLUMNS = `e.id AS excerpt_id, d.id AS document_id, d.title AS document_title, r.authors, r.year,
  e.quote, e.page_index, e.start, e.end`;
const SOURCE_JOIN = `JOIN documents d ON d.id = e.document_id AND d.deleted_at IS NULL
  LEFT JOIN records r ON r.id = d.record_id`;

function toSource(r: SourceRow): Omit<ExcerptWithSource, 'coders' | 'codingIds'> {
  let authors: Array<{ family?: string; literal?: string }> = [];
  try {
    authors = r.authors ? (JSON.parse(r.authors) as typeof authors) : [];
  } catch {
    authors = [];
  }
  return {
    excerptId: r.excerpt_id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    citation: r.authors === null && r.year === null ? r.document_title : shortCitation(authors, r.year, r.document_title),
    quote: r.quote,
    pageIndex: r.page_index,
    start: r.start,
    end: r.end,
  };
}

/** The statement slots filled from a CMOC's codes (other roles, e.g. actor, are not in the sentence). */
export function statementFor(codes: readonly CmocCode[]): string {
  const names = (role: string) => codes.filter((c) => c.role === role).map((c) => c.name);
  return generateStatement({
    contexts: names('context'),
    resources: names('mechanism-resource'),
    responses: names('mechanism-response'),
    outcomes: names('outcome'),
  });
}

function fromCodebookError(e: unknown): never {
  if (e instanceof CodebookError) throw new AppError(e.reason === 'not-found' ? 'NOT_FOUND' : 'VALIDATION', e.message, { reason: e.reason });
  throw e;
}

/** The orders cmocs:list offers (see `listCmocs`). */
export type CmocSort = 'label' | 'updated' | 'evidence' | 'documents';

/** The coding capability of one open project; get it with `codingServiceFor(store)`. */
export class CodingService {
  constructor(readonly store: ProjectStore) {}

  private get db() {
    return this.store.db;
  }

  // ---------------------------------------------------------------- actions

  /**
   * Runs one action of the change log: `fn` writes through the writer inside the action's
   * transaction (an action that changed nothing leaves no trace).
   */
  private act<T>(label: string, meta: { action: string; entityType: string; entityId?: string | null; object?: string | null; detail?: unknown }, fn: (rec: RowWriter) => T): T {
    const rec = new RowWriter(this.db);
    return this.store.act(
      { label, verb: meta.action, entityType: meta.entityType, entityId: meta.entityId ?? null, object: meta.object ?? null, detail: meta.detail },
      () => fn(rec),
    );
  }

  // ---------------------------------------------------------------- helpers

  private requireCode(id: string): CodeNode {
    const row = this.db.prepare('SELECT * FROM codes WHERE id = ? AND deleted_at IS NULL').get(id) as CodeRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No code with id ${id}.`);
    return toCode(row);
  }

  private requireExcerpt(id: string): void {
    const row = this.db.prepare('SELECT id FROM excerpts WHERE id = ? AND deleted_at IS NULL').get(id);
    if (!row) throw new AppError('NOT_FOUND', `No excerpt with id ${id}.`);
  }

  /** The start of a passage's quote, naming it in the change log. */
  private quoteOf(excerptId: string): string | null {
    const row = this.db.prepare('SELECT quote FROM excerpts WHERE id = ?').get(excerptId) as { quote: string } | undefined;
    return row ? row.quote.slice(0, 200) : null;
  }

  private requireCmoc(id: string): CmocRow {
    const row = this.db
      .prepare(`SELECT m.*, c.name AS coder FROM cmocs m LEFT JOIN coders c ON c.id = m.coder_id WHERE m.id = ? AND m.deleted_at IS NULL AND ${this.store.layerFilter('m.coder_id')}`)
      .get(id) as CmocRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No CMOC with id ${id}.`);
    return row;
  }

  private requireKind(id: string): void {
    if (!this.db.prepare('SELECT id FROM code_kinds WHERE id = ?').get(id)) throw new AppError('VALIDATION', `No code kind "${id}" in this project.`);
  }

  /** The live codebook with every coding and CMOC reference, as the tree rules read it. */
  codebookState(): CodebookState {
    const codes = (this.db.prepare('SELECT * FROM codes WHERE deleted_at IS NULL').all() as CodeRow[]).map(toCode);
    const codings = (
      this.db
        .prepare('SELECT g.id, g.excerpt_id, g.code_id, g.coder_id FROM codings g JOIN codes c ON c.id = g.code_id AND c.deleted_at IS NULL')
        .all() as Array<{ id: string; excerpt_id: string; code_id: string; coder_id: string | null }>
    ).map((r) => ({ id: r.id, excerptId: r.excerpt_id, codeId: r.code_id, coderId: r.coder_id }));
    const cmocCodes = (this.db.prepare('SELECT cmoc_id, code_id, role, sort FROM cmoc_codes').all() as Array<{ cmoc_id: string; code_id: string; role: string; sort: number }>).map(
      (r) => ({ cmocId: r.cmoc_id, codeId: r.code_id, role: r.role, sort: r.sort }),
    );
    return { codes, codings, cmocCodes };
  }

  /** Writes a codebook plan through the recorder. */
  private applyPlan(rec: RowWriter, plan: CodebookPlan): void {
    const now = this.store.isoNow();
    for (const step of plan) {
      switch (step.op) {
        case 'code:insert': {
          const c = step.code;
          rec.insert('codes', { id: c.id, parent_id: c.parentId, kind: c.kind, name: c.name, description: c.description, color: c.color, sort: c.sort, created_at: now, updated_at: now });
          break;
        }
        case 'code:update': {
          const p = step.patch;
          const values: Record<string, unknown> = { updated_at: now };
          if (p.parentId !== undefined) values.parent_id = p.parentId;
          if (p.name !== undefined) values.name = p.name;
          if (p.kind !== undefined) values.kind = p.kind;
          if (p.description !== undefined) values.description = p.description;
          if (p.color !== undefined) values.color = p.color;
          if (p.sort !== undefined) values.sort = p.sort;
          rec.update('codes', { id: step.id }, values);
          break;
        }
        case 'code:remove':
          rec.update('codes', { id: step.id }, { deleted_at: now, updated_at: now });
          break;
        case 'coding:recode':
          rec.update('codings', { id: step.codingId }, { code_id: step.codeId });
          break;
        case 'coding:delete':
          rec.delete('codings', { id: step.codingId });
          break;
        case 'cmocCode:insert':
          rec.insert('cmoc_codes', { cmoc_id: step.ref.cmocId, code_id: step.ref.codeId, role: step.ref.role, sort: step.ref.sort });
          break;
        case 'cmocCode:delete':
          rec.delete('cmoc_codes', { cmoc_id: step.cmocId, code_id: step.codeId, role: step.role });
          break;
      }
    }
  }

  /** The live codes of a CMOC, in slot order. */
  private cmocCodes(cmocId: string): CmocCode[] {
    return (
      this.db
        .prepare(
          `SELECT x.code_id, c.name, x.role FROM cmoc_codes x JOIN codes c ON c.id = x.code_id AND c.deleted_at IS NULL
           WHERE x.cmoc_id = ? ORDER BY x.sort, c.name`,
        )
        .all(cmocId) as Array<{ code_id: string; name: string; role: string }>
    ).map((r) => ({ codeId: r.code_id, name: r.name, role: r.role }));
  }

  /** CMOCs (live) that use any of these codes. */
  private cmocsUsing(codeIds: readonly string[]): string[] {
    if (codeIds.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT DISTINCT x.cmoc_id FROM cmoc_codes x JOIN cmocs m ON m.id = x.cmoc_id AND m.deleted_at IS NULL WHERE x.code_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(codeIds)) as Array<{ cmoc_id: string }>;
    return rows.map((r) => r.cmoc_id);
  }

  // ---------------------------------------------------------------- code kinds

  listKinds(): CodeKind[] {
    return this.db.prepare('SELECT id, label, color, sort FROM code_kinds ORDER BY sort, id').all() as CodeKind[];
  }

  /**
   * Replaces the project's set of kinds: new ids are added, known ones relabelled or
   * recoloured, and a kind left out is removed unless codes still use it (then VALIDATION).
   */
  updateKinds(kinds: readonly CodeKind[]): CodeKind[] {
    const ids = new Set(kinds.map((k) => k.id));
    if (ids.size !== kinds.length) throw new AppError('VALIDATION', 'Each code kind id may appear once.');
    this.act('Edit code kinds', { action: 'update', entityType: 'code_kind', detail: { kinds: kinds.map((k) => k.id) } }, (rec) => {
      for (const old of this.listKinds()) {
        if (ids.has(old.id)) continue;
        const used = this.db.prepare('SELECT count(*) AS n FROM codes WHERE kind = ? AND deleted_at IS NULL').get(old.id) as { n: number };
        if (used.n > 0) throw new AppError('VALIDATION', `The kind "${old.label}" is used by ${used.n} code(s); move them to another kind first.`);
        const dead = this.db.prepare('SELECT count(*) AS n FROM codes WHERE kind = ?').get(old.id) as { n: number };
        if (dead.n > 0) throw new AppError('VALIDATION', `The kind "${old.label}" is still held by deleted codes that undo could bring back; it is kept.`);
        rec.delete('code_kinds', { id: old.id });
      }
      for (const k of kinds) {
        const exists = this.db.prepare('SELECT id FROM code_kinds WHERE id = ?').get(k.id);
        if (exists) rec.update('code_kinds', { id: k.id }, { label: k.label, color: k.color, sort: k.sort });
        else rec.insert('code_kinds', { id: k.id, label: k.label, color: k.color, sort: k.sort });
      }
    });
    return this.listKinds();
  }

  // ---------------------------------------------------------------- codes

  /** Every live code with its use counts (codings, distinct excerpts and documents). */
  listCodes(): CodeSummary[] {
    const rows = this.db
      .prepare(
        `SELECT c.*, count(g.id) AS n_codings, count(DISTINCT g.excerpt_id) AS n_excerpts, count(DISTINCT e.document_id) AS n_documents
         FROM codes c
         LEFT JOIN codings g ON g.code_id = c.id AND ${this.store.layerFilter('g.coder_id')} AND g.excerpt_id IN (SELECT id FROM excerpts WHERE deleted_at IS NULL)
         LEFT JOIN excerpts e ON e.id = g.excerpt_id
         WHERE c.deleted_at IS NULL GROUP BY c.id ORDER BY c.sort, c.name COLLATE NOCASE`,
      )
      .all() as Array<CodeRow & { n_codings: number; n_excerpts: number; n_documents: number }>;
    return rows.map((r) => ({ ...toCode(r), codings: r.n_codings, excerpts: r.n_excerpts, documents: r.n_documents }));
  }

  createCode(req: { name: string; kind: string; parentId?: string | null; description?: string; color?: string | null }): CodeNode {
    this.requireKind(req.kind);
    const parentId = req.parentId ?? null;
    if (parentId) this.requireCode(parentId);
    const state = this.codebookState();
    let name: string;
    try {
      name = checkCodeName(state.codes, req.name, parentId, undefined, req.kind);
    } catch (e) {
      fromCodebookError(e);
    }
    const id = randomUUID();
    const sort = Math.max(0, ...state.codes.filter((c) => c.parentId === parentId).map((c) => c.sort + 1));
    this.act(`Create code "${name}"`, { action: 'create', entityType: 'code', entityId: id, object: name, detail: { name, kind: req.kind } }, (rec) => {
      const now = this.store.isoNow();
      rec.insert('codes', { id, parent_id: parentId, kind: req.kind, name, description: req.description ?? '', color: req.color ?? null, sort, created_at: now, updated_at: now });
    });
    return this.requireCode(id);
  }

  /** Finds a live code by name (case-insensitive), preferring the given kinds; null if none. */
  findCodeByName(name: string, kinds?: readonly string[]): CodeNode | null {
    const rows = (this.db.prepare('SELECT * FROM codes WHERE deleted_at IS NULL AND name = ? COLLATE NOCASE ORDER BY created_at').all(name.replace(/\s+/g, ' ').trim()) as CodeRow[]).map(toCode);
    if (kinds && kinds.length > 0) return rows.find((c) => kinds.includes(c.kind)) ?? null;
    return rows[0] ?? null;
  }

  updateCode(req: { id: string; description?: string; color?: string | null; kind?: string }): CodeNode {
    const code = this.requireCode(req.id);
    if (req.kind) this.requireKind(req.kind);
    const values: Record<string, unknown> = {};
    if (req.description !== undefined && req.description !== code.description) values.description = req.description;
    if (req.color !== undefined && req.color !== code.color) values.color = req.color;
    if (req.kind !== undefined && req.kind !== code.kind) values.kind = req.kind;
    if (Object.keys(values).length === 0) return code;
    this.act(`Edit code "${code.name}"`, { action: 'update', entityType: 'code', entityId: code.id, object: code.name, detail: values }, (rec) => {
      rec.update('codes', { id: code.id }, { ...values, updated_at: this.store.isoNow() });
    });
    return this.requireCode(code.id);
  }

  renameCode(id: string, name: string): CodeNode {
    const code = this.requireCode(id);
    let plan: CodebookPlan = [];
    try {
      plan = planRename(this.codebookState(), id, name);
    } catch (e) {
      fromCodebookError(e);
    }
    if (plan.length === 0) return code;
    // A CMOC statement that names the code keeps its words: saved statements are never
    // rewritten by the app (issue 13); the CMOC's chips show the new name.
    this.act(`Rename "${code.name}"`, { action: 'rename', entityType: 'code', entityId: id, object: code.name, detail: { before: code.name, after: name } }, (rec) => this.applyPlan(rec, plan));
    return this.requireCode(id);
  }

  moveCode(id: string, parentId: string | null, sort?: number): CodeNode {
    const code = this.requireCode(id);
    let plan: CodebookPlan = [];
    try {
      plan = planMove(this.codebookState(), id, parentId, sort);
    } catch (e) {
      fromCodebookError(e);
    }
    if (plan.length === 0) return code;
    this.act(`Move "${code.name}"`, { action: 'move', entityType: 'code', entityId: id, object: code.name, detail: { from: code.parentId, to: parentId } }, (rec) => this.applyPlan(rec, plan));
    return this.requireCode(id);
  }

  mergeCodes(fromId: string, intoId: string): { into: CodeNode; movedCodings: number; collapsedCodings: number } {
    const from = this.requireCode(fromId);
    const into = this.requireCode(intoId);
    let plan: CodebookPlan = [];
    try {
      plan = planMerge(this.codebookState(), fromId, intoId);
    } catch (e) {
      fromCodebookError(e);
    }
    const movedCodings = plan.filter((s) => s.op === 'coding:recode').length;
    const collapsedCodings = plan.filter((s) => s.op === 'coding:delete').length;
    this.act(
      `Merge "${from.name}" into "${into.name}"`,
      { action: 'merge', entityType: 'code', entityId: intoId, object: from.name, detail: { from: fromId, fromName: from.name, movedCodings, collapsedCodings } },
      // The CMOCs move to the surviving code; their saved statements stay as written.
      (rec) => this.applyPlan(rec, plan),
    );
    return { into: this.requireCode(intoId), movedCodings, collapsedCodings };
  }

  splitCode(req: { id: string; name: string; codingIds: readonly string[]; description?: string }): CodeNode {
    const code = this.requireCode(req.id);
    const newId = randomUUID();
    let plan: CodebookPlan = [];
    try {
      plan = planSplit(this.codebookState(), { codeId: req.id, name: req.name, codingIds: req.codingIds, newId, ...(req.description ? { description: req.description } : {}) });
    } catch (e) {
      fromCodebookError(e);
    }
    this.act(`Split "${code.name}"`, { action: 'split', entityType: 'code', entityId: req.id, object: code.name, detail: { newId, name: req.name, codings: req.codingIds.length } }, (rec) =>
      this.applyPlan(rec, plan),
    );
    return this.requireCode(newId);
  }

  /**
   * Soft-deletes a code and its sub-codes; their codings and CMOC references stay for undo.
   * A CMOC that used them keeps its saved statement word for word (the app never rewrites a
   * statement) and reports the lost codes in `lostCodes` until the reviewer edits it.
   */
  deleteCode(id: string): void {
    const code = this.requireCode(id);
    const state = this.codebookState();
    const ids = [id, ...descendantIds(state.codes, id)];
    this.act(`Delete code "${code.name}"`, { action: 'delete', entityType: 'code', entityId: id, object: code.name, detail: { name: code.name, subCodes: ids.length - 1 } }, (rec) => {
      const now = this.store.isoNow();
      for (const c of ids) rec.update('codes', { id: c }, { deleted_at: now, updated_at: now });
    });
  }

  /**
   * Moves every live code of kind `from` to kind `to` (an imported codebook's kinds mapped to
   * the project's own) as one action; returns how many codes changed.
   */
  remapKind(from: string, to: string): number {
    this.requireKind(from);
    this.requireKind(to);
    if (from === to) return 0;
    const ids = (this.db.prepare('SELECT id FROM codes WHERE kind = ? AND deleted_at IS NULL').all(from) as Array<{ id: string }>).map((r) => r.id);
    if (ids.length === 0) return 0;
    const label = (id: string) => this.listKinds().find((k) => k.id === id)?.label ?? id;
    this.act(`Move ${ids.length} code${ids.length === 1 ? '' : 's'} from kind "${label(from)}" to "${label(to)}"`, { action: 'update', entityType: 'code_kind', entityId: from, object: label(from), detail: { from, to, codes: ids.length } }, (rec) => {
      const now = this.store.isoNow();
      for (const id of ids) rec.update('codes', { id }, { kind: to, updated_at: now });
    });
    return ids.length;
  }

  /**
   * What deleting a code would touch, for the confirmation: the code and its sub-codes, the
   * passages coded with them (the first `limit`, with the total), and every live CMOC using
   * them with the slot it would lose.
   */
  codeUsage(id: string, limit = 50): CodeUsage {
    const code = this.requireCode(id);
    const ids = [id, ...descendantIds(this.codebookState().codes, id)];
    const json = JSON.stringify(ids);
    const passages = this.db
      .prepare(
        `SELECT ${SOURCE_COLUMNS} FROM excerpts e ${SOURCE_JOIN}
         WHERE e.deleted_at IS NULL AND e.id IN (SELECT g.excerpt_id FROM codings g WHERE g.code_id IN (SELECT value FROM json_each(?)))
         ORDER BY d.title COLLATE NOCASE, e.start`,
      )
      .all(json) as SourceRow[];
    const codings = (
      this.db
        .prepare(`SELECT count(*) AS n FROM codings g JOIN excerpts e ON e.id = g.excerpt_id AND e.deleted_at IS NULL WHERE g.code_id IN (SELECT value FROM json_each(?))`)
        .get(json) as { n: number }
    ).n;
    const numbers = this.cmocNumbers();
    const cmocs = (
      this.db
        .prepare(
          `SELECT m.id, m.label, m.statement, x.role, c.name AS code FROM cmoc_codes x JOIN cmocs m ON m.id = x.cmoc_id AND m.deleted_at IS NULL
           JOIN codes c ON c.id = x.code_id WHERE x.code_id IN (SELECT value FROM json_each(?)) AND ${this.store.layerFilter('m.coder_id')} ORDER BY m.created_at, m.id`,
        )
        .all(json) as Array<{ id: string; label: string; statement: string; role: string; code: string }>
    ).map((r) => ({ id: r.id, number: numbers.get(r.id) ?? 0, label: r.label, statement: r.statement, role: r.role, code: r.code }));
    return {
      code,
      subCodes: ids.length - 1,
      codings,
      passageCount: passages.length,
      passages: passages.slice(0, limit).map(toSource),
      cmocs,
    };
  }

  /**
   * Adds an imported codebook (from .qdc or CSV, parents listed before children). Unknown
   * kinds are added; a code whose name a sibling already has is reused rather than doubled,
   * so importing the same codebook twice changes nothing. One undoable action.
   */
  importCodebook(codes: readonly CodeNode[], kinds: readonly CodeKind[], source: string): { created: number; reused: number; idMap: Map<string, string> } {
    let created = 0;
    let reused = 0;
    const idMap = new Map<string, string>();
    this.act(`Import codebook from ${source}`, { action: 'import', entityType: 'codebook', detail: { source, codes: codes.length } }, (rec) => {
      const known = new Set(this.listKinds().map((k) => k.id));
      for (const k of kinds) {
        if (!known.has(k.id)) {
          rec.insert('code_kinds', { id: k.id, label: k.label, color: k.color, sort: k.sort + 100 });
          known.add(k.id);
        }
      }
      const live = this.codebookState().codes;
      const now = this.store.isoNow();
      for (const c of codes) {
        const parentId = c.parentId ? (idMap.get(c.parentId) ?? null) : null;
        const kindOf = known.has(c.kind) ? c.kind : 'other';
        const twin = live.find(
          (x) => x.parentId === parentId && (parentId !== null || x.kind === kindOf) && x.name.localeCompare(c.name, undefined, { sensitivity: 'base' }) === 0,
        );
        if (twin) {
          idMap.set(c.id, twin.id);
          reused += 1;
          continue;
        }
        const taken = this.db.prepare('SELECT 1 FROM codes WHERE id = ?').get(c.id);
        const id = taken ? randomUUID() : c.id;
        const kind = kindOf;
        rec.insert('codes', { id, parent_id: parentId, kind, name: c.name, description: c.description, color: c.color, sort: c.sort, created_at: now, updated_at: now });
        live.push({ ...c, id, parentId, kind });
        idMap.set(c.id, id);
        created += 1;
      }
    });
    return { created, reused, idMap };
  }

  /** Every live excerpt coded with the code, across documents, with its source and its coders. */
  excerptsForCode(codeId: string): ExcerptWithSource[] {
    this.requireCode(codeId);
    const rows = this.db
      .prepare(
        `SELECT ${SOURCE_COLUMNS}, json_group_array(coalesce(k.name, '')) AS coders, json_group_array(g.id) AS coding_ids
         FROM codings g JOIN excerpts e ON e.id = g.excerpt_id AND e.deleted_at IS NULL
         ${SOURCE_JOIN}
         LEFT JOIN coders k ON k.id = g.coder_id
         WHERE g.code_id = ? AND ${this.store.layerFilter('g.coder_id')} AND ${this.store.layerFilter('e.coder_id')} GROUP BY e.id ORDER BY d.title COLLATE NOCASE, e.start`,
      )
      .all(codeId) as Array<SourceRow & { coders: string; coding_ids: string }>;
    return rows.map((r) => ({ ...toSource(r), coders: (JSON.parse(r.coders) as string[]).filter(Boolean).sort(), codingIds: JSON.parse(r.coding_ids) as string[] }));
  }

  // ---------------------------------------------------------------- codings

  /** Codes an excerpt in the current layer; coding it again with the same code there changes nothing. */
  addCoding(excerptId: string, codeId: string): CodingRef {
    this.requireExcerpt(excerptId);
    const code = this.requireCode(codeId);
    const coderId = this.store.layerCoderId();
    const existing = this.db.prepare('SELECT id FROM codings WHERE excerpt_id = ? AND code_id = ? AND coder_id = ?').get(excerptId, codeId, coderId) as { id: string } | undefined;
    if (existing) return { id: existing.id, excerptId, codeId, coderId };
    const id = randomUUID();
    this.act(`Code passage with "${code.name}"`, { action: 'code', entityType: 'excerpt', entityId: excerptId, object: this.quoteOf(excerptId), detail: { codeId, code: code.name } }, (rec) => {
      rec.insert('codings', { id, excerpt_id: excerptId, code_id: codeId, coder_id: coderId, created_at: this.store.isoNow() });
    });
    return { id, excerptId, codeId, coderId };
  }

  /** Removes a code from a passage in the current layer; undo puts it back. */
  removeCoding(excerptId: string, codeId: string): number {
    const code = this.requireCode(codeId);
    const coderId = this.store.layerCoderId();
    const ids = this.db.prepare('SELECT id FROM codings WHERE excerpt_id = ? AND code_id = ? AND coder_id = ?').all(excerptId, codeId, coderId) as Array<{ id: string }>;
    this.act(`Remove "${code.name}" from passage`, { object: this.quoteOf(excerptId), action: 'uncode', entityType: 'excerpt', entityId: excerptId, detail: { codeId, code: code.name } }, (rec) => {
      for (const r of ids) rec.delete('codings', { id: r.id });
    });
    return ids.length;
  }

  /** Codings of one excerpt, with code names and coders (for the reader's margin and the CLI). */
  codingsOfExcerpt(excerptId: string): Array<CodingRef & { code: string; kind: string; coder: string | null }> {
    return (
      this.db
        .prepare(
          `SELECT g.id, g.excerpt_id, g.code_id, g.coder_id, c.name AS code, c.kind, k.name AS coder
           FROM codings g JOIN codes c ON c.id = g.code_id AND c.deleted_at IS NULL LEFT JOIN coders k ON k.id = g.coder_id
           WHERE g.excerpt_id = ? AND ${this.store.layerFilter('g.coder_id')} ORDER BY c.name, k.name`,
        )
        .all(excerptId) as Array<{ id: string; excerpt_id: string; code_id: string; coder_id: string | null; code: string; kind: string; coder: string | null }>
    ).map((r) => ({ id: r.id, excerptId: r.excerpt_id, codeId: r.code_id, coderId: r.coder_id, code: r.code, kind: r.kind, coder: r.coder }));
  }

  // ---------------------------------------------------------------- CMOCs

  /**
   * CMOCs with their codes and evidence counts. Filters: a code the CMOC uses, a document its
   * evidence comes from, a coder, a layer. Sorts: label, most recently updated, most
   * supporting evidence, most distinct documents.
   */
  listCmocs(filter: { codeId?: string | undefined; documentId?: string | undefined; layer?: string | undefined; status?: CmocStatus | undefined; sort?: CmocSort | undefined } = {}): CmocSummary[] {
    const where = ['m.deleted_at IS NULL', this.store.layerFilter('m.coder_id')];
    const params: unknown[] = [];
    if (filter.codeId) {
      where.push('EXISTS (SELECT 1 FROM cmoc_codes x WHERE x.cmoc_id = m.id AND x.code_id = ?)');
      params.push(filter.codeId);
    }
    if (filter.documentId) {
      where.push('EXISTS (SELECT 1 FROM evidence_links l JOIN excerpts e ON e.id = l.excerpt_id AND e.deleted_at IS NULL WHERE l.cmoc_id = m.id AND e.document_id = ?)');
      params.push(filter.documentId);
    }
    if (filter.layer) {
      where.push('m.coder_id = ?');
      params.push(filter.layer);
    }
    if (filter.status) {
      where.push('m.status = ?');
      params.push(filter.status);
    }
    const rows = this.db
      .prepare(`SELECT m.*, c.name AS coder FROM cmocs m LEFT JOIN coders c ON c.id = m.coder_id WHERE ${where.join(' AND ')}`)
      .all(...params) as CmocRow[];
    const ctx = this.cmocContext();
    const list = rows.map((r) => this.summarise(r, ctx));
    const byLabel = (a: CmocSummary, b: CmocSummary) => (a.label || a.statement).localeCompare(b.label || b.statement, undefined, { numeric: true, sensitivity: 'base' });
    const sorters: Record<CmocSort, (a: CmocSummary, b: CmocSummary) => number> = {
      label: byLabel,
      updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || byLabel(a, b),
      evidence: (a, b) => b.supporting - a.supporting || b.documents - a.documents || byLabel(a, b),
      documents: (a, b) => b.documents - a.documents || b.supporting - a.supporting || byLabel(a, b),
    };
    return list.sort(sorters[filter.sort ?? 'label']);
  }

  /**
   * Every CMOC's number: its place in the order of creation, counting deleted ones too, so a
   * number never moves to another CMOC (the table and the audit view say "CMOC 12").
   */
  private cmocNumbers(): Map<string, number> {
    const rows = this.db.prepare('SELECT id FROM cmocs ORDER BY created_at, id').all() as Array<{ id: string }>;
    return new Map(rows.map((r, i) => [r.id, i + 1]));
  }

  /** What summaries need about all CMOCs at once: numbers and each layer's configurations. */
  private cmocContext(): { numbers: Map<string, number>; byKey: Map<string, string[]>; keyOf: Map<string, string> } {
    const numbers = this.cmocNumbers();
    const rows = this.db
      .prepare(
        `SELECT m.id, m.coder_id, x.code_id, x.role FROM cmocs m JOIN cmoc_codes x ON x.cmoc_id = m.id JOIN codes c ON c.id = x.code_id AND c.deleted_at IS NULL
         WHERE m.deleted_at IS NULL`,
      )
      .all() as Array<{ id: string; coder_id: string; code_id: string; role: string }>;
    const codesOf = new Map<string, { layer: string; codes: Array<{ codeId: string; role: string }> }>();
    for (const r of rows) {
      const entry = codesOf.get(r.id) ?? { layer: r.coder_id, codes: [] };
      entry.codes.push({ codeId: r.code_id, role: r.role });
      codesOf.set(r.id, entry);
    }
    const keyOf = new Map<string, string>();
    const byKey = new Map<string, string[]>();
    for (const [id, e] of codesOf) {
      const key = `${e.layer}\u0000${configurationKey(e.codes)}`;
      keyOf.set(id, key);
      byKey.set(key, [...(byKey.get(key) ?? []), id]);
    }
    return { numbers, byKey, keyOf };
  }

  /** The context of one CMOC alone (its number and its layer's twins), without reading every CMOC's number. */
  private cmocContextOf(r: CmocRow): { numbers: Map<string, number>; byKey: Map<string, string[]>; keyOf: Map<string, string> } {
    const created = this.db.prepare('SELECT created_at FROM cmocs WHERE id = ?').get(r.id) as { created_at: string };
    const rows = this.db
      .prepare(
        `SELECT m.id, x.code_id, x.role FROM cmocs m JOIN cmoc_codes x ON x.cmoc_id = m.id JOIN codes c ON c.id = x.code_id AND c.deleted_at IS NULL
         WHERE m.deleted_at IS NULL AND m.coder_id = ?`,
      )
      .all(r.coder_id) as Array<{ id: string; code_id: string; role: string }>;
    const codesOf = new Map<string, Array<{ codeId: string; role: string }>>();
    for (const x of rows) codesOf.set(x.id, [...(codesOf.get(x.id) ?? []), { codeId: x.code_id, role: x.role }]);
    const mine = configurationKey(codesOf.get(r.id) ?? []);
    const twins = mine ? [...codesOf].filter(([id, codes]) => id !== r.id && configurationKey(codes) === mine).map(([id]) => id) : [];
    const numberOf = this.db.prepare('SELECT count(*) AS n FROM cmocs WHERE created_at < ? OR (created_at = ? AND id <= ?)');
    const num = (id: string, at: string) => (numberOf.get(at, at, id) as { n: number }).n;
    const numbers = new Map<string, number>([[r.id, num(r.id, created.created_at)]]);
    for (const id of twins) numbers.set(id, num(id, (this.db.prepare('SELECT created_at FROM cmocs WHERE id = ?').get(id) as { created_at: string }).created_at));
    const key = `k\u0000${mine}`;
    return { numbers, byKey: new Map([[key, [r.id, ...twins]]]), keyOf: new Map(mine ? [[r.id, key]] : []) };
  }

  private summarise(r: CmocRow, ctx = this.cmocContextOf(r)): CmocSummary {
    const counts = this.db
      .prepare(
        `SELECT sum(l.role = 'supports') AS s, sum(l.role = 'refutes') AS f, sum(l.role = 'refines') AS n, count(DISTINCT e.document_id) AS docs
         FROM evidence_links l JOIN excerpts e ON e.id = l.excerpt_id AND e.deleted_at IS NULL AND ${this.store.layerFilter('e.coder_id')}
         JOIN documents d ON d.id = e.document_id AND d.deleted_at IS NULL
         WHERE l.cmoc_id = ?`,
      )
      .get(r.id) as { s: number | null; f: number | null; n: number | null; docs: number };
    const codes = this.cmocCodes(r.id);
    const lostCodes = (
      this.db
        .prepare(`SELECT x.code_id, c.name, x.role FROM cmoc_codes x JOIN codes c ON c.id = x.code_id AND c.deleted_at IS NOT NULL WHERE x.cmoc_id = ? ORDER BY x.sort, c.name`)
        .all(r.id) as Array<{ code_id: string; name: string; role: string }>
    ).map((x) => ({ codeId: x.code_id, name: x.name, role: x.role }));
    const key = ctx.keyOf.get(r.id);
    const sameCodesAs = key ? (ctx.byKey.get(key) ?? []).filter((id) => id !== r.id).map((id) => ctx.numbers.get(id) ?? 0).sort((a, b) => a - b) : [];
    return {
      id: r.id,
      number: ctx.numbers.get(r.id) ?? 0,
      label: r.label,
      statement: r.statement,
      status: r.status,
      missing: missingParts(codes, r.statement),
      lostCodes,
      sameCodesAs,
      coderId: r.coder_id,
      coder: r.coder,
      layer: r.coder_id === CONSENSUS_CODER_ID ? 'consensus' : 'coder',
      codes,
      supporting: counts.s ?? 0,
      refuting: counts.f ?? 0,
      refining: counts.n ?? 0,
      documents: counts.docs,
      updatedAt: r.updated_at,
    };
  }

  /** A CMOC with every quote (supporting first), its citation, and the CMOC's memos. */
  getCmoc(id: string): CmocDetail {
    return this.withEvidence(this.summarise(this.requireCmoc(id)));
  }

  /**
   * The detail of a CMOC whose summary is at hand (a row of `listCmocs`): its quotes and memos,
   * without working out its number and same-code twins again, which costs a pass over the
   * layer's CMOCs each time (exports of every CMOC were quadratic in the number of CMOCs).
   */
  withEvidence(summary: CmocSummary): CmocDetail {
    const id = summary.id;
    const evidence = (
      this.db
        .prepare(
          `SELECT l.id AS link_id, l.role, l.note, ${SOURCE_COLUMNS}
           FROM evidence_links l JOIN excerpts e ON e.id = l.excerpt_id AND e.deleted_at IS NULL ${SOURCE_JOIN}
           WHERE l.cmoc_id = ? AND ${this.store.layerFilter('e.coder_id')}
           ORDER BY CASE l.role WHEN 'supports' THEN 0 WHEN 'refines' THEN 1 ELSE 2 END, d.title COLLATE NOCASE, e.start`,
        )
        .all(id) as Array<SourceRow & { link_id: string; role: EvidenceRole; note: string | null }>
    ).map((r): CmocEvidence => ({ ...toSource(r), linkId: r.link_id, role: r.role, note: r.note }));
    return { ...summary, evidence, memos: this.listMemos({ targetType: 'cmoc', targetId: id }) };
  }

  private checkCmocCodes(codes: ReadonlyArray<{ codeId: string; role: string }>): void {
    for (const c of codes) {
      this.requireCode(c.codeId);
      this.requireKind(c.role);
    }
  }

  private writeCmocCodes(rec: RowWriter, cmocId: string, codes: ReadonlyArray<{ codeId: string; role: string }>): void {
    const seen = new Set<string>();
    codes.forEach((c, i) => {
      const key = `${c.codeId}\u0000${c.role}`;
      if (seen.has(key)) return;
      seen.add(key);
      rec.insert('cmoc_codes', { cmoc_id: cmocId, code_id: c.codeId, role: c.role, sort: i });
    });
  }

  /**
   * The status a CMOC is saved with: `wanted` when given (a complete one must pass the rule,
   * or VALIDATION names what is missing), otherwise what the rule says (callers that predate
   * drafts, such as the command line, keep working; the builder always says which it means).
   */
  private statusFor(wanted: CmocStatus | undefined, codes: ReadonlyArray<{ role: string }>, statement: string): CmocStatus {
    const missing = missingParts(codes, statement);
    if (wanted === 'draft') return 'draft';
    if (wanted === 'complete' && missing.length > 0) {
      throw new AppError('VALIDATION', `A complete CMOC needs ${describeMissing(missing)}; add ${missing.length > 1 ? 'them' : 'it'} or save it as a draft.`, { missing });
    }
    return missing.length > 0 ? 'draft' : 'complete';
  }

  /**
   * Creates a CMOC in the current layer with its codes and evidence links, as one action: all
   * of it is saved, or (an unknown code, kind or excerpt, a "complete" CMOC that is not)
   * nothing. A statement left out is written once from the codes by the generator; a statement
   * given, even blank, is saved as given (a blank one makes the CMOC a draft).
   */
  createCmoc(req: {
    label?: string;
    statement?: string | undefined;
    status?: CmocStatus | undefined;
    codes: ReadonlyArray<{ codeId: string; role: string }>;
    evidence?: ReadonlyArray<{ excerptId: string; role: EvidenceRole; note?: string | null }>;
  }): CmocSummary {
    this.checkCmocCodes(req.codes);
    for (const e of req.evidence ?? []) this.requireExcerpt(e.excerptId);
    const named = req.codes.map((c) => ({ ...c, name: this.requireCode(c.codeId).name }));
    const statement = req.statement === undefined ? statementFor(named) : req.statement.trim();
    const status = this.statusFor(req.status, req.codes, statement);
    const coderId = this.store.layerCoderId();
    const id = randomUUID();
    const label = req.label ?? '';
    const meta = { action: 'create', entityType: 'cmoc', entityId: id, object: label || statement.slice(0, 200) || null, detail: { label, status, evidence: req.evidence?.length ?? 0 } };
    this.act(`Create CMOC${label ? ` "${label}"` : ''}`, meta, (rec) => {
      const now = this.store.isoNow();
      rec.insert('cmocs', { id, label, statement, status, coder_id: coderId, created_at: now, updated_at: now });
      this.writeCmocCodes(rec, id, req.codes);
      for (const e of req.evidence ?? []) this.writeLink(rec, id, coderId, e);
    });
    return this.summarise(this.requireCmoc(id));
  }

  /** Adds one evidence link (or updates the note of the same excerpt in the same role). */
  private writeLink(rec: RowWriter, cmocId: string, coderId: string, e: { excerptId: string; role: EvidenceRole; note?: string | null }): string {
    const existing = this.db.prepare('SELECT id, note FROM evidence_links WHERE cmoc_id = ? AND excerpt_id = ? AND role = ?').get(cmocId, e.excerptId, e.role) as
      | { id: string; note: string | null }
      | undefined;
    if (existing) {
      if ((e.note ?? null) !== existing.note) rec.update('evidence_links', { id: existing.id }, { note: e.note ?? null });
      return existing.id;
    }
    const id = randomUUID();
    rec.insert('evidence_links', { id, cmoc_id: cmocId, excerpt_id: e.excerptId, role: e.role, note: e.note ?? null, coder_id: coderId, created_at: this.store.isoNow() });
    return id;
  }

  /**
   * Edits a CMOC: label, statement, status, codes and (when given) its whole set of evidence
   * links, as one action. The statement changes only when one is given: new codes never
   * rewrite it. Without a status the CMOC keeps its own; a complete CMOC must stay complete
   * (VALIDATION names what is missing), a draft may be edited freely.
   */
  updateCmoc(req: {
    id: string;
    label?: string | undefined;
    statement?: string | undefined;
    status?: CmocStatus | undefined;
    codes?: ReadonlyArray<{ codeId: string; role: string }> | undefined;
    evidence?: ReadonlyArray<{ excerptId: string; role: EvidenceRole; note?: string | null }> | undefined;
  }): CmocSummary {
    const row = this.requireCmoc(req.id);
    if (req.codes) this.checkCmocCodes(req.codes);
    for (const e of req.evidence ?? []) this.requireExcerpt(e.excerptId);
    const statement = req.statement === undefined ? row.statement : req.statement.trim();
    const wanted = req.status ?? row.status;
    const status = this.statusFor(wanted, req.codes ?? this.cmocCodes(row.id), statement);
    this.act(`Edit CMOC${row.label ? ` "${row.label}"` : ''}`, { action: 'update', entityType: 'cmoc', entityId: row.id, object: row.label || row.statement.slice(0, 200) || null }, (rec) => {
      const values: Record<string, unknown> = {};
      if (req.label !== undefined && req.label !== row.label) values.label = req.label;
      if (req.codes) {
        const old = this.db.prepare('SELECT code_id, role, sort FROM cmoc_codes WHERE cmoc_id = ? ORDER BY sort').all(row.id) as Array<{ code_id: string; role: string; sort: number }>;
        const same = old.length === req.codes.length && old.every((o, i) => o.code_id === req.codes![i]!.codeId && o.role === req.codes![i]!.role);
        if (!same) {
          for (const x of old) rec.delete('cmoc_codes', { cmoc_id: row.id, code_id: x.code_id, role: x.role });
          this.writeCmocCodes(rec, row.id, req.codes);
        }
      }
      if (req.evidence) {
        const wanted = new Set(req.evidence.map((e) => `${e.excerptId}\u0000${e.role}`));
        const links = this.db.prepare('SELECT id, excerpt_id, role FROM evidence_links WHERE cmoc_id = ?').all(row.id) as Array<{ id: string; excerpt_id: string; role: string }>;
        for (const l of links) if (!wanted.has(`${l.excerpt_id}\u0000${l.role}`)) rec.delete('evidence_links', { id: l.id });
        for (const e of req.evidence) this.writeLink(rec, row.id, row.coder_id, e);
      }
      if (statement !== row.statement) values.statement = statement;
      if (status !== row.status) values.status = status;
      if (Object.keys(values).length > 0 || rec.writes > 0) rec.update('cmocs', { id: row.id }, { ...values, updated_at: this.store.isoNow() });
    });
    return this.summarise(this.requireCmoc(row.id));
  }

  /** Soft-deletes a CMOC; its codes and evidence links stay so that undo restores it whole. */
  deleteCmoc(id: string): void {
    const row = this.requireCmoc(id);
    this.act(`Delete CMOC${row.label ? ` "${row.label}"` : ''}`, { action: 'delete', entityType: 'cmoc', entityId: id, object: row.label || row.statement.slice(0, 200), detail: { label: row.label } }, (rec) => {
      const now = this.store.isoNow();
      rec.update('cmocs', { id }, { deleted_at: now, updated_at: now });
    });
  }

  /** Links an excerpt as evidence; linking the same excerpt in the same role again updates the note. */
  linkEvidence(req: { cmocId: string; excerptId: string; role: EvidenceRole; note?: string | null }): { id: string } {
    const cmoc = this.requireCmoc(req.cmocId);
    this.requireExcerpt(req.excerptId);
    const label = `Link evidence (${req.role}) to CMOC${cmoc.label ? ` "${cmoc.label}"` : ''}`;
    return this.act(label, { action: 'link', entityType: 'cmoc', entityId: req.cmocId, object: this.quoteOf(req.excerptId), detail: { excerptId: req.excerptId, role: req.role } }, (rec) => ({
      id: this.writeLink(rec, req.cmocId, cmoc.coder_id, req),
    }));
  }

  unlinkEvidence(linkId: string): void {
    const row = this.db.prepare('SELECT cmoc_id, excerpt_id FROM evidence_links WHERE id = ?').get(linkId) as { cmoc_id: string; excerpt_id: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No evidence link with id ${linkId}.`);
    this.act('Unlink evidence', { action: 'unlink', entityType: 'cmoc', entityId: row.cmoc_id, object: this.quoteOf(row.excerpt_id), detail: { linkId } }, (rec) => rec.delete('evidence_links', { id: linkId }));
  }

  // ---------------------------------------------------------------- appraisals

  /** Sets a coder's relevance and rigour appraisal of a document (one per document and coder). */
  setAppraisal(req: { documentId: string; relevance: AppraisalLevel | null; relevanceNote: string; rigour: AppraisalLevel | null; rigourNote: string }): Appraisal {
    const doc = this.db.prepare('SELECT id, title FROM documents WHERE id = ? AND deleted_at IS NULL').get(req.documentId) as { id: string; title: string } | undefined;
    if (!doc) throw new AppError('NOT_FOUND', `No document with id ${req.documentId}.`);
    const coderId = this.store.layerCoderId();
    const existing = this.db.prepare('SELECT id FROM appraisals WHERE document_id = ? AND coder_id = ?').get(req.documentId, coderId) as { id: string } | undefined;
    const id = existing?.id ?? randomUUID();
    this.act('Appraise document', { action: 'appraise', entityType: 'document', entityId: req.documentId, object: doc.title, detail: { relevance: req.relevance, rigour: req.rigour } }, (rec) => {
      const now = this.store.isoNow();
      const values = { relevance: req.relevance, relevance_note: req.relevanceNote, rigour: req.rigour, rigour_note: req.rigourNote, updated_at: now };
      if (existing) rec.update('appraisals', { id }, values);
      else rec.insert('appraisals', { id, document_id: req.documentId, coder_id: coderId, created_at: now, ...values });
    });
    return this.listAppraisals().find((a) => a.id === id)!;
  }

  listAppraisals(documentId?: string): Appraisal[] {
    const rows = this.db
      .prepare(
        `SELECT a.*, k.name AS coder FROM appraisals a LEFT JOIN coders k ON k.id = a.coder_id WHERE ${this.store.layerFilter('a.coder_id')} ${documentId ? 'AND a.document_id = ?' : ''} ORDER BY a.document_id, a.created_at`,
      )
      .all(...(documentId ? [documentId] : [])) as Array<{
      id: string;
      document_id: string;
      coder_id: string | null;
      coder: string | null;
      relevance: AppraisalLevel | null;
      relevance_note: string;
      rigour: AppraisalLevel | null;
      rigour_note: string;
      updated_at: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      coderId: r.coder_id,
      coder: r.coder,
      relevance: r.relevance,
      relevanceNote: r.relevance_note,
      rigour: r.rigour,
      rigourNote: r.rigour_note,
      updatedAt: r.updated_at,
    }));
  }

  // ---------------------------------------------------------------- memos

  listMemos(filter: { targetType?: MemoTarget; targetId?: string } = {}): Memo[] {
    const where = ['m.deleted_at IS NULL', this.store.layerFilter('m.coder_id')];
    const params: string[] = [];
    if (filter.targetType) {
      where.push('m.target_type = ?');
      params.push(filter.targetType);
    }
    if (filter.targetId) {
      where.push('m.target_id = ?');
      params.push(filter.targetId);
    }
    const rows = this.db
      .prepare(`SELECT m.*, c.name AS coder FROM memos m LEFT JOIN coders c ON c.id = m.coder_id WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id`)
      .all(...params) as MemoRow[];
    return rows.map(toMemo);
  }

  private requireMemo(id: string): Memo {
    const row = this.db.prepare('SELECT m.*, c.name AS coder FROM memos m LEFT JOIN coders c ON c.id = m.coder_id WHERE m.id = ? AND m.deleted_at IS NULL').get(id) as MemoRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No memo with id ${id}.`);
    return toMemo(row);
  }

  createMemo(req: { targetType: MemoTarget; targetId?: string | null; body: string }): Memo {
    const coderId = this.store.layerCoderId();
    const id = randomUUID();
    this.act('Write memo', { action: 'create', entityType: 'memo', entityId: id, object: req.body.slice(0, 200), detail: { target: req.targetType, targetId: req.targetId ?? null } }, (rec) => {
      const now = this.store.isoNow();
      rec.insert('memos', { id, target_type: req.targetType, target_id: req.targetId ?? null, coder_id: coderId, body: req.body, created_at: now, updated_at: now });
    });
    return this.requireMemo(id);
  }

  updateMemo(id: string, body: string): Memo {
    const memo = this.requireMemo(id);
    if (memo.body === body) return memo;
    this.act('Edit memo', { action: 'update', entityType: 'memo', entityId: id, object: memo.body.slice(0, 200) }, (rec) => rec.update('memos', { id }, { body, updated_at: this.store.isoNow() }));
    return this.requireMemo(id);
  }

  deleteMemo(id: string): void {
    const memo = this.requireMemo(id);
    this.act('Delete memo', { action: 'delete', entityType: 'memo', entityId: id, object: memo.body.slice(0, 200) }, (rec) => {
      const now = this.store.isoNow();
      rec.update('memos', { id }, { deleted_at: now, updated_at: now });
    });
  }
}

const services = new WeakMap<ProjectStore, CodingService>();

/** The one coding service of an open project (its undo stack lives as long as the store). */
export function codingServiceFor(store: ProjectStore): CodingService {
  let service = services.get(store);
  if (!service) {
    service = new CodingService(store);
    services.set(store, service);
  }
  return service;
}
