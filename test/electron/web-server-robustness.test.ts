/**
 * No request can stop the web bridge. Any page on the machine can send it requests (an `<img>`
 * tag on another origin is enough), so it is fed, over raw sockets, known-bad request lines,
 * paths and headers (`GET //` and a NUL byte in a static path used to kill it) and a few
 * hundred seeded random ones, and must still answer afterwards. Bodies: `null` gets 400, an
 * oversized one 413 (an answer, not a reset connection), and the schemas' inline-file limit is
 * the server's body limit.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/bridge/web-server';
import { createApiService } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import { inlineFile } from '../../shared/api/calls/common';
import { MAX_INLINE_BASE64, MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES } from '../../shared/api/limits';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
let server: RunningWebServer | null = null;
/** Errors nobody caught while a test ran: in the real server process, each would have ended it. */
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', onUncaught);
});
afterEach(async () => {
  process.off('uncaughtException', onUncaught);
  await server?.close();
  server = null;
  expect(uncaught.map(String)).toEqual([]);
});

const INDEX = '<!doctype html><title>still here</title>';

async function start(): Promise<RunningWebServer> {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the static folder');
  const events = new EventHub();
  const service = createApiService({ transport: 'web', configDir: dir, projectsDir: dir, appVersion: '1.0.0', emit: (e, p) => events.emit(e, p) });
  server = await startWebServer({ service, events, staticDir: path.join(dir, 'static') });
  return server;
}

/** Sends raw bytes and collects whatever comes back until the server closes or `ms` pass. */
function raw(port: number, data: Buffer | string, ms = 1500): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, ms);
    socket.on('connect', () => socket.write(data, () => {}));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', done);
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

/** The server still serves its page. */
async function alive(s: RunningWebServer): Promise<void> {
  const r = await raw(s.port, `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
  expect(statusOf(r)).toBe(200);
  expect(r).toContain('still here');
}

/** mulberry32: a small seeded PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the web bridge survives hostile requests', () => {
  it('answers GET // and a NUL byte in a static path with 400, and keeps serving', async () => {
    const s = await start();
    const host = `Host: 127.0.0.1:${s.port}\r\n`;
    expect(statusOf(await raw(s.port, `GET // HTTP/1.1\r\n${host}Connection: close\r\n\r\n`))).toBe(400);
    await alive(s);
    expect(statusOf(await raw(s.port, `GET /index.html%00.js HTTP/1.1\r\n${host}Connection: close\r\n\r\n`))).toBe(400);
    expect(statusOf(await raw(s.port, `GET /%00 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`))).toBe(400);
    await alive(s);
  });

  it('survives a catalogue of known-bad request lines, paths and headers', async () => {
    const s = await start();
    const host = `Host: 127.0.0.1:${s.port}`;
    const req = (line: string, headers: string[] = [host], body = '') => `${line}\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`;
    const cases: Array<[string, string | Buffer, number[]]> = [
      ['double slash', req('GET // HTTP/1.1'), [400]],
      ['triple slash api', req('GET ///api/invoke HTTP/1.1'), [400]],
      ['lone percent', req('GET /% HTTP/1.1'), [400]],
      ['bad escape', req('GET /%zz%G0 HTTP/1.1'), [400]],
      ['encoded NUL', req('GET /%00 HTTP/1.1'), [400]],
      ['raw NUL in the line', Buffer.from(`GET /a\0b HTTP/1.1\r\n${host}\r\n\r\n`, 'latin1'), [400]],
      ['traversal', req('GET /%2e%2e/secret.txt HTTP/1.1'), [403, 404]],
      ['encoded slash traversal', req('GET /..%2f..%2fsecret.txt HTTP/1.1'), [403, 404]],
      ['backslash traversal', req('GET /..\\..\\secret.txt HTTP/1.1'), [400, 403, 404]],
      ['overlong URL', req(`GET /${'a'.repeat(70_000)} HTTP/1.1`), [400, 414, 431]],
      ['absolute-form URL', req(`GET http://127.0.0.1:${s.port}/ HTTP/1.1`), [400]],
      ['asterisk', req('OPTIONS * HTTP/1.1'), [400]],
      ['odd method', req('FOO / HTTP/1.1'), [400]],
      ['lower-case method', req('get / HTTP/1.1'), [400]],
      ['DELETE', req('DELETE / HTTP/1.1'), [405]],
      ['PUT on the API', req('PUT /api/invoke HTTP/1.1'), [405]],
      ['CONNECT', req(`CONNECT 127.0.0.1:${s.port} HTTP/1.1`), [0]],
      ['TRACE', req('TRACE / HTTP/1.1'), [405]],
      ['bad Host', req('GET / HTTP/1.1', ['Host: evil.example']), [403]],
      ['no Host', req('GET / HTTP/1.1', []), [400, 403]],
      ['two Hosts', req('GET / HTTP/1.1', [host, 'Host: evil.example']), [400, 403]],
      ['Host with NUL', Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1\0:${s.port}\r\n\r\n`, 'latin1'), [400, 403]],
      ['huge header', req('GET / HTTP/1.1', [host, `X-Big: ${'b'.repeat(100_000)}`]), [431]],
      ['many headers', req('GET / HTTP/1.1', [host, ...Array.from({ length: 5000 }, (_, i) => `X-${i}: ${i}`)]), [431]],
      ['header without colon', req('GET / HTTP/1.1', [host, 'NoColonHere']), [400]],
      ['CRLF injection in a header', Buffer.from(`GET / HTTP/1.1\r\n${host}\r\nX: a\rb\r\n\r\n`, 'latin1'), [400]],
      ['HTTP/0.9', 'GET /\r\n\r\n', [0, 400]],
      ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', [0, 400, 505]],
      ['TLS hello', Buffer.from('16030100a5010000a10303', 'hex'), [0, 400]],
      ['empty line', '\r\n\r\n', [0, 400]],
      ['websocket upgrade', req('GET /api/events HTTP/1.1', [host, 'Upgrade: websocket', 'Connection: Upgrade']), [0, 401]],
      ['negative Content-Length', req('POST /api/invoke HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`, 'Content-Length: -1']), [400]],
      ['non-numeric Content-Length', req('POST /api/invoke HTTP/1.1', [host, 'Content-Length: abc']), [400]],
      ['two Content-Lengths', req('POST /api/invoke HTTP/1.1', [host, 'Content-Length: 1', 'Content-Length: 2'], 'xx'), [400]],
      ['length and chunked', req('POST /api/invoke HTTP/1.1', [host, 'Content-Length: 3', 'Transfer-Encoding: chunked'], '0\r\n\r\n'), [400]],
      ['bad chunk', req('POST /api/invoke HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`, 'Transfer-Encoding: chunked'], 'zz\r\nhello\r\n0\r\n\r\n'), [400]],
      ['no token', req('POST /api/invoke HTTP/1.1', [host, 'Content-Length: 2'], '{}'), [401]],
      ['null body', req('POST /api/invoke HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`, 'Content-Length: 4'], 'null'), [400]],
      ['array body', req('POST /api/invoke HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`, 'Content-Length: 2'], '[]'), [400]],
      ['string body', req('POST /api/invoke HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`, 'Content-Length: 5'], '"abc"'), [400]],
      ['proto channel', req('POST /api/invoke HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`, 'Content-Length: 25'], '{"channel":"__proto__"}  '), [200]],
      ['deep JSON', req('POST /api/invoke HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`, `Content-Length: ${200_000}`], '['.repeat(100_000) + ']'.repeat(100_000)), [200, 400]],
      ['invalid UTF-8 body', Buffer.concat([Buffer.from(`POST /api/invoke HTTP/1.1\r\n${host}\r\n${TOKEN_HEADER}: ${s.token}\r\nContent-Length: 4\r\nConnection: close\r\n\r\n`), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]), [400]],
      ['events with a wrong token', req('GET /api/events?token=%ff%fe HTTP/1.1'), [401]],
      ['download without token', req('GET /api/download?id=x HTTP/1.1'), [401]],
      ['download of nothing', req('GET /api/download?id=../../etc/passwd HTTP/1.1', [host, `${TOKEN_HEADER}: ${s.token}`]), [404]],
      ['upload without token', req('POST /api/upload HTTP/1.1', [host, 'Content-Length: 3'], 'abc'), [401]],
      ['unknown API path', req('GET /api/%00 HTTP/1.1'), [404]],
    ];
    for (const [name, data, expected] of cases) {
      const status = statusOf(await raw(s.port, data, 800));
      expect(expected, `${name}: got ${status}`).toContain(status);
      await alive(s);
    }
  }, 120_000);

  it('survives a few hundred seeded random request lines, paths and headers', async () => {
    const s = await start();
    const random = prng(20261122);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'PATCH', 'get', 'G\0T', 'X', ''];
    const pieces = ['/', '//', '%', '%00', '%2e%2e', '..', 'api', 'invoke', 'events', 'upload', 'download', '?', '#', '&token=', 'index.html', '\0', '\\', '%ff', 'é', '\u2028', ' ', '\t', '*', 'http://x', '%25', ';', '\r', '\n'];
    const headerNames = ['Host', 'Content-Length', 'Transfer-Encoding', TOKEN_HEADER, 'X-Realist-File-Name', 'Connection', 'Expect', 'Range', 'Cookie', 'X-\0', ''];
    const values = ['', '0', '-5', '99999999999999999999', 'chunked', 'close', '100-continue', s.token, `127.0.0.1:${s.port}`, 'bytes=0-', '%', '\u00ff\u00fe', 'a'.repeat(3000)];
    const requests: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      const target = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(pieces)).join('');
      const line = `${pick(methods)} ${random() < 0.8 ? '/' : ''}${target} HTTP/1.${random() < 0.9 ? 1 : 0}`;
      const headers = random() < 0.7 ? [`Host: 127.0.0.1:${s.port}`] : [];
      for (let h = Math.floor(random() * 4); h > 0; h--) headers.push(`${pick(headerNames)}: ${pick(values)}`);
      const body = random() < 0.3 ? pick(['null', '{}', '{"channel":"app:info"}', '{"channel":"project:open","request":{"path":"/etc/passwd"}}', 'x'.repeat(500)]) : '';
      requests.push(Buffer.from(`${line}\r\n${headers.join('\r\n')}\r\n\r\n${body}`, 'latin1'));
    }
    for (let i = 0; i < requests.length; i += 10) {
      await Promise.all(requests.slice(i, i + 10).map((r) => raw(s.port, r, 400)));
      if (i % 50 === 0) await alive(s);
    }
    await alive(s);
    // And the API still works with the token.
    const info = await invokeJson(s, { channel: 'app:info', request: {} });
    expect(info).toMatchObject({ status: 200, body: { ok: true, value: { version: '1.0.0' } } });
  }, 120_000);
});

function invokeJson(s: RunningWebServer, body: unknown, token: string | null = s.token): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) } },
      (res) => {
        let out = '';
        res.on('data', (c) => (out += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(out) as unknown }));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe('request bodies', () => {
  it('answers a null body with 400 and a missing token with UNAUTHORIZED', async () => {
    const s = await start();
    const r = await raw(s.port, `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n${TOKEN_HEADER}: ${s.token}\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnull`);
    expect(statusOf(r)).toBe(400);
    expect(r).toContain('"code":"VALIDATION"');
    const denied = await invokeJson(s, { channel: 'app:info', request: {} }, null);
    expect(denied).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHORIZED' } } });
    expect((denied.body as { error: { message: string } }).error.message).toContain('?token=');
  });

  it('answers a body larger than the limit with 413, declared or streamed, rather than a reset', async () => {
    const s = await start();
    const declared = await raw(s.port, `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n${TOKEN_HEADER}: ${s.token}\r\nContent-Length: ${MAX_REQUEST_BYTES + 1}\r\n\r\n{`);
    expect(statusOf(declared)).toBe(413);
    expect(declared).toContain('"code":"TOO_LARGE"');

    // Streamed in chunks without a length: the answer still arrives, as an HTTP response.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/invoke', headers: { [TOKEN_HEADER]: s.token, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent <= MAX_REQUEST_BYTES + chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    const upload = await raw(s.port, `POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n${TOKEN_HEADER}: ${s.token}\r\nContent-Length: ${MAX_UPLOAD_BYTES + 1}\r\n\r\nabc`);
    expect(statusOf(upload)).toBe(413);
    await alive(s);
  }, 60_000);

  it('uses one limit for the bridge body and the schemas of inline files', () => {
    expect(MAX_INLINE_BASE64).toBe(MAX_REQUEST_BYTES);
    expect(inlineFile.shape.contentBase64.maxLength).toBe(MAX_REQUEST_BYTES);
  });
});
