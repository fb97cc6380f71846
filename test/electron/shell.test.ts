/**
 * The Electron shell's security settings, checked with `electron` mocked (no Electron binary
 * can run here): the window's webPreferences, the app:// scheme it loads from (never file:),
 * blocked navigation and new windows, web links opened only after a click, denied permissions,
 * remote and file: requests cancelled, IPC only from the app page, and the menus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { useTempDir } from '../helpers/temp';

const h = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; contents: Record<string, unknown>; loaded?: string; loadedFile?: string }>,
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  session: {} as Record<string, unknown>,
  opened: [] as string[],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const listeners = new Map<string, (...a: unknown[]) => void>();
      this.webContents = {
        listeners,
        setWindowOpenHandler: (fn: unknown) => (this.webContents.openHandler = fn),
        on: (name: string, fn: (...a: unknown[]) => void) => listeners.set(name, fn),
      };
      h.windows.push({ options, contents: this.webContents });
    }
    once() {}
    loadFile(file: string) {
      h.windows[h.windows.length - 1]!.loadedFile = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      h.windows[h.windows.length - 1]!.loaded = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => h.schemes.push(...schemes),
      handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) => h.protocolHandlers.set(scheme, fn),
    },
    shell: { openExternal: (u: string) => h.opened.push(u) },
    ipcMain: { handle: (name: string, fn: (...a: unknown[]) => unknown) => h.handlers.set(name, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: unknown) => (h.session.permission = fn),
        setPermissionCheckHandler: (fn: unknown) => (h.session.check = fn),
        webRequest: { onBeforeRequest: (fn: unknown) => (h.session.request = fn) },
      },
    },
  };
});

import { createMainWindow, GESTURE_WINDOW_MS, isAppUrl, lockDown, lockDownSession } from '../../electron/shell/window';
import { APP_ENTRY, handleAppProtocol, registerAppScheme, resolveAppFile } from '../../electron/shell/app-protocol';
import { registerIpc } from '../../electron/shell/ipc';
import { menuTemplate } from '../../electron/shell/menu';
import type { ApiService } from '../../electron/services/api-service';

const rendererDir = path.resolve('/opt/realist/dist');

const tempDir = useTempDir();

beforeEach(() => {
  h.windows.length = 0;
  h.handlers.clear();
  h.opened.length = 0;
  h.schemes.length = 0;
  h.protocolHandlers.clear();
});

describe('the app window', () => {
  it('is isolated, sandboxed, has no Node, and loads the app from app://, not file:', () => {
    createMainWindow({ preloadPath: '/opt/realist/preload.js' });
    const prefs = h.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/opt/realist/preload.js',
    });
    expect(h.windows[0]!.loaded).toBe('app://realist/index.html');
    expect(h.windows[0]!.loadedFile).toBeUndefined();
  });

  it('blocks navigation away from the app and every new window', () => {
    createMainWindow({ preloadPath: 'p.js' });
    const contents = h.windows[0]!.contents as { listeners: Map<string, (...a: unknown[]) => void>; openHandler: (d: { url: string }) => unknown };
    const navigate = (url: string) => {
      let prevented = false;
      contents.listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.org/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(`file://${rendererDir}/index.html`)).toBe(true); // the built files too: only app:// is the app
    expect(navigate('app://evil/index.html')).toBe(true);
    expect(navigate('app://realist/index.html')).toBe(false);
    expect(contents.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler({ url: 'https://example.org/paper' })).toEqual({ action: 'deny' });
  });

  it('opens only http(s) links the user just clicked, one per click, in the browser', () => {
    let now = 10_000;
    const listeners = new Map<string, (...a: unknown[]) => void>();
    const contents = { on: (name: string, fn: (...a: unknown[]) => void) => listeners.set(name, fn), setWindowOpenHandler: (fn: unknown) => listeners.set('open', fn as never) };
    lockDown(contents as never, () => now);
    const open = (url: string) => (listeners.get('open') as unknown as (d: { url: string }) => unknown)({ url });
    const input = (type: string, key?: string) => listeners.get('input-event')!({}, { type, key });

    // A page script opening a link on its own: nothing opens.
    expect(open('https://example.org/paper')).toEqual({ action: 'deny' });
    expect(h.opened).toEqual([]);
    // The user clicks: that link opens, once.
    input('mouseDown');
    open('https://doi.org/10.1370/afm.1932');
    open('https://doi.org/10.1370/afm.1932');
    expect(h.opened).toEqual(['https://doi.org/10.1370/afm.1932']);
    // A click long ago does not count.
    input('mouseUp');
    now += GESTURE_WINDOW_MS + 1;
    open('https://example.org/late');
    // Enter on a focused link counts; other keys do not.
    input('keyDown', 'a');
    open('https://example.org/typed');
    input('keyDown', 'Enter');
    open('http://example.org/entered');
    // Never anything but a plain web link, click or not.
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.org/', 'app://realist/index.html']) {
      input('mouseDown');
      open(url);
    }
    // A click on a link without target=_blank navigates: prevented, and opened in the browser.
    input('mouseDown');
    let prevented = false;
    listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://pubmed.ncbi.nlm.nih.gov/26755780/');
    expect(prevented).toBe(true);
    expect(h.opened).toEqual(['https://doi.org/10.1370/afm.1932', 'http://example.org/entered', 'https://pubmed.ncbi.nlm.nih.gov/26755780/']);
  });

  it('denies permissions and cancels remote and file: requests', () => {
    lockDownSession();
    let granted: boolean | undefined;
    (h.session.permission as (wc: unknown, p: string, cb: (v: boolean) => void) => void)(null, 'media', (v) => (granted = v));
    expect(granted).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (h.session.request as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://tracker.example/x.js')).toBe(true);
    expect(decide('http://127.0.0.1:9999/')).toBe(true);
    expect(decide(`file://${rendererDir}/assets/index.js`)).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app://realist/assets/index.js')).toBe(false);
    expect(decide('blob:app://realist/1234')).toBe(false);
  });

  it('recognises only the app:// origin as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://realist/assets/pdf.worker.min.mjs')).toBe(true);
    expect(isAppUrl(`file://${rendererDir}/index.html`)).toBe(false);
    expect(isAppUrl('app://realist.evil/index.html')).toBe(false);
    expect(isAppUrl('https://example.org')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme with fetch, before the app is ready', () => {
    registerAppScheme();
    expect(h.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
  });

  it('serves the renderer folder with the CSP, and nothing outside it', async () => {
    const root = tempDir();
    const dist = path.join(root, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Realist</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'outside');
    handleAppProtocol(dist);
    const serve = h.protocolHandlers.get('app')!;
    const page = await serve({ url: 'app://realist/' });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>Realist</title>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const js = await serve({ url: 'app://realist/assets/app.js' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://realist/%2e%2e/secret.txt', 'app://realist/..%2fsecret.txt', 'app://realist/a%00.js', 'app://realist/%zz', 'app://other/index.html', 'app://realist/missing.js']) {
      const r = await serve({ url });
      expect(r.status, url).toBe(404);
      expect(await r.text()).not.toContain('outside');
    }
    expect(resolveAppFile('app://realist/assets/app.js', dist)).toBe(path.join(dist, 'assets', 'app.js'));
  });
});

describe('IPC', () => {
  it('passes calls from the app page to the validating dispatcher and refuses other frames', async () => {
    const calls: unknown[] = [];
    const service = { dispatch: async (c: unknown, r: unknown, t: unknown) => (calls.push([c, r, t]), { ok: true, value: 'fine' }) } as unknown as ApiService;
    registerIpc(service);
    const handler = h.handlers.get('realist:invoke')!;
    const fromApp = await handler({ senderFrame: { url: 'app://realist/index.html' } }, 'app:info', {});
    expect(fromApp).toEqual({ ok: true, value: 'fine' });
    const fromElsewhere = await handler({ senderFrame: { url: 'https://evil.example/' } }, 'project:open', { path: '/x' });
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    const fromFile = await handler({ senderFrame: { url: `file://${rendererDir}/index.html` } }, 'project:open', { path: '/x' });
    expect(fromFile).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    // The dispatcher is told the call came from the page, so it refuses file paths.
    expect(calls).toEqual([['app:info', {}, { transport: 'ipc' }]]);
  });
});

describe('menus', () => {
  it('has File, Edit with undo and redo, View and Help', () => {
    const sent: string[] = [];
    const template = menuTemplate((c) => sent.push(c), { isMac: false, openHelp: () => {} });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const edit = template[1]!.submenu as Array<{ role?: string; label?: string; accelerator?: string; click?: () => void }>;
    // Undo and redo are the project's: they reach the page as menu commands.
    expect(edit.slice(0, 2).map((i) => [i.label, i.accelerator])).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'Ctrl+Y'],
    ]);
    edit[0]!.click!();
    expect(sent).toContain('undo');
    const file = template[0]!.submenu as Array<{ label?: string; accelerator?: string; click?: () => void }>;
    file.find((i) => i.label === 'New Project…')!.click!();
    file.find((i) => i.label === 'Close Project')!.click!();
    expect(sent).toEqual(['undo', 'new-project', 'close-project']);
    expect(file.find((i) => i.label === 'Open Project…')!.accelerator).toBe('CmdOrCtrl+O');
  });
});
