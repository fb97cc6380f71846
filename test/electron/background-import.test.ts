/**
 * Long work does not block the app: a large import runs on a worker thread with its own
 * connection, so the web bridge keeps answering other calls while it works, and a write that
 * finds the project locked answers PROJECT_LOCKED at once instead of waiting and failing as
 * INTERNAL. The worker's import is still ONE action of the change log by the session's coder,
 * so history:undo takes all of it back. Also: the import indexes its records for search in
 * bulk, and leaves the search trigger (and the change log's triggers) exactly as it found them.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_NAME_HEADER, startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/bridge/web-server';
import { createApiService, type ApiService } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import { importInBackground } from '../../electron/services/import/background-import';
import { importRecords } from '../../electron/services/import/import-service';
import { listLibrary } from '../../electron/services/import/library';
import { ProjectStore } from '../../electron/services/store/project-store';
import { requestSchemas } from '../../shared/api/contract';
import type { ProgressEvent } from '../../shared/domain/types';
import { apiAsCoder, asCoder } from '../helpers/coder';
import { fixture, HAVE_FIXTURES } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';

const ENDNOTE = 'ris/asreview_endnote_baseline_99rec_bom_crlf.ris';
const LABELS = 'ris/asreview_labels_in_N1_notes.ris';

const tempDir = useTempDir();
const servers: RunningWebServer[] = [];
const services: ApiService[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const s of services.splice(0)) s.close();
});

/** `copies` copies of the 100-record EndNote export in one RIS file (BOMs dropped). */
function bigRis(dir: string, copies: number): string {
  const text = fs.readFileSync(fixture(ENDNOTE), 'utf8').replace(/^\uFEFF/, '');
  const file = path.join(dir, `library-${copies * 99}.ris`);
  fs.writeFileSync(file, Array.from({ length: copies }, () => text).join('\r\n'));
  return file;
}

function post(s: RunningWebServer, channel: string, request: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: s.token } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(JSON.parse(body) as never));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ channel, request }));
  });
}

/** Sends a file as the page does (the bridge refuses paths from the page); returns its grant. */
function upload(s: RunningWebServer, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        method: 'POST',
        path: '/api/upload',
        headers: { 'Content-Type': 'application/octet-stream', [TOKEN_HEADER]: s.token, [FILE_NAME_HEADER]: encodeURIComponent(path.basename(file)) },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          const r = JSON.parse(body) as { ok: boolean; value?: { grant: string } };
          if (r.ok && r.value) resolve(r.value.grant);
          else reject(new Error(`upload refused: ${body}`));
        });
      },
    );
    req.on('error', reject);
    req.end(fs.readFileSync(file));
  });
}

/** Resolves with the first `progress` event whose label starts with `prefix`, read from the bridge's event stream. */
function waitForProgress(s: RunningWebServer, prefix: string): Promise<ProgressEvent> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: s.port, path: `/api/events?token=${s.token}` }, (res) => {
      let buffer = '';
      res.on('data', (c: Buffer) => {
        buffer += c.toString();
        for (const frame of buffer.split('\n\n').slice(0, -1)) {
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (!frame.startsWith('event: progress') || !data) continue;
          const p = JSON.parse(data) as ProgressEvent;
          if (p.label.startsWith(prefix)) {
            req.destroy();
            resolve(p);
            return;
          }
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      });
    });
    req.on('error', (e) => (e.message === 'socket hang up' ? undefined : reject(e)));
  });
}

describe.skipIf(!HAVE_FIXTURES)('long imports do not block the app', () => {
  it('answers other calls through the web bridge while a 6,000-record import runs, and they see the project as it was', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'static'));
    fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
    const events = new EventHub();
    const service = createApiService({ transport: 'web', configDir: dir, projectsDir: dir, appVersion: '1.0.0', emit: (e, p) => events.emit(e, p) });
    services.push(service);
    const server = await startWebServer({ service, events, staticDir: path.join(dir, 'static') });
    servers.push(server);
    expect(await post(server, 'project:create', { path: path.join(dir, 'big.realist') })).toMatchObject({ ok: true });
    expect(await post(server, 'session:setCoder', { name: 'Ana', create: true })).toMatchObject({ ok: true });
    const input = bigRis(dir, 60);

    const order: string[] = [];
    // Once the records are parsed, the import finds duplicates and stores them: the long part.
    const storing = waitForProgress(server, 'Finding duplicates');
    const grant = await upload(server, input);
    const importing = post(server, 'records:import', { grants: [grant] }).then((r) => {
      order.push('import');
      return r;
    });
    await storing;
    const [info, list] = await Promise.all([
      post(server, 'app:info', {}).then((r) => (order.push('app:info'), r)),
      post(server, 'records:list', {}).then((r) => (order.push('records:list'), r)),
    ]);
    expect(info).toMatchObject({ ok: true, value: { version: '1.0.0' } });
    // The import has not committed yet, so the library still reads as empty.
    expect(list).toMatchObject({ ok: true, value: { total: 0 } });
    const imported = await importing;
    expect(imported).toMatchObject({ ok: true, value: { imported: 6000, duplicates: 5900 } });
    // Both calls were answered before the import was.
    expect(order.indexOf('import')).toBe(2);
    // After the commit the app's own connection sees every record (one per work: duplicates are clustered, not hidden).
    expect(await post(server, 'records:list', {})).toMatchObject({ ok: true, value: { total: 6000 } });
    // The worker wrote one action, by the session's coder.
    const log = (await post(server, 'history:list', { entityType: 'import_batch' })) as { value: { total: number; actions: Array<{ coder: string; label: string; verb: string }> } };
    expect(log.value.total).toBe(1);
    expect(log.value.actions[0]).toMatchObject({ coder: 'Ana', verb: 'import', label: 'Import 6,000 records from library-5940.ris' });
  });

  it('relays the worker’s progress and gives the same summary as an import on this thread', async () => {
    const dir = tempDir();
    const input = bigRis(dir, 5);
    const here = ProjectStore.open(path.join(dir, 'here.realist'), { create: true });
    const away = ProjectStore.open(path.join(dir, 'away.realist'), { create: true });
    asCoder(here, 'Ben');
    const ben = asCoder(away, 'Ben');
    const progress: string[] = [];
    const a = importRecords(here, [{ name: 'lib.ris', path: input }], { label: 'lib' });
    const b = await importInBackground(away, [{ name: 'lib.ris', path: input }], { label: 'lib', background: true, onProgress: (p) => progress.push(p.label) });
    expect({ ...b, batch: null }).toEqual({ ...a, batch: null });
    expect(b).toMatchObject({ imported: 500, duplicates: 400 });
    expect(progress.at(-1)).toBe('Import finished');
    const titles = (s: ProjectStore) => listLibrary(s, requestSchemas['records:list'].parse({ limit: 500 })).items.map((r) => r.title);
    expect(titles(away)).toEqual(titles(here));
    // Both wrote one import action by Ben: the worker's connection opened it as store.act does.
    const imports = (st: ProjectStore) =>
      st.db.prepare("SELECT a.coder_id, a.status, (SELECT count(*) FROM action_changes c WHERE c.action_seq = a.seq AND c.tbl = 'records') AS records FROM actions a WHERE a.verb = 'import'").all();
    expect(imports(away)).toEqual([{ coder_id: ben, status: 'done', records: 500 }]);
    expect(imports(here)).toEqual(imports(away).map((r) => ({ ...(r as object), coder_id: (here.db.prepare("SELECT id FROM coders WHERE name = 'Ben'").get() as { id: string }).id })));
    expect((away.db.prepare('SELECT coder_id FROM import_batches').get() as { coder_id: string }).coder_id).toBe(ben);
    // Undo on the app's connection takes the worker's whole import back (records, batch, clusters), redo restores it.
    const count = (sql: string) => (away.db.prepare(sql).get() as { n: number }).n;
    expect(away.log.undo(ben)).toMatchObject({ applied: 'Import 500 records from lib', canRedo: true });
    expect([count('SELECT count(*) AS n FROM records'), count('SELECT count(*) AS n FROM import_batches'), count('SELECT count(*) AS n FROM duplicate_clusters')]).toEqual([0, 0, 0]);
    expect(away.log.redo(ben)).toMatchObject({ applied: 'Import 500 records from lib' });
    expect(titles(away)).toEqual(titles(here));
    here.close();
    away.close();
  });

  it('answers PROJECT_LOCKED at once when another connection holds the write lock, and still reads', async () => {
    const dir = tempDir();
    const service = createApiService({ transport: 'web', configDir: dir, projectsDir: dir, appVersion: '1.0.0' });
    services.push(service);
    const file = path.join(dir, 'locked.realist');
    await service.call('project:create', { path: file });
    await apiAsCoder(service);
    await service.call('records:import', { paths: [fixture(LABELS)] });
    const { items } = await service.call('records:list', { limit: 1 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const tagged = await service.dispatch('records:tag', { ids: [items[0]!.id], add: ['late'] });
      const waited = performance.now() - started;
      expect(tagged).toMatchObject({ ok: false, error: { code: 'PROJECT_LOCKED' } });
      expect((tagged as { error: { message: string } }).error.message).toMatch(/being written by another program/);
      expect(waited).toBeLessThan(4000); // the app waits 100 ms, not the 5 s the command line waits
      console.log(`[lock] a write on a locked project was refused after ${waited.toFixed(0)} ms`);
      expect(await service.dispatch('records:list', {})).toMatchObject({ ok: true, value: { total: 32 } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await service.dispatch('records:tag', { ids: [items[0]!.id], add: ['late'] })).toMatchObject({ ok: true, value: { updated: 1 } });
  });

  it('indexes the batch for search in bulk and restores the search trigger as it was', () => {
    const dir = tempDir();
    const store = ProjectStore.open(path.join(dir, 'fts.realist'), { create: true });
    asCoder(store);
    const triggerSql = () => (store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'records_fts_ai'").get() as { sql: string }).sql;
    const logTriggers = () => store.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'log\\_records\\_%' ESCAPE '\\' ORDER BY name").all();
    const before = triggerSql();
    const logBefore = logTriggers();
    expect(logBefore.map((t) => (t as { name: string }).name)).toEqual(['log_records_ad', 'log_records_ai', 'log_records_au']);
    importRecords(store, [{ name: 'endnote.ris', path: fixture(ENDNOTE) }]);
    importRecords(store, [{ name: 'labels.ris', path: fixture(LABELS) }]);
    expect(triggerSql()).toBe(before);
    expect(logTriggers()).toEqual(logBefore);
    // Every record was logged under its import (by key: records log their inserts lazily).
    expect(store.db.prepare("SELECT a.label, count(*) AS n FROM action_changes c JOIN actions a ON a.seq = c.action_seq WHERE c.tbl = 'records' GROUP BY a.seq ORDER BY a.seq").all()).toEqual([
      { label: 'Import 100 records from endnote.ris', n: 100 },
      { label: 'Import 32 records from labels.ris', n: 32 },
    ]);
    // FTS5's own check that the index matches its content table.
    expect(() => store.db.prepare("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    // One row of index statistics per indexed record: the batch's 100 and 32 records.
    expect((store.db.prepare('SELECT count(*) AS n FROM records_fts_docsize').get() as { n: number }).n).toBe(132);
    // A word found only in one record's abstract (not in any title) finds that record.
    const hits = listLibrary(store, requestSchemas['records:list'].parse({ query: 'overestimate' })).items;
    expect(hits.map((h) => h.title)).toEqual([expect.stringMatching(/^The Value of Radiologic Interventions and 18 F-DOPA PET/)]);
    store.close();
  });
});
