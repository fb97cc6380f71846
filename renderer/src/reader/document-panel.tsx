/**
 * The reader's "About" tab: the document's realist appraisal (relevance to the programme
 * theory and rigour, each with its justification) and the memos written on it. Saved through
 * the coding calls; the same appraisal shows next to the evidence it backs in a CMOC.
 */
import { useEffect, useState } from 'react';
import type { Appraisal, AppraisalLevel, Memo } from '../../../shared/coding/types';
import { api } from '../api';

const LEVELS: Array<AppraisalLevel | ''> = ['', 'high', 'moderate', 'low'];

export function DocumentPanel({ documentId }: { documentId: string }) {
  const [appraisal, setAppraisal] = useState<Pick<Appraisal, 'relevance' | 'relevanceNote' | 'rigour' | 'rigourNote'>>({
    relevance: null,
    relevanceNote: '',
    rigour: null,
    rigourNote: '',
  });
  const [memos, setMemos] = useState<Memo[]>([]);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    void api.result('appraisals:list', { documentId }).then((r) => {
      // The most recently updated appraisal of this document (one per coder).
      const latest = r.ok ? [...r.value].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0] : undefined;
      if (latest) setAppraisal({ relevance: latest.relevance, relevanceNote: latest.relevanceNote, rigour: latest.rigour, rigourNote: latest.rigourNote });
    });
    void api.result('memos:list', { targetType: 'document', targetId: documentId }).then((r) => r.ok && setMemos(r.value));
  }, [documentId]);

  const saveAppraisal = async () => {
    const r = await api.result('appraisals:set', { documentId, ...appraisal });
    setStatus(r.ok ? 'Appraisal saved.' : `Not saved: ${r.error.message}`);
  };

  const addMemo = async () => {
    if (!draft.trim()) return;
    const r = await api.result('memos:create', { targetType: 'document', targetId: documentId, body: draft.trim() });
    if (r.ok) {
      setMemos((m) => [...m, r.value]);
      setDraft('');
      setStatus('Memo added.');
    } else setStatus(`Not saved: ${r.error.message}`);
  };

  const level = (key: 'relevance' | 'rigour', label: string) => (
    <label className="doc-panel-field">
      {label}
      <select value={appraisal[key] ?? ''} onChange={(e) => setAppraisal((a) => ({ ...a, [key]: (e.target.value || null) as AppraisalLevel | null }))}>
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {l === '' ? 'not appraised' : l}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="doc-panel">
      <form
        aria-label="Appraisal"
        onSubmit={(e) => {
          e.preventDefault();
          void saveAppraisal();
        }}
      >
        <h3>Appraisal</h3>
        {level('relevance', 'Relevance to the programme theory')}
        <textarea aria-label="Relevance note" placeholder="Which part of the theory does it speak to?" value={appraisal.relevanceNote} onChange={(e) => setAppraisal((a) => ({ ...a, relevanceNote: e.target.value }))} />
        {level('rigour', 'Rigour (trustworthiness)')}
        <textarea aria-label="Rigour justification" placeholder="Why is this evidence trustworthy, or not?" value={appraisal.rigourNote} onChange={(e) => setAppraisal((a) => ({ ...a, rigourNote: e.target.value }))} />
        <button type="submit">Save appraisal</button>
      </form>
      <section aria-label="Memos on this document">
        <h3>Memos</h3>
        {memos.length === 0 && <p className="muted">No memos on this document yet.</p>}
        {memos.map((m) => (
          <article key={m.id} className="doc-memo">
            <p>{m.body}</p>
            <span className="muted">
              {m.coder ? `${m.coder} · ` : ''}
              {new Date(m.updatedAt).toLocaleDateString()}
            </span>
          </article>
        ))}
        <textarea aria-label="New memo" placeholder="Write a memo about this document…" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="button" onClick={() => void addMemo()} disabled={!draft.trim()}>
          Add memo
        </button>
      </section>
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
