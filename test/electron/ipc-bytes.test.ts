/**
 * Electron IPC carries a document's bytes as binary: `documents:bytes` answers a Uint8Array,
 * which the structured clone of IPC passes as it is (no base64), with `electron` mocked.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../helpers/temp';

const h = vi.hoisted(() => ({ handlers: new Map<string, (...args: unknown[]) => unknown>() }));

vi.mock('electron', () => ({
  BrowserWindow: class {},
  shell: {},
  session: {},
  ipcMain: { handle: (name: string, fn: (...a: unknown[]) => unknown) => h.handlers.set(name, fn) },
}));

import { registerIpc } from '../../electron/shell/ipc';
import { APP_HOST, APP_SCHEME } from '../../electron/shell/app-protocol';
import { createApiService } from '../../electron/services/api-service';
import { apiAsCoder } from '../helpers/coder';

const tempDir = useTempDir();

describe('IPC and binary answers', () => {
  it('answers documents:bytes with a Uint8Array that survives the structured clone of IPC', async () => {
    const dir = tempDir();
    const service = createApiService({ transport: 'electron', configDir: dir, projectsDir: dir, appVersion: '1.0.0' });
    try {
      await service.call('project:create', { path: path.join(dir, 'p.realist') });
      await apiAsCoder(service);
      const text = 'Interview 3: the community pharmacist rang the day after discharge.';
      const { attached } = await service.call('documents:attach', { files: [{ name: 'interview-3.txt', contentBase64: Buffer.from(text).toString('base64') }] });
      registerIpc(service);
      const handler = h.handlers.get('realist:invoke')!;
      const answer = await handler({ senderFrame: { url: `${APP_SCHEME}://${APP_HOST}/index.html` } }, 'documents:bytes', { id: attached[0]!.documentId });
      // What the renderer receives: IPC clones the answer as Electron does (the HTML structured clone).
      const received = structuredClone(answer) as { ok: true; value: { mime: string; bytes: Uint8Array } };
      expect(received.ok).toBe(true);
      expect(received.value.bytes).toBeInstanceOf(Uint8Array);
      expect(received.value.mime).toBe('text/plain; charset=utf-8');
      expect(Buffer.from(received.value.bytes).toString('utf8')).toBe(text);
      // Only the file travels, not a larger buffer it might have been a view of.
      expect(received.value.bytes.buffer.byteLength).toBe(Buffer.byteLength(text));
    } finally {
      service.close();
    }
  });
});
