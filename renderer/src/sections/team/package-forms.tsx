/**
 * Exporting a coder's package and merging one back, for the Team section. Export writes a new
 * `.realist` file for one coder (blind: without the other people's layers); merge replays a
 * package's change log into the project and reports what it did. A merge is one step of the
 * change log's undo (Ctrl+Z takes it all back), which the report says.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Coder } from '../../../../shared/coders/types';
import type { MergeReport, PackageInfo } from '../../../../shared/packages/types';
import { api } from '../../api';
import { PackageFileField, usePackageFile } from './package-file';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function ExportForm({ coder, projectName, blindDefault, onDone, onCancel }: { coder: Coder; projectName: string; blindDefault: boolean; onDone: () => void; onCancel: () => void }) {
  const file = usePackageFile();
  const [blind, setBlind] = useState(blindDefault);
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<PackageInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const suggested = `${projectName} - package for ${coder.name}`;

  useEffect(() => {
    setWritten(null);
    setError(null);
    void api.result('project:suggestPath', { name: suggested }).then((r) => r.ok && file.setFilePath(r.value.path));
    // A new coder (or project) gives a new suggestion; the field is the user's afterwards.
  }, [coder.id, suggested]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file.filePath.trim()) return;
    setBusy(true);
    setError(null);
    const r = await api.result('packages:export', { coderId: coder.id, blind, ...file.target() });
    file.used();
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setWritten(r.value);
    onDone();
  };

  return (
    <form className="team-form" onSubmit={(e) => void submit(e)} aria-label={`Export a package for ${coder.name}`}>
      <h3>Export a package for {coder.name}</h3>
      <PackageFileField
        label="Save as"
        file={file}
        mode="save"
        suggestedName={`${suggested}.realist`}
        hint="A new .realist file (an existing file is never replaced). Give it to the coder; they open it in Realist Workbench on their own computer."
        autoFocus
      />
      <label className="check">
        <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Blind: leave the other coders’ highlights, codings, CMOCs and memos out of the package
      </label>
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy || !file.filePath.trim()}>
          {busy ? 'Writing the package…' : 'Export package'}
        </button>
        <button type="button" onClick={onCancel}>
          Close
        </button>
      </div>
      {busy && (
        <p className="status" role="status">
          Writing the package for {coder.name}…
        </p>
      )}
      {written && (
        <p className="team-result" role="status">
          Package for <strong>{written.coder}</strong> written{written.blind ? ' (blind)' : ''}: <span className="mono">{written.path}</span> ({size(written.bytes)}).
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function MergeForm({ onMerged }: { onMerged: (report: MergeReport) => void }) {
  const file = usePackageFile();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<MergeReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file.filePath.trim()) return;
    setBusy(true);
    setError(null);
    setReport(null);
    const r = await api.result('packages:merge', file.target());
    file.used();
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setReport(r.value);
    onMerged(r.value);
  };

  return (
    <form className="team-form" onSubmit={(e) => void submit(e)} aria-label="Merge a package">
      <h3>Merge a package</h3>
      <PackageFileField
        label="Package file"
        file={file}
        mode="open"
        hint={`The .realist package a coder sent back: the full path on this computer${api.nativeDialogs ? ', or Browse…' : ''}. Merging it twice changes nothing.`}
      />
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy || !file.filePath.trim()}>
          {busy ? 'Merging…' : 'Merge'}
        </button>
      </div>
      {report && <MergeReportView report={report} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Scrolls to the conflicts and puts the focus on the first one's note. */
function goToConflicts(): void {
  const list = document.getElementById('team-conflicts');
  list?.scrollIntoView({ block: 'start' });
  list?.querySelector<HTMLElement>('.conflict input, .conflict button')?.focus();
}

/** What a merge did, in words and numbers a person can check. */
export function MergeReportView({ report }: { report: MergeReport }) {
  const nothing = report.added === 0;
  const box = useRef<HTMLDivElement>(null);
  // The report appears below the form: bring it into view once it is there.
  // (A block, not an arrow's value: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.)
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [report]);
  return (
    <div className="team-result merge-report" role="status" aria-label="Merge report" ref={box}>
      <p>
        <strong>{nothing ? 'Nothing new to merge.' : `Merged ${plural(report.added, 'change')}`}</strong>
        {!nothing && report.coders.length > 0 && <> by {report.coders.join(', ')}</>}
        {nothing ? '' : '.'}
      </p>
      <dl className="merge-figures">
        <dt>Added</dt>
        <dd data-figure="added">{report.added}</dd>
        <dt>Already merged</dt>
        <dd data-figure="already">{report.alreadyMerged}</dd>
        <dt>New conflicts</dt>
        <dd data-figure="conflicts">{report.newConflicts.length}</dd>
        <dt>Open conflicts</dt>
        <dd data-figure="open">{report.openConflicts}</dd>
      </dl>
      {report.newConflicts.length > 0 && (
        <button type="button" className="link" onClick={goToConflicts}>
          Settle the new conflict{report.newConflicts.length === 1 ? '' : 's'} below
        </button>
      )}
      {!nothing && <p className="muted">The whole merge is one step: Ctrl+Z (outside a text field) takes it back, Ctrl+Shift+Z brings it back.</p>}
    </div>
  );
}
