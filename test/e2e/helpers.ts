/**
 * What every browser test needs: the real web bridge over the real services (a temporary
 * config folder and projects folder per test), and real Chromium driven by playwright-core.
 * Where an Electron binary exists, `launchApp` could drive the desktop app through
 * Playwright's `_electron` instead; here there is none, so the web bridge is the way in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebServer, type RunningWebServer } from '../../electron/bridge/web-server';
import { createApiService, type ApiService } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import { noteSkip } from '../helpers/skip-notes';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM_PATH = process.env.REALIST_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_REASON = `no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package, or set REALIST_CHROMIUM)`;
if (!HAVE_CHROMIUM) {
  console.warn(`[e2e] skipping browser tests: ${NO_CHROMIUM_REASON}`);
  noteSkip('browser', `no Chromium at ${CHROMIUM_PATH}, install Debian's chromium or set REALIST_CHROMIUM`);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface AppUnderTest {
  dir: string;
  projectsDir: string;
  service: ApiService;
  server: RunningWebServer;
  browser: Browser;
  page: Page;
  /** Saves a screenshot under screenshots/ (gitignored) for a person to look at. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the bridge and Chromium. With `project`, that project is open and "Tester" is its
 * current coder (as if chosen before), unless `coder` is false (the window then asks).
 */
export async function launchApp(options: { project?: string; width?: number; height?: number; coder?: boolean; configDir?: string } = {}): Promise<AppUnderTest> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-e2e-'));
  const projectsDir = path.join(dir, 'projects');
  const events = new EventHub();
  const service = createApiService({
    transport: 'web',
    configDir: options.configDir ?? path.join(dir, 'config'),
    projectsDir,
    appVersion: 'test',
    emit: (e, p) => events.emit(e, p),
  });
  if (options.project) {
    service.openProject(options.project);
    if (options.coder !== false && !service.store!.session.coderId) await service.call('session:setCoder', { name: 'Tester', create: true });
  }
  const server = await startWebServer({ service, events, staticDir: path.join(REPO_ROOT, 'dist') });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(server.url);
  return {
    dir,
    projectsDir,
    service,
    server,
    browser,
    page,
    async screenshot(name) {
      const out = path.join(REPO_ROOT, 'screenshots', `${name}.png`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out, fullPage: false });
      return out;
    },
    async close() {
      await browser.close();
      await server.close();
      service.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (pageErrors.length > 0) throw new Error(`The page reported errors:\n${pageErrors.join('\n')}`);
    },
  };
}

/** Answers the "Who is coding?" dialog by adding (or picking) `name`. */
export async function chooseCoder(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Who is coding?' });
  await dialog.waitFor();
  const known = dialog.getByRole('option', { name });
  if (await known.count()) await known.click();
  else {
    await dialog.getByLabel(/Or add a coder|Your name/).fill(name);
    await dialog.getByLabel(/Or add a coder|Your name/).press('Enter');
  }
  await dialog.waitFor({ state: 'detached' });
}

/**
 * Selects `phrase` in a transcript shown by the text reader with the mouse (press, drag,
 * release), as a reviewer would. Fails the test when the phrase is not on screen.
 */
export async function selectInTranscript(page: Page, phrase: string): Promise<void> {
  const box = await page.evaluate((p) => {
    const root = document.querySelector('.transcript');
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(p);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + p.length);
      const rects = [...r.getClientRects()];
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, phrase);
  if (!box) throw new Error(`"${phrase}" is not on screen in the transcript`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
}
