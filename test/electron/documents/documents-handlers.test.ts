/** The documents calls through the API dispatcher, as the renderer and the web bridge make them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/domain/types';
import { createApiService } from '../../../electron/services/api-service';
import { useTempDir } from '../../helpers/temp';
import { apiAsCoder } from '../../helpers/coder';

const tempDir = useTempDir();

describe('documents calls', () => {
  it('attaches an uploaded transcript, lists, reads, serves and searches it, with progress events', async () => {
    const dir = tempDir();
    const progress: ProgressEvent[] = [];
    const api = createApiService({
      transport: 'web',
      configDir: path.join(dir, 'config'),
      projectsDir: dir,
      appVersion: '0.0.0-test',
      emit: (event, payload) => {
        if (event === 'progress') progress.push(payload as ProgressEvent);
      },
    });
    try {
      await api.call('project:create', { path: path.join(dir, 'p.realist') });
      await apiAsCoder(api);
      const transcript = 'Interviewer: What helped?\n\nPatient: Knowing the nurse would call back.';
      const r = await api.call('documents:attach', { files: [{ name: 'interview-7.txt', contentBase64: Buffer.from(transcript).toString('base64') }] });
      expect(r).toEqual({ attached: [{ file: 'interview-7.txt', documentId: expect.any(String), recordId: null, match: 'none', status: 'ok' }], errors: [] });
      expect(progress.map((p) => [p.done, p.total, p.finished])).toEqual([
        [0, 1, false],
        [1, 1, true],
      ]);
      const id = r.attached[0]!.documentId;
      expect(await api.call('documents:list', {})).toEqual([
        { id, recordId: null, kind: 'text', title: 'interview-7', fileName: 'interview-7.txt', pageCount: 1, status: 'ok', statusMessage: null, match: 'none', record: null },
      ]);
      const doc = await api.call('documents:get', { id });
      expect(doc.pages).toEqual([{ index: 0, text: transcript, textOffset: 0, width: null, height: null, rotation: 0 }]);
      expect(await api.call('documents:pageItems', { id, pageIndex: 0 })).toEqual([]);
      expect(await api.dispatch('documents:pageItems', { id, pageIndex: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('no page 2') } });
      const content = await api.call('documents:content', { id });
      expect([content.mime, Buffer.from(content.base64, 'base64').toString('utf8')]).toEqual(['text/plain; charset=utf-8', transcript]);
      // The same bytes as binary, for the reader.
      const bytes = await api.call('documents:bytes', { id });
      expect(bytes.bytes).toBeInstanceOf(Uint8Array);
      expect([bytes.mime, Buffer.from(bytes.bytes).toString('utf8')]).toEqual(['text/plain; charset=utf-8', transcript]);
      expect(await api.call('search:fullText', { query: 'nurse' })).toEqual([
        { documentId: id, title: 'interview-7', pageIndex: 0, snippet: 'Interviewer: What helped?\n\nPatient: Knowing the [nurse] would call back.' },
      ]);

      const empty = await api.dispatch('documents:attach', { paths: [] });
      expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('give at least one path or uploaded file') } });
      const missing = await api.dispatch('documents:get', { id: '00000000-0000-4000-8000-000000000000' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      api.close();
    }
  });
});
