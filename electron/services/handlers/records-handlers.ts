/** Handlers for the library calls. */
import { AppError } from '../../../shared/api/errors';
import type { recordsRequests } from '../../../shared/api/calls/records';
import type { duplicatesRequests } from '../../../shared/api/calls/duplicates';
import type { HandlerContext, HandlersFor } from './context';

const notYet = (): never => {
  throw new AppError('UNSUPPORTED', 'Not implemented yet.');
};

export function recordsHandlers(ctx: HandlerContext): HandlersFor<keyof typeof recordsRequests> {
  return {
    'records:import': notYet,
    'records:list': (req) => {
      const page = ctx.requireStore().listRecords(req.offset, req.limit);
      return { total: page.total, items: page.items.map((r) => ({ ...r, pmid: null, tags: [], clusterId: null, addedAt: '' })) };
    },
    'records:get': notYet,
    'records:batches': notYet,
    'records:undoBatch': notYet,
    'records:redoBatch': notYet,
    'records:tag': notYet,
    'records:tags': notYet,
  };
}

export function duplicatesHandlers(_ctx: HandlerContext): HandlersFor<keyof typeof duplicatesRequests> {
  return {
    'duplicates:list': notYet,
    'duplicates:merge': notYet,
    'duplicates:split': notYet,
    'duplicates:dismiss': notYet,
  };
}
