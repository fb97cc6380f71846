/**
 * The Documents section: the project's full texts (article PDFs, transcripts, field notes)
 * with their extraction status, attaching chosen or dropped files (the page never names a path:
 * the desktop app's native dialog, or uploads in the browser build), unlocking encrypted PDFs,
 * and the reader for the one that is open.
 */
import { useCallback, useEffect, useState, type DragEvent } from 'react';
import type { DocumentStatus, DocumentSummary } from '../../../shared/api/calls/documents';
import { api, type FileParts } from '../api';
import { FileChooser } from '../components/file-chooser';
import { pdfjsEngine } from '../reader/pdfjs';
import { ReaderContainer } from '../reader/reader-container';
import { useNavigationTarget } from '../navigation';
import { useHistoryListener } from '../history';
import type { Appraisal } from '../../../shared/coding/types';
import { initialsOf } from '../../../shared/coders/types';
import type { SectionProps } from '.';

const STATUS_LABEL: Record<DocumentStatus, string> = {
  ok: 'text ready',
  'no-text': 'no text: needs OCR',
  encrypted: 'encrypted',
  damaged: 'damaged',
};

const KIND_LABEL = { pdf: 'PDF', text: 'Text', markdown: 'Markdown', docx: 'Word' } as const;

/** The Documents section (registered in ./index.ts). */
export function Documents({ refresh }: SectionProps) {
  const [docs, setDocs] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  /** The excerpt to show when the reader was opened by "Jump to" from a code, a CMOC or a search. */
  const [focusExcerpt, setFocusExcerpt] = useState<string | null>(null);
  useNavigationTarget('documents', (t) => {
    if (!t.documentId) return;
    setOpenId(t.documentId);
    setFocusExcerpt(t.excerptId ?? null);
  });
  const [dragging, setDragging] = useState(false);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [password, setPassword] = useState('');

  // Start pdf.js's worker while the list is on screen, so opening a PDF does not wait for it.
  useEffect(() => pdfjsEngine.warmUp(), []);

  const [appraisals, setAppraisals] = useState<Appraisal[]>([]);
  const [relevanceFilter, setRelevanceFilter] = useState('');
  const [rigourFilter, setRigourFilter] = useState('');
  const [showAppraisal, setShowAppraisal] = useState(true);
  const [removing, setRemoving] = useState<string | null>(null);

  const load = useCallback(() => {
    void api.result('documents:list', {}).then((r) => (r.ok ? (setDocs(r.value), setError(null)) : setError(r.error.message)));
    void api.result('appraisals:list', {}).then((r) => r.ok && setAppraisals(r.value));
  }, []);
  useEffect(load, [load]);
  useHistoryListener(load);

  /** Removes a document (soft delete, one action; Ctrl+Z brings it back with its highlights). */
  const remove = async (d: DocumentSummary) => {
    setRemoving(null);
    const r = await api.result('documents:remove', { id: d.id });
    if (!r.ok) return setError(r.error.message);
    setStatus(`Removed “${d.title}” (Ctrl+Z brings it back with its highlights).`);
    load();
    refresh();
  };

  const levelsOf = (documentId: string, key: 'relevance' | 'rigour') => appraisals.filter((a) => a.documentId === documentId && a[key]);
  const matchesLevel = (documentId: string, key: 'relevance' | 'rigour', wanted: string) =>
    !wanted || (wanted === 'none' ? levelsOf(documentId, key).length === 0 : levelsOf(documentId, key).some((a) => a[key] === wanted));
  const shown = (docs ?? []).filter((d) => matchesLevel(d.id, 'relevance', relevanceFilter) && matchesLevel(d.id, 'rigour', rigourFilter));
  const levelCell = (documentId: string, key: 'relevance' | 'rigour') => {
    const list = levelsOf(documentId, key);
    if (list.length === 0) return <span className="muted">—</span>;
    return list.map((a) => (
      <span key={a.id} className={`level level-${a[key]}`} title={`${a.coder ?? 'Consensus'}: ${key === 'relevance' ? a.relevanceNote : a.rigourNote}`}>
        {initialsOf(a.coder ?? 'Consensus')} {a[key]}
      </span>
    ));
  };

  const attach = async (req: FileParts) => {
    setStatus('Attaching…');
    const r = await api.result('documents:attach', req);
    if (!r.ok) {
      setStatus(null);
      setError(r.error.message);
      return;
    }
    const { attached, errors } = r.value;
    setError(errors.length ? errors.map((e) => `${e.file}: ${e.message}`).join('\n') : null);
    // Say which record each file was matched to (and how), so a wrong match is seen at once.
    const list = await api.result('documents:list', {});
    const recordOf = (id: string) => (list.ok ? list.value.find((d) => d.id === id)?.record?.title : undefined);
    const how: Record<string, string> = { doi: 'by DOI', title: 'by title', manual: 'as chosen', none: '' };
    const lines = attached.map((a) => {
      const title = a.recordId ? recordOf(a.documentId) : undefined;
      return title ? `${a.file} → “${title}” (${how[a.match] || 'linked'})` : `${a.file} → no matching record (link it from the record's detail)`;
    });
    setStatus(`Attached ${attached.length} document${attached.length === 1 ? '' : 's'}.${lines.length ? ` ${lines.join('; ')}.` : ''}`);
    load();
    refresh();
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    setStatus('Sending…');
    try {
      await attach(await api.prepareFiles(files));
    } catch (err) {
      setStatus(null);
      setError((err as Error).message);
    }
  };

  const unlock = async (id: string) => {
    const r = await api.result('documents:unlock', { id, password });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    if (r.value.status === 'encrypted') {
      // A wrong password leaves the document locked: say so and keep the form open to try again.
      setError(`That password does not open “${r.value.title}”: it is still locked. Check the password and try again.`);
      setPassword('');
      return;
    }
    setUnlocking(null);
    setPassword('');
    setStatus(`Unlocked “${r.value.title}”.`);
    load();
  };

  if (openId) return <ReaderContainer key={`${openId}:${focusExcerpt ?? ''}`} documentId={openId} focusExcerptId={focusExcerpt} onClose={() => (setOpenId(null), setFocusExcerpt(null), load())} />;

  return (
    <section
      aria-label="Documents"
      className={`documents${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <h2 className="section-title">
        Documents <span className="muted">{docs ? `${docs.length} full text${docs.length === 1 ? '' : 's'}` : ''}</span>
      </h2>
      <div className="attach-form" role="group" aria-label="Attach documents">
        <FileChooser
          label="Choose files…"
          kind="documents"
          multiple
          accept=".pdf,.txt,.md,.markdown,.docx"
          className="primary"
          onChosen={(parts) => attach(parts)}
          onError={(message) => (setStatus(null), setError(message))}
        />
        <span className="muted drop-hint">or drop PDFs, .txt, .md or .docx files here</span>
      </div>
      {status && (
        <p className="status" role="status">
          {status}
        </p>
      )}
      {error && (
        <div className="error pre" role="alert">
          {error}
        </div>
      )}
      {docs && docs.length === 0 && (
        <div className="empty">
          <h2>No full texts yet</h2>
          <p>Attach the articles' PDFs and your interview transcripts or field notes, then open one to read it and highlight the passages that speak to your programme theory.</p>
        </div>
      )}
      {docs && docs.length > 0 && (
        <div className="documents-filters" role="group" aria-label="Appraisal filters">
          <LevelFilter label="Relevance" value={relevanceFilter} onChange={setRelevanceFilter} />
          <LevelFilter label="Rigour" value={rigourFilter} onChange={setRigourFilter} />
          <label className="lib-check">
            <input type="checkbox" checked={showAppraisal} onChange={(e) => setShowAppraisal(e.target.checked)} /> Relevance and rigour columns
          </label>
          <span className="muted">
            {shown.length === docs.length ? `${docs.length} document${docs.length === 1 ? '' : 's'}` : `${shown.length} of ${docs.length} documents`}
          </span>
        </div>
      )}
      {docs && docs.length > 0 && (
        <table className="grid documents-table">
          <thead>
            <tr>
              <th>Title</th>
              <th>Author</th>
              <th className="num">Year</th>
              <th>Record</th>
              <th>Kind</th>
              <th className="num">Pages</th>
              <th>Status</th>
              {showAppraisal && <th title="Relevance to the programme theory, by coder (initials)">Relevance</th>}
              {showAppraisal && <th title="Rigour (trustworthiness), by coder (initials)">Rigour</th>}
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id} data-document-id={d.id}>
                <td>
                  <button className="link doc-title" onClick={() => setOpenId(d.id)} disabled={d.status === 'encrypted'}>
                    {d.title}
                  </button>
                  <div className="muted file-name">{d.fileName}</div>
                </td>
                <td className="doc-author">{d.record?.firstAuthor ?? <span className="muted">—</span>}</td>
                <td className="num">{d.record?.year ?? ''}</td>
                <td className="doc-record" title={d.record?.title ?? 'Not linked to a record'}>
                  {d.record ? d.record.title : <span className="muted">no record</span>}
                </td>
                <td>{KIND_LABEL[d.kind]}</td>
                <td className="num">{d.kind === 'pdf' ? d.pageCount : ''}</td>
                <td>
                  <span className={`doc-status doc-status-${d.status}`} title={d.statusMessage ?? ''}>
                    {STATUS_LABEL[d.status]}
                  </span>
                  {d.statusMessage && d.status !== 'ok' && <div className="muted status-message">{d.statusMessage}</div>}
                </td>
                {showAppraisal && <td className="doc-levels">{levelCell(d.id, 'relevance')}</td>}
                {showAppraisal && <td className="doc-levels">{levelCell(d.id, 'rigour')}</td>}
                <td className="row-actions">
                  {d.status === 'encrypted' ? (
                    unlocking === d.id ? (
                      <form
                        className="unlock-form"
                        onSubmit={(e) => {
                          e.preventDefault();
                          void unlock(d.id);
                        }}
                      >
                        <input type="password" aria-label="Password" placeholder="Password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
                        <button type="submit" className="primary">
                          Unlock
                        </button>
                        <button type="button" onClick={() => setUnlocking(null)}>
                          Cancel
                        </button>
                      </form>
                    ) : (
                      <button onClick={() => (setUnlocking(d.id), setPassword(''))}>Unlock…</button>
                    )
                  ) : (
                    <button onClick={() => setOpenId(d.id)}>Open</button>
                  )}
                  {removing === d.id ? (
                    <span className="confirm-remove" role="alertdialog" aria-label={`Remove ${d.title}`}>
                      Remove it and its highlights from the project?
                      <button className="danger primary" autoFocus onClick={() => void remove(d)}>
                        Remove
                      </button>
                      <button onClick={() => setRemoving(null)}>Keep</button>
                    </span>
                  ) : (
                    <button className="danger" onClick={() => setRemoving(d.id)} title="Remove the document (Ctrl+Z brings it back)">
                      Remove…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A filter on an appraisal level (relevance or rigour): any, a level given by anyone, or not appraised. */
function LevelFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label>
      {label}
      <select aria-label={`Filter by ${label.toLowerCase()}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">any</option>
        <option value="high">high (by anyone)</option>
        <option value="moderate">moderate</option>
        <option value="low">low</option>
        <option value="none">not appraised</option>
      </select>
    </label>
  );
}
