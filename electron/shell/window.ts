/**
 * The app window and the rules that keep it safe: an isolated, sandboxed renderer with no
 * Node, loaded from the app's own scheme (./app-protocol.ts) rather than `file:`, no navigation
 * away from the app, no new windows, no remote content, no `file:` requests and no permission
 * prompts. A web link opens in the user's browser only when the user just clicked it (or pressed
 * Enter on it), and only for http(s). The settings are exported so a test can check them, not
 * only set them.
 */
import { BrowserWindow, session, shell, type WebContents, type WebPreferences } from 'electron';
import { APP_ENTRY, isAppUrl } from './app-protocol';

export { isAppUrl } from './app-protocol';

/** How long after a click or a key press a link may still open: a click's own navigation, not a script's later one. */
export const GESTURE_WINDOW_MS = 1000;

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

/** An http(s) URL with a host and no credentials: the only kind handed to the user's browser. */
export function isWebLink(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * Blocks navigation, new windows and webviews. A web link the user just clicked opens in their
 * browser; a page script that opens or navigates on its own (no click or key within
 * GESTURE_WINDOW_MS) opens nothing, and one gesture opens at most one link.
 */
export function lockDown(contents: WebContents, now: () => number = Date.now): void {
  let gestureAt = -Infinity;
  contents.on('input-event', (_event, input) => {
    const key = (input as { key?: string }).key;
    if (input.type === 'mouseDown' || input.type === 'mouseUp' || (input.type === 'keyDown' && (key === 'Enter' || key === ' '))) gestureAt = now();
  });
  const openIfClicked = (url: string) => {
    if (!isWebLink(url) || now() - gestureAt > GESTURE_WINDOW_MS) return;
    gestureAt = -Infinity;
    void shell.openExternal(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openIfClicked(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openIfClicked(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide: deny every permission request, and every request but the app's own scheme (no `file:`, nothing remote). */
export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const local = isAppUrl(details.url) || /^(devtools|blob|data):/i.test(details.url);
    callback({ cancel: !local });
  });
}

export function createMainWindow(options: { preloadPath: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Realist Workbench',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}
