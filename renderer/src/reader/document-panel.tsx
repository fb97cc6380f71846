/**
 * The reader's "Appraisal & memos" tab: the document's realist appraisal (relevance to the
 * programme theory and rigour, each with its justification) by the current coder's layer,
 * the appraisals of the other coders with their names, and the memos written on it. Saved
 * through the coding calls (a save is confirmed with who and when); the same appraisal shows
 * next to the evidence it backs in a CMOC and in the documents list.
 */
import { useEffect, useState } from 'react';
import type { Appraisal, AppraisalLevel, Memo } from '../../../shared/coding/types';
import { api } from '../api';
import { LIMITS, plainError } from '../plain-errors';

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
  const [all, setAll] = useState<Appraisal[]>([]);
  const [mine, setMine] = useState<string | null>(null);

  const loadAppraisals = async () => {
    const [list, session] = await Promise.all([api.result('appraisals:list', { documentId }), api.result('session:get', {})]);
    const layer = session.ok ? session.value.layerCoderId : null;
    setMine(layer);
    const items = list.ok ? list.value : [];
    setAll(items);
    // The form edits the appraisal of the layer being written to (one per document and coder).
    const own = items.find((a) => a.coderId === layer);
    setAppraisal(own ? { relevance: own.relevance, relevanceNote: own.relevanceNote, rigour: own.rigour, rigourNote: own.rigourNote } : { relevance: null, relevanceNote: '', rigour: null, rigourNote: '' });
  };

  useEffect(() => {
    void loadAppraisals();
    void api.result('memos:list', { targetType: 'document', targetId: documentId }).then((r) => r.ok && setMemos(r.value));
  }, [documentId]);

  const saveAppraisal = async () => {
    const r = await api.result('appraisals:set', { documentId, ...appraisal });
    if (!r.ok) return setStatus(`Not saved: ${plainError(r.error, { relevanceNote: 'The relevance note', rigourNote: 'The rigour justification' })}`);
    setStatus(`Appraisal saved for ${r.value.coder ?? 'consensus'} at ${new Date(r.value.updatedAt).toLocaleTimeString()}.`);
    await loadAppraisals();
  };

  const addMemo = async () => {
    if (!draft.trim()) return;
    const r = await api.result('memos:create', { targetType: 'document', targetId: documentId, body: draft.trim() });
    if (r.ok) {
      setMemos((m) => [...m, r.value]);
      setDraft('');
      setStatus('Memo added.');
    } else setStatus(`Not saved: ${plainError(r.error, { body: 'The memo' })}`);
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
        <h3>Your appraisal</h3>
        {level('relevance', 'Relevance to the programme theory')}
        <textarea aria-label="Relevance note" maxLength={LIMITS.note} placeholder="Which part of the theory does it speak to?" value={appraisal.relevanceNote} onChange={(e) => setAppraisal((a) => ({ ...a, relevanceNote: e.target.value }))} />
        {level('rigour', 'Rigour (trustworthiness)')}
        <textarea aria-label="Rigour justification" maxLength={LIMITS.note} placeholder="Why is this evidence trustworthy, or not?" value={appraisal.rigourNote} onChange={(e) => setAppraisal((a) => ({ ...a, rigourNote: e.target.value }))} />
        <button type="submit">Save appraisal</button>
      </form>
      <section aria-label="Appraisals by coder" className="doc-appraisals">
        <h3>Appraised by</h3>
        {all.length === 0 && <p className="muted">Nobody has appraised this document yet.</p>}
        <ul>
          {all.map((a) => (
            <li key={a.id}>
              <strong>{a.coder ?? 'Consensus'}</strong>
              {a.coderId === mine ? ' (you)' : ''}: relevance {a.relevance ?? '—'}, rigour {a.rigour ?? '—'} <span className="muted">· {new Date(a.updatedAt).toLocaleDateString()}</span>
            </li>
          ))}
        </ul>
      </section>
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
        <textarea aria-label="New memo" maxLength={LIMITS.memo} placeholder="Write a memo about this document…" value={draft} onChange={(e) => setDraft(e.target.value)} />
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
