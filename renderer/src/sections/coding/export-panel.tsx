/**
 * The coding exports: CMOCs as CSV, XLSX or DOCX, the codebook as REFI-QDA .qdc or CSV, and
 * the coded excerpts as CSV. The desktop app asks where to save with its native save dialog
 * (which also asks before replacing a file); the browser build downloads the file, and the
 * browser saves it where its downloads go. The page never names a path.
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

/** "<project> - <what>.<ext>", as the services name a download. */
function fileName(project: string, what: What, format: Format): string {
  const base = project.replace(/[\\/:*?"<>|]/g, '-').trim() || 'project';
  return `${base} - ${what}.${format}`;
}

export function ExportPanel({ projectName, choices }: { projectName: string; choices: ExportChoice[] }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (c: ExportChoice) => {
    setBusy(true);
    setStatus({ ok: true, text: `Exporting ${c.label}…` });
    try {
      const r = await api.saveExport(c.what, c.format, fileName(projectName, c.what, c.format));
      if (!r) setStatus(null);
      else {
        const size = `${r.rows.toLocaleString()} rows, ${Math.max(1, Math.round(r.bytes / 1024))} KB`;
        setStatus({ ok: true, text: api.nativeDialogs ? `Saved ${size} to ${r.where}` : `Downloaded ${r.where} (${size})` });
      }
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-panel" role="group" aria-label="Export">
      <span className="muted">{api.nativeDialogs ? 'Export' : 'Download'}</span>
      {choices.map((c) => (
        <button key={`${c.what}-${c.format}`} onClick={() => void run(c)} disabled={busy}>
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
