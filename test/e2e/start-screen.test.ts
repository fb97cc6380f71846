/**
 * A newcomer's first minutes, in real Chromium through the web bridge: create a project, see
 * the empty library, close it, reopen it from the recent list; open the demo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY_META } from '../../shared/security/csp';
import { HAVE_CHROMIUM, launchApp, REPO_ROOT } from './helpers';

describe.skipIf(!HAVE_CHROMIUM)('start screen in Chromium', () => {
  it('creates a project, shows the empty library, and reopens it from the recent list', async () => {
    const app = await launchApp();
    const { page } = app;
    try {
      await page.getByRole('heading', { name: 'Realist Workbench' }).waitFor();
      // The token has been taken out of the address bar.
      expect(page.url()).not.toContain('token=');
      await app.screenshot('start-empty');

      await page.keyboard.press('Alt+Shift+N');
      const name = page.getByLabel('Name');
      await name.fill('Frequent users review');
      const saveAs = page.getByLabel('Save as');
      await expect.poll(() => saveAs.inputValue()).toBe(path.join(app.projectsDir, 'Frequent users review.realist'));
      await page.getByRole('button', { name: 'Create project' }).click();

      // A new project asks who is coding; the first coder is added from the keyboard.
      await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor();
      await app.screenshot('coder-chooser-new-project');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('coder-new-name');
      await page.keyboard.type('Reviewer A');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'Who is coding?' }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Coding as Reviewer A; change' }).waitFor();

      await page.getByRole('heading', { name: 'No records yet' }).waitFor();
      expect(await page.locator('.topbar-title strong').textContent()).toBe('Frequent users review');
      expect(fs.existsSync(path.join(app.projectsDir, 'Frequent users review.realist'))).toBe(true);
      await app.screenshot('library-empty');

      await page.getByRole('button', { name: 'Close project' }).click();
      const recent = page.getByRole('option').filter({ hasText: 'Frequent users review' });
      await recent.waitFor();
      await app.screenshot('start-recent');
      await recent.getByRole('button').first().click();
      await page.getByRole('heading', { name: 'No records yet' }).waitFor();
      // Remembered for this project on this machine: no question the second time.
      await page.getByRole('button', { name: 'Coding as Reviewer A; change' }).waitFor();
      expect(await page.getByRole('dialog', { name: 'Who is coding?' }).count()).toBe(0);

      // The overview shows the counts `realist info` prints.
      await page.keyboard.press('Control+Shift+0');
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      expect(await page.locator('.counts div').filter({ hasText: 'Records' }).locator('dd').textContent()).toBe('0');
    } finally {
      await app.close();
    }
  });

  it('says clearly why a file cannot be opened', async () => {
    const app = await launchApp();
    const { page } = app;
    try {
      const bogus = path.join(app.dir, 'notes.realist');
      fs.writeFileSync(bogus, 'not a database');
      await page.getByRole('button', { name: /Open project/ }).click();
      await page.getByLabel('Project file').fill(bogus);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('is not a Realist Workbench project');
      expect(await alert.textContent()).toContain('NOT_A_PROJECT');
      await app.screenshot('start-error');
    } finally {
      await app.close();
    }
  });

  it('opens the demo project with its records and screening decisions', async () => {
    const app = await launchApp();
    const { page } = app;
    try {
      await page.getByRole('button', { name: /Open the demo project/ }).click();
      await page.locator('.topbar .badge', { hasText: 'demo' }).waitFor();
      await page.getByText('Case management in primary care for frequent users of health care services: a realist synthesis').first().waitFor();
      expect(await page.locator('.decision-excluded').count()).toBeGreaterThanOrEqual(2);
      await app.screenshot('library-demo');
    } finally {
      await app.close();
    }
  });

  it('says which address to open when the page has no access key, instead of failing on the first click', async () => {
    const app = await launchApp();
    try {
      const bare = await app.browser.newPage();
      await bare.goto(`http://127.0.0.1:${app.server.port}/`);
      await bare.getByRole('heading', { name: 'Open the address with its access key' }).waitFor();
      expect(await bare.locator('.no-access-url').textContent()).toBe(`http://127.0.0.1:${app.server.port}/?token=…`);
      expect(await bare.getByRole('button').count()).toBe(0);
      await bare.screenshot({ path: path.join(REPO_ROOT, 'screenshots', 'no-access.png') });
      await bare.close();
    } finally {
      await app.close();
    }
  });

  it('ships the same strict CSP in the built page as the bridge sends, and no source maps', () => {
    const html = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'index.html'), 'utf8');
    expect(fs.readdirSync(path.join(REPO_ROOT, 'dist'), { recursive: true }).map(String).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(html).not.toContain('sourceMappingURL');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
  });
});
