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

  const load = useCallback(() => {
    void api.result('documents:list', {}).then((r) => (r.ok ? (setDocs(r.value), setError(null)) : setError(r.error.message)));
  }, []);
  useEffect(load, [load]);

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
    setStatus(`Attached ${attached.length} document${attached.length === 1 ? '' : 's'}.`);
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
        <table className="grid documents-table">
          <thead>
            <tr>
              <th>Title</th>
              <th>Kind</th>
              <th className="num">Pages</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} data-document-id={d.id}>
                <td>
                  <button className="link doc-title" onClick={() => setOpenId(d.id)} disabled={d.status === 'encrypted'}>
                    {d.title}
                  </button>
                  <div className="muted file-name">{d.fileName}</div>
                </td>
                <td>{KIND_LABEL[d.kind]}</td>
                <td className="num">{d.kind === 'pdf' ? d.pageCount : ''}</td>
                <td>
                  <span className={`doc-status doc-status-${d.status}`} title={d.statusMessage ?? ''}>
                    {STATUS_LABEL[d.status]}
                  </span>
                  {d.statusMessage && d.status !== 'ok' && <div className="muted status-message">{d.statusMessage}</div>}
                </td>
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
