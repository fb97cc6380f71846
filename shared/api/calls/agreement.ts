/**
 * Calls about agreement between coders.
 *
 * `agreement:compute` takes the neutral input file (shared/agreement/schema.ts: ratings, counts
 * or spans) and answers every statistic that applies, with undefined ones listed and explained
 * (shared/agreement/compute.ts). It needs no open project, so a methods reviewer can check the
 * numbers on any file against R or Python; `realist agreement --input FILE.json --json` is this
 * call on the command line.
 *
 * `agreement:project` measures the open project: the chosen coders' layers (default: every
 * person with coded work) compared overall, per code, per document, as a code × document
 * heatmap, and, for a pair, passage by passage (the disagreements, largest first) and CMOC by
 * CMOC (shared/agreement/project-report.ts). `agreement:export` gives the same report as a
 * CSV or a self-contained HTML page for the page to download.
 *
 * The reconcile calls decide disagreements of a coder pair into the consensus layer, each
 * decision one undoable action with a record of who decided what and why
 * (electron/services/agreement/reconcile.ts).
 */
import { z } from 'zod';
import { agreementInputSchema } from '../../agreement/schema';
import type { AgreementOutput } from '../../agreement/compute';
import type { AgreementReport } from '../../agreement/project-types';
import { uuid } from './common';

const coderId = z.string().min(1).max(100);
const coderPair = z.array(coderId).length(2, 'reconciliation names exactly two coders, A and B');
const rationale = z.string().max(10_000, 'a rationale is at most 10,000 characters').default('');

/** Which coders, and the thresholds of segment and CMOC matching. */
const reportRequest = {
  /** Coder ids in report order (A, B, ...); default: every person with coded work. */
  coders: z.array(coderId).min(2, 'compare at least two coders').max(30, 'compare at most 30 coders').optional(),
  /** Segment matching: overlap |a∩b| / |a∪b| at or above this counts as the same segment. */
  overlap: z.number().gt(0).max(1).default(0.9),
  /** CMOC matching: each slot's Jaccard index must reach this. */
  cmocThreshold: z.number().min(0).max(1).default(0.5),
};

export const agreementRequests = {
  'agreement:compute': z.object({ input: agreementInputSchema }).strict(),
  'agreement:project': z.object(reportRequest).strict(),
  'agreement:export': z.object({ ...reportRequest, format: z.enum(['csv', 'html']) }).strict(),
  'agreement:reconcilePassage': z
    .object({
      coders: coderPair,
      documentId: uuid,
      /** The disagreement's key from the report (its excerpts' ids). */
      key: z.string().min(1).max(200_000),
      decision: z.enum(['accept-a', 'accept-b', 'both', 'merge', 'edit']),
      rationale,
      /** For `edit`: the passage (offsets in the document's text) and the codes it gets. */
      edit: z
        .object({
          start: z.number().int().min(0),
          end: z.number().int().min(1),
          codeIds: z.array(uuid).min(1, 'give the passage at least one code').max(100),
        })
        .strict()
        .refine((e) => e.end > e.start, { message: 'end must be after start', path: ['end'] })
        .optional(),
    })
    .strict(),
  'agreement:adoptAgreed': z.object({ coders: coderPair, rationale: rationale.default('Both coders coded this passage the same way.') }).strict(),
  'agreement:reconcileCmoc': z
    .object({
      coders: coderPair,
      /** Coder A's CMOC in the item, if any. */
      a: uuid.nullable(),
      /** Coder B's CMOC in the item, if any. */
      b: uuid.nullable(),
      decision: z.enum(['keep-a', 'keep-b', 'merge', 'keep-both', 'drop']),
      rationale,
    })
    .strict(),
} as const;

/** A report file for the page to download. */
export interface AgreementExport {
  fileName: string;
  mime: 'text/csv' | 'text/html';
  content: string;
  bytes: number;
}

export interface AgreementResponses {
  'agreement:compute': AgreementOutput;
  'agreement:project': AgreementReport;
  'agreement:export': AgreementExport;
  'agreement:reconcilePassage': { decisionId: string; excerptIds: string[] };
  'agreement:adoptAgreed': { adopted: number; alreadyDecided: number };
  'agreement:reconcileCmoc': { decisionId: string; cmocIds: string[] };
}
