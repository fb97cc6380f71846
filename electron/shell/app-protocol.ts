/**
 * The app's own scheme, `app://realist/…`, from which the window loads the built renderer
 * instead of `file://`. With `file:` every file on the disk is one URL away from the page;
 * with this scheme the page can reach the renderer folder and nothing else, the session can
 * refuse `file:` outright, and the fuse GrantFileProtocolExtraPrivileges can be off.
 *
 * The scheme is registered as standard (relative URLs and origins work as on the web, so Vite's
 * `base: './'` build loads unchanged), secure (a secure context, like https) and with fetch
 * (pdf.js fetches its fonts and CMaps). Every answer carries the app's CSP as a header too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { mimeOf } from '../bridge/static-mime';

export const APP_SCHEME = 'app';
export const APP_HOST = 'realist';
/** The page the window opens. */
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/** True for a URL of the app's own page (the `app://realist` origin). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file of the renderer folder that an `app://realist/...` URL names, or null for anything
 * else (another host, a path that leaves the folder, a NUL byte, a bad escape).
 */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/** Serves the renderer folder on `app://realist/`. Call once the app is ready. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const data = await fs.promises.readFile(file);
      return new Response(data, {
        headers: {
          'Content-Type': mimeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
