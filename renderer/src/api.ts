/**
 * The renderer's one door to the services. In Electron the preload exposes `window.realist`;
 * in a browser the same `RealistBridge` is built over fetch and server-sent events against the
 * local web bridge. Components call `api.call(...)` (throws `ApiCallError`) or
 * `api.result(...)` (returns the `Result`), and never know which transport answered.
 *
 * Files: the page never names a path (the services refuse it). Files the user chooses arrive
 * as grants (`api.pickFiles`, the desktop app's native dialog) or as bytes (`api.prepareFiles`:
 * uploaded to the web bridge in the browser build, sent inline in the desktop app), and exports
 * are saved through a save dialog or downloaded (`api.saveExport`).
 */
import type { RealistBridge } from '../../shared/api/bridge';
import { EVENT_NAMES, type ApiEvents, type ApiRequest, type ApiResponse, type Channel, type EventName, type PickedFile } from '../../shared/api/contract';
import type { ApiError, ErrorCode, Result } from '../../shared/api/errors';
import { MAX_INLINE_BASE64, MAX_UPLOAD_BYTES } from '../../shared/api/limits';
import { explainError } from './errors';

declare global {
  interface Window {
    realist?: RealistBridge;
  }
}

const TOKEN_KEY = 'realist-token';
const TOKEN_HEADER = 'x-realist-token';
const FILE_NAME_HEADER = 'x-realist-file-name';

export class ApiCallError extends Error {
  readonly code: ErrorCode;
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
  }
}

/** Listeners told when the web bridge refuses the page's token (the page then says which address to open). */
const unauthorisedListeners = new Set<() => void>();
function noteResult<T>(r: Result<T>): Result<T> {
  if (!r.ok && r.error.code === 'UNAUTHORIZED') unauthorisedListeners.forEach((l) => l());
  return r.ok ? r : { ok: false, error: { ...r.error, message: explainError(r.error) } };
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

/** The web bridge's token, read once per page (null in the desktop app). */
let webToken: string | null = null;

function createWebBridge(): RealistBridge {
  const token = takeToken();
  webToken = token;

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
        return { ok: false, error: { code: 'IO', message: `The Realist Workbench server is not answering (${(e as Error).message}). Is the terminal that started it still running?` } };
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

/** What the import, attach and codebook calls take for files the user chose or dropped. */
export interface FileParts {
  grants?: string[];
  files?: Array<{ name: string; contentBase64: string }>;
}

/** A file's bytes as base64 (the data URL minus its `data:...;base64,` head). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`Could not read ${file.name}: ${reader.error?.message ?? 'unknown error'}`));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

const megabytes = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Streams one file to the web bridge's upload endpoint; returns its grant. */
async function uploadFile(file: File): Promise<string> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new ApiCallError({ code: 'TOO_LARGE', message: `${file.name} is ${megabytes(file.size)}; files up to ${megabytes(MAX_UPLOAD_BYTES)} can be added.` });
  }
  let res: Response;
  try {
    res = await fetch('./api/upload', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: webToken ?? '', [FILE_NAME_HEADER]: encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' },
      body: file,
    });
  } catch (e) {
    throw new ApiCallError({ code: 'IO', message: `${file.name} could not be sent to the app (${(e as Error).message}).` });
  }
  const r = noteResult((await res.json()) as Result<{ grant: string }>);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value.grant;
}

/** Saves bytes fetched from the web bridge through the browser's own download. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What a CMOC export may be narrowed to or add (see `coding:export`). */
export interface ExportOptions {
  ids?: string[];
  includeAppraisals?: boolean;
  includeMemos?: boolean;
}

export const api = {
  transport: bridge.transport,
  /** True where native file dialogs exist (the desktop app). */
  nativeDialogs: bridge.transport === 'electron',
  /** True when the browser build was opened without its token: nothing will answer. */
  missingToken: bridge.transport === 'web' && !webToken,
  result<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<Result<ApiResponse<C>>> {
    return bridge.invoke(channel, request).then(noteResult);
  },
  async call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
    const r = await api.result(channel, request);
    if (!r.ok) throw new ApiCallError(r.error);
    return r.value;
  },
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    return bridge.on(event, listener);
  },
  /** Called when the web bridge refuses the token; returns the function that unsubscribes. */
  onUnauthorized(listener: () => void): () => void {
    unauthorisedListeners.add(listener);
    return () => unauthorisedListeners.delete(listener);
  },
  /** The desktop app's native open dialog: grants for the chosen files (empty when cancelled). */
  async pickFiles(kind: 'records' | 'documents' | 'codebook' | 'project' | 'qdpx', multiple: boolean): Promise<PickedFile[]> {
    return (await api.call('host:pickPath', { mode: 'open', kind, multiple })).files;
  },
  /**
   * Files from a file input or a drop, as the calls take them: uploaded (browser build) or
   * inline (desktop app, up to the request limit). Throws ApiCallError with the reason.
   */
  async prepareFiles(files: File[]): Promise<FileParts> {
    if (bridge.transport === 'web') return { grants: await Promise.all(files.map(uploadFile)) };
    const total = files.reduce((n, f) => n + f.size, 0);
    if ((total * 4) / 3 > MAX_INLINE_BASE64) {
      throw new ApiCallError({ code: 'TOO_LARGE', message: `These files (${megabytes(total)}) are too large to drop at once; choose them with “Choose files…” instead.` });
    }
    return { files: await Promise.all(files.map(async (f) => ({ name: f.name, contentBase64: await readBase64(f) }))) };
  },
  /**
   * Writes an export where the user says: a native save dialog (desktop app), or the browser's
   * download under `fileName` (browser build). `options` narrow a CMOC export to some CMOCs and
   * add appraisals and memos. Returns what was saved, or null when the dialog was cancelled.
   */
  async saveExport(
    what: 'cmocs' | 'codebook' | 'excerpts',
    format: 'csv' | 'xlsx' | 'docx' | 'json' | 'qdc',
    fileName: string,
    options: ExportOptions = {},
  ): Promise<{ where: string; bytes: number; rows: number } | null> {
    if (bridge.transport === 'electron') {
      const picked = (await api.call('host:pickPath', { mode: 'save', kind: 'export', suggestedName: fileName })).files[0];
      if (!picked) return null;
      const r = await api.call('coding:export', { what, format, grant: picked.grant, ...options });
      return { where: r.path ?? picked.path, bytes: r.bytes, rows: r.rows };
    }
    const r = await api.call('coding:export', { what, format, fileName, ...options });
    await fetchDownload(r.downloadId, r.fileName);
    return { where: r.fileName, bytes: r.bytes, rows: r.rows };
  },
  /**
   * Saves the review report (HTML or DOCX) where the user says: a native save dialog (desktop
   * app) or the browser's download. Returns what was saved, or null when the dialog was cancelled.
   */
  async saveReport(format: 'html' | 'docx', style: 'vancouver' | 'apa', suggestedName: string): Promise<{ where: string; bytes: number } | null> {
    if (bridge.transport === 'electron') {
      const picked = (await api.call('host:pickPath', { mode: 'save', kind: 'export', suggestedName })).files[0];
      if (!picked) return null;
      const r = await api.call('report:export', { format, style, grant: picked.grant });
      return { where: r.path ?? picked.path, bytes: r.bytes };
    }
    const r = await api.call('report:export', { format, style, fileName: suggestedName });
    await fetchDownload(r.downloadId, r.fileName);
    return { where: r.fileName, bytes: r.bytes };
  },
  /**
   * Saves the whole project as a REFI-QDA archive (`qdpx:export`) where the user says: a native
   * save dialog (desktop app) or the browser's download. Null when the dialog was cancelled.
   */
  async saveQdpx(suggestedName: string): Promise<({ where: string } & Pick<ApiResponse<'qdpx:export'>, 'bytes' | 'counts'>) | null> {
    if (bridge.transport === 'electron') {
      const picked = (await api.call('host:pickPath', { mode: 'save', kind: 'export', suggestedName })).files[0];
      if (!picked) return null;
      const r = await api.call('qdpx:export', { grant: picked.grant });
      return { where: r.path ?? picked.path, bytes: r.bytes, counts: r.counts };
    }
    const r = await api.call('qdpx:export', { fileName: suggestedName });
    await fetchDownload(r.downloadId, r.fileName);
    return { where: r.fileName, bytes: r.bytes, counts: r.counts };
  },
};

/** Fetches a download the services prepared (browser build) and hands it to the browser to save. */
async function fetchDownload(downloadId: string | null, fileName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`./api/download?id=${encodeURIComponent(downloadId ?? '')}`, { headers: { [TOKEN_HEADER]: webToken ?? '' } });
  } catch (e) {
    throw new ApiCallError({ code: 'IO', message: `The export could not be fetched (${(e as Error).message}).` });
  }
  if (!res.ok) {
    const failed = noteResult((await res.json()) as Result<never>);
    throw new ApiCallError(failed.ok ? { code: 'INTERNAL', message: 'The export could not be fetched.' } : failed.error);
  }
  saveBlob(await res.blob(), fileName);
}
