/**
 * Program theory on an open project: versions and their CMOCs, hypotheses from text, links and
 * themes, the refinement mapping and the story across versions (types in shared/theory).
 *
 * Every change is one action of the change log (`store.act`): creating a version with all its
 * CMOCs, importing a CSV, saving a mapping: one transaction, one undo step. The rules (reading
 * a statement, proposing and checking a mapping) are the pure functions of shared/theory; this
 * module reads what they need and writes what they decide.
 *
 * Evidence of a version's CMOC is read live: the excerpts linked to it directly, and those of
 * the coded CMOC it was built from. Blind coding hides other coders' excerpts here as
 * everywhere (`layerFilter`).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { shortCitation } from '../../../shared/coding/citation';
import { CONSENSUS_CODER_ID } from '../../../shared/coders/types';
import { ancestry, checkMapping, proposeMapping, unmapped } from '../../../shared/theory/mapping';
import { matchPartsToCodes, parseStatement, parseStatementCsv, parseStatementLines, sortParts, statementFromParts, type DraftError } from '../../../shared/theory/statements';
import {
  RIGOUR_SCORE,
  THEORY_ROLES,
  type EvidenceRef,
  type TheoryChange,
  type TheoryCmoc,
  type TheoryEvidenceSummary,
  type TheoryGroup,
  type TheoryLink,
  type TheoryMapping,
  type TheoryOrigin,
  type TheoryPart,
  type TheoryQuote,
  type TheoryStage,
  type TheoryStory,
  type TheoryVersion,
  type TheoryVersionSummary,
} from '../../../shared/theory/types';
import type { ProjectStore } from '../store/project-store';
import { RowWriter } from '../store/row-writer';

interface VersionRow {
  id: string;
  label: string;
  stage: TheoryStage;
  parent_id: string | null;
  notes: string;
  basis: string;
  sort: number;
  created_at: string;
  cmocs: number;
}

interface CmocRow {
  id: string;
  version_id: string;
  label: string;
  statement: string;
  parts: string;
  origin: TheoryOrigin;
  provenance: string;
  source_cmoc_id: string | null;
  derived_from: string;
  sort: number;
}

interface ChangeRow {
  id: string;
  kind: TheoryChange['kind'];
  from_cmoc_ids: string;
  to_cmoc_ids: string;
  rationale: string;
  evidence: string;
  status: 'proposed' | 'confirmed';
}

type EvidenceInput = ReadonlyArray<{ excerptId: string; role: 'supports' | 'refutes' | 'refines' }>;

function json<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toSummary(r: VersionRow): TheoryVersionSummary {
  return { id: r.id, label: r.label, stage: r.stage, parentId: r.parent_id, notes: r.notes, basis: r.basis, cmocCount: r.cmocs, createdAt: r.created_at, sort: r.sort };
}

const VERSION_SELECT = `SELECT v.*, (SELECT count(*) FROM theory_cmocs c WHERE c.version_id = v.id) AS cmocs FROM theory_versions v`;

/** The theory capability of one open project; get it with `theoryServiceFor(store)`. */
export class TheoryService {
  constructor(readonly store: ProjectStore) {}

  private get db() {
    return this.store.db;
  }

  private act<T>(label: string, meta: { verb: string; entityType: string; entityId?: string | null; object?: string | null; detail?: unknown }, fn: (rec: RowWriter) => T): T {
    const rec = new RowWriter(this.db);
    return this.store.act({ label, verb: meta.verb, entityType: meta.entityType, entityId: meta.entityId ?? null, object: meta.object ?? null, detail: meta.detail }, () => fn(rec));
  }

  // ---------------------------------------------------------------- versions

  listVersions(): TheoryVersionSummary[] {
    return (this.db.prepare(`${VERSION_SELECT} ORDER BY v.sort, v.created_at, v.rowid`).all() as VersionRow[]).map(toSummary);
  }

  private requireVersionRow(id: string): VersionRow {
    const row = this.db.prepare(`${VERSION_SELECT} WHERE v.id = ?`).get(id) as VersionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No program theory version with id ${id}.`);
    return row;
  }

  /** A version by id or, failing that, by name (case-insensitive): what the command line needs. */
  findVersion(idOrName: string): TheoryVersionSummary {
    const byId = this.db.prepare(`${VERSION_SELECT} WHERE v.id = ?`).get(idOrName) as VersionRow | undefined;
    if (byId) return toSummary(byId);
    const byName = this.db.prepare(`${VERSION_SELECT} WHERE lower(v.label) = lower(?)`).get(idOrName.trim()) as VersionRow | undefined;
    if (byName) return toSummary(byName);
    const names = this.listVersions().map((v) => `"${v.label}"`);
    throw new AppError('NOT_FOUND', `No program theory version named "${idOrName}". ${names.length ? `The versions are ${names.join(', ')}.` : 'The project has no versions yet.'}`);
  }

  private checkLabel(label: string, exceptId?: string): void {
    const clash = this.db.prepare('SELECT id FROM theory_versions WHERE lower(label) = lower(?) AND id IS NOT ?').get(label.trim(), exceptId ?? null);
    if (clash) throw new AppError('VALIDATION', `A version named "${label.trim()}" already exists; give this one another name.`);
  }

  getVersion(id: string): TheoryVersion {
    const row = this.requireVersionRow(id);
    const cmocs = this.cmocsOf(id);
    const links = (this.db.prepare('SELECT * FROM theory_links WHERE version_id = ? ORDER BY created_at, rowid').all(id) as Array<Record<string, string>>).map(
      (l): TheoryLink => ({ id: l.id!, versionId: l.version_id!, kind: l.kind as TheoryLink['kind'], fromCmocId: l.from_cmoc_id!, toCmocId: l.to_cmoc_id!, note: l.note! }),
    );
    const groups = (this.db.prepare('SELECT * FROM theory_groups WHERE version_id = ? ORDER BY sort, created_at, rowid').all(id) as Array<Record<string, string>>).map(
      (g): TheoryGroup => ({ id: g.id!, versionId: g.version_id!, kind: g.kind as TheoryGroup['kind'], name: g.name!, description: g.description!, cmocIds: json<string[]>(g.cmoc_ids!, []) }),
    );
    return { ...toSummary(row), cmocs, links, groups };
  }

  /**
   * Creates a version (see `theory:create`): empty, from a layer's CMOCs, or as a copy of a
   * version, with all its CMOCs, as one action.
   */
  createVersion(req: { label: string; stage: TheoryStage; notes: string; parentId: string | null; from: { kind: 'empty' } | { kind: 'layer'; layer: string } | { kind: 'version'; versionId: string } }): TheoryVersion {
    this.checkLabel(req.label);
    if (req.parentId) this.requireVersionRow(req.parentId);
    const id = randomUUID();
    const now = this.store.isoNow();
    const sort = ((this.db.prepare('SELECT max(sort) AS s FROM theory_versions').get() as { s: number | null }).s ?? 0) + 1;
    let basis = 'empty';
    let parentId = req.parentId;
    if (req.from.kind === 'layer') {
      const layer = req.from.layer;
      const coder = this.db.prepare('SELECT id, name FROM coders WHERE id = ?').get(layer) as { id: string; name: string } | undefined;
      if (!coder) throw new AppError('NOT_FOUND', `No layer ${layer}: use "consensus" or a coder's id.`);
      const visible = this.store.visibleLayers();
      if (visible && !visible.includes(layer)) throw new AppError('VALIDATION', `Blind coding is on: the ${coder.name} layer is hidden from you, so a version cannot be built from it.`);
      basis = `layer:${layer}`;
    } else if (req.from.kind === 'version') {
      this.requireVersionRow(req.from.versionId);
      basis = `version:${req.from.versionId}`;
      parentId = parentId ?? req.from.versionId;
    }
    this.act(`Create theory version "${req.label.trim()}"`, { verb: 'create', entityType: 'theory_version', entityId: id, object: req.label.trim(), detail: { stage: req.stage, basis } }, (rec) => {
      rec.insert('theory_versions', { id, label: req.label.trim(), stage: req.stage, parent_id: parentId, notes: req.notes, created_at: now, basis, sort, updated_at: now });
      if (req.from.kind === 'layer') this.copyLayer(rec, id, req.from.layer, parentId);
      else if (req.from.kind === 'version') this.copyVersion(rec, req.from.versionId, id);
    });
    return this.getVersion(id);
  }

  /** Snapshots every CMOC of a layer into version `id`; each descends from the parent version's CMOC built from the same coded CMOC. */
  private copyLayer(rec: RowWriter, id: string, layer: string, parentId: string | null): void {
    const cmocs = this.db
      .prepare(`SELECT id, label, statement FROM cmocs WHERE coder_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid`)
      .all(layer) as Array<{ id: string; label: string; statement: string }>;
    const codes = this.db.prepare(`SELECT x.code_id, x.role, c.name FROM cmoc_codes x JOIN codes c ON c.id = x.code_id WHERE x.cmoc_id = ? ORDER BY x.sort`);
    const parentOf = parentId ? this.db.prepare('SELECT id FROM theory_cmocs WHERE version_id = ? AND source_cmoc_id = ?') : null;
    const now = this.store.isoNow();
    cmocs.forEach((c, i) => {
      const parts: TheoryPart[] = (codes.all(c.id) as Array<{ code_id: string; role: string; name: string }>)
        .filter((x) => (THEORY_ROLES as readonly string[]).includes(x.role))
        .map((x) => ({ role: x.role as TheoryPart['role'], text: x.name, codeId: x.code_id }));
      const derived = parentOf ? (parentOf.all(parentId, c.id) as Array<{ id: string }>).map((r) => r.id) : [];
      rec.insert('theory_cmocs', {
        id: randomUUID(),
        version_id: id,
        label: c.label,
        statement: c.statement || statementFromParts(parts),
        parts: JSON.stringify(sortParts(parts)),
        origin: 'coded',
        provenance: '',
        source_cmoc_id: c.id,
        derived_from: JSON.stringify(derived),
        sort: i,
        created_at: now,
        updated_at: now,
      });
    });
  }

  /** Copies version `fromId` into `toId`: CMOCs (each descending from its original), their own evidence, links and groups. */
  private copyVersion(rec: RowWriter, fromId: string, toId: string): void {
    const now = this.store.isoNow();
    const idMap = new Map<string, string>();
    for (const c of this.db.prepare('SELECT * FROM theory_cmocs WHERE version_id = ? ORDER BY sort, rowid').all(fromId) as CmocRow[]) {
      const nid = randomUUID();
      idMap.set(c.id, nid);
      rec.insert('theory_cmocs', { ...c, id: nid, version_id: toId, derived_from: JSON.stringify([c.id]), created_at: now, updated_at: now });
      for (const e of this.db.prepare('SELECT excerpt_id, role FROM theory_cmoc_evidence WHERE theory_cmoc_id = ?').all(c.id) as Array<{ excerpt_id: string; role: string }>) {
        rec.insert('theory_cmoc_evidence', { theory_cmoc_id: nid, excerpt_id: e.excerpt_id, role: e.role, created_at: now });
      }
    }
    for (const l of this.db.prepare('SELECT * FROM theory_links WHERE version_id = ?').all(fromId) as Array<Record<string, string>>) {
      rec.insert('theory_links', { id: randomUUID(), version_id: toId, kind: l.kind, from_cmoc_id: idMap.get(l.from_cmoc_id!)!, to_cmoc_id: idMap.get(l.to_cmoc_id!)!, note: l.note, created_at: now });
    }
    for (const g of this.db.prepare('SELECT * FROM theory_groups WHERE version_id = ?').all(fromId) as Array<Record<string, string | number>>) {
      const ids = json<string[]>(String(g.cmoc_ids), []).map((x) => idMap.get(x)).filter((x): x is string => !!x);
      rec.insert('theory_groups', { id: randomUUID(), version_id: toId, kind: g.kind, name: g.name, description: g.description, cmoc_ids: JSON.stringify(ids), sort: g.sort, created_at: now });
    }
  }

  updateVersion(req: { id: string; label?: string | undefined; stage?: TheoryStage | undefined; notes?: string | undefined }): TheoryVersionSummary {
    const row = this.requireVersionRow(req.id);
    if (req.label !== undefined) this.checkLabel(req.label, req.id);
    const values: Record<string, unknown> = {};
    if (req.label !== undefined && req.label.trim() !== row.label) values.label = req.label.trim();
    if (req.stage !== undefined && req.stage !== row.stage) values.stage = req.stage;
    if (req.notes !== undefined && req.notes !== row.notes) values.notes = req.notes;
    if (Object.keys(values).length > 0) {
      this.act(`Edit theory version "${row.label}"`, { verb: 'update', entityType: 'theory_version', entityId: row.id, object: row.label, detail: values }, (rec) =>
        rec.update('theory_versions', { id: row.id }, { ...values, updated_at: this.store.isoNow() }),
      );
    }
    return toSummary(this.requireVersionRow(req.id));
  }

  deleteVersion(id: string): void {
    const row = this.requireVersionRow(id);
    this.act(`Delete theory version "${row.label}"`, { verb: 'delete', entityType: 'theory_version', entityId: id, object: row.label }, (rec) => rec.delete('theory_versions', { id }));
  }

  // ---------------------------------------------------------------- CMOCs

  private codesForMatching(): Array<{ id: string; name: string }> {
    return this.db.prepare('SELECT id, name FROM codes WHERE deleted_at IS NULL').all() as Array<{ id: string; name: string }>;
  }

  private checkParts(parts: readonly TheoryPart[]): void {
    const exists = this.db.prepare('SELECT 1 FROM codes WHERE id = ? AND deleted_at IS NULL');
    for (const p of parts) if (p.codeId && !exists.get(p.codeId)) throw new AppError('NOT_FOUND', `No code with id ${p.codeId}.`);
  }

  private checkEvidence(evidence: EvidenceInput): void {
    const exists = this.db.prepare('SELECT 1 FROM excerpts WHERE id = ? AND deleted_at IS NULL');
    for (const e of evidence) if (!exists.get(e.excerptId)) throw new AppError('NOT_FOUND', `No excerpt with id ${e.excerptId}.`);
  }

  private requireCmocRow(id: string): CmocRow {
    const row = this.db.prepare('SELECT * FROM theory_cmocs WHERE id = ?').get(id) as CmocRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No configuration with id ${id} in any program theory version.`);
    return row;
  }

  private insertCmoc(
    rec: RowWriter,
    versionId: string,
    c: { label: string; statement: string; parts: TheoryPart[]; origin: TheoryOrigin; provenance: string; evidence?: EvidenceInput; derivedFrom?: readonly string[] },
    sort: number,
  ): string {
    const id = randomUUID();
    const now = this.store.isoNow();
    rec.insert('theory_cmocs', {
      id,
      version_id: versionId,
      label: c.label,
      statement: c.statement.trim() || statementFromParts(c.parts),
      parts: JSON.stringify(sortParts(c.parts)),
      origin: c.origin,
      provenance: c.provenance,
      source_cmoc_id: null,
      derived_from: JSON.stringify([...new Set(c.derivedFrom ?? [])]),
      sort,
      created_at: now,
      updated_at: now,
    });
    const seen = new Set<string>();
    for (const e of c.evidence ?? []) {
      const k = `${e.excerptId}|${e.role}`;
      if (seen.has(k)) continue;
      seen.add(k);
      rec.insert('theory_cmoc_evidence', { theory_cmoc_id: id, excerpt_id: e.excerptId, role: e.role, created_at: now });
    }
    return id;
  }

  private nextCmocSort(versionId: string): number {
    return ((this.db.prepare('SELECT max(sort) AS s FROM theory_cmocs WHERE version_id = ?').get(versionId) as { s: number | null }).s ?? -1) + 1;
  }

  /** Adds one hypothesised CMOC (see `theory:addCmoc`). */
  addCmoc(req: {
    versionId: string;
    label: string;
    statement: string;
    parts?: TheoryPart[] | undefined;
    origin: Exclude<TheoryOrigin, 'coded'>;
    provenance: string;
    evidence: EvidenceInput;
    derivedFrom?: readonly string[];
  }): TheoryCmoc {
    const version = this.requireVersionRow(req.versionId);
    for (const d of req.derivedFrom ?? []) {
      if (this.requireCmocRow(d).version_id === version.id) throw new AppError('VALIDATION', 'A configuration derives from configurations of earlier versions, not of its own.');
    }
    const parts = matchPartsToCodes(req.parts ?? parseStatement(req.statement).parts, this.codesForMatching());
    this.checkParts(parts);
    this.checkEvidence(req.evidence);
    const label = req.label.trim() || `H${version.cmocs + 1}`;
    const id = this.act(`Add configuration "${label}" to "${version.label}"`, { verb: 'create', entityType: 'theory_cmoc', object: label, detail: { versionId: version.id, origin: req.origin } }, (rec) =>
      this.insertCmoc(rec, version.id, { label, statement: req.statement, parts, origin: req.origin, provenance: req.provenance, evidence: req.evidence, derivedFrom: req.derivedFrom ?? [] }, this.nextCmocSort(version.id)),
    );
    return this.getCmoc(id);
  }

  updateCmoc(req: { id: string; label?: string | undefined; statement?: string | undefined; parts?: TheoryPart[] | undefined; provenance?: string | undefined; evidence?: EvidenceInput | undefined }): TheoryCmoc {
    const row = this.requireCmocRow(req.id);
    const parts = req.parts ? matchPartsToCodes(req.parts, this.codesForMatching()) : undefined;
    if (parts) this.checkParts(parts);
    if (req.evidence) this.checkEvidence(req.evidence);
    this.act(`Edit configuration "${row.label}"`, { verb: 'update', entityType: 'theory_cmoc', entityId: row.id, object: row.label }, (rec) => {
      const values: Record<string, unknown> = {};
      if (req.label !== undefined && req.label !== row.label) values.label = req.label;
      if (req.statement !== undefined && req.statement !== row.statement) values.statement = req.statement;
      if (parts) values.parts = JSON.stringify(sortParts(parts));
      if (req.provenance !== undefined && req.provenance !== row.provenance) values.provenance = req.provenance;
      if (req.evidence) {
        const now = this.store.isoNow();
        const old = this.db.prepare('SELECT excerpt_id, role FROM theory_cmoc_evidence WHERE theory_cmoc_id = ?').all(row.id) as Array<{ excerpt_id: string; role: string }>;
        const wanted = new Set(req.evidence.map((e) => `${e.excerptId}|${e.role}`));
        for (const o of old) if (!wanted.has(`${o.excerpt_id}|${o.role}`)) rec.delete('theory_cmoc_evidence', { theory_cmoc_id: row.id, excerpt_id: o.excerpt_id, role: o.role });
        const had = new Set(old.map((o) => `${o.excerpt_id}|${o.role}`));
        for (const e of req.evidence) {
          const k = `${e.excerptId}|${e.role}`;
          if (had.has(k)) continue;
          had.add(k);
          rec.insert('theory_cmoc_evidence', { theory_cmoc_id: row.id, excerpt_id: e.excerptId, role: e.role, created_at: now });
        }
      }
      if (Object.keys(values).length > 0 || rec.writes > 0) rec.update('theory_cmocs', { id: row.id }, { ...values, updated_at: this.store.isoNow() });
    });
    return this.getCmoc(row.id);
  }

  deleteCmoc(id: string): void {
    const row = this.requireCmocRow(id);
    this.act(`Remove configuration "${row.label}"`, { verb: 'delete', entityType: 'theory_cmoc', entityId: id, object: row.label }, (rec) => rec.delete('theory_cmocs', { id }));
  }

  /** Hypotheses from pasted lines or a CSV, as one action; bad rows come back with their lines. */
  importCmocs(req: { versionId: string; format: 'lines' | 'csv'; text: string; origin: Exclude<TheoryOrigin, 'coded'>; provenance: string }): { imported: number; cmocIds: string[]; errors: DraftError[] } {
    const version = this.requireVersionRow(req.versionId);
    const draft = req.format === 'csv' ? parseStatementCsv(req.text, req.provenance) : parseStatementLines(req.text, req.provenance);
    if (draft.cmocs.length === 0) return { imported: 0, cmocIds: [], errors: draft.errors.length ? draft.errors : [{ line: 1, message: 'no statements found' }] };
    const codes = this.codesForMatching();
    const ids = this.act(
      `Import ${draft.cmocs.length} configuration${draft.cmocs.length === 1 ? '' : 's'} into "${version.label}"`,
      { verb: 'import', entityType: 'theory_version', entityId: version.id, object: version.label, detail: { format: req.format, rows: draft.cmocs.length, errors: draft.errors.length } },
      (rec) => {
        let sort = this.nextCmocSort(version.id);
        let n = version.cmocs;
        return draft.cmocs.map((d) => {
          n += 1;
          return this.insertCmoc(rec, version.id, { label: d.label || `H${n}`, statement: d.statement, parts: matchPartsToCodes(d.parts, codes), origin: req.origin, provenance: d.provenance }, sort++);
        });
      },
    );
    return { imported: ids.length, cmocIds: ids, errors: draft.errors };
  }

  /** A version's CMOCs in order, with their evidence counts. */
  private cmocsOf(versionId: string): TheoryCmoc[] {
    const rows = this.db.prepare('SELECT * FROM theory_cmocs WHERE version_id = ? ORDER BY sort, rowid').all(versionId) as CmocRow[];
    const evidence = this.evidenceSummaries(rows.map((r) => r.id));
    return rows.map((r) => this.toCmoc(r, evidence.get(r.id)));
  }

  getCmoc(id: string): TheoryCmoc {
    const row = this.requireCmocRow(id);
    return this.toCmoc(row, this.evidenceSummaries([id]).get(id));
  }

  private toCmoc(r: CmocRow, evidence: TheoryEvidenceSummary | undefined): TheoryCmoc {
    return {
      id: r.id,
      versionId: r.version_id,
      label: r.label,
      statement: r.statement,
      parts: json<TheoryPart[]>(r.parts, []),
      origin: r.origin,
      provenance: r.provenance,
      sourceCmocId: r.source_cmoc_id,
      derivedFrom: json<string[]>(r.derived_from, []),
      sort: r.sort,
      evidence: evidence ?? { supporting: 0, refuting: 0, refining: 0, documents: 0, rigour: null, documentIds: [] },
    };
  }

  /** Evidence rows (deduplicated) of theory CMOCs: their own links and their coded CMOC's. */
  private evidenceRows(ids: readonly string[]): Array<{ tid: string; excerpt_id: string; role: 'supports' | 'refutes' | 'refines'; document_id: string }> {
    if (ids.length === 0) return [];
    const filter = this.store.layerFilter('e.coder_id');
    const rows = this.db
      .prepare(
        `SELECT x.tid, x.excerpt_id, x.role, e.document_id FROM (
           SELECT theory_cmoc_id AS tid, excerpt_id, role FROM theory_cmoc_evidence WHERE theory_cmoc_id IN (SELECT value FROM json_each(?))
           UNION
           SELECT t.id, l.excerpt_id, l.role FROM theory_cmocs t JOIN cmocs m ON m.id = t.source_cmoc_id AND m.deleted_at IS NULL
             JOIN evidence_links l ON l.cmoc_id = m.id WHERE t.id IN (SELECT value FROM json_each(?))
         ) x JOIN excerpts e ON e.id = x.excerpt_id AND e.deleted_at IS NULL AND ${filter}
         JOIN documents d ON d.id = e.document_id AND d.deleted_at IS NULL`,
      )
      .all(JSON.stringify(ids), JSON.stringify(ids)) as Array<{ tid: string; excerpt_id: string; role: 'supports' | 'refutes' | 'refines'; document_id: string }>;
    return rows;
  }

  /** Rigour of each document (0..1): the consensus appraisal where there is one, else the mean of the coders'. */
  private rigourOfDocuments(): Map<string, number> {
    const rows = this.db.prepare(`SELECT document_id, coder_id, rigour FROM appraisals WHERE rigour IS NOT NULL AND ${this.store.layerFilter('coder_id')}`).all() as Array<{
      document_id: string;
      coder_id: string;
      rigour: 'high' | 'moderate' | 'low';
    }>;
    const byDoc = new Map<string, { consensus: number | null; scores: number[] }>();
    for (const r of rows) {
      const d = byDoc.get(r.document_id) ?? { consensus: null, scores: [] };
      if (r.coder_id === CONSENSUS_CODER_ID) d.consensus = RIGOUR_SCORE[r.rigour];
      else d.scores.push(RIGOUR_SCORE[r.rigour]);
      byDoc.set(r.document_id, d);
    }
    const out = new Map<string, number>();
    for (const [doc, d] of byDoc) out.set(doc, d.consensus ?? d.scores.reduce((s, x) => s + x, 0) / d.scores.length);
    return out;
  }

  private evidenceSummaries(ids: readonly string[]): Map<string, TheoryEvidenceSummary> {
    const rigour = this.rigourOfDocuments();
    const acc = new Map<string, { s: number; f: number; n: number; docs: Set<string> }>();
    for (const r of this.evidenceRows(ids)) {
      const a = acc.get(r.tid) ?? { s: 0, f: 0, n: 0, docs: new Set<string>() };
      if (r.role === 'supports') a.s += 1;
      else if (r.role === 'refutes') a.f += 1;
      else a.n += 1;
      a.docs.add(r.document_id);
      acc.set(r.tid, a);
    }
    const out = new Map<string, TheoryEvidenceSummary>();
    for (const [id, a] of acc) {
      const docs = [...a.docs];
      const scores = docs.map((d) => rigour.get(d)).filter((x): x is number => x !== undefined);
      out.set(id, {
        supporting: a.s,
        refuting: a.f,
        refining: a.n,
        documents: docs.length,
        rigour: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null,
        documentIds: docs,
      });
    }
    return out;
  }

  /** The quotes behind the given CMOCs (supporting first), for the evidence panel. */
  evidenceQuotes(ids: readonly string[]): TheoryQuote[] {
    const rows = this.evidenceRows(ids);
    const byExcerpt = new Map<string, { role: TheoryQuote['role']; cmocIds: Set<string> }>();
    for (const r of rows) {
      const k = `${r.excerpt_id}|${r.role}`;
      const q = byExcerpt.get(k) ?? { role: r.role, cmocIds: new Set<string>() };
      q.cmocIds.add(r.tid);
      byExcerpt.set(k, q);
    }
    const source = this.db.prepare(
      `SELECT e.id, e.quote, d.id AS document_id, d.title, r.authors, r.year FROM excerpts e JOIN documents d ON d.id = e.document_id LEFT JOIN records r ON r.id = d.record_id WHERE e.id = ?`,
    );
    const order = { supports: 0, refines: 1, refutes: 2 } as const;
    const out: TheoryQuote[] = [];
    for (const [k, q] of byExcerpt) {
      const row = source.get(k.split('|')[0]) as { id: string; quote: string; document_id: string; title: string; authors: string | null; year: number | null } | undefined;
      if (!row) continue;
      const authors = json<Array<{ family?: string; literal?: string }>>(row.authors ?? '[]', []);
      out.push({
        excerptId: row.id,
        documentId: row.document_id,
        documentTitle: row.title,
        citation: row.authors === null && row.year === null ? row.title : shortCitation(authors, row.year, row.title),
        quote: row.quote,
        role: q.role,
        cmocIds: [...q.cmocIds],
      });
    }
    return out.sort((a, b) => order[a.role] - order[b.role] || a.citation.localeCompare(b.citation) || a.quote.localeCompare(b.quote));
  }

  // ---------------------------------------------------------------- links and groups

  link(req: { versionId: string; kind: TheoryLink['kind']; fromCmocId: string; toCmocId: string; note: string }): TheoryLink {
    const version = this.requireVersionRow(req.versionId);
    for (const cid of [req.fromCmocId, req.toCmocId]) {
      if (this.requireCmocRow(cid).version_id !== version.id) throw new AppError('VALIDATION', `Configuration ${cid} is not in version "${version.label}".`);
    }
    if (req.fromCmocId === req.toCmocId) throw new AppError('VALIDATION', 'A configuration cannot be linked to itself.');
    const existing = this.db.prepare('SELECT id FROM theory_links WHERE kind = ? AND from_cmoc_id = ? AND to_cmoc_id = ?').get(req.kind, req.fromCmocId, req.toCmocId) as { id: string } | undefined;
    const id = existing?.id ?? randomUUID();
    if (!existing) {
      this.act(`Link configurations (${req.kind})`, { verb: 'link', entityType: 'theory_version', entityId: version.id, object: version.label, detail: req }, (rec) =>
        rec.insert('theory_links', { id, version_id: version.id, kind: req.kind, from_cmoc_id: req.fromCmocId, to_cmoc_id: req.toCmocId, note: req.note, created_at: this.store.isoNow() }),
      );
    }
    return { id, versionId: version.id, kind: req.kind, fromCmocId: req.fromCmocId, toCmocId: req.toCmocId, note: existing ? ((this.db.prepare('SELECT note FROM theory_links WHERE id = ?').get(id) as { note: string }).note) : req.note };
  }

  unlink(id: string): void {
    const row = this.db.prepare('SELECT version_id FROM theory_links WHERE id = ?').get(id) as { version_id: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No link with id ${id}.`);
    this.act('Remove a link between configurations', { verb: 'unlink', entityType: 'theory_version', entityId: row.version_id }, (rec) => rec.delete('theory_links', { id }));
  }

  saveGroup(req: { versionId: string; id?: string | undefined; kind: TheoryGroup['kind']; name: string; description: string; cmocIds: string[] }): TheoryGroup {
    const version = this.requireVersionRow(req.versionId);
    for (const cid of req.cmocIds) if (this.requireCmocRow(cid).version_id !== version.id) throw new AppError('VALIDATION', `Configuration ${cid} is not in version "${version.label}".`);
    const id = req.id ?? randomUUID();
    const existing = req.id ? this.db.prepare('SELECT id FROM theory_groups WHERE id = ?').get(req.id) : undefined;
    if (req.id && !existing) throw new AppError('NOT_FOUND', `No theme with id ${req.id}.`);
    this.act(`${existing ? 'Edit' : 'Create'} ${req.kind === 'theme' ? 'theme' : 'middle-range theory'} "${req.name}"`, { verb: existing ? 'update' : 'create', entityType: 'theory_group', entityId: id, object: req.name }, (rec) => {
      const values = { kind: req.kind, name: req.name, description: req.description, cmoc_ids: JSON.stringify([...new Set(req.cmocIds)]) };
      if (existing) rec.update('theory_groups', { id }, values);
      else rec.insert('theory_groups', { id, version_id: version.id, ...values, sort: 0, created_at: this.store.isoNow() });
    });
    return { id, versionId: version.id, kind: req.kind, name: req.name, description: req.description, cmocIds: [...new Set(req.cmocIds)] };
  }

  deleteGroup(id: string): void {
    const row = this.db.prepare('SELECT name FROM theory_groups WHERE id = ?').get(id) as { name: string } | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No theme with id ${id}.`);
    this.act(`Delete theme "${row.name}"`, { verb: 'delete', entityType: 'theory_group', entityId: id, object: row.name }, (rec) => rec.delete('theory_groups', { id }));
  }

  // ---------------------------------------------------------------- mapping

  private storedChanges(fromId: string, toId: string): TheoryChange[] {
    return (this.db.prepare('SELECT * FROM theory_changes WHERE from_version_id = ? AND to_version_id = ? ORDER BY sort, rowid').all(fromId, toId) as ChangeRow[]).map((r) => ({
      id: r.id,
      kind: r.kind,
      fromCmocIds: json<string[]>(r.from_cmoc_ids, []),
      toCmocIds: json<string[]>(r.to_cmoc_ids, []),
      rationale: r.rationale,
      evidence: json<EvidenceRef[]>(r.evidence, []),
      status: r.status,
    }));
  }

  /**
   * The mapping from one version to another: the one the reviewer saved, or (none saved, or
   * `propose`) the app's proposal, with the evidence that most likely drove each change
   * suggested: refuting excerpts of a dropped CMOC, the new evidence of a changed or added one.
   */
  mapping(fromId: string, toId: string, propose = false): TheoryMapping {
    if (fromId === toId) throw new AppError('VALIDATION', 'Choose two different versions to compare.');
    const from = this.getVersion(fromId);
    const to = this.getVersion(toId);
    const stored = propose ? [] : this.storedChanges(fromId, toId);
    const fromIds = from.cmocs.map((c) => c.id);
    const toIds = to.cmocs.map((c) => c.id);
    if (stored.length > 0) return { fromVersionId: fromId, toVersionId: toId, changes: stored, stored: true, ...unmapped(fromIds, toIds, stored) };
    const all = this.db.prepare('SELECT id, derived_from FROM theory_cmocs').all() as Array<{ id: string; derived_from: string }>;
    const lineage = ancestry(all.map((r) => ({ id: r.id, derivedFrom: json<string[]>(r.derived_from, []) })));
    const proposal = proposeMapping(fromId, toId, from.cmocs, to.cmocs, lineage);
    const rows = this.evidenceRows([...fromIds, ...toIds]);
    const evidenceOf = (ids: readonly string[], roles: readonly string[], except: ReadonlySet<string>) =>
      [...new Set(rows.filter((r) => ids.includes(r.tid) && roles.includes(r.role) && !except.has(r.excerpt_id)).map((r) => r.excerpt_id))].slice(0, 6).map((id): EvidenceRef => ({ kind: 'excerpt', id }));
    for (const c of proposal.changes) {
      const before = new Set(rows.filter((r) => c.fromCmocIds.includes(r.tid)).map((r) => r.excerpt_id));
      if (c.kind === 'dropped') c.evidence = evidenceOf(c.fromCmocIds, ['refutes', 'refines'], new Set());
      else if (c.kind !== 'kept') c.evidence = evidenceOf(c.toCmocIds, ['supports', 'refutes', 'refines'], before);
    }
    return { ...proposal, ...unmapped(fromIds, toIds, proposal.changes) };
  }

  /** Saves the whole mapping between two versions (replacing the saved one), as one action. */
  saveMapping(req: { fromId: string; toId: string; changes: ReadonlyArray<Omit<TheoryChange, 'id'>> }): TheoryMapping {
    if (req.fromId === req.toId) throw new AppError('VALIDATION', 'A mapping joins two different versions.');
    const from = this.getVersion(req.fromId);
    const to = this.getVersion(req.toId);
    const problems = checkMapping(
      from.cmocs.map((c) => c.id),
      to.cmocs.map((c) => c.id),
      req.changes,
    );
    if (problems.length > 0) throw new AppError('VALIDATION', `The mapping cannot be saved: ${problems.slice(0, 5).join(' ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`, { problems });
    const excerptExists = this.db.prepare('SELECT 1 FROM excerpts WHERE id = ?');
    const documentExists = this.db.prepare('SELECT 1 FROM documents WHERE id = ?');
    for (const c of req.changes) {
      for (const e of c.evidence) {
        if (!(e.kind === 'excerpt' ? excerptExists : documentExists).get(e.id)) throw new AppError('NOT_FOUND', `No ${e.kind} with id ${e.id} (cited as evidence for a ${c.kind} change).`);
      }
    }
    this.act(`Save refinement "${from.label}" → "${to.label}"`, { verb: 'map', entityType: 'theory_version', entityId: to.id, object: `${from.label} → ${to.label}`, detail: { changes: req.changes.length } }, (rec) => {
      for (const old of this.db.prepare('SELECT id FROM theory_changes WHERE from_version_id = ? AND to_version_id = ?').all(req.fromId, req.toId) as Array<{ id: string }>) {
        rec.delete('theory_changes', { id: old.id });
      }
      const now = this.store.isoNow();
      req.changes.forEach((c, i) =>
        rec.insert('theory_changes', {
          id: randomUUID(),
          from_version_id: req.fromId,
          to_version_id: req.toId,
          kind: c.kind,
          from_cmoc_ids: JSON.stringify(c.fromCmocIds),
          to_cmoc_ids: JSON.stringify(c.toCmocIds),
          rationale: c.rationale,
          evidence: JSON.stringify(c.evidence),
          status: c.status,
          sort: i,
          created_at: now,
          updated_at: now,
        }),
      );
    });
    return this.mapping(req.fromId, req.toId);
  }

  /** Every version in timeline order, with the mapping of each step (saved, or proposed). */
  story(): TheoryStory {
    const versions = this.listVersions().map((v) => this.getVersion(v.id));
    const steps: TheoryMapping[] = [];
    for (let i = 0; i + 1 < versions.length; i += 1) steps.push(this.mapping(versions[i]!.id, versions[i + 1]!.id));
    return { versions, steps };
  }
}

/** The theory service of an open project. */
export function theoryServiceFor(store: ProjectStore): TheoryService {
  return new TheoryService(store);
}
