/** Handlers for the coding calls: thin wrappers around the project's CodingService. */
import path from 'node:path';
import type { codingRequests } from '../../../shared/api/calls/coding';
import { codingServiceFor } from '../coding/coding-service';
import { searchAll } from '../coding/search';
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
    'codes:import': async (req) => {
      const { importCodebookFile, importCodebookText } = await import('../coding/codebook-import.js');
      if (req.path !== undefined) return importCodebookFile(svc(), req.path, req.format);
      if (req.file) return importCodebookText(svc(), Buffer.from(req.file.contentBase64, 'base64').toString('utf8'), req.file.name, req.format);
      const g = ctx.files.take(req.grant!, 'read');
      try {
        return importCodebookFile(svc(), g.path, req.format, g.name);
      } finally {
        ctx.files.release(g);
      }
    },
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
    'coding:export': async (req) => {
      // exceljs and docx take about half a second to load: only when something is exported.
      const { buildCodingExport, EXPORT_MIME, exportFileName, writeCodingExport } = await import('../exports/coding-exports.js');
      const service = svc();
      const origin = `Realist Workbench ${ctx.options.appVersion}`;
      const chosen = req.fileName?.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\.[a-z0-9]{1,5}$/i, '').trim();
      const fileName = chosen ? `${chosen}.${req.format}` : exportFileName(service.store.summary().name, req.what, req.format);
      const options = { ids: req.ids, includeAppraisals: req.includeAppraisals, includeMemos: req.includeMemos };
      if (req.path !== undefined || req.grant !== undefined) {
        // A save dialog asked the user before replacing a file: its grant carries the consent.
        const grant = req.grant !== undefined ? ctx.files.take(req.grant, 'write') : null;
        const target = grant ? grant.path : req.path!;
        const written = await writeCodingExport(service, req.what, req.format, target, origin, { overwrite: grant !== null || req.overwrite, ...options });
        return { ...written, fileName: path.basename(written.path), downloadId: null };
      }
      const { data, rows } = await buildCodingExport(service, req.what, req.format, origin, options);
      const downloadId = ctx.files.addDownload(data, fileName, EXPORT_MIME[req.format]);
      return { path: null, fileName, bytes: data.length, rows, downloadId };
    },
  };
}
