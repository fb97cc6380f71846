/**
 * The detail pane: everything stored about the selected record (bibliographic fields,
 * abstract, keywords, tags, where it came from, its screening decision and reason, its
 * duplicate cluster, and the record as it was in the export). Tags can be added and removed
 * here; the cluster links to the duplicate review.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RecordDetail as Detail } from '../../../../shared/api/calls/records';
import { api } from '../../api';
import { formatName } from './import-panel';
import { authorFull, decisionLabel, shortDate } from './library-query';
import { navigate } from '../../navigation';
import { plainError } from '../../plain-errors';

interface Props {
  recordId: string | null;
  /** Bumped by the library after changes (tags) so the pane reloads. */
  version: number;
  onClose(): void;
  onTagsChanged(): void;
  onReviewCluster(clusterId: string): void;
}

/** Longer abstracts are folded to a few lines so tags and the source stay in view. */
const ABSTRACT_PREVIEW_CHARS = 600;

const REASONS: Record<string, string> = { doi: 'same DOI', pmid: 'same PMID', fuzzy: 'similar title, first author and year', manual: 'grouped by hand' };

/** Exports often repeat a keyword (author keywords plus index terms): show each once. */
function uniqueWords(words: string[]): string[] {
  const seen = new Map<string, string>();
  for (const w of words) if (!seen.has(w.toLowerCase())) seen.set(w.toLowerCase(), w);
  return [...seen.values()];
}

/** Only web addresses become links (never javascript:, file: or data:). */
export function safeUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A link that opens outside the app, with no access back to it (noopener, noreferrer). */
function ExternalLink({ href, text }: { href: string; text: string }) {
  return (
    <a className="mono break" href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function RecordDetailPane({ recordId, version, onClose, onTagsChanged, onReviewCluster }: Props) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [others, setOthers] = useState<Array<{ id: string; title: string; year: number | null }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [newTag, setNewTag] = useState('');
  const [fullAbstract, setFullAbstract] = useState(false);
  const pane = useRef<HTMLElement>(null);

  useEffect(() => setFullAbstract(false), [recordId]);

  useEffect(() => {
    if (!recordId) {
      setDetail(null);
      return;
    }
    let alive = true;
    void api.result('records:get', { id: recordId }).then((r) => {
      if (!alive) return;
      if (r.ok) {
        setDetail(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      alive = false;
    };
  }, [recordId, version]);

  // The other members of its cluster, by title (a few at most).
  useEffect(() => {
    const ids = detail?.cluster?.otherIds.slice(0, 6) ?? [];
    let alive = true;
    setOthers([]);
    if (ids.length === 0) return;
    void Promise.all(ids.map((id) => api.result('records:get', { id }))).then((rs) => {
      if (alive) setOthers(rs.flatMap((r) => (r.ok ? [{ id: r.value.id, title: r.value.title, year: r.value.year }] : [])));
    });
    return () => {
      alive = false;
    };
  }, [detail?.cluster?.id, detail?.id]);

  const [decision, setDecision] = useState<string>('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setDecision(detail?.screening.decision ?? '');
    setReason(detail?.screening.reason ?? '');
    setNote(null);
  }, [detail?.id, detail?.screening.decision, detail?.screening.reason]);

  const reload = async () => {
    if (!detail) return;
    const r = await api.result('records:get', { id: detail.id });
    if (r.ok) setDetail(r.value);
    onTagsChanged();
  };

  /** A second look at the screening: one action of the change log (the audit view shows who and when). */
  const saveScreening = async () => {
    if (!detail) return;
    const r = await api.result('records:setScreening', { id: detail.id, decision: (decision || null) as 'included' | 'excluded' | 'maybe' | null, reason: reason.trim() || null });
    if (!r.ok) return setNote({ ok: false, text: plainError(r.error, { reason: 'The reason' }) });
    setDetail(r.value);
    setNote({ ok: true, text: `Screening saved: ${decisionLabel(r.value.screening.decision)} (Ctrl+Z undoes).` });
    onTagsChanged();
  };

  /** Attaches chosen files to this record (uploaded through the bridge; matched to no other record). */
  const attach = async (files: FileList | null) => {
    if (!detail || !files || files.length === 0) return;
    const uploads = await Promise.all(
      [...files].map(async (f) => {
        const bytes = new Uint8Array(await f.arrayBuffer());
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { name: f.name, contentBase64: btoa(bin) };
      }),
    );
    const r = await api.result('documents:attach', { files: uploads, recordId: detail.id });
    if (!r.ok) return setNote({ ok: false, text: plainError(r.error) });
    const failed = r.value.errors.map((e) => `${e.file}: ${e.message}`);
    setNote({ ok: failed.length === 0, text: `Attached ${r.value.attached.length} file${r.value.attached.length === 1 ? '' : 's'} to this record.${failed.length ? ` Not attached: ${failed.join('; ')}` : ''}` });
    await reload();
  };

  const detach = async (documentId: string, title: string) => {
    const r = await api.result('documents:setRecord', { id: documentId, recordId: null });
    if (!r.ok) return setNote({ ok: false, text: plainError(r.error) });
    setNote({ ok: true, text: `Detached “${title}” from this record; it stays in Documents (Ctrl+Z undoes).` });
    await reload();
  };

  const changeTags = async (add: string[], remove: string[]) => {
    if (!detail) return;
    const r = await api.result('records:tag', { ids: [detail.id], ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) });
    if (!r.ok) return setError(r.error.message);
    const next = new Set(detail.tags);
    add.forEach((t) => next.add(t));
    remove.forEach((t) => next.delete(t));
    setDetail({ ...detail, tags: [...next].sort() });
    onTagsChanged();
  };

  if (!recordId) {
    return (
      <aside className="lib-detail empty-detail" aria-label="Record detail">
        <p className="muted">Select a record to see its details. ↑↓ move, Enter opens, Esc closes.</p>
      </aside>
    );
  }
  if (error) {
    return (
      <aside className="lib-detail" aria-label="Record detail">
        <div className="error" role="alert">
          {error}
        </div>
      </aside>
    );
  }
  if (!detail) {
    return (
      <aside className="lib-detail" aria-label="Record detail" aria-busy="true">
        <p className="muted">Loading…</p>
      </aside>
    );
  }

  // Journal · year · volume(issue):pages, the way reference lists print it.
  const locator = `${detail.volume ? `vol. ${detail.volume}` : ''}${detail.issue ? `(${detail.issue})` : ''}${detail.pages ? `${detail.volume || detail.issue ? ':' : 'pp. '}${detail.pages}` : ''}`;
  const citation = [detail.journal, detail.year, locator].filter(Boolean).join(' · ');
  const d = detail.screening.decision;
  return (
    <aside className="lib-detail" aria-label="Record detail" ref={pane} tabIndex={-1} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="lib-detail-head">
        <span className={`decision decision-${d ?? 'none'}`}>{decisionLabel(d)}</span>
        {detail.type && <span className="lib-chip type">{detail.type}</span>}
        <button type="button" className="link close" onClick={onClose} aria-label="Close the detail pane" title="Close (Esc)">
          ✕
        </button>
      </div>
      <h3 className="lib-detail-title">{detail.title || <span className="muted">(no title)</span>}</h3>
      {detail.authors.length > 0 && <p className="lib-detail-authors">{authorFull(detail.authors)}</p>}
      <section className="lib-fulltext" aria-label="Full text">
        <h4>Full text</h4>
        {detail.documents.length === 0 && <p className="muted">No full text attached.</p>}
        <ul className="lib-doc-list">
          {detail.documents.map((doc) => (
            <li key={doc.id}>
              <span className="lib-doc-title" title={doc.fileName}>
                {doc.title} <span className="muted">({doc.kind}{doc.status !== 'ok' ? `, ${doc.status}` : ''})</span>
              </span>
              <button type="button" onClick={() => navigate({ section: 'documents', documentId: doc.id })}>
                Open
              </button>
              <button type="button" className="danger" onClick={() => void detach(doc.id, doc.title)} title="Unlink it from this record (the document stays in Documents, where it can be linked to another record)">
                Detach
              </button>
            </li>
          ))}
        </ul>
        <input ref={fileInput} type="file" multiple hidden accept=".pdf,.txt,.md,.docx" aria-label="Choose full-text files" onChange={(e) => void attach(e.target.files).then(() => (e.target.value = ''))} />
        <button type="button" onClick={() => fileInput.current?.click()}>
          Attach a file…
        </button>
      </section>
      <form
        className="lib-screening"
        aria-label="Screening decision"
        onSubmit={(e) => {
          e.preventDefault();
          void saveScreening();
        }}
      >
        <label>
          Screening
          <select aria-label="Screening decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
            <option value="">not screened</option>
            <option value="included">included</option>
            <option value="maybe">maybe</option>
            <option value="excluded">excluded</option>
          </select>
        </label>
        <input aria-label="Screening reason" placeholder="Reason" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={decision === (detail.screening.decision ?? '') && reason.trim() === (detail.screening.reason ?? '')}>
          Save
        </button>
      </form>
      {note && (
        <p className={note.ok ? 'status' : 'error-inline'} role="status">
          {note.text}
        </p>
      )}
      {citation && <p className="muted lib-detail-cite">{citation}</p>}
      {detail.screening.reason && (
        <p className="lib-detail-reason">
          <span className="muted">Screening reason:</span> {detail.screening.reason}
        </p>
      )}

      {detail.cluster && (
        <div className={`lib-detail-cluster ${detail.cluster.status}`}>
          <div>
            <strong>Possible duplicate</strong> <span className="muted">({REASONS[detail.cluster.reason] ?? detail.cluster.reason}{detail.cluster.score !== null && detail.cluster.reason === 'fuzzy' ? `, ${Math.round(detail.cluster.score * 100)}%` : ''}; {detail.cluster.status})</span>
          </div>
          <ul>
            {others.map((o) => (
              <li key={o.id}>
                {o.title || '(no title)'} {o.year ? <span className="muted">({o.year})</span> : null}
              </li>
            ))}
            {detail.cluster.otherIds.length > others.length && others.length > 0 && <li className="muted">…and {detail.cluster.otherIds.length - others.length} more</li>}
          </ul>
          {detail.cluster.status === 'open' && (
            <button type="button" onClick={() => onReviewCluster(detail.cluster!.id)}>
              Review duplicates
            </button>
          )}
        </div>
      )}

      <h4>Abstract</h4>
      {detail.abstract ? (
        <>
          <p className={`lib-detail-abstract${fullAbstract || detail.abstract.length < ABSTRACT_PREVIEW_CHARS ? '' : ' clamped'}`}>{detail.abstract}</p>
          {detail.abstract.length >= ABSTRACT_PREVIEW_CHARS && (
            <button type="button" className="link lib-more" onClick={() => setFullAbstract(!fullAbstract)}>
              {fullAbstract ? 'Show less' : 'Show the whole abstract'}
            </button>
          )}
        </>
      ) : (
        <p className="muted">No abstract.</p>
      )}

      {detail.keywords.length > 0 && (
        <>
          <h4>Keywords</h4>
          <div className="lib-chips">
            {uniqueWords(detail.keywords).map((k) => (
              <span key={k} className="lib-chip">
                {k}
              </span>
            ))}
          </div>
        </>
      )}

      <h4>Tags</h4>
      <div className="lib-chips">
        {detail.tags.map((t) => (
          <span key={t} className="lib-chip tag">
            {t}
            <button type="button" className="lib-chip-x" aria-label={`Remove tag ${t}`} onClick={() => void changeTags([], [t])}>
              ×
            </button>
          </span>
        ))}
        <form
          className="lib-tag-add"
          onSubmit={(e) => {
            e.preventDefault();
            const t = newTag.trim();
            if (t) void changeTags([t], []).then(() => setNewTag(''));
          }}
        >
          <input value={newTag} onChange={(e) => setNewTag(e.target.value)} placeholder="add tag" aria-label="Add a tag" />
        </form>
      </div>

      <h4>Record</h4>
      <dl className="lib-detail-fields">
        <Field label="DOI">{detail.doi && <ExternalLink href={`https://doi.org/${encodeURI(detail.doi)}`} text={detail.doi} />}</Field>
        <Field label="PMID">{detail.pmid}</Field>
        <Field label="PMCID">{detail.pmcid}</Field>
        <Field label="ISSN">{detail.issn}</Field>
        <Field label="URL">{detail.url && (safeUrl(detail.url) ? <ExternalLink href={detail.url} text={detail.url} /> : <span className="mono break">{detail.url}</span>)}</Field>
        <Field label="Language">{detail.language}</Field>
        <Field label="Source">
          {detail.source.file ? (
            <span className="mono break" data-testid="detail-source">
              {detail.source.file}
              {detail.source.line ? `:${detail.source.line}` : ''}
            </span>
          ) : null}
          {detail.source.format ? <span className="muted"> ({formatName(detail.source.format)})</span> : null}
        </Field>
        <Field label="Added">{shortDate(detail.createdAt)}</Field>
      </dl>
      {detail.raw && (
        <details className="lib-detail-raw">
          <summary>As in the export</summary>
          <pre>{detail.raw}</pre>
        </details>
      )}
    </aside>
  );
}
