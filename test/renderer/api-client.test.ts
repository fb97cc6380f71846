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
    expect(r.ok ? '' : r.error.message).toContain('realist serve');
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
