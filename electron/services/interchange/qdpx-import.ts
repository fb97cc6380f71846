/**
 * Imports a REFI-QDA project archive (`.qdpx`) made by any tool, as ONE action of the change
 * log (one undo takes all of it back; a failure half-way writes nothing).
 *
 * Order: the zip is opened within limits (entries, total uncompressed size: a zip bomb is
 * refused before anything is inflated), the `.qde` is read (any name; `project.qde` preferred),
 * every source's file is found (`internal://NAME` in `sources/`, else by its file name anywhere
 * in the zip) and extracted (PDFs on the worker pool), and only then is the project written.
 *
 * Mapping: Users become coders (matched by GUID, then by name; the consensus GUID to the
 * consensus layer), each selection goes into the layer of the user who made it (else of its
 * first coding's user, else of the person importing), each coding into its user's layer. Codes
 * keep their hierarchy and colours; our kind groups (shared/coding/qdc.ts) give kinds back.
 * Text selections are anchored by the quote they cover (the app's text is normalised: line
 * ends, trailing spaces), PDF selections by their text or our stored position, else by the
 * text inside their box. Notes become memos on what refers to them. Our own markers (MARKERS)
 * give back CMOCs with their evidence, appraisals and program theory versions (./qdpx-theory.ts).
 */
import { randomUUID } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { AppError } from '../../../shared/api/errors';
import { CONSENSUS_CODER_ID } from '../../../shared/coders/types';
import { fromQdc } from '../../../shared/coding/qdc';
import { buildSelectors, sortKey } from '../../../shared/anchoring/selectors';
import { documentText } from '../../../shared/documents/text-layout';
import { CONSENSUS_USER_GUID, MARKERS, type CmocPayload, type QdePdfSelection, type QdeTextSelection } from '../../../shared/interchange/qde-model';
import { fromQde } from '../../../shared/interchange/qde-read';
import type { QdpxImportResult } from '../../../shared/api/calls/interchange';
import type { CodingService } from '../coding/coding-service';
import { extractDocument, type DocumentService, type Extraction } from '../documents/document-service';
import { decodeText, splitIntoPages } from '../documents/text-extract';
import type { ProjectStore } from '../store/project-store';
import { foreignSets, setMemoText } from './qdpx-sets';
import { placeSelection, type Prepared } from './qdpx-place';
import { isTheoryNote, restoreTheory } from './qdpx-theory';

/** A `.qdpx` file larger than this is refused unread. */
export const MAX_QDPX_BYTES = 1024 * 1024 * 1024;
/** At most this many entries in the zip (a project has one per source, plus the .qde). */
export const MAX_QDPX_ENTRIES = 20_000;
/** The declared uncompressed size of everything read from the zip, together. */
export const MAX_QDPX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024 - 1;

function refuse(message: string): never {
  throw new AppError('VALIDATION', message);
}

/** Opens the zip within the limits; the names of its entries map to their bytes. */
export function openQdpx(bytes: Uint8Array, name: string): { qdeName: string; entries: Map<string, Uint8Array> } {
  if (bytes.length > MAX_QDPX_BYTES) refuse(`${name} is ${Math.round(bytes.length / 1024 / 1024)} MB: larger than the ${MAX_QDPX_BYTES / 1024 / 1024} MB a REFI-QDA import reads.`);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) refuse(`${name} is not a REFI-QDA project archive (.qdpx is a zip file, and this is not one).`);
  let count = 0;
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (++count > MAX_QDPX_ENTRIES) refuse(`${name} holds more than ${MAX_QDPX_ENTRIES.toLocaleString('en')} files: more than a REFI-QDA project has.`);
        if (f.name.endsWith('/')) return false;
        total += f.originalSize;
        // fflate inflates into a buffer of the declared size, so the declared sizes bound the memory used.
        if (total > MAX_QDPX_UNCOMPRESSED) refuse(`${name} unpacks to more than ${Math.round(MAX_QDPX_UNCOMPRESSED / 1024 / 1024)} MB: too large to import (or a zip bomb).`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    refuse(`${name} is damaged or incomplete and cannot be opened as a zip (${(e as Error).message}); nothing was imported.`);
  }
  const entries = new Map(Object.entries(files));
  const qdes = [...entries.keys()].filter((k) => /\.qde$/i.test(k)).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const qdeName = qdes.find((k) => /(^|\/)project\.qde$/i.test(k)) ?? qdes[0];
  if (!qdeName) refuse(`${name} holds no .qde project file: it is a zip, but not a REFI-QDA project archive.`);
  return { qdeName, entries };
}

/** The bytes `path` (internal://, relative://, absolute:// or a bare name) refers to inside the zip, if there. */
function findEntry(entries: Map<string, Uint8Array>, ref: string | null): Uint8Array | null {
  if (!ref) return null;
  const bare = ref.replace(/^(internal|relative|absolute|file):\/{2,3}/i, '').replace(/\\/g, '/');
  const base = bare.split('/').pop()!.toLowerCase();
  const direct = entries.get(`sources/${bare}`) ?? entries.get(bare);
  if (direct) return direct;
  for (const [k, v] of entries) if (k.toLowerCase() === `sources/${base}` || k.split('/').pop()!.toLowerCase() === base) return v;
  return null;
}

function textExtraction(text: string, title: string | null): Extraction {
  return { status: text.trim() ? 'ok' : 'no-text', message: text.trim() ? null : 'The source has no text.', pages: splitIntoPages(text).map((t) => ({ text: t, width: null, height: null, rotation: 0, items: new Float64Array(0) })), title, metadataDois: [], warnings: [] };
}


/**
 * Imports `bytes` (the archive named `name`) into the open project. Refuses a damaged,
 * truncated or foreign file with VALIDATION before writing anything.
 */
export async function importQdpx(store: ProjectStore, coding: CodingService, documents: DocumentService, bytes: Uint8Array, name: string): Promise<QdpxImportResult> {
  store.requireCoder();
  const { qdeName, entries } = openQdpx(bytes, name);
  const xml = strFromU8(entries.get(qdeName)!).replace(/^\uFEFF/, '');
  let read;
  try {
    read = fromQde(xml);
  } catch (e) {
    refuse(`${name}: ${(e as Error).message} Nothing was imported.`);
  }
  const { project, skipped } = read;
  const warnings = [...read.warnings];
  let skippedSources = 0;
  let skippedSelections = 0;

  // 1. Every source's text, before the one action (PDF extraction is asynchronous).
  const prepared: Prepared[] = [];
  for (const s of project.sources) {
    if (s.type === 'text') {
      const file = s.plainText ?? (s.path ? findEntry(entries, s.path) : null);
      if (file === null) {
        warnings.push(`${s.name}: its text (${s.path ?? 'no path'}) is not in the archive; the source and its ${s.selections.length} selections were skipped.`);
        skippedSources += 1;
        skippedSelections += s.selections.length;
        continue;
      }
      const original = typeof file === 'string' ? file : new TextDecoder().decode(file).replace(/^\uFEFF/, '');
      const fileBytes = new TextEncoder().encode(original);
      const fileName = /\.txt$/i.test(s.name) ? s.name : `${s.name}.txt`;
      prepared.push({ source: s, kind: 'text', fileName, bytes: fileBytes, extraction: textExtraction(decodeText(fileBytes), s.name.replace(/\.[^.]+$/, '')), originalText: original });
      continue;
    }
    const pdf = findEntry(entries, s.path);
    const repText = s.representation ? (s.representation.plainText ?? (s.representation.path ? (() => { const b = findEntry(entries, s.representation.path); return b ? new TextDecoder().decode(b) : null; })() : null)) : null;
    if (pdf) {
      const extraction = await extractDocument('pdf', pdf);
      if (extraction.status === 'damaged') warnings.push(`${s.name}: ${extraction.message ?? 'the PDF could not be read'}`);
      prepared.push({ source: s, kind: 'pdf', fileName: /\.pdf$/i.test(s.name) ? s.name : `${s.name}.pdf`, bytes: pdf, extraction, originalText: repText ?? '' });
    } else if (repText !== null && repText.trim() !== '') {
      warnings.push(`${s.name}: the PDF file (${s.path ?? 'no path'}) is not in the archive; its text representation was imported as a text document instead.`);
      const fileBytes = new TextEncoder().encode(repText);
      prepared.push({ source: s, kind: 'text', fileName: `${s.name.replace(/\.pdf$/i, '')} (text).txt`, bytes: fileBytes, extraction: textExtraction(decodeText(fileBytes), s.name.replace(/\.[^.]+$/, '')), originalText: repText });
    } else {
      const n = s.selections.length + (s.representation?.selections.length ?? 0);
      warnings.push(`${s.name}: the PDF file (${s.path ?? 'no path'}) is not in the archive and it has no text; the source and its ${n} selections were skipped.`);
      skippedSources += 1;
      skippedSelections += n;
    }
  }

  const summary: QdpxImportResult = {
    qde: qdeName,
    coders: { created: 0, matched: 0 },
    codes: { created: 0, reused: 0 },
    documents: { created: 0, reused: 0 },
    excerpts: 0,
    codings: 0,
    memos: 0,
    cmocs: 0,
    evidence: 0,
    theoryVersions: 0,
    sets: 0,
    skipped: { ...skipped, sources: skipped.media + skippedSources, selections: skipped.mediaSelections + skippedSelections },
    warnings,
  };
  const importer = store.layerCoderId();
  const db = store.db;
  const now = store.isoNow();

  // 2. The one action.
  store.act({ label: `Import REFI-QDA project "${project.name || name}"`, verb: 'import', entityType: 'project', object: name, detail: { file: name, qde: qdeName, sources: prepared.length } }, () => {
    // Users → coders.
    const coderOf = new Map<string, string>();
    for (const u of project.users) {
      if (u.guid === CONSENSUS_USER_GUID) {
        coderOf.set(u.guid, CONSENSUS_CODER_ID);
        continue;
      }
      const byId = db.prepare('SELECT id FROM coders WHERE id = ?').get(u.guid) as { id: string } | undefined;
      const byName = byId ?? (db.prepare('SELECT id FROM coders WHERE name = ? COLLATE NOCASE').get(u.name) as { id: string } | undefined);
      if (byName) {
        coderOf.set(u.guid, byName.id);
        summary.coders.matched += 1;
        continue;
      }
      const initials = u.name.split(/\s+/).filter(Boolean).slice(0, 3).map((w) => [...w][0]!).join('').toUpperCase() || '?';
      db.prepare(`INSERT INTO coders (id, name, color, created_at, initials, kind) VALUES (?, ?, ?, ?, ?, 'person')`).run(u.guid, u.name, '#4c6ef5', now, initials);
      coderOf.set(u.guid, u.guid);
      summary.coders.created += 1;
    }
    const layerOf = (guid: string | null | undefined): string | null => (guid ? (coderOf.get(guid) ?? null) : null);

    // Codes (the .qdc reader knows our kind groups).
    const codebook = fromQdc(xml, { knownKinds: coding.listKinds(), defaultKind: 'other', newId: randomUUID });
    warnings.push(...codebook.warnings);
    const imported = coding.importCodebook(codebook.codes, codebook.kinds, name);
    summary.codes = { created: imported.created, reused: imported.reused };
    const codeOf = (guid: string) => imported.idMap.get(guid) ?? null;

    // Sources → documents; selections → excerpts; codings.
    const excerptOf = new Map<string, string>();
    const documentOf = new Map<string, string>();
    const insertExcerpt = db.prepare(
      `INSERT INTO excerpts (id, document_id, coder_id, page_index, start, end, quote, prefix, suffix, rects, sort_key, note, color, anchor_status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
    );
    const insertCoding = db.prepare('INSERT OR IGNORE INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const p of prepared) {
      const stored = documents.storeExtracted({ kind: p.kind, fileName: p.fileName, bytes: p.bytes, extraction: p.extraction });
      documentOf.set(p.source.guid, stored.id);
      if (stored.existed) summary.documents.reused += 1;
      else summary.documents.created += 1;
      const pages = (db.prepare('SELECT page_index, text, text_offset, height, items FROM pages WHERE document_id = ? ORDER BY page_index').all(stored.id) as Array<{ page_index: number; text: string; text_offset: number; height: number | null; items: string | null }>).map((r) => ({ index: r.page_index, text: r.text, textOffset: r.text_offset, height: r.height, items: r.items }));
      const text = documentText(pages);
      const selections: Array<QdeTextSelection | QdePdfSelection> = [...p.source.selections, ...(p.source.representation?.selections ?? [])];
      for (const sel of selections) {
        const placed = placeSelection(sel, p, text, pages);
        if (!placed) {
          warnings.push(`${p.source.name}: selection "${sel.name || sel.guid}" could not be found in the document's text and was skipped.`);
          summary.skipped.selections += 1;
          continue;
        }
        const layer = layerOf(sel.userGuid) ?? layerOf(sel.codings[0]?.userGuid) ?? importer;
        const twin = db.prepare('SELECT id FROM excerpts WHERE id = ? OR (document_id = ? AND coder_id = ? AND start = ? AND end = ? AND deleted_at IS NULL)').get(sel.guid, stored.id, layer, placed.start, placed.end) as { id: string } | undefined;
        let id: string;
        if (twin) {
          id = twin.id;
        } else {
          id = sel.guid;
          const pageIndex = placed.pageIndex;
          const sel2 = placed.start <= placed.end && placed.end <= text.length && text.length > 0 ? buildSelectors(text, placed.start, placed.end, pageIndex) : { quote: placed.quote, prefix: '', suffix: '', sortKey: sortKey(pageIndex, placed.start) };
          insertExcerpt.run(id, stored.id, layer, pageIndex, placed.start, placed.end, sel2.quote, sel2.prefix, sel2.suffix, JSON.stringify(placed.rects), sel2.sortKey, placed.status, sel.createdAt ?? now, now);
          summary.excerpts += 1;
        }
        excerptOf.set(sel.guid, id);
        for (const c of sel.codings) {
          const codeId = codeOf(c.codeGuid);
          if (!codeId) {
            warnings.push(`A coding of "${sel.name || sel.guid}" names a code that is not in the codebook (${c.codeGuid}) and was skipped.`);
            continue;
          }
          const r = insertCoding.run(c.guid, id, codeId, layerOf(c.userGuid) ?? layer, c.createdAt ?? now);
          if (r.changes === 0) {
            // The same guid already used (a second import): keep one coding per passage, code and layer.
            const again = insertCoding.run(randomUUID(), id, codeId, layerOf(c.userGuid) ?? layer, c.createdAt ?? now);
            summary.codings += again.changes;
          } else summary.codings += 1;
        }
      }
    }

    // Notes → memos, on what refers to them.
    const targetOf = new Map<string, { type: string; id: string | null }>();
    for (const s of project.sources) {
      for (const g of s.noteGuids) if (documentOf.has(s.guid)) targetOf.set(g, { type: 'document', id: documentOf.get(s.guid)! });
      for (const sel of [...s.selections, ...(s.representation?.selections ?? [])]) for (const g of sel.noteGuids) if (excerptOf.has(sel.guid)) targetOf.set(g, { type: 'excerpt', id: excerptOf.get(sel.guid)! });
    }
    for (const l of project.links) {
      if (!l.originGuid || !l.targetGuid || targetOf.has(l.originGuid)) continue;
      if (excerptOf.has(l.targetGuid)) targetOf.set(l.originGuid, { type: 'excerpt', id: excerptOf.get(l.targetGuid)! });
      else if (documentOf.has(l.targetGuid)) targetOf.set(l.originGuid, { type: 'document', id: documentOf.get(l.targetGuid)! });
      else if (codeOf(l.targetGuid)) targetOf.set(l.originGuid, { type: 'code', id: codeOf(l.targetGuid) });
      else if (/^Memo on cmoc$/.test(l.name)) targetOf.set(l.originGuid, { type: 'cmoc', id: l.targetGuid });
    }
    const insertMemo = db.prepare('INSERT INTO memos (id, target_type, target_id, coder_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const cmocNotes: Array<() => void> = [];
    for (const n of project.notes) {
      if (isTheoryNote(n)) continue;
      const appraisalAt = n.text.indexOf(MARKERS.appraisal);
      const target = targetOf.get(n.guid) ?? { type: 'project', id: null };
      if (appraisalAt >= 0 && target.type === 'document') {
        try {
          const a = JSON.parse(n.text.slice(appraisalAt + MARKERS.appraisal.length)) as { relevance: string | null; relevanceNote: string; rigour: string | null; rigourNote: string; user: string };
          const layer = layerOf(a.user) ?? importer;
          db.prepare(
            `INSERT INTO appraisals (id, document_id, coder_id, relevance, relevance_note, rigour, rigour_note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(document_id, coder_id) DO NOTHING`,
          ).run(randomUUID(), target.id, layer, a.relevance, a.relevanceNote ?? '', a.rigour, a.rigourNote ?? '', n.createdAt ?? now, now);
          continue;
        } catch {
          warnings.push(`Note "${n.name}" looks like an appraisal but its data could not be read; it was imported as a memo.`);
        }
      }
      if (db.prepare('SELECT 1 FROM memos WHERE id = ?').get(n.guid)) continue;
      const body = n.text || n.name || '(empty note)';
      const write = () => {
        insertMemo.run(n.guid, target.type, target.id, layerOf(n.userGuid) ?? importer, body, n.createdAt ?? now, now);
        summary.memos += 1;
      };
      if (target.type === 'cmoc') cmocNotes.push(write);
      else write();
    }

    // Our CMOCs, with their evidence.
    for (const set of project.sets) {
      if (!set.description.startsWith(MARKERS.cmoc)) continue;
      let payload: CmocPayload;
      try {
        payload = JSON.parse(set.description.slice(MARKERS.cmoc.length)) as CmocPayload;
      } catch {
        warnings.push(`Set "${set.name}" looks like a CMOC but its data could not be read; it was skipped.`);
        continue;
      }
      if (db.prepare('SELECT 1 FROM cmocs WHERE id = ?').get(set.guid)) continue;
      db.prepare('INSERT INTO cmocs (id, label, statement, coder_id, created_at, updated_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        set.guid, payload.label ?? '', payload.statement ?? '', layerOf(payload.user) ?? importer, now, now, payload.status === 'draft' ? 'draft' : 'complete',
      );
      summary.cmocs += 1;
      (payload.codes ?? []).forEach((c, i) => {
        const codeId = codeOf(c.code);
        if (codeId) db.prepare('INSERT OR IGNORE INTO cmoc_codes (cmoc_id, code_id, role, sort) VALUES (?, ?, ?, ?)').run(set.guid, codeId, c.role, i);
      });
      for (const l of project.links) {
        if (l.originGuid !== set.guid || !l.name.startsWith(MARKERS.evidence) || !l.targetGuid) continue;
        const role = l.name.slice(MARKERS.evidence.length).trim();
        const excerptId = excerptOf.get(l.targetGuid);
        if (!excerptId || !['supports', 'refutes', 'refines'].includes(role)) continue;
        const r = db.prepare('INSERT OR IGNORE INTO evidence_links (id, cmoc_id, excerpt_id, role, note, coder_id, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)').run(l.guid, set.guid, excerptId, role, layerOf(payload.user) ?? importer, now);
        summary.evidence += r.changes;
      }
    }
    for (const write of cmocNotes) write();

    // Other tools' sets, as memos on the project listing their members.
    for (const set of foreignSets(project)) {
      if (db.prepare('SELECT 1 FROM memos WHERE id = ?').get(set.guid)) continue;
      const body = setMemoText(set, project, name, db, { code: codeOf, document: (g) => documentOf.get(g) ?? null });
      insertMemo.run(set.guid, 'project', null, importer, body, now, now);
      summary.sets += 1;
    }

    // Our program theory versions, once the CMOCs, passages and codes they name are in.
    summary.theoryVersions = restoreTheory(
      db,
      project.notes,
      { code: codeOf, excerpt: (g) => excerptOf.get(g) ?? null, document: (g) => documentOf.get(g) ?? null, coder: (g) => layerOf(g) },
      warnings,
      now,
    );
  });
  const media = skipped.media;
  if (media > 0) warnings.push(`${media} picture, audio or video source(s) with ${skipped.mediaSelections} selection(s) were skipped: the app holds texts and PDFs only.`);
  if (skipped.cases + skipped.variables + skipped.graphs > 0) warnings.push(`Not imported (no place for them in the app): ${skipped.cases} case(s), ${skipped.variables} variable(s), ${skipped.graphs} graph(s).`);
  return summary;
}
