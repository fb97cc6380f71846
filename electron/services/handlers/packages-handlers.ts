/** Handlers for coder packages, merging, and merge conflicts. */
import type { packagesRequests } from '../../../shared/api/calls/packages';
import { exportPackage, listConflicts, mergePackage, resolveConflict } from '../packages/package-service';
import { limitPageProjectPath, type CallContext } from '../files/page-paths';
import type { HandlerContext, HandlersFor } from './context';

export function packagesHandlers(ctx: HandlerContext): HandlersFor<keyof typeof packagesRequests> {
  /** The package file a call names: a dialog's grant, or a path (limited when it came from the page). */
  const target = (req: { path?: string | undefined; grant?: string | undefined }, mode: 'create' | 'open', call: CallContext): string => {
    if (req.grant) {
      const g = ctx.files.take(req.grant, mode === 'create' ? 'write' : 'read');
      return mode === 'create' && !/\.realist$/i.test(g.path) ? `${g.path}.realist` : g.path;
    }
    return limitPageProjectPath(req.path!, mode, call, ctx.options.projectsDir);
  };
  return {
    'packages:export': (req, call) => exportPackage(ctx.requireStore(), req.coderId, target(req, 'create', call), req.blind === undefined ? {} : { blind: req.blind }),
    'packages:merge': (req, call) => mergePackage(ctx.requireStore(), target(req, 'open', call)),
    'conflicts:list': () => listConflicts(ctx.requireStore()),
    'conflicts:resolve': (req) => resolveConflict(ctx.requireStore(), req.id, { note: req.note, ...(req.value !== undefined ? { value: req.value } : {}) }),
  };
}
