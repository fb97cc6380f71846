/** Handlers for the full-text calls (attach, list, read, unlock, relink, search). */
import type { documentsRequests } from '../../../shared/api/calls/documents';
import { AppError } from '../../../shared/api/errors';
import type { HandlerContext, HandlersFor } from './context';

const pending = (): never => {
  throw new AppError('UNSUPPORTED', 'Full texts are being built on branch docs-text.');
};

export function documentsHandlers(_ctx: HandlerContext): HandlersFor<keyof typeof documentsRequests> {
  return {
    'documents:attach': pending,
    'documents:list': pending,
    'documents:get': pending,
    'documents:content': pending,
    'documents:unlock': pending,
    'documents:setRecord': pending,
    'search:fullText': pending,
  };
}
