/**
 * Program theory versions in a REFI-QDA archive. REFI-QDA has no element for them, so each
 * version travels as a Note on the project (MARKERS.theory): words other tools show (its
 * stage, its CMOCs' statements, the links and themes among them, the refinement changes that
 * led to it with their rationales), then one line of marker + JSON (`TheoryPayload`) that our
 * import reads back into the migration 008 tables: theory_versions, theory_cmocs with their
 * evidence (theory_cmoc_evidence), theory_links, theory_groups and theory_changes.
 *
 * Ids stay the project's own (codes, selections and CMOCs keep their GUIDs in the archive), so
 * the import maps them through what it imported: a part's code, a CMOC's coded source, an
 * evidence passage; what did not come in is dropped with a warning, never invented.
 */
import type Database from 'better-sqlite3';
import { MARKERS, type QdeNote, type TheoryPayload } from '../../../shared/interchange/qde-model';

const json = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** The program theory versions of the project as Notes, oldest first (see the module comment). */
export function theoryNotes(db: Database.Database): QdeNote[] {
  const versions = db.prepare('SELECT id, label, stage, parent_id, notes, basis, sort, created_at, updated_at FROM theory_versions ORDER BY sort, created_at, id').all() as Array<{
    id: string; label: string; stage: string; parent_id: string | null; notes: string; basis: string; sort: number; created_at: string; updated_at: string;
  }>;
  const labelOf = new Map(versions.map((v) => [v.id, v.label]));
  const cmocsOf = db.prepare('SELECT id, label, statement, parts, origin, provenance, source_cmoc_id, derived_from, sort, created_at, updated_at FROM theory_cmocs WHERE version_id = ? ORDER BY sort, created_at, id');
  const evidenceOf = db.prepare('SELECT excerpt_id, role, created_at FROM theory_cmoc_evidence WHERE theory_cmoc_id = ? ORDER BY created_at, excerpt_id, role');
  const linksOf = db.prepare('SELECT id, kind, from_cmoc_id, to_cmoc_id, note, created_at FROM theory_links WHERE version_id = ? ORDER BY created_at, id');
  const groupsOf = db.prepare('SELECT id, kind, name, description, cmoc_ids, sort, created_at FROM theory_groups WHERE version_id = ? ORDER BY sort, created_at, id');
  const changesInto = db.prepare('SELECT id, from_version_id, kind, from_cmoc_ids, to_cmoc_ids, rationale, evidence, status, sort, created_at, updated_at FROM theory_changes WHERE to_version_id = ? ORDER BY from_version_id, sort, id');
  const cmocLabel = new Map<string, string>();
  for (const c of db.prepare('SELECT id, label, statement FROM theory_cmocs').all() as Array<{ id: string; label: string; statement: string }>) cmocLabel.set(c.id, c.label || c.statement.slice(0, 60));
  const named = (ids: string[]) => ids.map((id) => cmocLabel.get(id) ?? '?').join(', ') || '—';

  return versions.map((v) => {
    const payload: TheoryPayload = {
      version: { id: v.id, label: v.label, stage: v.stage, parentId: v.parent_id, notes: v.notes, basis: v.basis, sort: v.sort, createdAt: v.created_at, updatedAt: v.updated_at },
      cmocs: (cmocsOf.all(v.id) as Array<{ id: string; label: string; statement: string; parts: string; origin: string; provenance: string; source_cmoc_id: string | null; derived_from: string; sort: number; created_at: string; updated_at: string }>).map((c) => ({
        id: c.id,
        label: c.label,
        statement: c.statement,
        parts: json(c.parts, []),
        origin: c.origin,
        provenance: c.provenance,
        sourceCmocId: c.source_cmoc_id,
        derivedFrom: json(c.derived_from, []),
        sort: c.sort,
        createdAt: c.created_at,
        updatedAt: c.updated_at,
        evidence: (evidenceOf.all(c.id) as Array<{ excerpt_id: string; role: string; created_at: string }>).map((e) => ({ excerptId: e.excerpt_id, role: e.role, createdAt: e.created_at })),
      })),
      links: (linksOf.all(v.id) as Array<{ id: string; kind: string; from_cmoc_id: string; to_cmoc_id: string; note: string; created_at: string }>).map((l) => ({ id: l.id, kind: l.kind, fromCmocId: l.from_cmoc_id, toCmocId: l.to_cmoc_id, note: l.note, createdAt: l.created_at })),
      groups: (groupsOf.all(v.id) as Array<{ id: string; kind: string; name: string; description: string; cmoc_ids: string; sort: number; created_at: string }>).map((g) => ({ id: g.id, kind: g.kind, name: g.name, description: g.description, cmocIds: json(g.cmoc_ids, []), sort: g.sort, createdAt: g.created_at })),
      changes: (changesInto.all(v.id) as Array<{ id: string; from_version_id: string; kind: string; from_cmoc_ids: string; to_cmoc_ids: string; rationale: string; evidence: string; status: string; sort: number; created_at: string; updated_at: string }>).map((c) => ({
        id: c.id,
        fromVersionId: c.from_version_id,
        kind: c.kind,
        fromCmocIds: json(c.from_cmoc_ids, []),
        toCmocIds: json(c.to_cmoc_ids, []),
        rationale: c.rationale,
        evidence: json(c.evidence, []),
        status: c.status,
        sort: c.sort,
        createdAt: c.created_at,
        updatedAt: c.updated_at,
      })),
    };
    const lines = [`Program theory version "${v.label}" (${v.stage}), ${payload.cmocs.length} CMOCs.`];
    if (v.notes) lines.push(v.notes);
    for (const c of payload.cmocs) lines.push(`- ${c.label ? `${c.label}: ` : ''}${c.statement}`);
    for (const l of payload.links) lines.push(`Link (${l.kind}): ${named([l.fromCmocId])} → ${named([l.toCmocId])}${l.note ? ` (${l.note})` : ''}`);
    for (const g of payload.groups) lines.push(`${g.kind === 'theme' ? 'Theme' : 'Middle-range theory'} "${g.name}": ${named(g.cmocIds)}`);
    for (const c of payload.changes) lines.push(`Change from "${labelOf.get(c.fromVersionId) ?? '?'}", ${c.kind}: ${named(c.fromCmocIds)} → ${named(c.toCmocIds)}${c.rationale ? `. Rationale: ${c.rationale}` : ''}`);
    return { guid: v.id, name: `Program theory: ${v.label}`, text: `${lines.join('\n')}\n${MARKERS.theory}${JSON.stringify(payload)}`, userGuid: null, createdAt: v.created_at };
  });
}

/** The ids an import gave what the theory refers to (absent: not imported). */
export interface TheoryMaps {
  code(guid: string): string | null;
  excerpt(guid: string): string | null;
  document(guid: string): string | null;
  coder(guid: string): string | null;
}

/** Whether a Note is one of ours carrying a program theory version. */
export function isTheoryNote(note: QdeNote): boolean {
  return note.text.includes(MARKERS.theory);
}

/**
 * Writes the versions the theory Notes carry (inside the import's one action). A version whose
 * id the project has already is left as it is; a label the project uses already gets
 * " (imported)" added, since labels are unique. Returns how many versions were written.
 */
export function restoreTheory(db: Database.Database, notes: QdeNote[], maps: TheoryMaps, warnings: string[], now: string): number {
  const payloads: TheoryPayload[] = [];
  for (const n of notes.filter(isTheoryNote)) {
    const raw = n.text.slice(n.text.indexOf(MARKERS.theory) + MARKERS.theory.length).split('\n')[0]!;
    const p = json<TheoryPayload | null>(raw, null);
    if (!p?.version?.id || !Array.isArray(p.cmocs)) {
      warnings.push(`Note "${n.name}" looks like a program theory version but its data could not be read; it was skipped.`);
      continue;
    }
    if (db.prepare('SELECT 1 FROM theory_versions WHERE id = ?').get(p.version.id)) continue;
    payloads.push(p);
  }
  const written = new Set<string>();
  const cmocIds = new Set<string>();
  const stage = (s: string) => (['initial', 'intermediate', 'refined'].includes(s) ? s : 'intermediate');
  for (const p of payloads) {
    const v = p.version;
    let label = v.label || 'imported';
    for (let i = 1; db.prepare('SELECT 1 FROM theory_versions WHERE lower(label) = lower(?)').get(label); i++) label = `${v.label} (imported${i > 1 ? ` ${i}` : ''})`;
    const layer = /^layer:(.+)$/.exec(v.basis)?.[1];
    const basis = layer && layer !== 'consensus' ? `layer:${maps.coder(layer) ?? layer}` : v.basis;
    db.prepare('INSERT INTO theory_versions (id, label, stage, parent_id, notes, created_at, basis, sort, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)').run(v.id, label, stage(v.stage), v.notes ?? '', v.createdAt || now, basis, v.sort ?? 0, v.updatedAt || now);
    written.add(v.id);
    let dropped = 0;
    for (const c of p.cmocs) {
      if (db.prepare('SELECT 1 FROM theory_cmocs WHERE id = ?').get(c.id)) continue;
      const parts = (c.parts ?? []).map((x) => ({ ...x, codeId: x.codeId ? maps.code(x.codeId) : null }));
      const source = c.sourceCmocId && db.prepare('SELECT 1 FROM cmocs WHERE id = ?').get(c.sourceCmocId) ? c.sourceCmocId : null;
      const origin = ['hypothesised', 'stakeholder', 'imported', 'coded'].includes(c.origin) ? c.origin : 'imported';
      db.prepare('INSERT INTO theory_cmocs (id, version_id, label, statement, parts, origin, provenance, source_cmoc_id, derived_from, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        c.id, v.id, c.label ?? '', c.statement ?? '', JSON.stringify(parts), origin, c.provenance ?? '', source, JSON.stringify(c.derivedFrom ?? []), c.sort ?? 0, c.createdAt || now, c.updatedAt || now,
      );
      cmocIds.add(c.id);
      for (const e of c.evidence ?? []) {
        const excerpt = maps.excerpt(e.excerptId);
        if (!excerpt || !['supports', 'refutes', 'refines'].includes(e.role)) {
          dropped += 1;
          continue;
        }
        db.prepare('INSERT OR IGNORE INTO theory_cmoc_evidence (theory_cmoc_id, excerpt_id, role, created_at) VALUES (?, ?, ?, ?)').run(c.id, excerpt, e.role, e.createdAt || now);
      }
    }
    if (dropped > 0) warnings.push(`Program theory "${label}": ${dropped} evidence link(s) name passages that were not imported and were left out.`);
  }
  // Links, groups, parents and changes once every version and CMOC is there.
  const known = (id: string) => cmocIds.has(id) || Boolean(db.prepare('SELECT 1 FROM theory_cmocs WHERE id = ?').get(id));
  for (const p of payloads) {
    const v = p.version;
    if (v.parentId && db.prepare('SELECT 1 FROM theory_versions WHERE id = ?').get(v.parentId)) db.prepare('UPDATE theory_versions SET parent_id = ? WHERE id = ?').run(v.parentId, v.id);
    for (const l of p.links ?? []) {
      if (!known(l.fromCmocId) || !known(l.toCmocId) || !['chain', 'shared-mechanism'].includes(l.kind)) continue;
      db.prepare('INSERT OR IGNORE INTO theory_links (id, version_id, kind, from_cmoc_id, to_cmoc_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(l.id, v.id, l.kind, l.fromCmocId, l.toCmocId, l.note ?? '', l.createdAt || now);
    }
    for (const g of p.groups ?? []) {
      if (!['theme', 'middle-range'].includes(g.kind)) continue;
      db.prepare('INSERT OR IGNORE INTO theory_groups (id, version_id, kind, name, description, cmoc_ids, sort, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(g.id, v.id, g.kind, g.name, g.description ?? '', JSON.stringify((g.cmocIds ?? []).filter(known)), g.sort ?? 0, g.createdAt || now);
    }
    for (const c of p.changes ?? []) {
      if (!db.prepare('SELECT 1 FROM theory_versions WHERE id = ?').get(c.fromVersionId) || !['kept', 'modified', 'split', 'merged', 'dropped', 'added'].includes(c.kind)) continue;
      const evidence = (c.evidence ?? []).flatMap((e) => {
        const id = e.kind === 'document' ? maps.document(e.id) : maps.excerpt(e.id);
        return id ? [{ kind: e.kind, id }] : [];
      });
      db.prepare(
        'INSERT OR IGNORE INTO theory_changes (id, from_version_id, to_version_id, kind, from_cmoc_ids, to_cmoc_ids, rationale, evidence, status, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(c.id, c.fromVersionId, v.id, c.kind, JSON.stringify(c.fromCmocIds ?? []), JSON.stringify(c.toCmocIds ?? []), c.rationale ?? '', JSON.stringify(evidence), c.status === 'proposed' ? 'proposed' : 'confirmed', c.sort ?? 0, c.createdAt || now, c.updatedAt || now);
    }
  }
  return written.size;
}
