/**
 * Handlers for the interchange calls (REFI-QDA `.qdpx` out and in). The services behind them
 * (zip, XML, PDF extraction) load only when one of these calls is made.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { interchangeRequests } from '../../../shared/api/calls/interchange';
import { AppError } from '../../../shared/api/errors';
import { codingServiceFor } from '../coding/coding-service';
import { DocumentService } from '../documents/document-service';
import { checkExportTarget, writeExportFile } from '../exports/safe-write';
import { buildQdpx } from '../interchange/qdpx-export';
import { importQdpx, MAX_QDPX_BYTES } from '../interchange/qdpx-import';
import type { HandlerContext, HandlersFor } from './context';

/** Reads an archive to import, refusing what is not a regular file or is too large before reading it. */
function readArchive(file: string, name: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new AppError((e as { code?: string }).code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `Cannot read ${name}: ${(e as Error).message}`);
  }
  if (!stat.isFile()) throw new AppError('VALIDATION', `${name} is not a file.`);
  if (stat.size > MAX_QDPX_BYTES) throw new AppError('VALIDATION', `${name} is ${Math.round(stat.size / 1024 / 1024)} MB: larger than the ${MAX_QDPX_BYTES / 1024 / 1024} MB a REFI-QDA import reads.`);
  return new Uint8Array(fs.readFileSync(file));
}

/** The interchange channels of the contract, on the open project. */
export function interchangeHandlers(ctx: HandlerContext): HandlersFor<keyof typeof interchangeRequests> {
  return {
    'qdpx:export': (req) => {
      const store = ctx.requireStore();
      const origin = `Realist Workbench ${ctx.options.appVersion}`;
      const chosen = req.fileName?.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\.qdpx$/i, '').trim();
      const fileName = `${chosen || store.summary().name || 'project'}.qdpx`;
      if (req.path !== undefined || req.grant !== undefined) {
        const grant = req.grant !== undefined ? ctx.files.take(req.grant, 'write') : null;
        const guard = { overwrite: grant !== null || req.overwrite, projectPath: store.path };
        const target = grant ? grant.path : req.path!;
        checkExportTarget(target, guard);
        const archive = buildQdpx(store, codingServiceFor(store), origin);
        const written = writeExportFile(target, archive.data, guard);
        return { path: written, fileName: path.basename(written), bytes: archive.data.length, downloadId: null, counts: archive.counts };
      }
      const archive = buildQdpx(store, codingServiceFor(store), origin);
      const downloadId = ctx.files.addDownload(archive.data, fileName, 'application/zip');
      return { path: null, fileName, bytes: archive.data.length, downloadId, counts: archive.counts };
    },
    'qdpx:import': async (req) => {
      const store = ctx.requireStore();
      const run = (bytes: Uint8Array, name: string) => importQdpx(store, codingServiceFor(store), new DocumentService(store), bytes, name);
      if (req.path !== undefined) return run(readArchive(req.path, path.basename(req.path)), path.basename(req.path));
      if (req.file) return run(new Uint8Array(Buffer.from(req.file.contentBase64, 'base64')), req.file.name);
      const g = ctx.files.take(req.grant!, 'read');
      try {
        return await run(readArchive(g.path, g.name), g.name);
      } finally {
        ctx.files.release(g);
      }
    },
  };
}
