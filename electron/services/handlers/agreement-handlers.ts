/**
 * Handlers for the agreement calls. `agreement:compute` is pure computation on the validated
 * neutral input (shared/agreement/compute.ts); it needs no open project.
 */
import type { agreementRequests } from '../../../shared/api/calls/agreement';
import { computeAgreement } from '../../../shared/agreement/compute';
import type { HandlersFor } from './context';

/** The `agreement:*` calls. */
export function agreementHandlers(): HandlersFor<keyof typeof agreementRequests> {
  return {
    'agreement:compute': (req) => computeAgreement(req.input),
  };
}
