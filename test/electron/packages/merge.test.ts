/**
 * Coder packages and merging, on real project files: two coders work blind in their own
 * packages; merging both, in either order, gives the same project; merging again changes
 * nothing; conflicting edits to the shared codebook are listed, never won; a package of another
 * project is refused; a crash in the middle of a merge leaves the project as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApiService, type ApiService } from '../../../electron/services/api-service';
import { createCodingProject } from '../../helpers/coding-project';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();

function service(dir: string, file: string): ApiService {
  const api = createApiService({ transport: 'web', configDir: path.join(dir, `config-${path.basename(file)}`), projectsDir: dir, appVersion: 'test' });
  api.openProject(file);
  return api;
}

/** Every domain table, ordered, without the change log (merges replay it) or merge times. */
function canonicalDump(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const tables = ['coders', 'records', 'documents', 'excerpts', 'code_kinds', 'codes', 'codings', 'cmocs', 'cmoc_codes', 'evidence_links', 'appraisals', 'memos', 'settings'];
    const out: Record<string, unknown> = {};
    for (const t of tables) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all();
    out.conflicts = db.prepare('SELECT id, kind, tbl, row_key, col, base, versions, summary, status FROM merge_conflicts ORDER BY id').all();
    return out;
  } finally {
    db.close();
  }
}

interface Setup {
  dir: string;
  main: string;
  pkgA: string;
  pkgB: string;
  ids: { trust: string; access: string; a: string; b: string };
  docs: Record<string, string>;
}

/** A project where the lead set up a codebook and turned blind coding on; B had started in it. */
async function setup(): Promise<Setup> {
  const dir = tempDir();
  const project = createCodingProject(dir, 'main.realist');
  const main = project.store.path;
  project.store.close();
  const lead = service(dir, main);
  try {
    await lead.call('session:setCoder', { name: 'Lead', create: true });
    const trust = await lead.call('codes:create', { name: 'Trust', kind: 'mechanism-response' });
    const access = await lead.call('codes:create', { name: 'Access', kind: 'mechanism-resource' });
    const a = await lead.call('coders:create', { name: 'Reviewer A' });
    const b = await lead.call('coders:create', { name: 'Reviewer B' });
    await lead.call('settings:setBlind', { blind: true });
    // Reviewer B highlights something in the shared project before packages are made.
    await lead.call('session:setCoder', { coderId: b.id });
    await lead.call('excerpts:highlightQuote', { documentId: project.docs.synthesis!, quote: 'A trusting relationship was the common thread.', note: 'B: early note' });
    await lead.call('session:setCoder', { name: 'Lead' });
    const pkgA = path.join(dir, 'for-a.realist');
    const pkgB = path.join(dir, 'for-b.realist');
    expect(await lead.call('packages:export', { coderId: a.id, path: pkgA })).toMatchObject({ coder: 'Reviewer A', blind: true });
    await lead.call('packages:export', { coderId: b.id, path: pkgB });
    return { dir, main, pkgA, pkgB, ids: { trust: trust.id, access: access.id, a: a.id, b: b.id }, docs: project.docs };
  } finally {
    lead.close();
  }
}

/** Each coder's work in their own package, on their own "machine" (config folder). */
async function codeInPackages(s: Setup): Promise<void> {
  const a = service(s.dir, s.pkgA);
  try {
    // The package knows whose it is: no need to choose.
    expect((await a.call('session:get', {})).coder?.name).toBe('Reviewer A');
    const h = await a.call('excerpts:highlightQuote', { documentId: s.docs.interview!, quote: 'She calls me back the same day' });
    await a.call('codings:add', { excerptId: h.excerptId, codeId: s.ids.trust });
    await a.call('cmocs:create', { label: 'A: trust', codes: [{ codeId: s.ids.trust, role: 'mechanism-response' }], evidence: [{ excerptId: h.excerptId, role: 'supports' }] });
    await a.call('codes:rename', { id: s.ids.access, name: 'Access (A)' });
    await a.call('codes:create', { name: 'Housing', kind: 'context' });
  } finally {
    a.close();
  }
  const b = service(s.dir, s.pkgB);
  try {
    expect((await b.call('session:get', {})).coder?.name).toBe('Reviewer B');
    const h = await b.call('excerpts:highlightQuote', { documentId: s.docs.interview!, quote: 'I still worry at night.' });
    const reliance = await b.call('codes:create', { name: 'Reliance', kind: 'mechanism-response' });
    await b.call('codings:add', { excerptId: h.excerptId, codeId: s.ids.trust });
    await b.call('codes:merge', { fromId: s.ids.trust, intoId: reliance.id });
    await b.call('codes:rename', { id: s.ids.access, name: 'Access (B)' });
    await b.call('codes:create', { name: 'Housing', kind: 'context' });
    await b.call('memos:create', { targetType: 'project', body: 'B: reliance, not trust.' });
  } finally {
    b.close();
  }
}

describe('coder packages', () => {
  it('leaves the other coders’ layers and all history out of a blind package', async () => {
    const s = await setup();
    const db = new Database(s.pkgA, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM excerpts WHERE coder_id = ?').get(s.ids.b)).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM actions').get()).toEqual({ n: 0 });
      // The note B wrote leaves no trace anywhere in the file's bytes.
      expect(fs.readFileSync(s.pkgA).includes(Buffer.from('B: early note'))).toBe(false);
      expect(db.prepare(`SELECT value FROM meta WHERE key = 'package_coder'`).get()).toEqual({ value: s.ids.a });
      expect((db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number }).n).toBe(2);
    } finally {
      db.close();
    }
    expect(fs.readFileSync(s.pkgB).includes(Buffer.from('B: early note'))).toBe(true);
  });

  it('merges two packages in either order into the same project, and merging again changes nothing', async () => {
    const s = await setup();
    await codeInPackages(s);
    const one = path.join(s.dir, 'one.realist');
    const two = path.join(s.dir, 'two.realist');
    fs.copyFileSync(s.main, one);
    fs.copyFileSync(s.main, two);

    const first = service(s.dir, one);
    let report;
    try {
      await first.call('session:setCoder', { name: 'Lead' });
      report = await first.call('packages:merge', { path: s.pkgA });
      expect(report).toMatchObject({ added: 5, alreadyMerged: 0, coders: ['Reviewer A'] });
      report = await first.call('packages:merge', { path: s.pkgB });
      expect(report.coders).toEqual(['Reviewer B']);
    } finally {
      first.close();
    }
    const second = service(s.dir, two);
    try {
      await second.call('session:setCoder', { name: 'Lead' });
      await second.call('packages:merge', { path: s.pkgB });
      await second.call('packages:merge', { path: s.pkgA });
    } finally {
      second.close();
    }
    expect(canonicalDump(two)).toEqual(canonicalDump(one));

    // What the lead must decide: the code renamed two ways went back to its name; the code
    // B merged away is still used by A; two codes are called "Housing".
    const check = service(s.dir, one);
    try {
      await check.call('session:setCoder', { name: 'Lead' });
      const conflicts = await check.call('conflicts:list', {});
      const rename = conflicts.find((c) => c.kind === 'column')!;
      expect(rename).toMatchObject({ table: 'codes', column: 'name', base: 'Access', versions: { [s.ids.a]: 'Access (A)', [s.ids.b]: 'Access (B)' }, status: 'open' });
      expect((await check.call('codes:list', {})).codes.find((c) => c.id === s.ids.access)!.name).toBe('Access');
      expect(conflicts.map((c) => c.kind).sort()).toEqual(['column', 'duplicate-name', 'uses-removed-code']);
      // Both coders' own work is in: A's CMOC, B's memo, both highlights.
      expect((await check.call('cmocs:list', {})).map((c) => c.label)).toEqual([]); // blind: the lead sees only the lead's layer
      await check.call('settings:setBlind', { blind: false });
      expect((await check.call('cmocs:list', {})).map((c) => [c.label, c.coder])).toEqual([['A: trust', 'Reviewer A']]);
      expect((await check.call('memos:list', { targetType: 'project' })).map((m) => m.body)).toEqual(['B: reliance, not trust.']);
      await check.call('settings:setBlind', { blind: true });

      // Merging the same package again changes nothing.
      const before = canonicalDump(one);
      expect(await check.call('packages:merge', { path: s.pkgA })).toMatchObject({ added: 0, alreadyMerged: 5 });
      expect(canonicalDump(one)).toEqual(before);

      // The lead settles the rename; it is an action like any other.
      const settled = await check.call('conflicts:resolve', { id: rename.id, value: 'Access to the nurse', note: 'Agreed at the meeting' });
      expect(settled).toMatchObject({ status: 'resolved', resolution: 'Agreed at the meeting' });
      expect((await check.call('codes:list', {})).codes.find((c) => c.id === s.ids.access)!.name).toBe('Access to the nurse');
    } finally {
      check.close();
    }
  });

  it('refuses a package of another project, and changes nothing', async () => {
    const s = await setup();
    const other = createCodingProject(s.dir, 'other.realist');
    const otherFile = other.store.path;
    other.store.close();
    const api = service(s.dir, s.main);
    try {
      await api.call('session:setCoder', { name: 'Lead' });
      const before = canonicalDump(s.main);
      const refused = await api.dispatch('packages:merge', { path: otherFile });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('can only be merged into the project it was made from') } });
      expect(canonicalDump(s.main)).toEqual(before);
    } finally {
      api.close();
    }
  });

  it('leaves the project as it was when the process is killed in the middle of a merge', async () => {
    const s = await setup();
    await codeInPackages(s);
    const before = canonicalDump(s.main);
    const script = path.resolve(__dirname, '../fixtures/crash-in-merge.ts');
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, s.main, s.pkgA], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toContain('MID-MERGE');
    const db = new Database(s.main);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(canonicalDump(s.main)).toEqual(before);
  });
});
