/** The web bridge's binary route: `GET /blob/<documentId>` answers `documents:bytes` with the file itself. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/bridge/web-server';
import { createApiService, type ApiService } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import { apiAsCoder } from '../helpers/coder';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
let server: RunningWebServer | null = null;
let service: ApiService | null = null;
afterEach(async () => {
  await server?.close();
  service?.close();
  server = null;
  service = null;
});

function get(port: number, urlPath: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; type: string | undefined; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? headers.body : undefined);
  });
}

describe('the web bridge serves document bytes as binary', () => {
  it('sends the stored file with its type to a caller holding the token, and nothing to others', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'static'));
    fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
    const events = new EventHub();
    service = createApiService({ transport: 'web', configDir: dir, projectsDir: dir, appVersion: '1.0.0', emit: (e, p) => events.emit(e, p) });
    server = await startWebServer({ service, events, staticDir: path.join(dir, 'static') });
    await service.call('project:create', { path: path.join(dir, 'p.realist') });
    await apiAsCoder(service);
    const notes = '# Field notes\n\nThe nurse phoned every patient the day after discharge. Ünïcode stays as it is.\n';
    const { attached } = await service.call('documents:attach', { files: [{ name: 'notes.md', contentBase64: Buffer.from(notes).toString('base64') }] });
    const id = attached[0]!.documentId;

    const ok = await get(server.port, `/blob/${id}`, { [TOKEN_HEADER]: server.token });
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('text/markdown; charset=utf-8');
    expect(ok.body.toString('utf8')).toBe(notes);

    expect((await get(server.port, `/blob/${id}`)).status).toBe(401);
    expect((await get(server.port, `/blob/${id}`, { [TOKEN_HEADER]: 'x'.repeat(32) })).status).toBe(401);
    const missing = await get(server.port, '/blob/00000000-0000-4000-8000-000000000000', { [TOKEN_HEADER]: server.token });
    expect([missing.status, JSON.parse(missing.body.toString()).error.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await get(server.port, '/blob/not-an-id', { [TOKEN_HEADER]: server.token });
    expect([bad.status, JSON.parse(bad.body.toString()).error.code]).toEqual([400, 'VALIDATION']);
    // Odd targets are answered, not thrown: the server keeps serving.
    const odd = await get(server.port, '/blob/%E0%A4%A?x=%ZZ#frag', { [TOKEN_HEADER]: server.token });
    expect(odd.status).toBe(400);
    expect((await get(server.port, `/blob/${id}`, { [TOKEN_HEADER]: server.token }, 'POST')).status).toBe(405);
    expect((await get(server.port, `/blob/${id}`, { [TOKEN_HEADER]: server.token })).status).toBe(200);
    // Through the JSON route the call is refused, pointing to the binary one.
    const viaJson = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server!.port, method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: server!.token } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ channel: 'documents:bytes', request: { id } }));
    });
    expect(viaJson.status).toBe(400);
    expect(JSON.parse(viaJson.body)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringContaining('/blob/') } });
  });
});
