/** Handlers for the library calls. */
import type { recordsRequests } from '../../../shared/api/calls/records';
import type { HandlerContext, HandlersFor } from './context';

export function recordsHandlers(ctx: HandlerContext): HandlersFor<keyof typeof recordsRequests> {
  return {
    'records:list': (req) => ctx.requireStore().listRecords(req.offset, req.limit),
  };
}
