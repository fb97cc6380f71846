/**
 * The selected code's card: kind and colour, the description with its inclusion and
 * exclusion notes and synonyms (stored as labelled lines, see code-notes.ts), and its memos.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CodeKind, CodeSummary, Memo } from '../../../../shared/coding/types';
import { api } from '../../api';
import { readCodeNotes, writeCodeNotes } from './code-notes';
import { coderField, codeColor } from './use-coding';

export function CodeDetails({ code, kinds, coder, onSaved }: { code: CodeSummary; kinds: CodeKind[]; coder: string; onSaved: (message: string) => void }) {
  const [notes, setNotes] = useState(() => readCodeNotes(code.description));
  const [synonyms, setSynonyms] = useState(() => notes.synonyms.join(', '));
  const [memos, setMemos] = useState<Memo[]>([]);
  const [memo, setMemo] = useState('');
  const [error, setError] = useState<string | null>(null);

  const loadMemos = useCallback(async () => {
    const r = await api.result('memos:list', { targetType: 'code', targetId: code.id });
    if (r.ok) setMemos(r.value);
  }, [code.id]);

  useEffect(() => {
    const n = readCodeNotes(code.description);
    setNotes(n);
    setSynonyms(n.synonyms.join(', '));
    setError(null);
    void loadMemos();
  }, [code.id, code.description, loadMemos]);

  const description = writeCodeNotes({ ...notes, synonyms: synonyms.split(/[,;]/).map((s) => s.trim()).filter(Boolean) });
  const dirty = description !== code.description.trim();

  const update = async (patch: { description?: string; kind?: string; color?: string | null }, message: string) => {
    const r = await api.result('codes:update', { id: code.id, ...patch });
    if (r.ok) onSaved(message);
    else setError(r.error.message);
  };

  const addMemo = async () => {
    if (!memo.trim()) return;
    const r = await api.result('memos:create', { targetType: 'code', targetId: code.id, body: memo.trim(), ...coderField(coder) });
    if (r.ok) {
      setMemo('');
      void loadMemos();
    } else setError(r.error.message);
  };

  return (
    <section className="code-details" aria-label="Code details">
      <div className="code-details-head">
        <span className="swatch big" style={{ background: codeColor(code, kinds) }} />
        <h2>{code.name}</h2>
        <span className="muted">
          {code.codings.toLocaleString()} codings · {code.excerpts.toLocaleString()} passages · {code.documents.toLocaleString()} documents
        </span>
      </div>
      <div className="code-fields">
        <label>
          Kind
          <select value={code.kind} onChange={(e) => void update({ kind: e.target.value }, 'Kind changed.')}>
            {kinds.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour
          <span className="color-row">
            <input type="color" aria-label="Colour" value={codeColor(code, kinds)} onChange={(e) => void update({ color: e.target.value }, 'Colour changed.')} />
            {code.color && (
              <button className="link" onClick={() => void update({ color: null }, 'The code takes its kind’s colour again.')}>
                Kind’s colour
              </button>
            )}
          </span>
        </label>
      </div>
      <label className="field">
        Description
        <textarea rows={3} value={notes.text} onChange={(e) => setNotes({ ...notes, text: e.target.value })} />
      </label>
      <div className="code-fields two">
        <label className="field">
          Include when
          <textarea rows={2} value={notes.include} onChange={(e) => setNotes({ ...notes, include: e.target.value })} />
        </label>
        <label className="field">
          Exclude when
          <textarea rows={2} value={notes.exclude} onChange={(e) => setNotes({ ...notes, exclude: e.target.value })} />
        </label>
      </div>
      <label className="field">
        Synonyms <span className="muted">(comma-separated; the code picker finds the code by them)</span>
        <input value={synonyms} onChange={(e) => setSynonyms(e.target.value)} />
      </label>
      <div className="form-buttons">
        <button className="primary" disabled={!dirty} onClick={() => void update({ description }, 'Description saved.')}>
          Save description
        </button>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <h3>Memos</h3>
      {memos.map((m) => (
        <div key={m.id} className="memo">
          <div>{m.body}</div>
          <div className="muted memo-meta">
            {m.coder ?? 'consensus'} · {m.updatedAt.slice(0, 10)}
          </div>
        </div>
      ))}
      <div className="memo-add">
        <textarea rows={2} aria-label="New memo" placeholder="Write a memo about this code…" value={memo} onChange={(e) => setMemo(e.target.value)} />
        <button onClick={() => void addMemo()} disabled={!memo.trim()}>
          Add memo
        </button>
      </div>
    </section>
  );
}
