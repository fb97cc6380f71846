/**
 * A project as a REFI-QDA project archive (`.qdpx`): a zip holding `project.qde` and the
 * sources under `sources/`, which NVivo, ATLAS.ti, MAXQDA and QualCoder open.
 *
 * What goes where:
 *  - coders become Users (their ids are GUIDs; the consensus layer travels as CONSENSUS_USER_GUID);
 *  - the codebook is written as the `.qdc` export writes it (shared/coding/qdc.ts): a
 *    non-codable group per code kind, marked in its Description, holding that kind's codes;
 *  - a PDF becomes a PDFSource (the file itself) with a text Representation (the text we
 *    extracted, as `sources/<id>.txt`); a highlight with rectangles becomes a PDFSelection (page
 *    and the box around its rectangles, with its text and our position of it), one without
 *    becomes a PlainTextSelection of the Representation. Text, Markdown and Word documents
 *    become TextSources of their extracted text, selections by character position;
 *  - codings are written on their selection with the coder as `creatingUser`;
 *  - memos become Notes (on a passage or document by NoteRef, on anything else by a Link);
 *  - CMOCs become Sets of their codes, their evidence Links from the Set to the selection, and
 *    appraisals Notes on their source, each marked (MARKERS) so our import restores them;
 *  - program theory versions become marked Notes on the project (./qdpx-theory.ts).
 * Every id is the project's own, so exporting the same project twice gives the same file.
 */
import { createHash } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
import { codeElements } from '../../../shared/coding/qdc';
import { CONSENSUS_CODER_ID } from '../../../shared/coders/types';
import { documentText } from '../../../shared/documents/text-layout';
import { toCodePoints } from '../../../shared/interchange/positions';
import { CONSENSUS_USER_GUID, MARKERS, type CmocPayload, type QdeLink, type QdeNote, type QdePdfSelection, type QdeProject, type QdeSet, type QdeSource, type QdeTextSelection } from '../../../shared/interchange/qde-model';
import { toQde } from '../../../shared/interchange/qde-write';
import type { CodingService } from '../coding/coding-service';
import { theoryNotes } from './qdpx-theory';
import type { ProjectStore } from '../store/project-store';

/** What `buildQdpx` made. */
export interface QdpxArchive {
  data: Uint8Array;
  /** The project.qde text (tests validate it against the schema). */
  qde: string;
  counts: { users: number; codes: number; sources: number; selections: number; codings: number; notes: number; sets: number };
}

/** A GUID made from `seed`, for things that have no id of their own (code kinds, the project). */
export function stableGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface ExcerptRow {
  id: string;
  document_id: string;
  coder_id: string;
  page_index: number | null;
  start: number;
  end: number;
  quote: string;
  rects: string;
  note: string | null;
  created_at: string;
}

/** Builds the archive of the open project (every layer, whatever the session may see). */
export function buildQdpx(store: ProjectStore, coding: CodingService, origin: string): QdpxArchive {
  const db = store.db;
  const userOf = (coderId: string) => (coderId === CONSENSUS_CODER_ID ? CONSENSUS_USER_GUID : coderId);
  const coders = db.prepare('SELECT id, name FROM coders ORDER BY created_at, id').all() as Array<{ id: string; name: string }>;
  const projectId = store.getMeta('project_id') ?? store.path;

  const files: Record<string, Uint8Array> = {};
  const sources: QdeSource[] = [];
  const selectionOf = new Map<string, QdeTextSelection | QdePdfSelection>();
  const sourceOf = new Map<string, QdeSource>();
  const codings = db
    .prepare(`SELECT g.id, g.excerpt_id, g.code_id, g.coder_id, g.created_at FROM codings g JOIN codes c ON c.id = g.code_id AND c.deleted_at IS NULL ORDER BY g.created_at, g.id`)
    .all() as Array<{ id: string; excerpt_id: string; code_id: string; coder_id: string; created_at: string }>;
  const codingsOf = new Map<string, typeof codings>();
  for (const c of codings) codingsOf.set(c.excerpt_id, [...(codingsOf.get(c.excerpt_id) ?? []), c]);
  let codingCount = 0;

  const docs = db
    .prepare('SELECT id, kind, title, file_name, blob_hash, created_at FROM documents WHERE deleted_at IS NULL ORDER BY created_at, id')
    .all() as Array<{ id: string; kind: string; title: string; file_name: string; blob_hash: string; created_at: string }>;
  const pagesOf = db.prepare('SELECT page_index, text, height FROM pages WHERE document_id = ? ORDER BY page_index');
  const excerptsOf = db.prepare('SELECT id, document_id, coder_id, page_index, start, end, quote, rects, note, created_at FROM excerpts WHERE document_id = ? AND deleted_at IS NULL ORDER BY sort_key, id');
  for (const d of docs) {
    const pages = pagesOf.all(d.id) as Array<{ page_index: number; text: string; height: number | null }>;
    const text = documentText(pages);
    const textFile = `${d.id}.txt`;
    files[`sources/${textFile}`] = strToU8(text);
    const textSelections: QdeTextSelection[] = [];
    const pdfSelections: QdePdfSelection[] = [];
    for (const e of excerptsOf.all(d.id) as ExcerptRow[]) {
      const selCodings = (codingsOf.get(e.id) ?? []).map((c) => ({ guid: c.id, codeGuid: c.code_id, userGuid: userOf(c.coder_id), createdAt: c.created_at }));
      codingCount += selCodings.length;
      const common = { guid: e.id, name: e.quote.slice(0, 200), description: '', userGuid: userOf(e.coder_id), createdAt: e.created_at, codings: selCodings, noteGuids: [] as string[] };
      const rects = JSON.parse(e.rects) as Array<{ page: number; x1: number; y1: number; x2: number; y2: number }>;
      if (d.kind === 'pdf' && rects.length > 0) {
        const page = rects[0]!.page;
        const height = pages.find((p) => p.page_index === page)?.height ?? 792;
        const sel: QdePdfSelection = {
          ...common,
          type: 'pdf',
          page,
          // Our rectangles count y up from the bottom of the page; REFI-QDA's box counts down from the top.
          firstX: Math.min(...rects.map((r) => Math.min(r.x1, r.x2))),
          firstY: height - Math.max(...rects.map((r) => Math.max(r.y1, r.y2))),
          secondX: Math.max(...rects.map((r) => Math.max(r.x1, r.x2))),
          secondY: height - Math.min(...rects.map((r) => Math.min(r.y1, r.y2))),
          text: e.quote,
          position: { start: toCodePoints(text, e.start), end: toCodePoints(text, e.end) },
        };
        pdfSelections.push(sel);
        selectionOf.set(e.id, sel);
      } else {
        const sel: QdeTextSelection = { ...common, type: 'text', start: toCodePoints(text, e.start), end: toCodePoints(text, e.end) };
        textSelections.push(sel);
        selectionOf.set(e.id, sel);
      }
    }
    let source: QdeSource;
    const base = { guid: d.id, description: '', userGuid: null, createdAt: d.created_at, noteGuids: [] as string[], plainText: null };
    if (d.kind === 'pdf') {
      const blob = db.prepare('SELECT data FROM blobs WHERE hash = ?').get(d.blob_hash) as { data: Buffer } | undefined;
      if (blob) files[`sources/${d.id}.pdf`] = new Uint8Array(blob.data);
      source = {
        ...base,
        type: 'pdf',
        name: d.file_name,
        path: `internal://${d.id}.pdf`,
        representation: { guid: stableGuid(`${d.id}:text`), path: `internal://${textFile}`, plainText: null, selections: textSelections },
        selections: pdfSelections,
      };
    } else {
      // Markdown and Word documents travel as the text the app reads and anchors in.
      const name = d.kind === 'text' ? d.file_name : `${d.file_name.replace(/\.[^.]+$/, '')}.txt`;
      source = { ...base, type: 'text', name, path: `internal://${textFile}`, representation: null, selections: textSelections };
    }
    sources.push(source);
    sourceOf.set(d.id, source);
  }

  const notes: QdeNote[] = [];
  const links: QdeLink[] = [];
  const projectNoteGuids: string[] = [];
  const memos = db
    .prepare('SELECT id, target_type, target_id, coder_id, body, created_at FROM memos WHERE deleted_at IS NULL ORDER BY created_at, id')
    .all() as Array<{ id: string; target_type: string; target_id: string | null; coder_id: string; body: string; created_at: string }>;
  for (const m of memos) {
    notes.push({ guid: m.id, name: m.body.split('\n')[0]!.slice(0, 80) || 'Memo', text: m.body, userGuid: userOf(m.coder_id), createdAt: m.created_at });
    const onSelection = m.target_type === 'excerpt' && m.target_id ? selectionOf.get(m.target_id) : undefined;
    const onSource = m.target_type === 'document' && m.target_id ? sourceOf.get(m.target_id) : undefined;
    if (onSelection) onSelection.noteGuids.push(m.id);
    else if (onSource) onSource.noteGuids.push(m.id);
    else if (m.target_type === 'project' || !m.target_id) projectNoteGuids.push(m.id);
    else links.push({ guid: stableGuid(`memo-link:${m.id}`), name: `Memo on ${m.target_type.replace('_', ' ')}`, originGuid: m.id, targetGuid: m.target_id });
  }

  const appraisals = db
    .prepare('SELECT id, document_id, coder_id, relevance, relevance_note, rigour, rigour_note, created_at FROM appraisals ORDER BY created_at, id')
    .all() as Array<{ id: string; document_id: string; coder_id: string; relevance: string | null; relevance_note: string; rigour: string | null; rigour_note: string; created_at: string }>;
  for (const a of appraisals) {
    const source = sourceOf.get(a.document_id);
    if (!source) continue;
    const words = [`Relevance: ${a.relevance ?? 'not rated'}${a.relevance_note ? ` (${a.relevance_note})` : ''}`, `Rigour: ${a.rigour ?? 'not rated'}${a.rigour_note ? ` (${a.rigour_note})` : ''}`];
    const payload = { relevance: a.relevance, relevanceNote: a.relevance_note, rigour: a.rigour, rigourNote: a.rigour_note, user: userOf(a.coder_id) };
    notes.push({ guid: a.id, name: `Appraisal of ${source.name}`, text: `${words.join('\n')}\n${MARKERS.appraisal}${JSON.stringify(payload)}`, userGuid: userOf(a.coder_id), createdAt: a.created_at });
    source.noteGuids.push(a.id);
  }

  for (const n of theoryNotes(db)) {
    notes.push(n);
    projectNoteGuids.push(n.guid);
  }

  const sets: QdeSet[] = [];
  const cmocs = db.prepare('SELECT id, label, statement, status, coder_id FROM cmocs WHERE deleted_at IS NULL ORDER BY created_at, id').all() as Array<{
    id: string;
    label: string;
    statement: string;
    status: 'complete' | 'draft';
    coder_id: string;
  }>;
  const cmocCodes = db.prepare('SELECT code_id, role FROM cmoc_codes WHERE cmoc_id = ? ORDER BY sort, role, code_id');
  const evidence = db.prepare('SELECT id, excerpt_id, role FROM evidence_links WHERE cmoc_id = ? ORDER BY created_at, id');
  for (const c of cmocs) {
    const codes = cmocCodes.all(c.id) as Array<{ code_id: string; role: string }>;
    const payload: CmocPayload = { label: c.label, statement: c.statement, status: c.status, user: userOf(c.coder_id), codes: codes.map((x) => ({ code: x.code_id, role: x.role })) };
    sets.push({
      guid: c.id,
      name: `CMOC: ${c.label || c.statement.slice(0, 80) || c.id}`,
      description: `${MARKERS.cmoc}${JSON.stringify(payload)}`,
      codeGuids: [...new Set(codes.map((x) => x.code_id))],
      sourceGuids: [],
      noteGuids: [],
    });
    for (const ev of evidence.all(c.id) as Array<{ id: string; excerpt_id: string; role: string }>) {
      if (selectionOf.has(ev.excerpt_id)) links.push({ guid: ev.id, name: `${MARKERS.evidence}${ev.role}`, originGuid: c.id, targetGuid: ev.excerpt_id });
    }
  }

  const kinds = coding.listKinds();
  const codes = coding.listCodes();
  const project: QdeProject = {
    name: store.summary().name,
    origin,
    users: coders.map((c) => ({ guid: userOf(c.id), name: c.name })),
    codes: [],
    sources,
    notes,
    links,
    sets,
    projectNoteGuids,
  };
  const qde = toQde(project, { codeLines: codeElements({ codes, kinds, kindGuid: (k) => stableGuid(`${projectId}:kind:${k}`) }, 3) });
  files['project.qde'] = strToU8(qde);
  // Sources are mostly PDFs, compressed already: storing them is as small and much faster.
  const data = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { level: name.endsWith('.pdf') ? 0 : 6 }]])) as Parameters<typeof zipSync>[0],
  );
  return {
    data,
    qde,
    counts: {
      users: coders.length,
      codes: codes.length,
      sources: sources.length,
      selections: selectionOf.size,
      codings: codingCount,
      notes: notes.length,
      sets: sets.length,
    },
  };
}
