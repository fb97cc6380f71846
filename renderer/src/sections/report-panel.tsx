/**
 * The review report from the overview: a preview in the window (`report:preview`, the same
 * page the HTML export writes, ./report-preview.tsx), and the files, HTML (self-contained,
 * printable) or DOCX, with the references in Vancouver or APA style (`report:export`). The
 * desktop app asks where to save; the browser build downloads the file. The page never names
 * a path.
 */
import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../api';
import { ReportPreviewDialog, type ReportPreviewData } from './report-preview';

export function ReportPanel({ projectName }: { projectName: string }) {
  const [style, setStyle] = useState<'vancouver' | 'apa'>('vancouver');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ReportPreviewData | null>(null);
  const previewButton = useRef<HTMLButtonElement>(null);

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

  const open = async () => {
    setBusy(true);
    setStatus({ ok: true, text: 'Making the report preview: reading the flow, the documents, the CMOCs, the theory diagrams and the agreement figures…' });
    const r = await api.result('report:preview', { style });
    setBusy(false);
    if (!r.ok) return setStatus({ ok: false, text: `The preview could not be made: ${r.error.message}` });
    setStatus(null);
    setPreview(r.value);
  };

  const close = () => {
    setPreview(null);
    // Focus goes back to where the user started (after React removes the dialog).
    setTimeout(() => previewButton.current?.focus(), 0);
  };

  return (
    <div className="export-panel" role="group" aria-label="Review report" aria-busy={busy}>
      <span className="muted">Review report (RAMESES)</span>
      <label>
        References{' '}
        <select value={style} onChange={(e) => setStyle(e.target.value as 'vancouver' | 'apa')} disabled={busy}>
          <option value="vancouver">Vancouver</option>
          <option value="apa">APA 7</option>
        </select>
      </label>
      <button ref={previewButton} className="primary" onClick={() => void open()} disabled={busy} aria-haspopup="dialog">
        Preview report
      </button>
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
      {preview &&
        createPortal(
          <ReportPreviewDialog
            report={preview}
            onClose={close}
            onDownload={(format) => {
              close();
              void run(format);
            }}
          />,
          document.body,
        )}
    </div>
  );
}
