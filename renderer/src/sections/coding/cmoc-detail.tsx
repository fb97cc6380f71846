/**
 * One CMOC in full: its statement and codes, every quote with its citation, evidence role and
 * note, the appraisal (relevance, rigour) of the document each quote comes from shown beside
 * it and editable there, and the CMOC's memos.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Appraisal, AppraisalLevel, CmocDetail, CodeKind, CodeSummary } from '../../../../shared/coding/types';
import { api } from '../../api';
import { describeMissing } from '../../../../shared/coding/cmoc-rules';
import { LIMITS, plainError } from '../../plain-errors';
import { CodeChip, kindLabel, pageLabel } from './chips';
import { jumpToExcerpt } from './code-view';
import { MemoList } from './memo-list';
import { codeColor } from './use-coding';

const LEVELS: AppraisalLevel[] = ['high', 'moderate', 'low'];

export function CmocDetailView({
  cmoc,
  codes,
  kinds,
  onEdit,
  onDelete,
  onClose,
}: {
  cmoc: CmocDetail;
  codes: CodeSummary[];
  kinds: CodeKind[];
  onEdit: () => void;
  onDelete: () => void;
  /** Closes the pane (the table takes the room back). */
  onClose?: () => void;
}) {
  const [appraisals, setAppraisals] = useState<Appraisal[]>([]);
  const [editingDoc, setEditingDoc] = useState<string | null>(null);

  const loadAppraisals = useCallback(async () => {
    const docs = [...new Set(cmoc.evidence.map((e) => e.documentId))];
    const rs = await Promise.all(docs.map((documentId) => api.result('appraisals:list', { documentId })));
    setAppraisals(rs.flatMap((r) => (r.ok ? r.value : [])));
  }, [cmoc]);

  useEffect(() => {
    void loadAppraisals();
  }, [loadAppraisals]);

  const byRole = (role: string) => cmoc.codes.filter((c) => c.role === role);
  const roles = [...new Set(cmoc.codes.map((c) => c.role))];

  return (
    <article className="cmoc-detail-view" aria-label="CMOC detail">
      <header className="cmoc-detail-head">
        <h2>
          <span className="cmoc-number">CMOC {cmoc.number}</span> {cmoc.label}
        </h2>
        {cmoc.status === 'draft' && <span className="status-badge draft">draft</span>}
        <span className="muted">
          {cmoc.coder ?? 'consensus'} · updated {cmoc.updatedAt.slice(0, 10)}
        </span>
        <span className="toolbar-gap" />
        <button onClick={onEdit} title="Edit (E)">
          Edit
        </button>
        <button className="danger" onClick={onDelete} title="Delete (Del)">
          Delete
        </button>
        {onClose && (
          <button className="link pane-close" onClick={onClose} aria-label="Close the CMOC" title="Close (Esc in the table)">
            ×
          </button>
        )}
      </header>
      {(cmoc.lostCodes.length > 0 || cmoc.missing.length > 0 || cmoc.sameCodesAs.length > 0) && (
        <div className="cmoc-warnings" role="note" aria-label="CMOC warnings">
          {cmoc.lostCodes.map((x) => (
            <p key={x.codeId}>
              Lost its {kindLabel(kinds, x.role).toLowerCase()} “{x.name}”: the code was deleted. The statement below was not changed; edit the CMOC to choose another code, or undo the delete.
            </p>
          ))}
          {cmoc.missing.length > 0 && (
            <p>
              {cmoc.status === 'draft' ? 'Draft: ' : 'Incomplete: '}it lacks {describeMissing(cmoc.missing)}.
            </p>
          )}
          {cmoc.sameCodesAs.length > 0 && <p>Same codes in the same roles as {cmoc.sameCodesAs.map((n) => `CMOC ${n}`).join(', ')} in this layer: a duplicate?</p>}
        </div>
      )}
      <p className="statement">{cmoc.statement || <em className="muted">No statement yet.</em>}</p>
      <dl className="cmoc-roles">
        {roles.map((role) => (
          <div key={role}>
            <dt>{kindLabel(kinds, role)}</dt>
            <dd>
              {byRole(role).map((c) => (
                <CodeChip key={c.codeId} name={c.name} color={codeColor(codes.find((x) => x.id === c.codeId) ?? { kind: role, color: null }, kinds)} />
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <h3>
        Evidence <span className="muted">{cmoc.supporting} supporting · {cmoc.refuting} refuting · {cmoc.refining} refining · {cmoc.documents} {cmoc.documents === 1 ? 'source' : 'sources'}</span>
      </h3>
      {cmoc.evidence.length === 0 && <p className="muted">No evidence linked yet: Edit to link passages.</p>}
      {cmoc.evidence.map((e) => {
        const docAppraisals = appraisals.filter((a) => a.documentId === e.documentId);
        return (
          <figure key={e.linkId} className={`evidence role-${e.role}`}>
            <span className={`role-badge role-${e.role}`}>{e.role}</span>
            <blockquote>{e.quote}</blockquote>
            <figcaption>
              <strong>{e.citation}</strong> {e.documentTitle !== e.citation && <span className="muted">{e.documentTitle}</span>} {e.pageIndex !== null && <span className="muted">{pageLabel(e.pageIndex)}</span>}
              <button className="link" onClick={() => jumpToExcerpt(e)}>
                Jump to →
              </button>
            </figcaption>
            {e.note && <p className="evidence-note">Note: {e.note}</p>}
            <div className="appraisal-line">
              {docAppraisals.length === 0 && <span className="muted">Not appraised.</span>}
              {docAppraisals.map((a) => (
                <span key={a.id} className="appraisal" title={`Appraised by ${a.coder ?? 'consensus'}\nRelevance: ${a.relevanceNote}\nRigour: ${a.rigourNote}`}>
                  <span className="appraiser">{a.coder ?? 'consensus'}</span>
                  <span className={`level level-${a.relevance ?? 'none'}`}>relevance {a.relevance ?? '—'}</span>
                  <span className={`level level-${a.rigour ?? 'none'}`}>rigour {a.rigour ?? '—'}</span>
                  <span className="muted appraisal-note">{[a.relevanceNote, a.rigourNote].filter(Boolean).join(' · ')}</span>
                </span>
              ))}
              <button className="link" onClick={() => setEditingDoc(editingDoc === e.documentId ? null : e.documentId)}>
                Appraise
              </button>
            </div>
            {editingDoc === e.documentId && (
              <AppraisalEditor
                documentId={e.documentId}
                title={e.citation}
                onSaved={() => {
                  setEditingDoc(null);
                  void loadAppraisals();
                }}
                onCancel={() => setEditingDoc(null)}
              />
            )}
          </figure>
        );
      })}
      <MemoList targetType="cmoc" targetId={cmoc.id} noun="CMOC" version={cmoc.memos.length} />
    </article>
  );
}

/** A document's appraisal by the current coder: relevance and rigour, each high / moderate / low with its note. */
export function AppraisalEditor({ documentId, title, onSaved, onCancel }: { documentId: string; title: string; onSaved: () => void; onCancel: () => void }) {
  const [relevance, setRelevance] = useState<AppraisalLevel | null>(null);
  const [relevanceNote, setRelevanceNote] = useState('');
  const [rigour, setRigour] = useState<AppraisalLevel | null>(null);
  const [rigourNote, setRigourNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="appraisal-editor"
      aria-label={`Appraise ${title}`}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        void api.result('appraisals:set', { documentId, relevance, relevanceNote, rigour, rigourNote }).then((r) => (r.ok ? onSaved() : setError(plainError(r.error, { relevanceNote: 'The relevance note', rigourNote: 'The rigour justification' }))));
      }}
    >
      <fieldset>
        <legend>Relevance</legend>
        {LEVELS.map((l) => (
          <label key={l}>
            <input type="radio" name={`rel-${documentId}`} checked={relevance === l} onChange={() => setRelevance(l)} /> {l}
          </label>
        ))}
        <input aria-label="Relevance note" placeholder="Why" maxLength={LIMITS.note} value={relevanceNote} onChange={(e) => setRelevanceNote(e.target.value)} />
      </fieldset>
      <fieldset>
        <legend>Rigour</legend>
        {LEVELS.map((l) => (
          <label key={l}>
            <input type="radio" name={`rig-${documentId}`} checked={rigour === l} onChange={() => setRigour(l)} /> {l}
          </label>
        ))}
        <input aria-label="Rigour justification" placeholder="Justification" maxLength={LIMITS.note} value={rigourNote} onChange={(e) => setRigourNote(e.target.value)} />
      </fieldset>
      <div className="form-buttons">
        <button className="primary" type="submit">
          Save appraisal
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
