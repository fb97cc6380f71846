/**
 * The renderer's one door to the services. In Electron the preload exposes `window.realist`;
 * in a browser the same `RealistBridge` is built over fetch and server-sent events against the
 * local web bridge. Components call `api.call(...)` (throws `ApiCallError`) or
 * `api.result(...)` (returns the `Result`), and never know which transport answered.
 */
import type { RealistBridge } from '../../shared/api/bridge';
import { EVENT_NAMES, type ApiEvents, type ApiRequest, type ApiResponse, type Channel, type EventName } from '../../shared/api/contract';
import type { ApiError, ErrorCode, Result } from '../../shared/api/errors';

declare global {
  interface Window {
    realist?: RealistBridge;
  }
}

const TOKEN_KEY = 'realist-token';
const TOKEN_HEADER = 'x-realist-token';

export class ApiCallError extends Error {
  readonly code: ErrorCode;
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
  }
}

/** Takes the token from `?token=` once, keeps it for this tab, and removes it from the address bar. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function createWebBridge(): RealistBridge {
  const token = takeToken();

  /** `documents:bytes` over the bridge's binary route: the file as the body, not base64 in JSON. */
  const fetchBytes = async (id: string): Promise<Result<ApiResponse<'documents:bytes'>>> => {
    const res = await fetch(`./blob/${encodeURIComponent(id)}`, { headers: { [TOKEN_HEADER]: token } });
    if (!res.ok) return (await res.json()) as Result<never>;
    return { ok: true, value: { mime: res.headers.get('Content-Type') ?? 'application/octet-stream', bytes: new Uint8Array(await res.arrayBuffer()) } };
  };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureSource = () => {
    if (source || !token) return;
    source = new EventSource(`./api/events?token=${encodeURIComponent(token)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (ev) => {
        const payload = JSON.parse((ev as MessageEvent<string>).data) as unknown;
        listeners.get(name)?.forEach((l) => l(payload));
      });
    }
  };

  return {
    transport: 'web',
    async invoke(channel, request) {
      try {
        if (channel === 'documents:bytes') return (await fetchBytes((request as ApiRequest<'documents:bytes'>).id)) as Result<never>;
        const res = await fetch('./api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify({ channel, request }),
        });
        return (await res.json()) as Result<never>;
      } catch (e) {
        return { ok: false, error: { code: 'IO', message: `The Realist Workbench server is not answering (${(e as Error).message}). Is "realist serve" still running?` } };
      }
    },
    on(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  } satisfies RealistBridge;
}

const bridge: RealistBridge = window.realist ?? createWebBridge();

export const api = {
  transport: bridge.transport,
  result<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<Result<ApiResponse<C>>> {
    return bridge.invoke(channel, request);
  },
  async call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
    const r = await bridge.invoke(channel, request);
    if (!r.ok) throw new ApiCallError(r.error);
    return r.value;
  },
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    return bridge.on(event, listener);
  },
};
