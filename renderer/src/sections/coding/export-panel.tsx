/**
 * Export of the coding work from the window: the CMOC table (Word, Excel, CSV, JSON), the
 * codebook (REFI-QDA .qdc, CSV, JSON) or the excerpts (CSV, JSON), written next to the project
 * unless another path is typed or chosen (the desktop app offers its save dialog).
 */
import { useState } from 'react';
import { api } from '../../api';

const FORMATS = {
  cmocs: ['docx', 'xlsx', 'csv', 'json'],
  codebook: ['qdc', 'csv', 'json'],
  excerpts: ['csv', 'json'],
} as const;
type What = keyof typeof FORMATS;
type Format = (typeof FORMATS)[What][number];

/** The folder of a project path, whichever separator the system uses. */
export function folderOf(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut < 0 ? '' : file.slice(0, cut + 1);
}

/** A small form: what, format, where; reports how many rows were written. */
export function ExportPanel({ projectPath }: { projectPath: string | null }) {
  const [what, setWhat] = useState<What>('cmocs');
  const [format, setFormat] = useState<Format>('docx');
  const [path, setPath] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const suggested = `${folderOf(projectPath ?? '')}${what}.${format}`;
  const target = path ?? suggested;

  return (
    <form
      className="export-panel"
      aria-label="Export"
      onSubmit={(e) => {
        e.preventDefault();
        void api.result('coding:export', { what, format, path: target }).then((r) => {
          setError(r.ok ? null : r.error.message);
          setMessage(r.ok ? `Wrote ${r.value.rows} ${{ cmocs: 'CMOCs', codebook: 'codes', excerpts: 'excerpts' }[what]} to ${r.value.path}.` : null);
        });
      }}
    >
      <select aria-label="What to export" value={what} onChange={(e) => { const w = e.target.value as What; setWhat(w); setFormat(FORMATS[w][0]); setPath(null); }}>
        <option value="cmocs">CMO configurations</option>
        <option value="codebook">Codebook</option>
        <option value="excerpts">Excerpts</option>
      </select>
      <select aria-label="Format" value={format} onChange={(e) => { setFormat(e.target.value as Format); setPath(null); }}>
        {FORMATS[what].map((f) => (
          <option key={f} value={f}>{f === 'qdc' ? 'REFI-QDA (.qdc)' : f.toUpperCase()}</option>
        ))}
      </select>
      <input aria-label="Export to" value={target} onChange={(e) => setPath(e.target.value)} />
      {api.transport === 'electron' && (
        <button
          type="button"
          onClick={() => void api.result('host:pickPath', { mode: 'save', suggestedName: `${what}.${format}`, kind: 'export' }).then((r) => r.ok && r.value.path && setPath(r.value.path))}
        >
          Choose…
        </button>
      )}
      <button className="primary" type="submit">Export</button>
      {message && <span className="status" role="status">{message}</span>}
      {error && <div className="error" role="alert">{error}</div>}
    </form>
  );
}
