/**
 * The app window and the rules that keep it safe: an isolated, sandboxed renderer with no
 * Node, no navigation away from the app, no new windows, no remote content and no
 * permission prompts. The settings are exported so a test can check them, not only set them.
 */
import path from 'node:path';
import { BrowserWindow, session, shell, type WebContents, type WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: true,
  };
}

/** True for the app's own page (a file inside the built renderer folder). */
export function isAppUrl(url: string, rendererDir: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:') return false;
    const file = path.resolve(decodeURIComponent(u.pathname.replace(/^\/([A-Za-z]:)/, '$1')));
    return file === path.resolve(rendererDir) || file.startsWith(path.resolve(rendererDir) + path.sep);
  } catch {
    return false;
  }
}

/** Blocks navigation, new windows and remote requests; opens http(s) links in the user's browser instead. */
export function lockDown(contents: WebContents, rendererDir: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererDir)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, rendererDir)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide: deny every permission request and every non-local request. */
export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const local = /^(file|devtools|blob|data):/i.test(details.url);
    callback({ cancel: !local });
  });
}

export function createMainWindow(options: { preloadPath: string; rendererDir: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Realist Workbench',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  lockDown(win.webContents, options.rendererDir);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(path.join(options.rendererDir, 'index.html'));
  return win;
}
