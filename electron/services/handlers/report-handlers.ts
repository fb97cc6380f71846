/**
 * Handlers for the report calls. The report's writers (docx, resvg for the diagrams) load only
 * when a report is exported.
 */
import path from 'node:path';
import type { reportRequests } from '../../../shared/api/calls/report';
import type { HandlerContext, HandlersFor } from './context';

/** The report channels of the contract, on the open project. */
export function reportHandlers(ctx: HandlerContext): HandlersFor<keyof typeof reportRequests> {
  return {
    'report:export': async (req) => {
      const store = ctx.requireStore();
      const { buildReport, REPORT_MIME } = await import('../report/report-export.js');
      const made = await buildReport(store, { format: req.format, style: req.style, title: req.title, madeAt: ctx.now().toISOString(), appVersion: ctx.options.appVersion });
      const chosen = req.fileName?.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\.(html?|docx)$/i, '').trim();
      const base = chosen || `${store.summary().name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim() || 'project'} - report`;
      const fileName = `${base}.${req.format}`;
      const summary = { bytes: made.data.length, flow: made.flow, counts: made.counts, cmocLayer: made.cmocLayer };
      if (req.path !== undefined) {
        const { checkExportTarget, writeExportFile } = await import('../exports/safe-write.js');
        const guard = { overwrite: req.overwrite, projectPath: store.path };
        checkExportTarget(req.path, guard);
        const written = writeExportFile(req.path, made.data, guard);
        return { path: written, fileName: path.basename(written), downloadId: null, ...summary };
      }
      const downloadId = ctx.files.addDownload(made.data, fileName, REPORT_MIME[req.format]);
      return { path: null, fileName, downloadId, ...summary };
    },
  };
}
