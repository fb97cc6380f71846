/**
 * Files the user chose, held in the main process and known to the page only by opaque ids.
 *
 * The page (the Electron renderer or the browser build) is not trusted with paths: whoever
 * controls it could otherwise read, create or overwrite any of the user's files. So a file
 * reaches a call only as a *grant*:
 *  - a native dialog's answer (`host:pickPath`, desktop app): `read` for an open dialog,
 *    `write` for a save dialog, whose own "replace?" question is the user's consent;
 *  - an upload (browser build, `POST /api/upload`): the bytes streamed into a temporary folder
 *    owned by this process (mode 0700), removed once used or after GRANT_TTL_MS.
 * A grant works once, for its kind, within GRANT_TTL_MS. Exports in the browser build go the
 * other way, as *downloads*: the bytes wait here under an id until the page fetches them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/api/errors';
import { MAX_PENDING_UPLOAD_BYTES, MAX_UPLOAD_BYTES } from '../../../shared/api/limits';

/** How long a grant or a download waits to be used: long enough to answer a dialog, short enough to forget. */
export const GRANT_TTL_MS = 30 * 60 * 1000;
/** Downloads kept at once; the oldest goes first (each is one export, fetched right away). */
const MAX_DOWNLOADS = 20;

/** read: the file may be read (open dialog, upload); write: it may be written (save dialog). */
export type GrantKind = 'read' | 'write';

/** A grant handed back to the call that presents it. */
export interface Grant {
  id: string;
  kind: GrantKind;
  /** Where the file is (for an upload, the temporary copy). */
  path: string;
  /** The name to show and to detect the format by: the chosen file's name, or the uploaded name. */
  name: string;
  /** True for an upload: the file is ours and goes away after use. */
  upload: boolean;
  bytes: number | null;
  expires: number;
}

interface Download {
  data: Uint8Array;
  name: string;
  mime: string;
  expires: number;
}

/** A name safe to keep and show: the last part of what the page sent, without control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]+/g, '').trim().slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload' : cleaned;
}

/** An error raised when an upload is larger than MAX_UPLOAD_BYTES. */
export class UploadTooLarge extends AppError {
  constructor(limit: number) {
    super('TOO_LARGE', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most one upload may carry.`);
  }
}

export class FileGrants {
  private readonly grants = new Map<string, Grant>();
  private readonly downloads = new Map<string, Download>();
  private uploadDir: string | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a file the user chose in a native dialog. */
  grantPath(file: string, kind: GrantKind): Grant {
    this.sweep();
    const grant: Grant = { id: newId(), kind, path: path.resolve(file), name: path.basename(file), upload: false, bytes: null, expires: this.now() + GRANT_TTL_MS };
    this.grants.set(grant.id, grant);
    return grant;
  }

  /**
   * Streams an upload into the temporary folder and returns its grant (kind `read`). Refuses
   * more than `limit` bytes (UploadTooLarge, nothing kept) and more than
   * MAX_PENDING_UPLOAD_BYTES waiting at once.
   */
  async saveUpload(name: string, body: Readable, limit = MAX_UPLOAD_BYTES): Promise<Grant> {
    this.sweep();
    const pending = [...this.grants.values()].reduce((n, g) => n + (g.upload ? (g.bytes ?? 0) : 0), 0);
    if (pending >= MAX_PENDING_UPLOAD_BYTES) {
      throw new AppError('TOO_LARGE', 'Too many uploaded files are waiting to be used; import or attach them first.');
    }
    const id = newId();
    const file = path.join(this.folder(), id);
    const bytes = await streamToFile(body, file, limit);
    const grant: Grant = { id, kind: 'read', path: file, name: cleanFileName(name), upload: true, bytes, expires: this.now() + GRANT_TTL_MS };
    this.grants.set(id, grant);
    return grant;
  }

  /**
   * Takes a grant for one use: throws NOT_FOUND for an unknown, used or expired id and
   * FORBIDDEN for the wrong kind (a file chosen to read cannot be written, and the reverse).
   * Call `release` when done with it.
   */
  take(id: string, kind: GrantKind): Grant {
    this.sweep();
    const grant = this.grants.get(id);
    if (!grant) throw new AppError('NOT_FOUND', 'That file choice has expired or was already used; choose the file again.');
    if (grant.kind !== kind) {
      throw new AppError('FORBIDDEN', kind === 'write' ? 'That file was chosen to be read, not written; choose where to save it.' : 'That file was chosen to be written, not read; choose the file to read.');
    }
    this.grants.delete(id);
    return grant;
  }

  /** Forgets a taken grant; an upload's temporary file is removed. */
  release(grant: Grant): void {
    if (grant.upload) fs.rmSync(grant.path, { force: true });
  }

  /** Keeps an export's bytes for the page to fetch; returns the download id. */
  addDownload(data: Uint8Array, name: string, mime: string): string {
    this.sweep();
    while (this.downloads.size >= MAX_DOWNLOADS) this.downloads.delete(this.downloads.keys().next().value!);
    const id = newId();
    this.downloads.set(id, { data, name: cleanFileName(name), mime, expires: this.now() + GRANT_TTL_MS });
    return id;
  }

  /** Hands a download over once (null when unknown, fetched already, or expired). */
  takeDownload(id: string): { data: Uint8Array; name: string; mime: string } | null {
    this.sweep();
    const d = this.downloads.get(id);
    if (!d) return null;
    this.downloads.delete(id);
    return d;
  }

  /** Removes every upload and forgets every grant and download (the service is closing). */
  close(): void {
    this.grants.clear();
    this.downloads.clear();
    if (this.uploadDir) fs.rmSync(this.uploadDir, { recursive: true, force: true });
    this.uploadDir = null;
  }

  /** The folder uploads wait in (null before the first upload and after `close`). */
  get uploadFolder(): string | null {
    return this.uploadDir;
  }

  private folder(): string {
    if (!this.uploadDir || !fs.existsSync(this.uploadDir)) {
      this.uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-uploads-'));
      fs.chmodSync(this.uploadDir, 0o700);
    }
    return this.uploadDir;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, g] of this.grants) {
      if (g.expires <= now) {
        this.grants.delete(id);
        this.release(g);
      }
    }
    for (const [id, d] of this.downloads) if (d.expires <= now) this.downloads.delete(id);
  }
}

/**
 * Copies `body` into `file` (created new, mode 0600), at most `limit` bytes. On failure the file
 * is removed and the rest of `body` is read and dropped rather than cut off, so that an HTTP
 * client still receives the answer (413) instead of a reset connection.
 */
function streamToFile(body: Readable, file: string, limit: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let bytes = 0;
    let failed = false;
    const stop = (e: Error) => {
      if (failed) return;
      failed = true;
      body.removeListener('data', onData);
      body.resume();
      out.destroy();
      out.once('close', () => fs.rm(file, { force: true }, () => {}));
      fs.rm(file, { force: true }, () => {});
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return stop(new UploadTooLarge(limit));
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    };
    body.on('data', onData);
    body.on('end', () => {
      if (!failed) out.end();
    });
    body.on('error', (e) => stop(new AppError('IO', `The upload did not arrive whole (${e.message}).`)));
    body.on('close', () => {
      if (!body.readableEnded) stop(new AppError('IO', 'The upload was cut off before it was complete.'));
    });
    out.on('error', (e: NodeJS.ErrnoException) => stop(new AppError('IO', e.code === 'ENOSPC' ? 'The disk is full: the upload could not be stored.' : `The upload could not be stored (${e.code ?? e.message}).`)));
    out.on('finish', () => {
      if (!failed) resolve(bytes);
    });
  });
}

function newId(): string {
  return randomBytes(18).toString('base64url');
}
