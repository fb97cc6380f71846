/**
 * Handlers for the library calls (records:*) and the duplicate review (duplicates:*). The
 * work lives in ../import; these only adapt requests, and push import progress as events.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { recordsRequests } from '../../../shared/api/calls/records';
import type { duplicatesRequests } from '../../../shared/api/calls/duplicates';
import type { ImportInput } from '../import/import-service';
import { getRecord, listBatches, listLibrary, listTags, setBatchWithdrawn, setScreening, tagRecords, recordWindow } from '../import/library';
import { dismissCluster, listClusters, mergeCluster, splitCluster } from '../import/clusters';
import type { HandlerContext, HandlersFor } from './context';

/** The records:* calls, on the open project. */
export function recordsHandlers(ctx: HandlerContext): HandlersFor<keyof typeof recordsRequests> {
  return {
    'records:import': async (req) => {
      const store = ctx.requireStore();
      // Every parser is loaded on the first import only (the command line starts faster).
      const { importInBackground } = await import('../import/background-import.js');
      const grants = (req.grants ?? []).map((id) => ctx.files.take(id, 'read'));
      try {
        const inputs: ImportInput[] = [
          ...(req.paths ?? []).map((p) => ({ name: p, path: path.resolve(p) })),
          // A dialog's file is named by its path (as a typed one was); an upload by its own name.
          ...grants.map((g) => ({ name: g.upload ? g.name : g.path, path: g.path })),
          ...(req.files ?? []).map((f) => ({ name: f.name, bytes: Buffer.from(f.contentBase64, 'base64') })),
        ];
        const taskId = randomUUID();
        // Large imports run on a worker thread with their own connection, as one action by the
        // session's coder, so every other call is still answered meanwhile.
        return await importInBackground(store, inputs, {
          format: req.format,
          ...(ctx.options.nativeBinding ? { nativeBinding: ctx.options.nativeBinding } : {}),
          ...(req.label ? { label: req.label } : {}),
          onProgress: (p) => ctx.options.emit?.('progress', { taskId, ...p }),
        });
      } finally {
        for (const g of grants) ctx.files.release(g);
      }
    },
    'records:list': (req) => listLibrary(ctx.requireStore(), req),
    'records:get': (req) => getRecord(ctx.requireStore(), req.id),
    'records:batches': () => listBatches(ctx.requireStore()),
    'records:withdrawBatch': (req) => setBatchWithdrawn(ctx.requireStore(), req.batchId, true),
    'records:restoreBatch': (req) => setBatchWithdrawn(ctx.requireStore(), req.batchId, false),
    'records:tag': (req) => tagRecords(ctx.requireStore(), req.ids, req.add, req.remove),
    'records:tags': () => listTags(ctx.requireStore()),
    'records:setScreening': (req) => setScreening(ctx.requireStore(), req.id, req.decision, req.reason),
    'records:all': (req) => recordWindow(ctx.requireStore(), req.offset, req.limit),
  };
}

/** The duplicates:* calls, on the open project. */
export function duplicatesHandlers(ctx: HandlerContext): HandlersFor<keyof typeof duplicatesRequests> {
  return {
    'duplicates:list': (req) => listClusters(ctx.requireStore(), req.status, req.offset, req.limit),
    'duplicates:merge': (req) => mergeCluster(ctx.requireStore(), req.clusterId, req.keepId, req.fields),
    'duplicates:split': (req) => splitCluster(ctx.requireStore(), req.clusterId, req.recordIds),
    'duplicates:dismiss': (req) => dismissCluster(ctx.requireStore(), req.clusterId),
  };
}
