/**
 * The coding exports behind one "Export…" button: a small dialog asks what (every CMOC, only
 * the rows the table shows after its filters, the codebook, the coded excerpts), whether to add
 * appraisals and memos (CMOCs), the format and the file name. The desktop app then asks where
 * to save with its native save dialog (which also asks before replacing a file); the browser
 * build downloads the file under the name given. The page never names a path.
 * Keyboard: the dialog opens on its first field, Enter exports, Esc closes, and focus returns
 * to the button that opened it.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../../api';
import { keepTabInside } from '../../components/tab-trap';

type What = 'cmocs' | 'codebook' | 'excerpts';
type Format = 'csv' | 'xlsx' | 'docx' | 'json' | 'qdc';

/** One thing the dialog can export: a kind of data, optionally narrowed to some CMOCs. */
export interface ExportTarget {
  /** Tells targets of the same `what` apart ("all", "shown"). */
  key: string;
  what: What;
  label: string;
  /** CMOCs only: just these (the filtered rows); left out: all. */
  ids?: string[];
}

/** The formats each kind of export comes in, first the default (as the services accept them). */
const FORMATS: Record<What, Array<{ format: Format; label: string }>> = {
  cmocs: [
    { format: 'csv', label: 'CSV' },
    { format: 'xlsx', label: 'Excel (XLSX)' },
    { format: 'docx', label: 'Word table (DOCX)' },
    { format: 'json', label: 'JSON' },
  ],
  codebook: [
    { format: 'qdc', label: 'REFI-QDA codebook (.qdc)' },
    { format: 'csv', label: 'CSV' },
    { format: 'json', label: 'JSON' },
  ],
  excerpts: [
    { format: 'csv', label: 'CSV' },
    { format: 'json', label: 'JSON' },
  ],
};

/** "<project> - <what>", the services' default name, without the format's extension. */
export function defaultExportName(project: string, what: What): string {
  const base = project.replace(/[\\/:*?"<>|]/g, '-').trim() || 'project';
  return `${base} - ${what}`;
}

/** The longest file name the services accept (without the extension they add). */
const MAX_NAME = 190;

/**
 * The "Export…" button and its dialog. `targets` are the choices of the "What" group in order
 * (the first is preselected); a status line after the button says what was saved.
 */
export function ExportButton({ projectName, targets }: { projectName: string; targets: ExportTarget[] }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // Focus goes back to where the user started (after React removes the dialog).
    setTimeout(() => button.current?.focus(), 0);
  };
  return (
    <div className="export-panel" role="group" aria-label="Export">
      <button ref={button} type="button" onClick={() => setOpen(true)} aria-haspopup="dialog" title="Choose what to export, the format and the file name">
        Export…
      </button>
      {status && (
        <span className={status.ok ? 'status export-status' : 'error-inline export-status'} role="status">
          {status.text}
        </span>
      )}
      {open &&
        // On the page body, so the toolbar's label and input styles do not reach into the dialog.
        createPortal(
          <ExportDialog
            projectName={projectName}
            targets={targets}
            onClose={close}
            onDone={(text) => {
              setStatus({ ok: true, text });
              close();
            }}
          />,
          document.body,
        )}
    </div>
  );
}

function ExportDialog({ projectName, targets, onClose, onDone }: { projectName: string; targets: ExportTarget[]; onClose(): void; onDone(text: string): void }) {
  const [key, setKey] = useState(targets[0]?.key ?? '');
  const target = targets.find((t) => t.key === key) ?? targets[0]!;
  const [format, setFormat] = useState<Format>(FORMATS[target.what][0]!.format);
  const [appraisals, setAppraisals] = useState(false);
  const [memos, setMemos] = useState(false);
  const [name, setName] = useState(defaultExportName(projectName, target.what));
  const [nameEdited, setNameEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLFormElement>(null);
  const titleId = useId();

  // The dialog opens on its first field: the chosen "What".
  useEffect(() => {
    dialog.current?.querySelector<HTMLInputElement>('input[name="export-what"]:checked')?.focus();
  }, []);

  const choose = (t: ExportTarget) => {
    setKey(t.key);
    if (t.what !== target.what) {
      setFormat(FORMATS[t.what][0]!.format);
      if (!nameEdited) setName(defaultExportName(projectName, t.what));
    }
  };

  const trimmed = name.trim();
  const nameProblem = trimmed === '' ? 'Give the file a name.' : /[\\/:*?"<>|]/.test(trimmed) ? 'A file name cannot contain \\ / : * ? " < > or |.' : null;

  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || nameProblem) return;
    setBusy(true);
    setError(null);
    try {
      const cmocs = target.what === 'cmocs';
      const r = await api.saveExport(target.what, format, `${trimmed}.${format}`, {
        ...(cmocs && target.ids ? { ids: target.ids } : {}),
        ...(cmocs ? { includeAppraisals: appraisals, includeMemos: memos } : {}),
      });
      if (!r) return setBusy(false);
      const size = `${r.rows.toLocaleString()} ${r.rows === 1 ? 'row' : 'rows'}, ${Math.max(1, Math.round(r.bytes / 1024)).toLocaleString()} KB`;
      onDone(api.nativeDialogs ? `Saved ${size} to ${r.where}` : `Downloaded ${r.where} (${size})`);
    } catch (err) {
      // Refused: the dialog stays open with every choice as made and the reason in plain words.
      setError((err as Error).message);
      setBusy(false);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey && (e.target as HTMLElement).tagName !== 'BUTTON') {
      // Enter exports from any field (radios and checkboxes included), as the dialog says.
      e.preventDefault();
      void run();
    } else if (e.key === 'Tab') {
      // Tab stays inside the dialog while it is open.
      const items = [...(dialog.current?.querySelectorAll<HTMLElement>('input:not([disabled]), button:not([disabled])') ?? [])].filter(
        (el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
      );
      keepTabInside(e, items);
    }
  };

  return (
    <div className="modal-backdrop export-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form ref={dialog} className="modal export-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={(e) => void run(e)} onKeyDown={onKey}>
        <h3 id={titleId}>Export</h3>
        <fieldset>
          <legend>What</legend>
          {targets.map((t) => (
            <label key={t.key} className="export-choice">
              <input type="radio" name="export-what" value={t.key} checked={t.key === target.key} onChange={() => choose(t)} />
              {t.label}
            </label>
          ))}
        </fieldset>
        {target.what === 'cmocs' && (
          <fieldset>
            <legend>Include</legend>
            <label className="export-choice">
              <input type="checkbox" checked={appraisals} onChange={(e) => setAppraisals(e.target.checked)} />
              Appraisals of the evidence documents (relevance and rigour)
            </label>
            <label className="export-choice">
              <input type="checkbox" checked={memos} onChange={(e) => setMemos(e.target.checked)} />
              Memos written on each CMOC
            </label>
          </fieldset>
        )}
        <fieldset>
          <legend>Format</legend>
          <div className="export-formats">
            {FORMATS[target.what].map((f) => (
              <label key={f.format} className="export-choice">
                <input type="radio" name="export-format" value={f.format} checked={format === f.format} onChange={() => setFormat(f.format)} />
                {f.label}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="export-name">
          <span>{api.nativeDialogs ? 'Suggested file name' : 'File name'}</span>
          <span className="export-name-row">
            <input
              type="text"
              value={name}
              maxLength={MAX_NAME}
              spellCheck={false}
              aria-invalid={nameProblem !== null}
              aria-describedby={nameProblem ? `${titleId}-name` : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setNameEdited(true);
              }}
            />
            <span className="mono muted">.{format}</span>
          </span>
        </label>
        {nameProblem && (
          <p className="error-inline" id={`${titleId}-name`}>
            {nameProblem}
          </p>
        )}
        {error && (
          <p className="error-inline" role="alert">
            {error}
          </p>
        )}
        <p className="muted small">
          {api.nativeDialogs ? 'The app asks where to save next.' : 'The file goes where this browser saves downloads.'} <kbd>Enter</kbd> exports, <kbd>Esc</kbd> closes.
        </p>
        <div className="export-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || nameProblem !== null}>
            {busy ? 'Exporting…' : api.nativeDialogs ? 'Save…' : 'Download'}
          </button>
        </div>
      </form>
    </div>
  );
}
