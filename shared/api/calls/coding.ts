/**
 * Calls of the coding capability: the codebook (codes and their kinds), codings of excerpts,
 * CMO configurations with their evidence, appraisals of documents, memos, undo/redo of every
 * coding action, search across the project, and the coding exports.
 *
 * No request names a coder: the services stamp every write with the session's current coder and
 * write into the session's layer (see shared/api/calls/coders.ts).
 */
import { z } from 'zod';
import type {
  Appraisal,
  CmocDetail,
  CmocSummary,
  CodeKind,
  CodeNode,
  CodeSummary,
  CodeUsage,
  CodingRef,
  ExcerptWithSource,
  Memo,
  SearchResults,
} from '../../coding/types';
import { empty, fileGrant, inlineFile, projectPath, uuid } from './common';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb');
const codeName = z.string().min(1).max(500);
const kindId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a kind id is lower-case letters, digits and dashes');
const level = z.enum(['high', 'moderate', 'low']).nullable();
const cmocCodes = z.array(z.object({ codeId: uuid, role: kindId }).strict()).max(200);
const evidenceRole = z.enum(['supports', 'refutes', 'refines']);
const cmocEvidence = z
  .array(z.object({ excerptId: uuid, role: evidenceRole, note: z.string().max(20_000).nullable().default(null) }).strict())
  .max(2000);
const cmocStatus = z.enum(['complete', 'draft']);
const memoTarget = z.enum(['project', 'record', 'document', 'excerpt', 'code', 'cmoc', 'theory_version']);

/** Request schemas of the coding calls. */
export const codingRequests = {
  'codes:list': empty,
  'codes:create': z
    .object({ name: codeName, kind: kindId, parentId: uuid.nullable().default(null), description: z.string().max(20_000).default(''), color: color.nullable().default(null) })
    .strict(),
  'codes:update': z.object({ id: uuid, description: z.string().max(20_000).optional(), color: color.nullable().optional(), kind: kindId.optional() }).strict(),
  'codes:rename': z.object({ id: uuid, name: codeName }).strict(),
  'codes:move': z.object({ id: uuid, parentId: uuid.nullable(), sort: z.number().int().optional() }).strict(),
  'codes:merge': z.object({ fromId: uuid, intoId: uuid }).strict(),
  'codes:split': z.object({ id: uuid, name: codeName, codingIds: z.array(uuid).min(1).max(100_000), description: z.string().max(20_000).optional() }).strict(),
  'codes:delete': z.object({ id: uuid }).strict(),
  /** Gives every live code of kind `from` the kind `to` (mapping the kinds of an imported codebook), as one action. */
  'codes:remapKind': z.object({ from: kindId, to: kindId }).strict(),
  /** What deleting the code would touch: passages and CMOCs (the confirmation lists them). */
  'codes:usage': z.object({ id: uuid, limit: z.number().int().min(0).max(500).default(50) }).strict(),
  'codes:excerpts': z.object({ codeId: uuid }).strict(),
  /**
   * Reads a REFI-QDA codebook (.qdc, or the CodeBook of a .qde) or a codebook CSV: from a path
   * (command line only), a grant (native dialog or upload) or an inline file. Exactly one.
   */
  'codes:import': z
    .object({ path: projectPath.optional(), grant: fileGrant.optional(), file: inlineFile.optional(), format: z.enum(['qdc', 'csv']).optional() })
    .strict()
    .refine((r) => [r.path, r.grant, r.file].filter((x) => x !== undefined).length === 1, 'give exactly one of path, grant or file'),
  'codeKinds:list': empty,
  'codeKinds:update': z
    .object({ kinds: z.array(z.object({ id: kindId, label: z.string().trim().min(1).max(100), color, sort: z.number().int() }).strict()).min(1).max(50) })
    .strict(),
  'codings:add': z.object({ excerptId: uuid, codeId: uuid }).strict(),
  'codings:remove': z.object({ excerptId: uuid, codeId: uuid }).strict(),
  /** The codings of one passage with code names and coders (split needs their ids; the reader's margin shows them). */
  'codings:ofExcerpt': z.object({ excerptId: uuid }).strict(),
  'cmocs:list': z
    .object({
      codeId: uuid.optional(),
      documentId: uuid.optional(),
      /** Only the CMOCs of this layer (a coder's id, or `consensus`). */
      layer: z.string().min(1).max(100).optional(),
      status: cmocStatus.optional(),
      sort: z.enum(['label', 'updated', 'evidence', 'documents']).default('label'),
    })
    .strict(),
  'cmocs:get': z.object({ id: uuid }).strict(),
  'cmocs:create': z
    .object({
      label: z.string().max(500).default(''),
      /** Left out: written once from the codes by the if-then-because generator. Given (even blank): saved as given. */
      statement: z.string().max(5000).optional(),
      /** 'complete' must have a context, a mechanism, an outcome and a statement (else VALIDATION); left out: classified by that rule. */
      status: cmocStatus.optional(),
      codes: cmocCodes.default([]),
      /** Evidence linked in the same action: the CMOC and its links are saved together or not at all. */
      evidence: cmocEvidence.default([]),
    })
    .strict(),
  'cmocs:update': z
    .object({
      id: uuid,
      label: z.string().max(500).optional(),
      statement: z.string().max(5000).optional(),
      /** Left out: the CMOC keeps its status (a complete one must stay complete). */
      status: cmocStatus.optional(),
      codes: cmocCodes.optional(),
      /** The CMOC's whole set of evidence links after the edit (left out: unchanged). */
      evidence: cmocEvidence.optional(),
    })
    .strict(),
  'cmocs:delete': z.object({ id: uuid }).strict(),
  'evidence:link': z
    .object({ cmocId: uuid, excerptId: uuid, role: evidenceRole, note: z.string().max(20_000).nullable().default(null) })
    .strict(),
  'evidence:unlink': z.object({ linkId: uuid }).strict(),
  'appraisals:set': z
    .object({
      documentId: uuid,
      relevance: level,
      relevanceNote: z.string().max(20_000).default(''),
      rigour: level,
      rigourNote: z.string().max(20_000).default(''),
    })
    .strict(),
  'appraisals:list': z.object({ documentId: uuid.optional() }).strict(),
  'memos:list': z.object({ targetType: memoTarget.optional(), targetId: uuid.optional() }).strict(),
  'memos:create': z.object({ targetType: memoTarget, targetId: uuid.nullable().default(null), body: z.string().min(1).max(100_000) }).strict(),
  'memos:update': z.object({ id: uuid, body: z.string().min(1).max(100_000) }).strict(),
  'memos:delete': z.object({ id: uuid }).strict(),
  'search:all': z.object({ query: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(200).default(20) }).strict(),
  /**
   * Writes an export: to `path` (command line only), to the file of a save dialog's `grant`
   * (desktop app), or, with neither, into a download the page fetches from the web bridge
   * (`GET /api/download?id=`) and saves through the browser. Never over a project file; over an
   * existing file only with `overwrite: true` (a save dialog's grant carries the user's consent).
   */
  'coding:export': z
    .object({
      what: z.enum(['cmocs', 'codebook', 'excerpts']),
      format: z.enum(['csv', 'xlsx', 'docx', 'json', 'qdc']),
      path: projectPath.optional(),
      grant: fileGrant.optional(),
      overwrite: z.boolean().default(false),
      /** CMOCs only: just these (the rows the table shows after filtering); left out: all. */
      ids: z.array(uuid).max(100_000).optional(),
      /** CMOCs only: add each evidence document's appraisals, and each CMOC's memos. */
      includeAppraisals: z.boolean().default(false),
      includeMemos: z.boolean().default(false),
      /** The download's file name (the browser build); its extension is the format's. */
      fileName: z.string().trim().min(1).max(200).optional(),
    })
    .strict()
    .refine((r) => !(r.path && r.grant), 'give a path or a grant, not both'),
} as const;

/** Responses of the coding calls. */
export interface CodingResponses {
  'codes:list': { kinds: CodeKind[]; codes: CodeSummary[] };
  'codes:create': CodeNode;
  'codes:update': CodeNode;
  'codes:rename': CodeNode;
  'codes:move': CodeNode;
  'codes:merge': { into: CodeNode; movedCodings: number; collapsedCodings: number };
  'codes:split': CodeNode;
  'codes:delete': { deleted: true };
  'codes:usage': CodeUsage;
  'codes:remapKind': { changed: number };
  'codes:excerpts': ExcerptWithSource[];
  'codes:import': { created: number; reused: number; warnings: string[] };
  'codeKinds:list': CodeKind[];
  'codeKinds:update': CodeKind[];
  'codings:add': CodingRef;
  'codings:remove': { removed: number };
  'codings:ofExcerpt': Array<CodingRef & { code: string; kind: string; coder: string | null }>;
  'cmocs:list': CmocSummary[];
  'cmocs:get': CmocDetail;
  'cmocs:create': CmocSummary;
  'cmocs:update': CmocSummary;
  'cmocs:delete': { deleted: true };
  'evidence:link': { id: string };
  'evidence:unlink': { deleted: true };
  'appraisals:set': Appraisal;
  'appraisals:list': Appraisal[];
  'memos:list': Memo[];
  'memos:create': Memo;
  'memos:update': Memo;
  'memos:delete': { deleted: true };
  'search:all': SearchResults;
  /** `path` is where it was written (null for a download); `downloadId` is set for a download. */
  'coding:export': { path: string | null; fileName: string; bytes: number; rows: number; downloadId: string | null };
}
