/**
 * Handlers for the agreement calls. `agreement:compute` is pure computation on the validated
 * neutral input (shared/agreement/compute.ts) and needs no open project; the others read or
 * reconcile the open project (electron/services/agreement).
 */
import type { agreementRequests } from '../../../shared/api/calls/agreement';
import { computeAgreement } from '../../../shared/agreement/compute';
import { exportReport, projectReport } from '../agreement/agreement-service';
import { adoptAgreed, reconcileCmoc, reconcilePassage } from '../agreement/reconcile';
import type { HandlerContext, HandlersFor } from './context';

/** The `agreement:*` calls. */
export function agreementHandlers(ctx: HandlerContext): HandlersFor<keyof typeof agreementRequests> {
  return {
    'agreement:compute': (req) => computeAgreement(req.input),
    'agreement:project': (req) => projectReport(ctx.requireStore(), req),
    'agreement:export': (req) => exportReport(ctx.requireStore(), req, { madeAt: ctx.now().toISOString(), appVersion: ctx.options.appVersion }),
    'agreement:reconcilePassage': (req) => reconcilePassage(ctx.requireStore(), req),
    'agreement:adoptAgreed': (req) => adoptAgreed(ctx.requireStore(), req),
    'agreement:reconcileCmoc': (req) => reconcileCmoc(ctx.requireStore(), req),
  };
}
