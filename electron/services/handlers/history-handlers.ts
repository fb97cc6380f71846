/** Handlers for undo, redo and the audit view: one system over the project's change log. */
import type { historyRequests } from '../../../shared/api/calls/history';
import type { HandlerContext, HandlersFor } from './context';

export function historyHandlers(ctx: HandlerContext): HandlersFor<keyof typeof historyRequests> {
  return {
    'history:state': () => ctx.requireStore().log.state(),
    'history:undo': () => {
      const store = ctx.requireStore();
      return store.log.undo(store.requireCoder());
    },
    'history:redo': () => {
      const store = ctx.requireStore();
      return store.log.redo(store.requireCoder());
    },
    'history:list': (req) => ctx.requireStore().log.list(req),
    'history:get': (req) => ctx.requireStore().log.get(req.seq, req.limit),
  };
}
