/**
 * The review report from the overview: HTML (self-contained, printable) or DOCX, with the
 * references in Vancouver or APA style (`report:export`). The desktop app asks where to save;
 * the browser build downloads the file. The page never names a path.
 */
import { useState } from 'react';
import { api } from '../api';

export function ReportPanel({ projectName }: { projectName: string }) {
  const [style, setStyle] = useState<'vancouver' | 'apa'>('vancouver');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (format: 'html' | 'docx') => {
    setBusy(true);
    setStatus({ ok: true, text: `Making the ${format.toUpperCase()} report…` });
    try {
      const base = projectName.replace(/[\\/:*?"<>|]/g, '-').trim() || 'project';
      const r = await api.saveReport(format, style, `${base} - report.${format}`);
      if (!r) setStatus(null);
      else {
        const size = `${Math.max(1, Math.round(r.bytes / 1024))} KB`;
        setStatus({ ok: true, text: api.nativeDialogs ? `Saved the report (${size}) to ${r.where}` : `Downloaded ${r.where} (${size})` });
      }
    } catch (e) {
      setStatus({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-panel" role="group" aria-label="Review report">
      <span className="muted">Review report (RAMESES)</span>
      <label>
        References{' '}
        <select value={style} onChange={(e) => setStyle(e.target.value as 'vancouver' | 'apa')} disabled={busy}>
          <option value="vancouver">Vancouver</option>
          <option value="apa">APA 7</option>
        </select>
      </label>
      <button onClick={() => void run('html')} disabled={busy}>
        Report HTML
      </button>
      <button onClick={() => void run('docx')} disabled={busy}>
        Report DOCX
      </button>
      {status && (
        <span className={status.ok ? 'status export-status' : 'error-inline export-status'} role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}
