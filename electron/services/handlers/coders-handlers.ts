/** Handlers for the coders and session calls. */
import { AppError } from '../../../shared/api/errors';
import type { codersRequests } from '../../../shared/api/calls/coders';
import { chooseCoder, chooseLayer, createCoder, findCoderByName, listCoders, sessionState, setBlind, updateCoder } from '../coders/coder-service';
import type { HandlerContext, HandlersFor } from './context';

export function codersHandlers(ctx: HandlerContext): HandlersFor<keyof typeof codersRequests> {
  /** Makes the coder current and remembers the choice for this project on this machine. */
  const choose = (coderId: string) => {
    const store = ctx.requireStore();
    const coder = chooseCoder(store, coderId);
    if (ctx.options.rememberOnMachine !== false) ctx.machineCoders.set(store.summary().projectId, coder.id);
    return sessionState(store);
  };
  return {
    'coders:list': () => listCoders(ctx.requireStore()),
    'coders:create': (req) => createCoder(ctx.requireStore(), req),
    'coders:update': (req) => updateCoder(ctx.requireStore(), req),
    'session:get': () => sessionState(ctx.requireStore()),
    'session:setCoder': (req) => {
      const store = ctx.requireStore();
      if ('coderId' in req) return choose(req.coderId);
      const found = findCoderByName(store, req.name);
      if (found) return choose(found.id);
      if (!req.create) {
        const known = listCoders(store).filter((c) => c.kind === 'person').map((c) => `"${c.name}"`);
        throw new AppError(
          'NOT_FOUND',
          `No coder called "${req.name}" in this project${known.length ? ` (coders: ${known.join(', ')})` : ''}. Add them first, or ask to create them.`,
        );
      }
      return choose(createCoder(store, { name: req.name }).id);
    },
    'settings:setBlind': (req) => {
      const store = ctx.requireStore();
      setBlind(store, req.blind);
      return sessionState(store);
    },
    'session:setLayer': (req) => {
      const store = ctx.requireStore();
      chooseLayer(store, req.layer);
      return sessionState(store);
    },
  };
}
