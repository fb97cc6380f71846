/** Handlers for the program-theory calls: thin wrappers around the project's TheoryService and the diagram exports. */
import type { theoryRequests } from '../../../shared/api/calls/theory';
import { theoryServiceFor } from '../theory/theory-service';
import { writeTheoryExport } from '../theory/theory-export';
import type { HandlerContext, HandlersFor } from './context';

/** The `theory:*` channels of the contract, bound to the open project. */
export function theoryHandlers(ctx: HandlerContext): HandlersFor<keyof typeof theoryRequests> {
  const svc = () => theoryServiceFor(ctx.requireStore());
  return {
    'theory:list': () => svc().listVersions(),
    'theory:get': (req) => svc().getVersion(req.id),
    'theory:create': (req) => svc().createVersion(req),
    'theory:update': (req) => svc().updateVersion(req),
    'theory:delete': (req) => {
      svc().deleteVersion(req.id);
      return { deleted: true };
    },
    'theory:addCmoc': (req) => svc().addCmoc(req),
    'theory:updateCmoc': (req) => svc().updateCmoc(req),
    'theory:deleteCmoc': (req) => {
      svc().deleteCmoc(req.id);
      return { deleted: true };
    },
    'theory:import': (req) => svc().importCmocs(req),
    'theory:link': (req) => svc().link(req),
    'theory:unlink': (req) => {
      svc().unlink(req.id);
      return { deleted: true };
    },
    'theory:saveGroup': (req) => svc().saveGroup(req),
    'theory:deleteGroup': (req) => {
      svc().deleteGroup(req.id);
      return { deleted: true };
    },
    'theory:mapping': (req) => svc().mapping(req.fromId, req.toId, req.propose),
    'theory:saveMapping': (req) => svc().saveMapping(req),
    'theory:story': () => svc().story(),
    'theory:evidence': (req) => svc().evidenceQuotes(req.cmocIds),
    'theory:export': (req) => {
      const s = svc();
      return writeTheoryExport(s, req, s.store.summary().name);
    },
  };
}
