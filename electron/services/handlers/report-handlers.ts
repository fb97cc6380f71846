/**
 * Handlers for the report calls. The report's writers (docx, resvg for the diagrams) load only
 * when a report is exported.
 */
import path from 'node:path';
import { MAX_REPORT_PREVIEW_BYTES, type reportRequests } from '../../../shared/api/calls/report';
import { AppError } from '../../../shared/api/errors';
import { checkExportTarget, writeExportFile } from '../exports/safe-write';
import type { HandlerContext, HandlersFor } from './context';

const unsafe = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** The report channels of the contract, on the open project. */
export function reportHandlers(ctx: HandlerContext): HandlersFor<keyof typeof reportRequests> {
  return {
    'report:export': async (req) => {
      const store = ctx.requireStore();
      // A save dialog asked the user before replacing a file: its grant carries the consent.
      const grant = req.grant !== undefined ? ctx.files.take(req.grant, 'write') : null;
      const target = grant ? grant.path : (req.path ?? null);
      const guard = { overwrite: grant !== null || req.overwrite, projectPath: store.path };
      // Checked before the work of building the report, and again when writing.
      if (target !== null) checkExportTarget(target, guard);
      const { buildReport, REPORT_MIME } = await import('../report/report-export.js');
      const made = await buildReport(store, { format: req.format, style: req.style, title: req.title, madeAt: ctx.now().toISOString(), appVersion: ctx.options.appVersion });
      const summary = { bytes: made.data.length, flow: made.flow, counts: made.counts, cmocLayer: made.cmocLayer };
      if (target !== null) {
        const written = writeExportFile(target, made.data, guard);
        return { path: written, fileName: path.basename(written), downloadId: null, ...summary };
      }
      const chosen = req.fileName?.replace(unsafe, '-').replace(/\.(html?|docx)$/i, '').trim();
      const fileName = `${chosen || `${store.summary().name.replace(unsafe, '-').trim() || 'project'} - report`}.${req.format}`;
      const downloadId = ctx.files.addDownload(made.data, fileName, REPORT_MIME[req.format]);
      return { path: null, fileName, downloadId, ...summary };
    },
    'report:preview': async (req) => {
      const store = ctx.requireStore();
      const { buildReport } = await import('../report/report-export.js');
      const made = await buildReport(store, { format: 'html', style: req.style, title: req.title, madeAt: ctx.now().toISOString(), appVersion: ctx.options.appVersion });
      if (made.data.length > MAX_REPORT_PREVIEW_BYTES) {
        const size = (made.data.length / 1024 / 1024).toFixed(1);
        throw new AppError('TOO_LARGE', `The report is ${size} MB, more than the ${MAX_REPORT_PREVIEW_BYTES / 1024 / 1024} MB the window previews; export it as HTML or DOCX and open the file instead.`);
      }
      return { html: made.data.toString('utf8'), bytes: made.data.length, flow: made.flow, counts: made.counts, cmocLayer: made.cmocLayer };
    },
  };
}
