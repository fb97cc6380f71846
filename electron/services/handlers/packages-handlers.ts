/** Handlers for coder packages, merging, and merge conflicts. */
import type { packagesRequests } from '../../../shared/api/calls/packages';
import { exportPackage, listConflicts, mergePackage, resolveConflict } from '../packages/package-service';
import { limitPageProjectPath } from '../files/page-paths';
import type { HandlerContext, HandlersFor } from './context';

export function packagesHandlers(ctx: HandlerContext): HandlersFor<keyof typeof packagesRequests> {
  return {
    'packages:export': (req, call) =>
      exportPackage(ctx.requireStore(), req.coderId, limitPageProjectPath(req.path, 'create', call, ctx.options.projectsDir), req.blind === undefined ? {} : { blind: req.blind }),
    'packages:merge': (req, call) => mergePackage(ctx.requireStore(), limitPageProjectPath(req.path, 'open', call, ctx.options.projectsDir)),
    'conflicts:list': () => listConflicts(ctx.requireStore()),
    'conflicts:resolve': (req) => resolveConflict(ctx.requireStore(), req.id, { note: req.note, ...(req.value !== undefined ? { value: req.value } : {}) }),
  };
}
