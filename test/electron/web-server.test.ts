import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/bridge/web-server';
import { createApiService } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
let server: RunningWebServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start() {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the static folder');
  const events = new EventHub();
  const service = createApiService({ transport: 'web', configDir: dir, projectsDir: dir, appVersion: '1.0.0', emit: (e, p) => events.emit(e, p) });
  server = await startWebServer({ service, events, staticDir: path.join(dir, 'static') });
  return server;
}

/** A raw request, so the Host header and path are exactly what a hostile page could send. */
function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const invoke = (s: RunningWebServer, token: string | null, body: unknown, host = `127.0.0.1:${s.port}`) =>
  request(s.port, {
    method: 'POST',
    path: '/api/invoke',
    headers: { 'Content-Type': 'application/json', Host: host, ...(token === null ? {} : { [TOKEN_HEADER]: token }) },
    body: JSON.stringify(body),
  });

describe('the local web bridge', () => {
  it('listens on 127.0.0.1 only, with a long random token in its URL', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect(s.token).toHaveLength(32);
  });

  it('answers API calls only with the right token', async () => {
    const s = await start();
    expect((await invoke(s, null, { channel: 'app:info', request: {} })).status).toBe(401);
    expect((await invoke(s, 'x'.repeat(32), { channel: 'app:info', request: {} })).status).toBe(401);
    const ok = await invoke(s, s.token, { channel: 'app:info', request: {} });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { version: '1.0.0', schemaVersion: 2, transport: 'web' } });
  });

  it('validates what arrives and refuses other hosts (DNS rebinding)', async () => {
    const s = await start();
    const bad = await invoke(s, s.token, { channel: 'project:open', request: { path: ['x'] } });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const notJson = await request(s.port, { method: 'POST', path: '/api/invoke', headers: { Host: `127.0.0.1:${s.port}`, [TOKEN_HEADER]: s.token }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await invoke(s, s.token, { channel: 'app:info', request: {} }, `evil.example:${s.port}`)).status).toBe(403);
  });

  it('serves the page with the strict CSP and never a file outside its folder', async () => {
    const s = await start();
    const page = await request(s.port, { path: '/', headers: { Host: `127.0.0.1:${s.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const escape = await request(s.port, { path: '/%2e%2e/secret.txt', headers: { Host: `127.0.0.1:${s.port}` } });
    expect([403, 404]).toContain(escape.status);
    expect(escape.body).not.toContain('outside the static folder');
  });

  it('streams events to a client holding the token', async () => {
    const s = await start();
    const denied = await request(s.port, { path: '/api/events', headers: { Host: `127.0.0.1:${s.port}` } });
    expect(denied.status).toBe(401);
    const received = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: s.port, path: `/api/events?token=${s.token}` }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
          if (text.includes('project:changed')) {
            resolve(text);
            req.destroy();
          }
        });
        // Once connected, cause an event.
        void invoke(s, s.token, { channel: 'project:close', request: {} });
      });
    });
    expect(received).toContain('event: project:changed\ndata: {"path":null}');
  });
});
