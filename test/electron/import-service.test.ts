import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../electron/services/api-service';
import { importRecords } from '../../electron/services/import/import-service';
import { allRecords, getRecord, listBatches, listLibrary, listTags, setBatchWithdrawn, tagRecords } from '../../electron/services/import/library';
import { dismissCluster, listClusters, mergeCluster, splitCluster } from '../../electron/services/import/clusters';
import { ProjectStore } from '../../electron/services/store/project-store';
import { requestSchemas } from '../../shared/api/contract';
import type { ProgressEvent } from '../../shared/domain/types';
import { fixture, HAVE_FIXTURES, REPO_ROOT } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';
import { apiAsCoder, asCoder } from '../helpers/coder';

const ENDNOTE = 'ris/asreview_endnote_baseline_99rec_bom_crlf.ris';
const ZOTERO = 'ris/asreview_zotero_baseline_99rec_crlf.ris';
const LABELS = 'ris/asreview_labels_in_N1_notes.ris';

const tempDir = useTempDir();

function newProject(): ProjectStore {
  const store = ProjectStore.open(path.join(tempDir(), 'p.realist'), { create: true });
  asCoder(store);
  return store;
}

function list(store: ProjectStore, req: Record<string, unknown> = {}) {
  return listLibrary(store, requestSchemas['records:list'].parse(req));
}

describe.skipIf(!HAVE_FIXTURES)('importing records into a project file', () => {
  it('stores every record of two exports of the same library and clusters each pair by DOI', () => {
    const store = newProject();
    const s = importRecords(store, [
      { name: 'endnote.ris', path: fixture(ENDNOTE) },
      { name: 'zotero.ris', path: fixture(ZOTERO) },
    ]);
    expect(s).toMatchObject({ imported: 200, duplicates: 100, skipped: 0, errors: [], formats: { 'endnote.ris': 'ris', 'zotero.ris': 'ris' } });
    expect(store.counts().records).toBe(200);
    const first = allRecords(store)[0]!;
    expect(first.title).toMatch(/^The Value of Radiologic Interventions and 18 F-DOPA PET/);
    expect(first.authors[0]).toEqual({ family: 'Blomberg', given: 'Björn A.' });
    expect(first.source).toEqual({ file: 'endnote.ris', line: 1, format: 'ris' });
    const detail = getRecord(store, first.id);
    expect(detail.year).toBe(2012);
    expect(detail.doi).toBe('10.1007/s11307-012-0572-0');
    expect(detail.raw).toMatch(/^TY {2}- JOUR/);
    expect(detail.cluster).toMatchObject({ reason: 'doi', score: 1, status: 'open' });
    expect(detail.cluster!.otherIds).toHaveLength(1);
    expect(getRecord(store, detail.cluster!.otherIds[0]!).source.file).toBe('zotero.ris');
    const clusters = listClusters(store, 'open', 0, 1000);
    expect(clusters.total).toBe(100);
    expect(clusters.clusters.every((c) => c.records.length === 2 && c.reason === 'doi')).toBe(true);
    expect(list(store, { duplicatesOnly: true }).total).toBe(200);
    store.close();
  });

  it('finds duplicates against records already in the project, joining their clusters', () => {
    const store = newProject();
    importRecords(store, [{ name: 'a.ris', path: fixture(ENDNOTE) }]);
    const again = importRecords(store, [{ name: 'b.ris', path: fixture(ZOTERO) }]);
    expect(again).toMatchObject({ imported: 100, duplicates: 100 });
    const third = importRecords(store, [{ name: 'c.ris', path: fixture(ENDNOTE) }]);
    expect(third.duplicates).toBe(100);
    const clusters = listClusters(store, 'open', 0, 1000);
    expect(clusters.total).toBe(100);
    expect(clusters.clusters.every((c) => c.records.length === 3)).toBe(true);
    store.close();
  });

  it('finds every included study of a real review again in its full-text screening export', () => {
    const store = newProject();
    const screening = importRecords(store, [{ name: 'fulltext.ris', path: fixture('ris/wilson_AppenzellerHerzog2020_fulltext-screening_endnote_bom_crlf.ris') }]);
    expect(screening.imported).toBe(174);
    const included = importRecords(store, [{ name: 'included.ris', path: fixture('ris/wilson_AppenzellerHerzog2020_included_zotero_mixed_eol.ris') }]);
    // The 26 included studies, re-exported through Zotero, all come from the screened set.
    expect(included).toMatchObject({ imported: 26, duplicates: 26, errors: [] });
    const clusters = listClusters(store, 'open', 0, 1000).clusters.filter((c) => c.records.some((r) => r.source.file === 'included.ris'));
    expect(clusters).toHaveLength(26);
    for (const c of clusters) expect(c.records.some((r) => r.source.file === 'fulltext.ris')).toBe(true);
    store.close();
  });

  it('reports an unreadable and a non-bibliographic file and still imports the others', () => {
    const store = newProject();
    const s = importRecords(store, [
      { name: 'missing.ris', path: path.join(tempDir(), 'missing.ris') },
      { name: 'README.md', path: fixture('README.md') },
      { name: 'labels.ris', path: fixture(LABELS) },
    ]);
    expect(s.imported).toBe(32);
    expect(s.formats).toEqual({ 'labels.ris': 'ris' });
    expect(s.errors).toEqual([
      { file: 'missing.ris', line: 0, message: 'File not found.' },
      { file: 'README.md', line: 1, message: expect.stringMatching(/^Not a bibliographic file/) },
    ]);
    expect(listBatches(store)[0]!.files).toEqual([
      { file: 'missing.ris', format: null, records: 0, errors: 1 },
      { file: 'README.md', format: null, records: 0, errors: 1 },
      { file: 'labels.ris', format: 'ris', records: 32, errors: 0 },
    ]);
    store.close();
  });

  it('stores nothing and returns no batch when no file gives records', () => {
    const store = newProject();
    const s = importRecords(store, [{ name: 'README.md', path: fixture('README.md') }]);
    expect(s).toMatchObject({ batch: null, imported: 0 });
    expect(listBatches(store)).toEqual([]);
    store.close();
  });

  it('filters, searches, sorts and pages the library', () => {
    const store = newProject();
    importRecords(store, [{ name: 'labels.ris', path: fixture(LABELS) }]);
    expect(list(store, { decision: 'included' }).total).toBe(10);
    expect(list(store, { decision: 'excluded' }).total).toBe(10);
    expect(list(store, { decision: 'none' }).total).toBe(12);
    importRecords(store, [{ name: 'endnote.ris', path: fixture(ENDNOTE) }]);
    const byYear = list(store, { sort: { field: 'year', dir: 'desc' }, limit: 200 }).items;
    const years = byYear.map((r) => r.year).filter((y): y is number => y !== null);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const page1 = list(store, { limit: 10 }).items.map((r) => r.id);
    const page2 = list(store, { offset: 10, limit: 10 }).items.map((r) => r.id);
    expect(new Set([...page1, ...page2]).size).toBe(20);
    const all = list(store, { limit: 200 });
    expect(all.total).toBe(132);
    const target = all.items.find((r) => /hyperinsulinism/i.test(r.title));
    expect(target).toBeDefined();
    const found = list(store, { query: 'hyperinsulin' });
    expect(found.items.map((r) => r.id)).toContain(target!.id);
    expect(found.total).toBeLessThan(all.total);
    expect(list(store, { query: 'Blomberg' }).items.map((r) => r.id)).toContain(target!.id);
    const y = target!.year!;
    expect(list(store, { yearFrom: y, yearTo: y }).items.every((r) => r.year === y)).toBe(true);
    store.close();
  });

  it('tags records in bulk and filters by tag', () => {
    const store = newProject();
    importRecords(store, [{ name: 'labels.ris', path: fixture(LABELS) }]);
    const ids = list(store, { decision: 'included' }).items.map((r) => r.id);
    expect(tagRecords(store, ids, ['realist', 'round 1'])).toEqual({ updated: 10 });
    expect(tagRecords(store, ids.slice(0, 4), [], ['round 1'])).toEqual({ updated: 4 });
    expect(listTags(store)).toEqual([
      { tag: 'realist', count: 10 },
      { tag: 'round 1', count: 6 },
    ]);
    expect(list(store, { tag: 'round 1' }).total).toBe(6);
    expect(getRecord(store, ids[0]!).tags).toEqual(['realist']);
    store.close();
  });

  it('undoes an import through the change log and redoes it, records, clusters and tags alike', () => {
    const store = newProject();
    importRecords(store, [{ name: 'a.ris', path: fixture(ENDNOTE) }]);
    const b = importRecords(store, [{ name: 'b.ris', path: fixture(ZOTERO) }]);
    const ids = list(store, { batchId: b.batch!, limit: 1000 }).items.map((r) => r.id);
    tagRecords(store, ids.slice(0, 3), ['check']);
    const snapshot = () => ({
      records: store.db.prepare('SELECT id, title, tags, cluster_id FROM records ORDER BY id').all(),
      clusters: store.db.prepare('SELECT id, status FROM duplicate_clusters ORDER BY id').all(),
    });
    const full = snapshot();
    expect(store.log.undo(store.requireCoder()).applied).toMatch(/^Tags: add "check" on 3 records$/);
    expect(store.log.undo(store.requireCoder()).applied).toBe('Import 100 records from b.ris');
    // The second import is gone row by row (not hidden): its 100 records, their clusters, their search rows.
    expect(store.counts().records).toBe(100);
    expect((store.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(100);
    expect(listClusters(store, 'open', 0, 100).total).toBe(0);
    expect((store.db.prepare("SELECT count(*) AS n FROM records_fts WHERE records_fts MATCH 'the'").get() as { n: number }).n).toBeLessThanOrEqual(100);
    store.log.redo(store.requireCoder());
    store.log.redo(store.requireCoder());
    expect(snapshot()).toEqual(full);
    // And it survives closing the project: undo after reopening takes the tags off again.
    const file = store.path;
    store.close();
    const again = ProjectStore.open(file);
    asCoder(again);
    expect(again.log.state()).toMatchObject({ canUndo: true, undoLabel: 'Tags: add "check" on 3 records' });
    again.log.undo(again.requireCoder());
    expect((again.db.prepare(`SELECT count(*) AS n FROM records WHERE tags LIKE '%check%'`).get() as { n: number }).n).toBe(0);
    again.close();
  });

  it('withdraws and restores a whole import batch', () => {
    const store = newProject();
    importRecords(store, [{ name: 'a.ris', path: fixture(ENDNOTE) }]);
    const b = importRecords(store, [{ name: 'b.ris', path: fixture(ZOTERO) }]);
    expect(store.counts().records).toBe(200);
    const undone = setBatchWithdrawn(store, b.batch!, true);
    expect(undone.undoneAt).not.toBeNull();
    expect(undone.records).toBe(100);
    expect(store.counts().records).toBe(100);
    expect(list(store).total).toBe(100);
    expect(list(store, { batchId: b.batch! }).total).toBe(0);
    // The undone batch's records no longer count as duplicates of anything.
    expect(listClusters(store, 'open', 0, 100).total).toBe(0);
    setBatchWithdrawn(store, b.batch!, false);
    expect(store.counts().records).toBe(200);
    expect(listClusters(store, 'open', 0, 100).total).toBe(100);
    expect(() => setBatchWithdrawn(store, b.batch!, false)).toThrow(/not withdrawn/);
    store.close();
  });

  it('merges, splits and dismisses duplicate clusters', () => {
    const store = newProject();
    importRecords(store, [{ name: 'e.ris', path: fixture(ENDNOTE) }, { name: 'z.ris', path: fixture(ZOTERO) }, { name: 'e2.ris', path: fixture(ENDNOTE) }]);
    const [c1, c2, c3] = listClusters(store, 'open', 0, 3).clusters;
    const [keep, other, third] = c1!.records;
    tagRecords(store, [other!.id], ['from zotero']);
    const merged = mergeCluster(store, c1!.id, keep!.id, { journal: other!.id });
    expect(merged.cluster.status).toBe('merged');
    const kept = getRecord(store, keep!.id);
    expect(kept.journal).toBe(other!.journal);
    expect(kept.tags).toEqual(['from zotero']);
    expect(getRecord(store, third!.id).mergedInto).toBe(keep!.id);
    expect(store.counts().records).toBe(300);
    expect(list(store).total).toBe(298);

    const split = splitCluster(store, c2!.id, [c2!.records[2]!.id]);
    expect(split.cluster!.records).toHaveLength(2);
    expect(getRecord(store, c2!.records[2]!.id).cluster).toBeNull();
    expect(splitCluster(store, c2!.id, [c2!.records[0]!.id]).cluster).toBeNull();

    expect(dismissCluster(store, c3!.id).cluster.status).toBe('dismissed');
    expect(listClusters(store, 'open', 0, 1000).total).toBe(97);
    expect(() => mergeCluster(store, c3!.id, c3!.records[0]!.id)).toThrow(/already dismissed/);
    store.close();
  });

  it('runs through the API service: uploaded bytes, progress events, validation', async () => {
    const events: ProgressEvent[] = [];
    const dir = tempDir();
    const api = createApiService({
      transport: 'web',
      configDir: path.join(dir, 'config'),
      projectsDir: dir,
      appVersion: 'test',
      emit: (event, payload) => {
        if (event === 'progress') events.push(payload as ProgressEvent);
      },
    });
    await api.call('project:create', { path: path.join(dir, 'api.realist') });
    await apiAsCoder(api);
    const contentBase64 = fs.readFileSync(fixture(LABELS)).toString('base64');
    const s = await api.call('records:import', { files: [{ name: 'labels.ris', contentBase64 }] });
    expect(s).toMatchObject({ imported: 32, duplicates: 0, formats: { 'labels.ris': 'ris' } });
    expect(events.at(-1)).toMatchObject({ finished: true, done: 32, total: 32 });
    expect(new Set(events.map((e) => e.taskId)).size).toBe(1);
    const page = await api.call('records:list', { decision: 'included', sort: { field: 'title', dir: 'asc' } });
    expect(page.total).toBe(10);
    const bad = await api.dispatch('records:import', { paths: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    api.close();
  });

  it('leaves the project as it was when the import is killed mid-transaction', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'killed.realist');
    ProjectStore.open(file, { create: true }).close();
    // 1,500 records, so the transaction reports progress (every 1,000 rows) before it commits.
    const big = path.join(dir, 'big.ris');
    const text = fs.readFileSync(fixture(ENDNOTE));
    fs.writeFileSync(big, Buffer.concat(Array.from({ length: 15 }, () => text)));
    const child = spawn(process.execPath, ['-e', "require('tsx/cjs/api').register(); require(process.argv[1])", path.join(__dirname, 'helpers', 'import-child.ts'), file, big], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const outcome = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('MID-TRANSACTION')) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', (_code, signal) => resolve(`${signal ?? 'exit'} ${out.trim()}`));
    });
    expect(outcome, stderr).toBe('SIGKILL MID-TRANSACTION');
    const store = ProjectStore.open(file); // runs the integrity check on open
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.counts().records).toBe(0);
    expect(listBatches(store)).toEqual([]);
    expect((store.db.prepare('SELECT count(*) AS n FROM duplicate_clusters').get() as { n: number }).n).toBe(0);
    store.close();
  }, 30_000);
});
