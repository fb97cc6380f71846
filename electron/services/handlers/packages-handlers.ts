/** Handlers for coder packages, merging, and merge conflicts. */
import type { packagesRequests } from '../../../shared/api/calls/packages';
import { exportPackage, listConflicts, mergePackage, resolveConflict } from '../packages/package-service';
import type { HandlerContext, HandlersFor } from './context';

export function packagesHandlers(ctx: HandlerContext): HandlersFor<keyof typeof packagesRequests> {
  return {
    'packages:export': (req) => exportPackage(ctx.requireStore(), req.coderId, req.path, req.blind === undefined ? {} : { blind: req.blind }),
    'packages:merge': (req) => mergePackage(ctx.requireStore(), req.path),
    'conflicts:list': () => listConflicts(ctx.requireStore()),
    'conflicts:resolve': (req) => resolveConflict(ctx.requireStore(), req.id, { note: req.note, ...(req.value !== undefined ? { value: req.value } : {}) }),
  };
}
