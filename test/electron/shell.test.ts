/**
 * The Electron shell's security settings, checked with `electron` mocked (no Electron binary
 * can run here): the window's webPreferences, blocked navigation and new windows, denied
 * permissions, remote requests cancelled, IPC only from the app page, and the menus.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; contents: Record<string, unknown>; loaded?: string }>,
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  session: {} as Record<string, unknown>,
  opened: [] as string[],
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
      h.windows[h.windows.length - 1]!.loaded = file;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
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

import { createMainWindow, isAppUrl, lockDownSession } from '../../electron/shell/window';
import { registerIpc } from '../../electron/shell/ipc';
import { menuTemplate } from '../../electron/shell/menu';
import type { ApiService } from '../../electron/services/api-service';

const rendererDir = path.resolve('/opt/realist/dist');

beforeEach(() => {
  h.windows.length = 0;
  h.handlers.clear();
  h.opened.length = 0;
});

describe('the app window', () => {
  it('is isolated, sandboxed and has no Node', () => {
    createMainWindow({ preloadPath: '/opt/realist/preload.js', rendererDir });
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
    expect(h.windows[0]!.loaded).toBe(path.join(rendererDir, 'index.html'));
  });

  it('blocks navigation away from the app and every new window', () => {
    createMainWindow({ preloadPath: 'p.js', rendererDir });
    const contents = h.windows[0]!.contents as { listeners: Map<string, (...a: unknown[]) => void>; openHandler: (d: { url: string }) => unknown };
    const navigate = (url: string) => {
      let prevented = false;
      contents.listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.org/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(`file://${rendererDir}/index.html`)).toBe(false);
    expect(contents.openHandler({ url: 'https://example.org/paper' })).toEqual({ action: 'deny' });
    expect(h.opened).toEqual(['https://example.org/paper']); // opened in the user's browser instead
    expect(contents.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(h.opened).toHaveLength(1);
  });

  it('denies permissions and cancels remote requests', () => {
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
    expect(decide(`file://${rendererDir}/assets/index.js`)).toBe(false);
  });

  it('recognises only pages inside the renderer folder as the app', () => {
    expect(isAppUrl(`file://${rendererDir}/index.html`, rendererDir)).toBe(true);
    expect(isAppUrl(`file://${rendererDir}-evil/index.html`, rendererDir)).toBe(false);
    expect(isAppUrl('https://example.org', rendererDir)).toBe(false);
    expect(isAppUrl('not a url', rendererDir)).toBe(false);
  });
});

describe('IPC', () => {
  it('passes calls from the app page to the validating dispatcher and refuses other frames', async () => {
    const calls: unknown[] = [];
    const service = { dispatch: async (c: unknown, r: unknown) => (calls.push([c, r]), { ok: true, value: 'fine' }) } as unknown as ApiService;
    registerIpc(service, rendererDir);
    const handler = h.handlers.get('realist:invoke')!;
    const fromApp = await handler({ senderFrame: { url: `file://${rendererDir}/index.html` } }, 'app:info', {});
    expect(fromApp).toEqual({ ok: true, value: 'fine' });
    const fromElsewhere = await handler({ senderFrame: { url: 'https://evil.example/' } }, 'project:open', { path: '/x' });
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(calls).toEqual([['app:info', {}]]);
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
