/**
 * The coding exports: CMOCs as CSV, XLSX or DOCX, the codebook as REFI-QDA .qdc or CSV, and
 * the coded excerpts as CSV. The desktop app asks where to save with its native dialog; the
 * browser build cannot, so it takes a folder typed by the user (like the start screen's path
 * field) and writes "<project> - <what>.<ext>" there.
 */
import { useState } from 'react';
import { api } from '../../api';

type What = 'cmocs' | 'codebook' | 'excerpts';
type Format = 'csv' | 'xlsx' | 'docx' | 'json' | 'qdc';

export interface ExportChoice {
  what: What;
  format: Format;
  label: string;
}

/** The exports the CMOC section offers; the codebook section passes its own list. */
export const CMOC_EXPORTS: ExportChoice[] = [
  { what: 'cmocs', format: 'csv', label: 'CSV' },
  { what: 'cmocs', format: 'xlsx', label: 'XLSX' },
  { what: 'cmocs', format: 'docx', label: 'DOCX' },
  { what: 'codebook', format: 'qdc', label: 'Codebook .qdc' },
];

export const CODEBOOK_EXPORTS: ExportChoice[] = [
  { what: 'codebook', format: 'qdc', label: '.qdc' },
  { what: 'codebook', format: 'csv', label: 'CSV' },
  { what: 'excerpts', format: 'csv', label: 'Excerpts CSV' },
];

function folderOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : p;
}

function fileName(project: string, what: What, format: Format): string {
  const base = project.replace(/[\\/:*?"<>|]/g, '-').trim() || 'project';
  return `${base} - ${what}.${format}`;
}

function join(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : `${folder}${sep}${name}`;
}

export function ExportPanel({ projectPath, projectName, choices }: { projectPath: string; projectName: string; choices: ExportChoice[] }) {
  const [folder, setFolder] = useState(() => folderOf(projectPath));
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const native = api.transport === 'electron';

  const run = async (c: ExportChoice) => {
    let target = join(folder.trim(), fileName(projectName, c.what, c.format));
    if (native) {
      const picked = await api.result('host:pickPath', { mode: 'save', suggestedName: fileName(projectName, c.what, c.format), kind: 'export' });
      if (!picked.ok || !picked.value.path) return;
      target = picked.value.path;
    }
    setStatus({ ok: true, text: `Exporting ${c.label}…` });
    const r = await api.result('coding:export', { what: c.what, format: c.format, path: target });
    if (r.ok) setStatus({ ok: true, text: `Saved ${r.value.rows.toLocaleString()} rows (${Math.max(1, Math.round(r.value.bytes / 1024))} KB) to ${r.value.path}` });
    else setStatus({ ok: false, text: r.error.message });
  };

  return (
    <div className="export-panel" role="group" aria-label="Export">
      <span className="muted">Export</span>
      {!native && (
        <input className="export-folder" aria-label="Export folder" value={folder} onChange={(e) => setFolder(e.target.value)} title="The folder the files are written to" />
      )}
      {choices.map((c) => (
        <button key={`${c.what}-${c.format}`} onClick={() => void run(c)} disabled={!native && !folder.trim()}>
          {c.label}
        </button>
      ))}
      {status && (
        <span className={status.ok ? 'status export-status' : 'error-inline export-status'} role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}
