/**
 * The local web bridge: serves the built React UI and the API contract over HTTP on
 * 127.0.0.1 only, for locked-down machines (no Electron) and for the browser tests.
 *
 * Security: it listens on the loopback address only; every API request must carry the random
 * token printed in the start URL (compared in constant time); the Host header must name the
 * loopback address, which defeats DNS-rebinding pages; every response carries the app's CSP.
 * The page reads the token from its URL once and keeps it in sessionStorage.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import type { ApiService } from '../services/api-service';
import type { EventHub } from '../services/event-hub';

export const TOKEN_HEADER = 'x-realist-token';
/** `GET /blob/<documentId>` answers `documents:bytes` with the file itself. */
export const BLOB_PREFIX = '/blob/';
/** Large enough for a pasted export; files are read by path on the server side. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export interface WebServerOptions {
  service: ApiService;
  events: EventHub;
  /** The folder holding the built renderer (index.html and assets). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; random (192 bits) otherwise. */
  token?: string;
}

export interface RunningWebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const staticRoot = path.resolve(options.staticDir);
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const tokenOk = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const buf = Buffer.from(candidate);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  };

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendJson(res, 403, { ok: false, error: { code: 'UNSUPPORTED', message: 'This server only answers on 127.0.0.1.' } });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'UNSUPPORTED', message: 'Use POST.' } });
      if (!tokenOk(req.headers[TOKEN_HEADER] as string | undefined)) return sendUnauthorised(res);
      readBody(req)
        .then(async (body) => {
          let parsed: { channel?: unknown; request?: unknown };
          try {
            parsed = JSON.parse(body) as typeof parsed;
          } catch {
            return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request body is not JSON.' } });
          }
          // Binary answers do not fit in JSON: their call has its own route.
          if (parsed.channel === 'documents:bytes') {
            return sendJson(res, 400, { ok: false, error: { code: 'UNSUPPORTED', message: `Fetch a document's bytes with GET ${BLOB_PREFIX}<id>.` } });
          }
          const result = await options.service.dispatch(parsed.channel, parsed.request);
          sendJson(res, 200, result);
        })
        .catch((e: Error) => sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: e.message } }));
      return;
    }

    // A document's stored file as binary (the reader's PDF bytes): the `documents:bytes` call,
    // answered through the same dispatcher, with the token in the header as for /api/invoke.
    if (url.pathname.startsWith(BLOB_PREFIX)) {
      if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'UNSUPPORTED', message: 'Use GET.' } });
      if (!tokenOk(req.headers[TOKEN_HEADER] as string | undefined)) return sendUnauthorised(res);
      void options.service.dispatch('documents:bytes', { id: url.pathname.slice(BLOB_PREFIX.length) }).then((result) => {
        if (!result.ok) return sendJson(res, result.error.code === 'NOT_FOUND' ? 404 : result.error.code === 'VALIDATION' ? 400 : 500, result);
        const { mime, bytes } = result.value as { mime: string; bytes: Uint8Array };
        res.writeHead(200, { 'Content-Type': mime, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
        res.end(bytes);
      });
      return;
    }

    if (url.pathname === '/api/events') {
      if (!tokenOk(url.searchParams.get('token'))) return sendUnauthorised(res);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'No such endpoint.' } });
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'UNSUPPORTED', message: 'Use GET.' } });
    serveStatic(staticRoot, url.pathname, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of sseClients) res.end();
        sseClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setSecurityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendUnauthorised(res: http.ServerResponse): void {
  sendJson(res, 401, { ok: false, error: { code: 'UNSUPPORTED', message: 'Missing or wrong token: open the URL printed by `realist serve`.' } });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`Request larger than ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(root: string, urlPath: string, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = path.resolve(root, `.${rel}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': st.size, 'Cache-Control': cache });
    fs.createReadStream(file).pipe(res);
  });
}
