/** Handlers for the full-text calls (attach, list, read, unlock, relink, search). */
import { randomUUID } from 'node:crypto';
import type { documentsRequests } from '../../../shared/api/calls/documents';
import { DocumentService, expandDocumentPaths, readFileInput, type AttachInput } from '../documents/document-service';
import type { HandlerContext, HandlersFor } from './context';

export function documentsHandlers(ctx: HandlerContext): HandlersFor<keyof typeof documentsRequests> {
  const service = () => new DocumentService(ctx.requireStore());
  return {
    'documents:attach': (req) => {
      const docs = service();
      const inputs: AttachInput[] = [
        ...expandDocumentPaths(req.paths ?? []).map(readFileInput),
        ...(req.files ?? []).map((f) => ({ file: f.name, read: async () => new Uint8Array(Buffer.from(f.contentBase64, 'base64')) })),
      ];
      const taskId = randomUUID();
      const label = `Attaching ${inputs.length} document${inputs.length === 1 ? '' : 's'}`;
      ctx.options.emit?.('progress', { taskId, label, done: 0, total: inputs.length, finished: false });
      return docs.attach(inputs, {
        ...(req.recordId ? { recordId: req.recordId } : {}),
        ...(req.password !== undefined ? { password: req.password } : {}),
        onProgress: (done, total) => ctx.options.emit?.('progress', { taskId, label, done, total, finished: done === total }),
      });
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
    'search:fullText': (req) => service().search(req.query, req.limit),
  };
}
