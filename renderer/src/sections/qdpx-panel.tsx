/**
 * The whole project in and out as a REFI-QDA archive (`.qdpx`, what NVivo, ATLAS.ti, MAXQDA and
 * QualCoder exchange), on the Overview beside the report: `qdpx:export` through the desktop
 * app's save dialog or the browser's download, and `qdpx:import` of a file chosen with the
 * file chooser (a native dialog's grant, or an upload in the browser build: the page never
 * names a path). The import's result is shown in numbers a person can check against the other
 * tool, with every warning; the import is one action of the change log, so Ctrl+Z (or the
 * result's Undo button) takes all of it back.
 */
import { useState } from 'react';
import type { QdpxImportResult } from '../../../shared/api/calls/interchange';
import { api, type FileParts } from '../api';
import { FileChooser } from '../components/file-chooser';
import { notifyChanged, runHistory, useHistoryListener } from '../history';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB`;

/** The label the services give the import's action (electron/services/interchange/qdpx-import.ts). */
const IMPORT_ACTION = /^Import REFI-QDA project /;

/** What an import brought, as the rows of the result box: [label, number, what the number is]. */
export function importFigures(r: QdpxImportResult): Array<[string, number, string]> {
  return [
    ['Coders', r.coders.created + r.coders.matched, `${r.coders.created} new, ${r.coders.matched} already in the project`],
    ['Codes', r.codes.created + r.codes.reused, `${r.codes.created} new, ${r.codes.reused} already in the codebook`],
    ['Sources', r.documents.created + r.documents.reused, `${r.documents.created} new documents, ${r.documents.reused} already in the project`],
    ['Passages', r.excerpts, 'selections imported as highlighted passages'],
    ['Codings', r.codings, 'codes given to passages'],
    ['Memos', r.memos, 'notes imported as memos'],
    ['CMOCs', r.cmocs, 'CMO configurations (from Realist Workbench files)'],
    ['Evidence links', r.evidence, 'passages linked to CMOCs'],
    ['Theory versions', r.theoryVersions, 'program theory versions (from Realist Workbench files)'],
    ['Sets (as memos)', r.sets, 'sets of other tools, each kept as a memo listing its members'],
    ['Skipped sources', r.skipped.sources, 'pictures, audio, video, or sources whose file is missing'],
    ['Skipped selections', r.skipped.selections, 'selections that could not be placed in a text'],
  ];
}

export function QdpxPanel({ projectName, onChanged }: { projectName: string; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [result, setResult] = useState<{ file: string; value: QdpxImportResult; undone: boolean } | null>(null);

  useHistoryListener((state, which) => {
    if (!result || which === 'change' || !state.applied || !IMPORT_ACTION.test(state.applied)) return;
    setResult({ ...result, undone: which === 'undo' });
  });

  const exportQdpx = async () => {
    setBusy(true);
    setStatus({ ok: true, text: 'Making the REFI-QDA archive: the codebook, the sources with their text, every coder’s codings…' });
    try {
      const base = projectName.replace(/[\\/:*?"<>|]/g, '-').trim() || 'project';
      const r = await api.saveQdpx(`${base}.qdpx`);
      if (!r) return setStatus(null);
      const c = r.counts;
      const what = `${plural(c.users, 'coder')}, ${plural(c.codes, 'code')}, ${plural(c.sources, 'source')}, ${plural(c.selections, 'passage')}, ${plural(c.codings, 'coding')}, ${plural(c.notes, 'note')}, ${plural(c.sets, 'set')}`;
      setStatus({ ok: true, text: `${api.nativeDialogs ? `Saved the project to ${r.where}` : `Downloaded ${r.where}`} (${kb(r.bytes)}: ${what}).` });
    } catch (e) {
      setStatus({ ok: false, text: `The project could not be exported: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const importQdpx = async (parts: FileParts, names: string[]) => {
    const file = names[0]?.split(/[\\/]/).pop() ?? 'the file';
    const grant = parts.grants?.[0];
    const inline = parts.files?.[0];
    if (!grant && !inline) return;
    setBusy(true);
    setResult(null);
    setStatus({ ok: true, text: `Importing ${file}: reading the archive, extracting the text of its sources, placing every selection…` });
    const r = await api.result('qdpx:import', grant ? { grant } : { file: inline! });
    setBusy(false);
    if (!r.ok) return setStatus({ ok: false, text: `${file} was not imported, and the project is unchanged: ${r.error.message}` });
    setStatus(null);
    setResult({ file, value: r.value, undone: false });
    onChanged();
    const state = await api.result('history:state', {});
    if (state.ok) notifyChanged(state.value);
  };

  const undo = async () => {
    const r = await runHistory('undo');
    if ('error' in r) setStatus({ ok: false, text: r.error });
  };

  return (
    <>
      <div className="export-panel" role="group" aria-label="REFI-QDA project" aria-busy={busy}>
        <span className="muted" title="The exchange format of NVivo, ATLAS.ti, MAXQDA and QualCoder">
          REFI-QDA project (.qdpx)
        </span>
        <button type="button" onClick={() => void exportQdpx()} disabled={busy}>
          Export .qdpx
        </button>
        <FileChooser
          label="Import .qdpx…"
          kind="qdpx"
          multiple={false}
          accept=".qdpx"
          disabled={busy}
          onChosen={importQdpx}
          onError={(message) => setStatus({ ok: false, text: message })}
        />
        {status && (
          <span className={status.ok ? 'status export-status' : 'error-inline export-status'} role={status.ok ? 'status' : 'alert'}>
            {status.text}
          </span>
        )}
      </div>
      {result && <QdpxResult file={result.file} result={result.value} undone={result.undone} onUndo={() => void undo()} onDismiss={() => setResult(null)} />}
    </>
  );
}

function QdpxResult({ file, result, undone, onUndo, onDismiss }: { file: string; result: QdpxImportResult; undone: boolean; onUndo(): void; onDismiss(): void }) {
  return (
    <div className="qdpx-result" role="region" aria-label="REFI-QDA import result">
      <p>
        <strong>{undone ? `The import of ${file} was undone.` : `Imported ${file}`}</strong>
        {!undone && <span className="muted"> (project file {result.qde})</span>}
      </p>
      <dl>
        {importFigures(result).map(([label, n, about]) => (
          <div key={label} title={about}>
            <dt>{label}</dt>
            <dd data-figure={label}>{n.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {result.warnings.length > 0 && (
        <details open={result.warnings.length <= 5}>
          <summary>{plural(result.warnings.length, 'warning')}</summary>
          <ul aria-label="Import warnings">
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="qdpx-result-actions">
        {!undone && (
          <button type="button" onClick={onUndo}>
            Undo this import
          </button>
        )}
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
        {!undone && <span className="muted">The whole import is one step: Ctrl+Z (outside a text field) takes it back, Ctrl+Shift+Z brings it back.</span>}
      </div>
    </div>
  );
}
