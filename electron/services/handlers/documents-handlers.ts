/** Handlers for the full-text calls (attach, list, read, unlock, relink, search). */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { MAX_DOCUMENT_BYTES, type documentsRequests, type TextExtraction } from '../../../shared/api/calls/documents';
import { detectKind, DocumentService, expandDocumentPaths, extractDocument, readFileInput, type AttachInput } from '../documents/document-service';
import type { HandlerContext, HandlersFor } from './context';

export function documentsHandlers(ctx: HandlerContext): HandlersFor<keyof typeof documentsRequests> {
  const service = () => new DocumentService(ctx.requireStore());
  return {
    'documents:attach': async (req) => {
      const docs = service();
      const grants = (req.grants ?? []).map((id) => ctx.files.take(id, 'read'));
      try {
        const inputs: AttachInput[] = [
          ...expandDocumentPaths(req.paths ?? []).map((p) => readFileInput(p)),
          // The kind is detected by name, so an upload (stored under an id) keeps its own name.
          ...grants.map((g) => readFileInput(g.path, g.upload ? g.name : g.path)),
          ...(req.files ?? []).map((f) => ({ file: f.name, read: async () => new Uint8Array(Buffer.from(f.contentBase64, 'base64')) })),
        ];
        const taskId = randomUUID();
        const label = `Attaching ${inputs.length} document${inputs.length === 1 ? '' : 's'}`;
        ctx.options.emit?.('progress', { taskId, label, done: 0, total: inputs.length, finished: false });
        return await docs.attach(inputs, {
          ...(req.recordId ? { recordId: req.recordId } : {}),
          ...(req.password !== undefined ? { password: req.password } : {}),
          onProgress: (done, total) => ctx.options.emit?.('progress', { taskId, label, done, total, finished: done === total }),
        });
      } finally {
        for (const g of grants) ctx.files.release(g);
      }
    },
    'documents:list': (req) => service().list(req.recordId),
    'documents:get': (req) => service().get(req.id),
    'documents:pageItems': (req) => service().pageItems(req.id, req.pageIndex),
    'documents:bytes': (req) => service().content(req.id),
    'documents:content': (req) => {
      const { mime, bytes } = service().content(req.id);
      return { mime, base64: Buffer.from(bytes).toString('base64') };
    },
    'documents:unlock': (req) => service().unlock(req.id, req.password),
    'documents:setRecord': (req) => service().setRecord(req.id, req.recordId),
    'documents:remove': (req) => {
      service().remove(req.id);
      return { removed: true };
    },
    'search:fullText': (req) => service().search(req.query, req.limit),
    'documents:extractText': (req) => extractText(req.path, req.password),
  };
}

/** Reads and extracts one file for `documents:extractText` (no project needed). */
async function extractText(file: string, password: string | undefined): Promise<TextExtraction> {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new AppError('NOT_FOUND', `No such file: ${abs}`);
  }
  if (stat.isDirectory()) throw new AppError('VALIDATION', `${abs} is a folder; give one document.`);
  if (!stat.isFile()) throw new AppError('VALIDATION', `${abs} is not a regular file (a device or a pipe); give a document.`);
  if (stat.size > MAX_DOCUMENT_BYTES) {
    throw new AppError('VALIDATION', `${path.basename(abs)} is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, the most one document may be.`);
  }
  const bytes = await readFileInput(abs).read();
  const kind = detectKind(abs, bytes);
  if (!kind) throw new AppError('VALIDATION', `${path.basename(abs)}: not a supported document (PDF, .txt, .md or .docx).`);
  const r = await extractDocument(kind, bytes, password === undefined ? {} : { password });
  const failed = r.status === 'encrypted' || r.status === 'damaged';
  return {
    kind,
    status: r.status,
    message: r.message,
    pageCount: failed ? 0 : r.pages.length,
    pages: failed ? [] : r.pages.map((p, index) => ({ index, text: p.text })),
    warnings: [...(r.status === 'no-text' && r.message ? [r.message] : []), ...r.warnings],
  };
}
