/**
 * Importing into the library: the "Import…" panel (a file chooser: the native dialog in the
 * desktop app, a file input in the browser build), files dropped on the window (uploaded, or
 * sent inline in the desktop app: the page never names a path), the progress bar fed by the
 * services' `progress` events, and the summary at the end with an Undo of the whole batch.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiRequest } from '../../../../shared/api/contract';
import type { BatchSummary, ImportIssue, ImportSummary } from '../../../../shared/api/calls/records';
import type { ProgressEvent } from '../../../../shared/domain/types';
import { api, type FileParts } from '../../api';
import { FileChooser } from '../../components/file-chooser';
import { count, plural } from './library-query';

export interface ImportState {
  running: { label: string; done: number; total: number | null } | null;
  summary: ImportSummary | null;
  /** The files of the last import, for the summary's heading. */
  files: string[];
  error: string | null;
}

/**
 * Runs imports one at a time and tracks their progress and outcome. `onChanged` fires after
 * anything that changes the library (an import, an undo, a redo).
 */
export function useImport(onChanged: () => void) {
  const [state, setState] = useState<ImportState>({ running: null, summary: null, files: [], error: null });
  const runningRef = useRef(false);

  useEffect(
    () =>
      api.on('progress', (e: ProgressEvent) => {
        if (!runningRef.current || e.finished) return;
        setState((s) => (s.running ? { ...s, running: { label: e.label, done: e.done, total: e.total } } : s));
      }),
    [],
  );

  const start = useCallback(
    async (request: ApiRequest<'records:import'>, files: string[]) => {
      if (runningRef.current) return;
      runningRef.current = true;
      setState({ running: { label: `Reading ${files.length === 1 ? files[0] : `${files.length} files`}…`, done: 0, total: null }, summary: null, files, error: null });
      const r = await api.result('records:import', request);
      runningRef.current = false;
      setState({ running: null, summary: r.ok ? r.value : null, files, error: r.ok ? null : r.error.message });
      if (r.ok) onChanged();
    },
    [onChanged],
  );

  const importDropped = useCallback(
    async (dropped: File[]) => {
      if (dropped.length === 0) return;
      const names = dropped.map((f) => f.name);
      setState({ running: { label: `Sending ${names.length === 1 ? names[0] : `${names.length} files`}…`, done: 0, total: null }, summary: null, files: names, error: null });
      try {
        await start(await api.prepareFiles(dropped), names);
      } catch (e) {
        setState((s) => ({ ...s, running: null, error: (e as Error).message }));
      }
    },
    [start],
  );

  /** Imports files chosen in the file chooser (grants or uploads). */
  const importChosen = useCallback((parts: FileParts, names: string[]) => start(parts, names), [start]);

  const fail = useCallback((message: string) => setState((s) => ({ ...s, running: null, error: message })), []);

  const dismiss = useCallback(() => setState({ running: null, summary: null, files: [], error: null }), []);

  return { state, start, importDropped, importChosen, fail, dismiss };
}

/**
 * Listens for files dragged over the whole window while the library is shown. Returns whether
 * a drag is in progress (to show the drop overlay). Counting enter/leave pairs is what keeps the
 * overlay from flickering when the pointer crosses child elements.
 */
export function useWindowFileDrop(onFiles: (files: File[]) => void, enabled: boolean): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      onFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [onFiles, enabled]);
  return dragging;
}

/**
 * The import panel: a file chooser (several files at once) and the reminder that files can be
 * dropped anywhere on the window. There is no typed path: the page may not name files.
 */
export function ImportForm({ onChosen, onError, onCancel, busy }: { onChosen: (parts: FileParts, names: string[]) => void; onError: (message: string) => void; onCancel: () => void; busy: boolean }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.querySelector<HTMLElement>('input, button')?.focus(), []);
  return (
    <div className="lib-import-form" role="group" aria-label="Import records" ref={panel} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p className="lib-import-lead">
        Export files to import <span className="muted">(RIS, PubMed/MEDLINE, BibTeX, EndNote XML, CSV, CSL-JSON… detected automatically)</span>
      </p>
      <div className="lib-import-row">
        <FileChooser label="Choose files…" kind="records" multiple className="primary" disabled={busy} onChosen={onChosen} onError={onError} />
        <span className="muted">or drop files anywhere on the window</span>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function ImportProgress({ running }: { running: NonNullable<ImportState['running']> }) {
  const pct = running.total ? Math.min(100, Math.round((running.done / running.total) * 100)) : null;
  return (
    <div className="lib-progress" role="status" aria-live="polite">
      <span className="lib-progress-label">{running.label}</span>
      <div className="lib-progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={running.total ?? undefined} aria-valuenow={running.total ? running.done : undefined}>
        <div className={pct === null ? 'indeterminate' : ''} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <span className="lib-progress-count">{running.total ? `${count(running.done)} of ${count(running.total)}` : running.done ? count(running.done) : ''}</span>
    </div>
  );
}

const FORMAT_NAMES: Record<string, string> = {
  ris: 'RIS',
  nbib: 'PubMed/MEDLINE',
  'pubmed-xml': 'PubMed XML',
  bibtex: 'BibTeX',
  'endnote-xml': 'EndNote XML',
  enw: 'EndNote tagged',
  wos: 'Web of Science',
  csv: 'CSV',
  'csl-json': 'CSL-JSON',
  ovid: 'Ovid',
};

export function formatName(format: string | null): string {
  return format ? (FORMAT_NAMES[format] ?? format) : 'unknown';
}

/** The file name without its folders (paths or dropped names, either separator). */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

/** Errors (and warnings) shown before "and N more": enough to fix an export, few enough to stay readable. */
const MAX_ERRORS_SHOWN = 200;

/**
 * Problems of one kind as a table of file, line and message. Errors are what was not imported;
 * warnings what was imported but deserves a look (no title, a repaired record, a field cut to
 * its limit), so each kind has its own heading and colour.
 */
function IssueTable({ issues, kind }: { issues: ImportIssue[]; kind: 'error' | 'warning' }) {
  const heading = kind === 'error' ? 'Not imported' : 'Imported, worth a look';
  const noun = kind === 'error' ? 'more problem' : 'more warning';
  return (
    <div className={`lib-summary-issues ${kind === 'error' ? 'lib-summary-errors' : 'lib-summary-warnings'}`} role="group" aria-label={kind === 'error' ? 'Problems' : 'Warnings'}>
      <table>
        <caption>
          {heading} ({plural(issues.length, kind === 'error' ? 'problem' : 'warning')})
        </caption>
        <thead>
          <tr>
            <th>File</th>
            <th className="num">Line</th>
            <th>{kind === 'error' ? 'Problem' : 'Warning'}</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, MAX_ERRORS_SHOWN).map((e, i) => (
            <tr key={i}>
              <td className="mono" title={e.file}>
                {baseName(e.file)}
              </td>
              <td className="num">{e.line || '—'}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {issues.length > MAX_ERRORS_SHOWN && <p className="muted">…and {plural(issues.length - MAX_ERRORS_SHOWN, noun)}.</p>}
    </div>
  );
}

/** The outcome of an import, with Undo (and Redo after an undo) of its batch. */
export function ImportSummaryPanel({ summary, files, onClose, onChanged }: { summary: ImportSummary; files: string[]; onClose: () => void; onChanged: () => void }) {
  const [undone, setUndone] = useState<BatchSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const batch = summary.batch;

  const toggle = async () => {
    if (!batch) return;
    setBusy(true);
    const r = undone ? await api.result('records:restoreBatch', { batchId: batch }) : await api.result('records:withdrawBatch', { batchId: batch });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setUndone(undone ? null : r.value);
    onChanged();
  };

  const formats = Object.entries(summary.formats);
  const title = files.length === 1 ? files[0] : `${files.length} files`;
  return (
    <section className={`lib-summary${undone ? ' undone' : summary.errors.length > 0 ? ' has-problems' : summary.warnings.length > 0 ? ' has-warnings' : ''}`} aria-label="Import summary">
      <header>
        <h3>{undone ? `Import of ${title} undone` : `Imported ${title}`}</h3>
        <dl className="lib-summary-counts">
          <div>
            <dt>imported</dt>
            <dd data-testid="summary-imported">{count(summary.imported)}</dd>
          </div>
          <div className={summary.duplicates ? 'warn' : ''}>
            <dt>{summary.duplicates === 1 ? 'duplicate' : 'duplicates'}</dt>
            <dd data-testid="summary-duplicates">{count(summary.duplicates)}</dd>
          </div>
          <div className={summary.skipped ? 'warn' : ''}>
            <dt>skipped</dt>
            <dd data-testid="summary-skipped">{count(summary.skipped)}</dd>
          </div>
          <div className={summary.errors.length ? 'bad' : ''}>
            <dt>{summary.errors.length === 1 ? 'problem' : 'problems'}</dt>
            <dd data-testid="summary-errors">{count(summary.errors.length)}</dd>
          </div>
          <div className={summary.warnings.length ? 'warn' : ''}>
            <dt>{summary.warnings.length === 1 ? 'warning' : 'warnings'}</dt>
            <dd data-testid="summary-warnings">{count(summary.warnings.length)}</dd>
          </div>
        </dl>
        <div className="lib-summary-actions">
          {batch && (
            <button type="button" onClick={() => void toggle()} disabled={busy} title={undone ? 'Bring the batch back' : 'Remove every record of this import'}>
              {undone ? 'Redo import' : 'Undo import'}
            </button>
          )}
          <button type="button" className="link" onClick={onClose} aria-label="Close the import summary">
            Close
          </button>
        </div>
      </header>
      {formats.length > 0 && (
        <p className="lib-summary-formats">
          <span className="muted">Formats detected:</span>{' '}
          {formats.map(([file, format], i) => (
            <span key={file}>
              {i > 0 && ', '}
              <span className="mono" title={file}>
                {baseName(file)}
              </span>{' '}
              <span className="fmt">{formatName(format)}</span>
            </span>
          ))}
        </p>
      )}
      {summary.duplicates > 0 && !undone && (
        <p className="muted">Duplicates are kept and grouped for review: open “Duplicates” to merge or dismiss them.</p>
      )}
      {summary.errors.length > 0 && <IssueTable issues={summary.errors} kind="error" />}
      {summary.warnings.length > 0 && <IssueTable issues={summary.warnings} kind="warning" />}
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
