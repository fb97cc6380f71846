/**
 * The renderer's web transport: it takes the token from the address once, hides it, sends it
 * with every call, and turns a dead server into an error the UI can show.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

beforeEach(() => {
  vi.resetModules();
  sessionStorage.clear();
  window.history.replaceState(null, '', '/?token=s3cret-token');
});
afterEach(() => vi.unstubAllGlobals());

describe('the browser build talking to the web bridge', () => {
  it('sends the token from the URL with each call and removes it from the address bar', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ ok: true, value: { version: '1', schemaVersion: 2, transport: 'web' } })));
    vi.stubGlobal('fetch', fetchMock);
    const { api } = await import('../../renderer/src/api');
    expect(window.location.search).toBe('');
    expect(api.transport).toBe('web');
    const info = await api.call('app:info', {});
    expect(info.schemaVersion).toBe(2);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('./api/invoke');
    expect((init.headers as Record<string, string>)['x-realist-token']).toBe('s3cret-token');
    expect(JSON.parse(init.body as string)).toEqual({ channel: 'app:info', request: {} });
  });

  it('raises the error code and message the services sent', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'NO_PROJECT', message: 'No project is open.' } }))));
    const { api, ApiCallError } = await import('../../renderer/src/api');
    const err = await api.call('records:list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as InstanceType<typeof ApiCallError>).code).toBe('NO_PROJECT');
  });

  it('reports a server that stopped answering as an IO error, not a crash', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const { api } = await import('../../renderer/src/api');
    const r = await api.result('project:current', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'IO' } });
    // It names no command the user may not have run (`npm start` also serves the page).
    expect(r.ok ? '' : r.error.message).toContain('Is the terminal that started it still running?');
    expect(r.ok ? '' : r.error.message).not.toContain('realist serve');
  });

  it('knows when the page was opened without its token, and tells listeners when the server refuses it', async () => {
    window.history.replaceState(null, '', '/');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong access key.' } }), { status: 401 })));
    const { api } = await import('../../renderer/src/api');
    expect(api.missingToken).toBe(true);
    let told = 0;
    api.onUnauthorized(() => told++);
    const r = await api.result('app:info', {});
    expect(told).toBe(1);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('ends in ?token=') } });
  });

  it('explains a locked project in words, whatever screen asked', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'PROJECT_LOCKED', message: 'p.realist is being written by another program' } }))));
    const { api } = await import('../../renderer/src/api');
    expect(api.missingToken).toBe(false);
    const r = await api.result('codes:create', { name: 'x', kind: 'context' });
    expect(r.ok ? '' : r.error.message).toBe(
      'The project is in use by another program or another Realist Workbench window, so this was not saved. Wait a moment and try again; if it keeps happening, close the other program or window.',
    );
  });

  it('uploads chosen files to the bridge and passes their grants, never a path', async () => {
    const fetchMock = vi.fn(async (url: string, init: RequestInit) =>
      url === './api/upload'
        ? new Response(JSON.stringify({ ok: true, value: { grant: `g-${(init.headers as Record<string, string>)['x-realist-file-name']}`, name: 'x', bytes: 3 } }))
        : new Response('{}'),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { api } = await import('../../renderer/src/api');
    const parts = await api.prepareFiles([new File(['TY  - JOUR'], 'scopus export.ris'), new File(['%PDF-1.7'], 'Datta 2010.pdf')]);
    expect(parts).toEqual({ grants: ['g-scopus%20export.ris', 'g-Datta%202010.pdf'] });
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['x-realist-token']).toBe('s3cret-token');
    expect(init.body).toBeInstanceOf(File);
  });

  it('refuses a file larger than an upload may be before sending it', async () => {
    const fetchMock = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', fetchMock);
    const { api } = await import('../../renderer/src/api');
    const huge = new File(['x'], 'scan.pdf');
    Object.defineProperty(huge, 'size', { value: 300 * 1024 * 1024 });
    await expect(api.prepareFiles([huge])).rejects.toMatchObject({ code: 'TOO_LARGE', message: 'scan.pdf is 300 MB; files up to 200 MB can be added.' });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('downloads an export with the token and saves it under its name', async () => {
    const fetchMock = vi.fn(async (url: string, _init: RequestInit) =>
      url === './api/invoke'
        ? new Response(JSON.stringify({ ok: true, value: { path: null, fileName: 'Review - cmocs.csv', bytes: 12, rows: 2, downloadId: 'dl1' } }))
        : new Response('CMOC,Statement', { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { api } = await import('../../renderer/src/api');
    const r = await api.saveExport('cmocs', 'csv', 'Review - cmocs.csv');
    expect(r).toEqual({ where: 'Review - cmocs.csv', bytes: 12, rows: 2 });
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body as string)).toEqual({ channel: 'coding:export', request: { what: 'cmocs', format: 'csv', fileName: 'Review - cmocs.csv' } });
    expect(fetchMock.mock.calls[1]![0]).toBe('./api/download?id=dl1');
    expect((fetchMock.mock.calls[1]![1].headers as Record<string, string>)['x-realist-token']).toBe('s3cret-token');
    expect(clicked).toEqual(['Review - cmocs.csv']);
    click.mockRestore();
  });

  it('fetches a document’s bytes as binary from /blob/<id>, with the token, not as base64 JSON', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]); // "%PDF-1.7"
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(pdf, { headers: { 'Content-Type': 'application/pdf' } }));
    vi.stubGlobal('fetch', fetchMock);
    const { api } = await import('../../renderer/src/api');
    const id = '00000000-0000-4000-8000-000000000001';
    const got = await api.call('documents:bytes', { id });
    expect(got.mime).toBe('application/pdf');
    expect([...got.bytes]).toEqual([...pdf]);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`./blob/${id}`);
    expect((init.headers as Record<string, string>)['x-realist-token']).toBe('s3cret-token');
    expect(init.method ?? 'GET').toBe('GET');
  });

  it('raises the error the blob route answered with', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'No document x in this project.' } }), { status: 404 })));
    const { api } = await import('../../renderer/src/api');
    expect(await api.result('documents:bytes', { id: '00000000-0000-4000-8000-000000000001' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
