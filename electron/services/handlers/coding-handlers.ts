/** Handlers for the coding calls: thin wrappers around the project's CodingService. */
import type { codingRequests } from '../../../shared/api/calls/coding';
import { codingServiceFor } from '../coding/coding-service';
import { searchAll } from '../coding/search';
import { importCodebookFile } from '../coding/codebook-import';
import { writeCodingExport } from '../exports/coding-exports';
import type { HandlerContext, HandlersFor } from './context';

/** The coding channels of the contract, bound to the open project's service. */
export function codingHandlers(ctx: HandlerContext): HandlersFor<keyof typeof codingRequests> {
  const svc = () => codingServiceFor(ctx.requireStore());
  return {
    'codes:list': () => ({ kinds: svc().listKinds(), codes: svc().listCodes() }),
    'codes:create': (req) => svc().createCode(req),
    'codes:update': (req) => svc().updateCode(req),
    'codes:rename': (req) => svc().renameCode(req.id, req.name),
    'codes:move': (req) => svc().moveCode(req.id, req.parentId, req.sort),
    'codes:merge': (req) => svc().mergeCodes(req.fromId, req.intoId),
    'codes:split': (req) => svc().splitCode(req),
    'codes:delete': (req) => {
      svc().deleteCode(req.id);
      return { deleted: true };
    },
    'codes:remapKind': (req) => ({ changed: svc().remapKind(req.from, req.to) }),
    'codes:usage': (req) => svc().codeUsage(req.id, req.limit),
    'codes:excerpts': (req) => svc().excerptsForCode(req.codeId),
    'codes:import': (req) => importCodebookFile(svc(), req.path, req.format),
    'codeKinds:list': () => svc().listKinds(),
    'codeKinds:update': (req) => svc().updateKinds(req.kinds),
    'codings:add': (req) => svc().addCoding(req.excerptId, req.codeId),
    'codings:remove': (req) => ({ removed: svc().removeCoding(req.excerptId, req.codeId) }),
    'codings:ofExcerpt': (req) => svc().codingsOfExcerpt(req.excerptId),
    'cmocs:list': (req) => svc().listCmocs(req),
    'cmocs:get': (req) => svc().getCmoc(req.id),
    'cmocs:create': (req) => svc().createCmoc(req),
    'cmocs:update': (req) => svc().updateCmoc(req),
    'cmocs:delete': (req) => {
      svc().deleteCmoc(req.id);
      return { deleted: true };
    },
    'evidence:link': (req) => svc().linkEvidence(req),
    'evidence:unlink': (req) => {
      svc().unlinkEvidence(req.linkId);
      return { deleted: true };
    },
    'appraisals:set': (req) => svc().setAppraisal(req),
    'appraisals:list': (req) => svc().listAppraisals(req.documentId),
    'memos:list': (req) => svc().listMemos(req),
    'memos:create': (req) => svc().createMemo(req),
    'memos:update': (req) => svc().updateMemo(req.id, req.body),
    'memos:delete': (req) => {
      svc().deleteMemo(req.id);
      return { deleted: true };
    },
    'search:all': (req) => searchAll(ctx.requireStore(), req.query, req.limit),
    'coding:export': (req) => writeCodingExport(svc(), req.what, req.format, req.path, `Realist Workbench ${ctx.options.appVersion}`),
  };
}
