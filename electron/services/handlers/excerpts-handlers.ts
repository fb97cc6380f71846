/** Handlers for the highlight (excerpt) calls; the work is in ../excerpts. */
import type { excerptsRequests } from '../../../shared/api/calls/excerpts';
import {
  createExcerpt,
  deleteExcerpt,
  listExcerpts,
  updateExcerpt,
} from '../excerpts/excerpt-service';
import { exportW3c } from '../excerpts/w3c-export';
import { writeExportFile } from '../exports/safe-write';
import { highlightQuote } from '../excerpts/highlight-quote';
import type { HandlerContext, HandlersFor } from './context';

/** The `excerpts:*` calls on the open project (NO_PROJECT when none is open). */
export function excerptsHandlers(ctx: HandlerContext): HandlersFor<keyof typeof excerptsRequests> {
  return {
    'excerpts:create': (req) => createExcerpt(ctx.requireStore(), req),
    'excerpts:list': (req) => listExcerpts(ctx.requireStore(), req.documentId, req.includeDeleted),
    'excerpts:update': (req) =>
      updateExcerpt(ctx.requireStore(), req.id, {
        ...(req.note !== undefined ? { note: req.note } : {}),
        ...(req.color !== undefined ? { color: req.color } : {}),
      }),
    'excerpts:delete': (req) => deleteExcerpt(ctx.requireStore(), req.id),
    'excerpts:exportW3c': (req) => {
      const store = ctx.requireStore();
      const collection = exportW3c(store, req.documentId);
      if (req.path !== undefined) {
        writeExportFile(req.path, `${JSON.stringify(collection, null, 2)}\n`, { overwrite: req.overwrite === true, projectPath: store.path });
      }
      return collection;
    },
    'excerpts:highlightQuote': (req) => highlightQuote(ctx.requireStore(), req),
  };
}
