/**
 * Calls of the program-theory capability: versions (initial, iterations, refined) and their
 * CMOCs, hypotheses written, pasted, imported from CSV or drafted from stakeholders' input,
 * links and themes, the refinement mapping between two versions (proposed by the app,
 * confirmed or edited by the reviewer), the whole story for the timeline, the evidence behind
 * a CMOC, and the diagram exports.
 *
 * Every write is one action of the change log (one undo step). Versions and their CMOCs are
 * the team's, not a coder's layer: a version is built from the consensus layer by default, or
 * from one coder's layer.
 */
import { z } from 'zod';
import type { DraftError } from '../../theory/statements';
import type { TheoryCmoc, TheoryGroup, TheoryLink, TheoryMapping, TheoryQuote, TheoryStory, TheoryVersion, TheoryVersionSummary } from '../../theory/types';
import { empty, projectPath, uuid } from './common';

const stage = z.enum(['initial', 'intermediate', 'refined']);
const role = z.enum(['context', 'mechanism-resource', 'mechanism-response', 'outcome']);
const versionLabel = z.string().trim().min(1, 'a version needs a name').max(200);
const part = z.object({ role, text: z.string().trim().min(1).max(1000), codeId: uuid.nullable().default(null) }).strict();
const parts = z.array(part).max(100);
const evidenceRole = z.enum(['supports', 'refutes', 'refines']);
const cmocEvidence = z.array(z.object({ excerptId: uuid, role: evidenceRole }).strict()).max(2000);
const changeKind = z.enum(['kept', 'modified', 'split', 'merged', 'dropped', 'added']);
const evidenceRef = z.object({ kind: z.enum(['excerpt', 'document']), id: uuid }).strict();
const origin = z.enum(['hypothesised', 'stakeholder', 'imported', 'coded']);

/** The largest pasted list or CSV one import reads (2 MB of text). */
export const MAX_THEORY_IMPORT_CHARS = 2_000_000;

/** Request schemas of the theory calls. */
export const theoryRequests = {
  'theory:list': empty,
  'theory:get': z.object({ id: uuid }).strict(),
  /**
   * A new version: empty (to write or import hypotheses into), built from a layer's CMOCs
   * (`consensus` by default, or a coder's id), or a copy of another version to refine.
   */
  'theory:create': z
    .object({
      label: versionLabel,
      stage,
      notes: z.string().max(20_000).default(''),
      parentId: uuid.nullable().default(null),
      from: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('empty') }).strict(),
          z.object({ kind: z.literal('layer'), layer: z.string().min(1).max(100).default('consensus') }).strict(),
          z.object({ kind: z.literal('version'), versionId: uuid }).strict(),
        ])
        .default({ kind: 'layer', layer: 'consensus' }),
    })
    .strict(),
  'theory:update': z.object({ id: uuid, label: versionLabel.optional(), stage: stage.optional(), notes: z.string().max(20_000).optional() }).strict(),
  'theory:delete': z.object({ id: uuid }).strict(),
  /** A CMOC written directly. Without parts, the statement's if-then-because is read into parts; parts naming a code become that code. */
  'theory:addCmoc': z
    .object({
      versionId: uuid,
      label: z.string().max(500).default(''),
      statement: z.string().max(5000).default(''),
      parts: parts.optional(),
      origin: origin.exclude(['coded']).default('hypothesised'),
      provenance: z.string().max(2000).default(''),
      evidence: cmocEvidence.default([]),
      /** The CMOCs of earlier versions it refines (a split's halves name the CMOC they split). */
      derivedFrom: z.array(uuid).max(100).default([]),
    })
    .strict()
    .refine((r) => r.statement.trim() || (r.parts && r.parts.length > 0), 'give a statement or parts'),
  'theory:updateCmoc': z
    .object({ id: uuid, label: z.string().max(500).optional(), statement: z.string().max(5000).optional(), parts: parts.optional(), provenance: z.string().max(2000).optional(), evidence: cmocEvidence.optional() })
    .strict(),
  'theory:deleteCmoc': z.object({ id: uuid }).strict(),
  /**
   * Hypotheses from text: `lines` (one if-then-because statement a line, as pasted) or `csv`
   * (a header row; see shared/theory/statements.ts). A bad row is reported with its line and
   * the rest is imported, as one action.
   */
  'theory:import': z
    .object({
      versionId: uuid,
      format: z.enum(['lines', 'csv']),
      text: z.string().min(1, 'nothing to import').max(MAX_THEORY_IMPORT_CHARS, 'the text is longer than 2 MB; split it'),
      origin: origin.exclude(['coded']).default('imported'),
      provenance: z.string().max(2000).default(''),
    })
    .strict(),
  'theory:link': z.object({ versionId: uuid, kind: z.enum(['chain', 'shared-mechanism']), fromCmocId: uuid, toCmocId: uuid, note: z.string().max(5000).default('') }).strict(),
  'theory:unlink': z.object({ id: uuid }).strict(),
  'theory:saveGroup': z
    .object({
      versionId: uuid,
      id: uuid.optional(),
      kind: z.enum(['theme', 'middle-range']),
      name: z.string().trim().min(1).max(300),
      description: z.string().max(20_000).default(''),
      cmocIds: z.array(uuid).max(5000),
    })
    .strict(),
  'theory:deleteGroup': z.object({ id: uuid }).strict(),
  /** The mapping from one version to another: the saved one, or else the app's proposal. */
  'theory:mapping': z.object({ fromId: uuid, toId: uuid, propose: z.boolean().default(false) }).strict(),
  /** Saves (confirms or edits) the whole mapping between two versions, as one action. */
  'theory:saveMapping': z
    .object({
      fromId: uuid,
      toId: uuid,
      changes: z
        .array(
          z
            .object({
              kind: changeKind,
              fromCmocIds: z.array(uuid).max(500),
              toCmocIds: z.array(uuid).max(500),
              rationale: z.string().max(20_000).default(''),
              evidence: z.array(evidenceRef).max(500).default([]),
              status: z.enum(['proposed', 'confirmed']).default('confirmed'),
            })
            .strict(),
        )
        .max(10_000),
    })
    .strict(),
  'theory:story': empty,
  /** The quotes behind some of a version's CMOCs (the diagram's evidence panel). */
  'theory:evidence': z.object({ cmocIds: z.array(uuid).min(1).max(5000) }).strict(),
  /**
   * A diagram or its data as a file: the theory of one version, or the refinement between two.
   * With `path` (the command line) it is written there, never over an existing file unless
   * `overwrite`; without, the bytes come back for the page to download.
   */
  'theory:export': z
    .object({
      what: z.enum(['theory', 'refinement']),
      versionId: uuid.optional(),
      fromId: uuid.optional(),
      toId: uuid.optional(),
      format: z.enum(['svg', 'png', 'pdf', 'graphml', 'mermaid', 'json']),
      style: z.enum(['colour', 'print']).default('colour'),
      /** PNG resolution: 300 for print. */
      dpi: z.number().int().min(36).max(1200).default(300),
      title: z.string().trim().max(300).optional(),
      path: projectPath.optional(),
      overwrite: z.boolean().default(false),
    })
    .strict()
    .refine((r) => (r.what === 'theory' ? r.versionId !== undefined : r.fromId !== undefined && r.toId !== undefined), 'a theory export names versionId; a refinement export names fromId and toId')
    .refine((r) => r.what === 'theory' || ['svg', 'png', 'pdf', 'json'].includes(r.format), 'a refinement exports as svg, png, pdf or json'),
} as const;

/** What an export produced: written to `path`, or returned as `contentBase64` for a download. */
export interface TheoryExportResult {
  fileName: string;
  mime: string;
  bytes: number;
  path: string | null;
  contentBase64: string | null;
  /** PNG only: the picture's size in pixels. */
  pixels: { width: number; height: number } | null;
}

/** Responses of the theory calls. */
export interface TheoryResponses {
  'theory:list': TheoryVersionSummary[];
  'theory:get': TheoryVersion;
  'theory:create': TheoryVersion;
  'theory:update': TheoryVersionSummary;
  'theory:delete': { deleted: true };
  'theory:addCmoc': TheoryCmoc;
  'theory:updateCmoc': TheoryCmoc;
  'theory:deleteCmoc': { deleted: true };
  'theory:import': { imported: number; cmocIds: string[]; errors: DraftError[] };
  'theory:link': TheoryLink;
  'theory:unlink': { deleted: true };
  'theory:saveGroup': TheoryGroup;
  'theory:deleteGroup': { deleted: true };
  'theory:mapping': TheoryMapping;
  'theory:saveMapping': TheoryMapping;
  'theory:story': TheoryStory;
  'theory:evidence': TheoryQuote[];
  'theory:export': TheoryExportResult;
}
