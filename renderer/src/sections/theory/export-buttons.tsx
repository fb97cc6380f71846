/**
 * Export buttons for a diagram: the services make the file (the same bytes as
 * `realist export`), the page downloads it. PNG asks for a resolution (300 dpi for print);
 * every format has a colour and a black-and-white print style.
 */
import { useState } from 'react';
import type { ApiRequest } from '../../../../shared/api/contract';
import { api } from '../../api';

type Format = 'svg' | 'png' | 'pdf' | 'graphml' | 'mermaid' | 'json';

/** Saves bytes as a download with the given name (a blob link: no path ever crosses to the page). */
export function downloadBytes(base64: string, fileName: string, mime: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons({ request, formats, disabled }: { request: Omit<ApiRequest<'theory:export'>, 'format' | 'style' | 'dpi'> | null; formats: Format[]; disabled?: boolean }) {
  const [style, setStyle] = useState<'colour' | 'print'>('colour');
  const [dpi, setDpi] = useState(300);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: Format) => {
    if (!request) return;
    setBusy(true);
    setStatus({ ok: true, text: `Making ${format.toUpperCase()}…` });
    const r = await api.result('theory:export', { ...request, format, style, dpi });
    setBusy(false);
    if (!r.ok) return setStatus({ ok: false, text: r.error.message });
    downloadBytes(r.value.contentBase64!, r.value.fileName, r.value.mime);
    const size = r.value.pixels ? `${r.value.pixels.width} × ${r.value.pixels.height} px, ` : '';
    setStatus({ ok: true, text: `Downloaded ${r.value.fileName} (${size}${Math.max(1, Math.round(r.value.bytes / 1024))} KB)` });
  };
  return (
    <div className="theory-export" role="group" aria-label="Export diagram">
      <span className="muted">Export</span>
      {formats.map((f) => (
        <button key={f} onClick={() => void run(f)} disabled={busy || disabled || !request}>
          {f === 'mermaid' ? 'Mermaid' : f === 'graphml' ? 'GraphML' : f.toUpperCase()}
        </button>
      ))}
      {formats.includes('png') && (
        <label className="field inline">
          <span>dpi</span>
          <input type="number" aria-label="PNG resolution (dpi)" min={36} max={1200} step={1} value={dpi} onChange={(e) => setDpi(Math.max(36, Math.min(1200, Number(e.target.value) || 300)))} />
        </label>
      )}
      <label className="field inline">
        <span>Style</span>
        <select aria-label="Diagram style" value={style} onChange={(e) => setStyle(e.target.value as 'colour' | 'print')}>
          <option value="colour">Colour</option>
          <option value="print">Black and white</option>
        </select>
      </label>
      {status && (
        <span className={status.ok ? 'muted export-status' : 'error-inline export-status'} role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}
