/** Handlers for the highlight (excerpt) calls; the work is in ../excerpts. */
import { AppError } from '../../../shared/api/errors';
import type { excerptsRequests } from '../../../shared/api/calls/excerpts';
import type { HandlerContext, HandlersFor } from './context';

const pending = (): never => {
  throw new AppError('UNSUPPORTED', 'Highlights are not implemented yet in this build.');
};

export function excerptsHandlers(_ctx: HandlerContext): HandlersFor<keyof typeof excerptsRequests> {
  return {
    'excerpts:create': pending,
    'excerpts:list': pending,
    'excerpts:update': pending,
    'excerpts:delete': pending,
    'excerpts:restore': pending,
    'excerpts:exportW3c': pending,
  };
}
