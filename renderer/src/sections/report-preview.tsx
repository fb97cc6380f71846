/**
 * The review report shown in the window: the very page `report:export` writes as HTML
 * (`report:preview` returns it), in a frame of its own over the Overview, so that what the
 * reviewers read here is what they will attach to a submission.
 *
 * The frame is `srcdoc` and sandboxed without scripts: it inherits the window's
 * Content-Security-Policy, which allows the report's one style sheet by its hash
 * (shared/security/csp.ts) and its diagrams as data: images, and nothing else. It is also
 * same-origin (`allow-same-origin`, never with `allow-scripts`) so that the window can hear
 * Escape pressed inside it and keep its links from navigating the frame away.
 * Keyboard: the dialog opens on its Close button; Tab moves between the buttons and the
 * report (which then scrolls with the arrow keys); Escape closes from anywhere in it, and the
 * focus returns to the button that opened it.
 */
import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { ApiResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { keepTabInside } from '../components/tab-trap';

export type ReportPreviewData = ApiResponse<'report:preview'>;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The figures of the preview's heading line, in words. */
export function previewSummary(r: ReportPreviewData): string {
  return [
    `${r.flow.identified.toLocaleString()} records identified, ${r.flow.included.toLocaleString()} included`,
    plural(r.counts.documents, 'document'),
    plural(r.counts.cmocs, 'CMOC'),
    plural(r.counts.theoryVersions, 'theory diagram'),
    plural(r.counts.agreementFigures, 'agreement figure'),
  ].join(' · ');
}

export function ReportPreviewDialog({ report, onClose, onDownload }: { report: ReportPreviewData; onClose(): void; onDownload(format: 'html' | 'docx'): void }) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    dialog.current?.querySelector<HTMLButtonElement>('button[data-close]')?.focus();
  }, []);

  // Escape inside the report, and its links (the page may not navigate the frame away).
  const onFrameLoad = () => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    doc.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
      } else if (e.key === 'Tab') {
        // The report has nothing to tab to: Tab goes on round the dialog's buttons, never behind it.
        e.preventDefault();
        const buttons = [...(dialog.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
        (e.shiftKey ? buttons[buttons.length - 1] : buttons[0])?.focus();
      }
    });
    doc.addEventListener('click', (e) => {
      if ((e.target as Element | null)?.closest?.('a[href]')) e.preventDefault();
    });
  };

  const onKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      // Tab stays inside the dialog: its buttons and the report frame.
      keepTabInside(e, [...(dialog.current?.querySelectorAll<HTMLElement>('button:not([disabled]), iframe') ?? [])]);
    }
  };

  return (
    <div className="modal-backdrop report-preview-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="modal report-preview" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKey}>
        <div className="report-preview-head">
          <div>
            <h3 id={titleId}>Report preview</h3>
            <p className="muted small" data-testid="report-preview-summary">
              {previewSummary(report)} · {Math.max(1, Math.round(report.bytes / 1024)).toLocaleString()} KB
            </p>
          </div>
          <div className="report-preview-actions">
            <button type="button" onClick={() => onDownload('html')}>
              {api.nativeDialogs ? 'Save HTML…' : 'Download HTML'}
            </button>
            <button type="button" onClick={() => onDownload('docx')}>
              {api.nativeDialogs ? 'Save DOCX…' : 'Download DOCX'}
            </button>
            <button type="button" className="primary" data-close onClick={onClose} title="Close the preview (Esc)">
              Close
            </button>
          </div>
        </div>
        <iframe ref={frame} className="report-preview-frame" title="Review report" sandbox="allow-same-origin" srcDoc={report.html} onLoad={onFrameLoad} />
      </div>
    </div>
  );
}
