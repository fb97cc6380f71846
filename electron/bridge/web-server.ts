/**
 * The local web bridge: serves the built React UI and the API contract over HTTP on
 * 127.0.0.1 only, for locked-down machines (no Electron) and for the browser tests.
 *
 * Security: it listens on the loopback address only; every API request must carry the random
 * token printed in the start URL (compared in constant time), else 401 UNAUTHORIZED; the Host
 * header must name the loopback address, which defeats DNS-rebinding pages; every response
 * carries the app's CSP. The page reads the token from its URL once and keeps it in
 * sessionStorage. Calls arrive with the `web` transport, so the dispatcher refuses file paths
 * from them: files come in through `POST /api/upload` (streamed to a temporary folder, at most
 * MAX_UPLOAD_BYTES) and exports go out through `GET /api/download`.
 *
 * Robustness: no request can stop the server. Any page on the machine can send it requests
 * (an `<img>` tag is enough), so the request line, the path and the headers are parsed without
 * anything that throws (no `new URL` on what arrived), every handler's failure becomes a 4xx/5xx
 * answer, malformed HTTP gets 400 (oversized headers 431) from the `clientError` handler, and a
 * body larger than MAX_REQUEST_BYTES gets 413 before the connection is closed.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { toApiError } from '../../shared/api/errors';
import { MAX_REQUEST_BYTES, MAX_UPLOAD_BYTES } from '../../shared/api/limits';
import type { ApiService } from '../services/api-service';
import type { EventHub } from '../services/event-hub';
import { mimeOf } from './static-mime';

export const TOKEN_HEADER = 'x-realist-token';
/** `GET /blob/<documentId>` answers `documents:bytes` with the file itself. */
export const BLOB_PREFIX = '/blob/';
/** The header that names an upload (percent-encoded UTF-8, as `encodeURIComponent` writes it). */
export const FILE_NAME_HEADER = 'x-realist-file-name';
/** Event streams open at once: a few tabs, not a resource a page could exhaust. */
const MAX_EVENT_CLIENTS = 32;

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

/** A failure with the HTTP status to answer it with. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const UNAUTHORIZED_MESSAGE =
  'Missing or wrong access key. Open the address printed in the terminal where Realist Workbench was started (npm start, npm run web or realist serve); it ends in ?token=…';

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const staticRoot = path.resolve(options.staticDir);
  const sseClients = new Set<http.ServerResponse>();
  let port = 0;

  const tokenOk = (candidate: unknown): boolean => {
    if (typeof candidate !== 'string' || candidate === '') return false;
    const buf = Buffer.from(candidate);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  };
  const requireToken = (candidate: unknown) => {
    if (!tokenOk(candidate)) throw new HttpError(401, 'UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
  };

  const unsubscribe = options.events.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    // Exactly one Host header (Node keeps the first of several; a second one is a smuggling attempt).
    if (req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'host').length !== 1) {
      throw new HttpError(400, 'VALIDATION', 'Exactly one Host header is required.');
    }
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      throw new HttpError(403, 'FORBIDDEN', 'This server only answers on 127.0.0.1.');
    }
    const { pathname, query } = splitTarget(req.url ?? '');

    if (pathname === '/api/invoke') {
      if (req.method !== 'POST') throw new HttpError(405, 'UNSUPPORTED', 'Use POST.');
      requireToken(req.headers[TOKEN_HEADER]);
      const body = await readBody(req, MAX_REQUEST_BYTES);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpError(400, 'VALIDATION', 'The request body is not JSON.');
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new HttpError(400, 'VALIDATION', 'The request body must be a JSON object {channel, request}.');
      }
      const { channel, request } = parsed as { channel?: unknown; request?: unknown };
      // Binary answers do not fit in JSON: their call has its own route.
      if (channel === 'documents:bytes') throw new HttpError(400, 'UNSUPPORTED', `Fetch a document's bytes with GET ${BLOB_PREFIX}<id>.`);
      return sendJson(res, 200, await options.service.dispatch(channel, request, { transport: 'web' }));
    }

    // A document's stored file as binary (the reader's PDF bytes): the `documents:bytes` call,
    // answered through the same dispatcher, with the token in the header as for /api/invoke.
    if (pathname.startsWith(BLOB_PREFIX)) {
      if (req.method !== 'GET') throw new HttpError(405, 'UNSUPPORTED', 'Use GET.');
      requireToken(req.headers[TOKEN_HEADER]);
      const result = await options.service.dispatch('documents:bytes', { id: pathname.slice(BLOB_PREFIX.length) }, { transport: 'web' });
      if (!result.ok) return sendJson(res, STATUS_OF[result.error.code] ?? 500, result);
      const { mime, bytes } = result.value as { mime: string; bytes: Uint8Array };
      res.writeHead(200, { 'Content-Type': mime, 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
      res.end(bytes);
      return;
    }

    if (pathname === '/api/upload') {
      if (req.method !== 'POST') throw new HttpError(405, 'UNSUPPORTED', 'Use POST.');
      requireToken(req.headers[TOKEN_HEADER]);
      const declared = contentLength(req);
      if (declared !== null && declared > MAX_UPLOAD_BYTES) throw tooLarge(MAX_UPLOAD_BYTES);
      const name = decodeName(req.headers[FILE_NAME_HEADER] ?? query.get('name'));
      const grant = await options.service.files.saveUpload(name, req, MAX_UPLOAD_BYTES);
      return sendJson(res, 200, { ok: true, value: { grant: grant.id, name: grant.name, bytes: grant.bytes } });
    }

    if (pathname === '/api/download') {
      if (req.method !== 'GET') throw new HttpError(405, 'UNSUPPORTED', 'Use GET.');
      requireToken(req.headers[TOKEN_HEADER]);
      const download = options.service.files.takeDownload(query.get('id') ?? '');
      if (!download) throw new HttpError(404, 'NOT_FOUND', 'That export is no longer waiting to be downloaded; export it again.');
      res.writeHead(200, {
        'Content-Type': download.mime,
        'Content-Length': download.data.length,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.name)}`,
        'Cache-Control': 'no-store',
      });
      res.end(download.data);
      return;
    }

    if (pathname === '/api/events') {
      requireToken(query.get('token'));
      if (sseClients.size >= MAX_EVENT_CLIENTS) throw new HttpError(503, 'UNSUPPORTED', 'Too many open event streams; close other tabs of the app.');
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (pathname.startsWith('/api/')) throw new HttpError(404, 'UNKNOWN_CHANNEL', 'No such endpoint.');
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'UNSUPPORTED', 'Use GET.');
    await serveStatic(staticRoot, pathname, req.method === 'HEAD', res);
  };

  const server = http.createServer((req, res) => {
    // A client that goes away mid-request must not leave an unhandled 'error' event behind.
    req.on('error', () => {});
    res.on('error', () => {});
    handle(req, res).catch((e: unknown) => fail(req, res, e));
  });
  // Malformed HTTP never reaches the handler: answer it (or drop the socket) and carry on.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  server.on('connect', (_req, socket: Socket) => socket.destroy());
  // Bounds how long a request (a slow or endless body being dropped) may hold a connection.
  server.requestTimeout = 120_000;

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

/**
 * The path and query of a request target, without anything that throws. Only the origin form
 * (`/path?query`) is served; `//`, `*` and absolute URLs are refused (400).
 */
function splitTarget(target: string): { pathname: string; query: URLSearchParams } {
  if (!target.startsWith('/') || target.startsWith('//')) throw new HttpError(400, 'VALIDATION', 'Bad request target.');
  const q = target.indexOf('?');
  const pathname = q < 0 ? target : target.slice(0, q);
  const hash = pathname.indexOf('#');
  return { pathname: hash < 0 ? pathname : pathname.slice(0, hash), query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}

function contentLength(req: http.IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'TOO_LARGE', `The request is larger than ${Math.round(limit / 1024 / 1024)} MB, the most the app accepts in one request.`);
}

function decodeName(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') return 'upload';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Answers a failed request: an HttpError with its status, anything else through the API's error mapping. */
function fail(req: http.IncomingMessage, res: http.ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const error = e instanceof HttpError ? { code: e.code, message: e.message } : toApiError(e);
  const status = e instanceof HttpError ? e.status : (STATUS_OF[error.code] ?? 500);
  // A body left unread (refused before reading, or too large) is read and dropped, not cut off:
  // a client still sending would otherwise see a reset connection instead of this answer.
  req.resume();
  sendJson(res, status, { ok: false, error });
}

/** The HTTP status of an API error that escaped an endpoint (calls answer 200 with the error as data). */
const STATUS_OF: Record<string, number> = { VALIDATION: 400, NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHORIZED: 401, TOO_LARGE: 413, IO: 500, INTERNAL: 500 };

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
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Reads a request body of at most `limit` bytes; a larger one is refused with 413 before it is all read. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = contentLength(req);
  if (declared !== null && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!refused) reject(new HttpError(400, 'VALIDATION', `The request did not arrive whole (${e.message}).`));
    });
  });
}

async function serveStatic(root: string, urlPath: string, head: boolean, res: http.ServerResponse): Promise<void> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    throw new HttpError(400, 'VALIDATION', 'Bad path.');
  }
  if (rel.includes('\0')) throw new HttpError(400, 'VALIDATION', 'Bad path.');
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = path.resolve(root, `.${rel}`);
  if (file !== root && !file.startsWith(root + path.sep)) throw new HttpError(403, 'FORBIDDEN', 'Outside the app.');
  let st: fs.Stats | null;
  try {
    st = await fs.promises.stat(file);
  } catch {
    st = null;
  }
  if (!st || !st.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const type = mimeOf(file);
  const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable';
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': st.size, 'Cache-Control': cache });
  if (head) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
