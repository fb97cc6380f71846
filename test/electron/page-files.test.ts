/**
 * The page never names a file: whoever holds the web bridge's token (or a compromised page)
 * used to read, create and overwrite any of the user's files through `records:import {paths}`,
 * `documents:attach`, `codes:import` and `coding:export`. Files now come from the user's own
 * choice: native dialogs (grants), uploads, and downloads for exports; project paths from the
 * page are limited to `.realist` files; the command line still passes any path.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_NAME_HEADER, startWebServer, TOKEN_HEADER, type RunningWebServer } from '../../electron/bridge/web-server';
import { createApiService, type ApiService, type HostServices } from '../../electron/services/api-service';
import { EventHub } from '../../electron/services/event-hub';
import { LOCAL_ONLY_PATHS, PAGE_PROJECT_PATHS } from '../../electron/services/files/page-paths';
import { CHANNELS, requestSchemas } from '../../shared/api/contract';
import { apiAsCoder } from '../helpers/coder';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

const RIS = ['TY  - JOUR', 'TI  - Case management for frequent users of emergency departments', 'AU  - Hudon, Catherine', 'PY  - 2016', 'DO  - 10.1370/afm.1932', 'ER  - ', ''].join('\n');
const CODEBOOK_CSV = 'name,kind\nPoor access to a family physician,context\nTrust in the case manager,mechanism-response\n';

async function setup(host?: HostServices) {
  const dir = tempDir();
  const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: path.join(dir, 'projects'), appVersion: 't', ...(host ? { host } : {}) });
  const project = path.join(dir, 'review.realist');
  await api.call('project:create', { path: project, name: 'Review' });
  await apiAsCoder(api);
  const secret = path.join(dir, 'secret.ris');
  fs.writeFileSync(secret, RIS);
  return { dir, api, project, secret };
}

const web = { transport: 'web' } as const;
const ipc = { transport: 'ipc' } as const;

describe('paths from the page', () => {
  it('are refused for reading and writing files, on both page transports, and work from the command line', async () => {
    const { dir, api, secret } = await setup();
    const out = path.join(dir, 'out.csv');
    for (const call of [web, ipc]) {
      for (const [channel, request] of [
        ['records:import', { paths: [secret] }],
        ['documents:attach', { paths: [secret] }],
        ['codes:import', { path: secret }],
        ['coding:export', { what: 'cmocs', format: 'csv', path: out }],
      ] as const) {
        const r = await api.dispatch(channel, request, call);
        expect(r, `${channel} over ${call.transport}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(fs.existsSync(out)).toBe(false);
    expect((await api.call('records:list', {})).total).toBe(0);
    // Without a transport the dispatcher assumes a page.
    expect(await api.dispatch('records:import', { paths: [secret] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The command line (in-process `call`) is the user at their shell.
    expect((await api.call('records:import', { paths: [secret] })).imported).toBe(1);
    expect((await api.call('coding:export', { what: 'cmocs', format: 'csv', path: out })).path).toBe(out);
    api.close();
  });

  it('may create and open only .realist files, create only where nothing exists, open only existing files', async () => {
    const { dir, api, project } = await setup();
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'my notes');
    const link = path.join(dir, 'evil.realist');
    fs.symlinkSync(notes, link);

    const open = (p: string) => api.dispatch('project:open', { path: p }, web);
    const create = (p: string) => api.dispatch('project:create', { path: p }, web);
    expect(await open(notes)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await open(link)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await open('review.realist')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await open(path.join(dir, 'missing.realist'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await open(project)).toMatchObject({ ok: true, value: { name: 'Review' } });

    expect(await create(project)).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    expect(await create(link)).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    expect(await create(path.join(dir, 'no', 'such', 'folder', 'x.realist'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fs.existsSync(path.join(dir, 'no'))).toBe(false);
    expect(await api.dispatch('demo:open', { path: project }, web)).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    // A name without the extension gets it, so an existing file is never the target.
    const made = await create(notes);
    expect(made).toMatchObject({ ok: true, value: { path: `${notes}.realist` } });
    expect(fs.readFileSync(notes, 'utf8')).toBe('my notes');
    // Coder packages follow the same rules: a new .realist file out, an existing one in.
    expect(await api.dispatch('packages:export', { coderId: 'x', path: notes }, web)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await api.dispatch('packages:export', { coderId: 'x', path: project }, web)).toMatchObject({ ok: false, error: { code: 'FILE_EXISTS' } });
    expect(await api.dispatch('packages:merge', { path: link }, web)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fs.readFileSync(notes, 'utf8')).toBe('my notes');
    // The projects folder is the one folder the page may have made (the suggested place).
    expect(await create(path.join(dir, 'projects', 'First.realist'))).toMatchObject({ ok: true });
    api.close();
  });

  it('opens a recent project by its id', async () => {
    const { api, project } = await setup();
    await api.call('project:close', {});
    const [entry] = await api.call('project:recent', {});
    expect(entry).toMatchObject({ path: project, id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(await api.dispatch('project:openRecent', { id: entry!.id }, web)).toMatchObject({ ok: true, value: { path: project } });
    expect(await api.dispatch('project:openRecent', { id: '0123456789abcdef' }, web)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    api.close();
  });

  it('every path field of the contract is either command-line only or a limited project path', () => {
    const pathFields: string[] = [];
    for (const channel of CHANNELS) {
      const shape = (requestSchemas[channel] as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const key of Object.keys(shape)) if (/^paths?$/i.test(key)) pathFields.push(`${channel} ${key}`);
    }
    expect(pathFields.length).toBeGreaterThanOrEqual(8);
    for (const field of pathFields) {
      const [channel, key] = field.split(' ') as [keyof typeof LOCAL_ONLY_PATHS, string];
      const covered = LOCAL_ONLY_PATHS[channel] === key || (key === 'path' && PAGE_PROJECT_PATHS[channel] !== undefined);
      expect(covered, `${field} is not covered by the page path rules`).toBe(true);
    }
  });
});

describe('files the user chose in a native dialog (grants)', () => {
  it('import what the dialog returned, once, and write an export where the save dialog said', async () => {
    const chosen: string[][] = [];
    const host: HostServices = {
      async pickPath({ mode, kind, multiple }) {
        chosen.push([mode, kind, String(multiple)]);
        return mode === 'save' ? [path.join(dirOf.dir, 'chosen.csv')] : [dirOf.secret];
      },
    };
    const dirOf = { dir: '', secret: '' };
    const { dir, api, secret } = await setup(host);
    Object.assign(dirOf, { dir, secret });

    const picked = await api.dispatch('host:pickPath', { mode: 'open', kind: 'records', multiple: true }, ipc);
    expect(picked).toMatchObject({ ok: true, value: { files: [{ name: 'secret.ris', path: secret, grant: expect.any(String) }] } });
    const grant = (picked as { value: { files: Array<{ grant: string }> } }).value.files[0]!.grant;
    const imported = await api.dispatch('records:import', { grants: [grant] }, ipc);
    expect(imported).toMatchObject({ ok: true, value: { imported: 1, formats: { [secret]: 'ris' } } });
    expect(await api.dispatch('records:import', { grants: [grant] }, ipc)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fs.existsSync(secret)).toBe(true); // a chosen file is the user's: never removed

    // A file chosen to read cannot be written, and the reverse.
    const readGrant = ((await api.dispatch('host:pickPath', { mode: 'open', kind: 'records' }, ipc)) as { value: { files: Array<{ grant: string }> } }).value.files[0]!.grant;
    expect(await api.dispatch('coding:export', { what: 'cmocs', format: 'csv', grant: readGrant }, ipc)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const target = path.join(dir, 'chosen.csv');
    fs.writeFileSync(target, 'old');
    const saveGrant = ((await api.dispatch('host:pickPath', { mode: 'save', kind: 'export', suggestedName: 'x.csv' }, ipc)) as { value: { files: Array<{ grant: string }> } }).value.files[0]!.grant;
    expect(await api.dispatch('records:import', { grants: [saveGrant] }, ipc)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const saveGrant2 = ((await api.dispatch('host:pickPath', { mode: 'save', kind: 'export' }, ipc)) as { value: { files: Array<{ grant: string }> } }).value.files[0]!.grant;
    // The save dialog asked before replacing: its grant carries the consent.
    const exported = await api.dispatch('coding:export', { what: 'codebook', format: 'csv', grant: saveGrant2 }, ipc);
    expect(exported).toMatchObject({ ok: true, value: { path: target, fileName: 'chosen.csv', downloadId: null } });
    expect(fs.readFileSync(target, 'utf8').startsWith('id,parent_id,path,kind,name')).toBe(true);
    expect(chosen).toEqual([
      ['open', 'records', 'true'],
      ['open', 'records', 'false'],
      ['save', 'export', 'false'],
      ['save', 'export', 'false'],
    ]);
    api.close();
  });
});

describe('uploads and downloads (the browser build)', () => {
  function request(s: RunningWebServer, options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: s.port, method: options.method, path: options.path, headers: { [TOKEN_HEADER]: s.token, ...options.headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(options.body);
    });
  }
  const upload = async (s: RunningWebServer, name: string, text: string) => {
    const r = await request(s, { method: 'POST', path: '/api/upload', headers: { [FILE_NAME_HEADER]: encodeURIComponent(name) }, body: text });
    expect(r.status).toBe(200);
    return (JSON.parse(r.body.toString()) as { value: { grant: string; name: string; bytes: number } }).value;
  };
  const invoke = async (s: RunningWebServer, channel: string, req: unknown) =>
    JSON.parse((await request(s, { method: 'POST', path: '/api/invoke', body: JSON.stringify({ channel, request: req }) })).body.toString()) as { ok: boolean; value: never; error: { code: string } };

  it('imports, attaches and reads a codebook from uploads, removing each upload once used', async () => {
    const { api } = await setup();
    const events = new EventHub();
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), 'x');
    const s = await startWebServer({ service: api as ApiService, events, staticDir: dir });
    try {
      const ris = await upload(s, 'scopus export.ris', RIS);
      expect(ris).toMatchObject({ name: 'scopus export.ris', bytes: Buffer.byteLength(RIS) });
      const folder = api.files.uploadFolder!;
      expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
      expect(fs.readdirSync(folder)).toEqual([ris.grant]);
      expect(await invoke(s, 'records:import', { grants: [ris.grant] })).toMatchObject({ ok: true, value: { imported: 1, formats: { 'scopus export.ris': 'ris' } } });
      expect(fs.readdirSync(folder)).toEqual([]);
      expect(await invoke(s, 'records:import', { grants: [ris.grant] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

      const txt = await upload(s, 'interview-07.txt', 'Patient: the nurse calls me back.');
      expect(await invoke(s, 'documents:attach', { grants: [txt.grant] })).toMatchObject({ ok: true, value: { attached: [{ file: 'interview-07.txt', status: 'ok' }], errors: [] } });
      const csv = await upload(s, 'codebook.csv', CODEBOOK_CSV);
      expect(await invoke(s, 'codes:import', { grant: csv.grant })).toMatchObject({ ok: true, value: { created: 2 } });
    } finally {
      await s.close();
      api.close();
    }
    // Closing the service removes the upload folder.
    expect(api.files.uploadFolder).toBeNull();
  });

  it('hands an export to the page as a download, once', async () => {
    const { api } = await setup();
    await api.call('codes:create', { name: 'Trust in the case manager', kind: 'mechanism-response' });
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), 'x');
    const s = await startWebServer({ service: api, events: new EventHub(), staticDir: dir });
    try {
      const r = await invoke(s, 'coding:export', { what: 'codebook', format: 'csv' });
      expect(r).toMatchObject({ ok: true, value: { path: null, fileName: 'Review - codebook.csv', rows: 1, downloadId: expect.any(String) } });
      const id = (r.value as { downloadId: string }).downloadId;
      expect((await request(s, { method: 'GET', path: `/api/download?id=${id}`, headers: { [TOKEN_HEADER]: 'wrong' } })).status).toBe(401);
      const got = await request(s, { method: 'GET', path: `/api/download?id=${id}` });
      expect(got.status).toBe(200);
      expect(got.headers['content-disposition']).toBe("attachment; filename*=UTF-8''Review%20-%20codebook.csv");
      expect(got.body.toString('utf8')).toContain('Trust in the case manager');
      expect((await request(s, { method: 'GET', path: `/api/download?id=${id}` })).status).toBe(404);
    } finally {
      await s.close();
      api.close();
    }
  });
});

