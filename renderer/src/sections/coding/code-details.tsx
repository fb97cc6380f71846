/**
 * The selected code's card: its counts and description (with inclusion and exclusion notes
 * and synonyms, stored as labelled lines, see code-notes.ts) and, folded away once the code
 * is described so the passages stay in view, the editor for kind, colour and those notes.
 */
import { useEffect, useState } from 'react';
import type { CodeKind, CodeSummary } from '../../../../shared/coding/types';
import { api } from '../../api';
import { readCodeNotes, writeCodeNotes } from './code-notes';
import { codeColor } from './use-coding';

export function CodeDetails({ code, kinds, onSaved }: { code: CodeSummary; kinds: CodeKind[]; onSaved: (message: string) => void }) {
  const [notes, setNotes] = useState(() => readCodeNotes(code.description));
  const [synonyms, setSynonyms] = useState(() => notes.synonyms.join(', '));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const n = readCodeNotes(code.description);
    setNotes(n);
    setSynonyms(n.synonyms.join(', '));
    setError(null);
  }, [code.id, code.description]);

  const saved = readCodeNotes(code.description);
  const description = writeCodeNotes({ ...notes, synonyms: synonyms.split(/[,;]/).map((s) => s.trim()).filter(Boolean) });
  const dirty = description !== code.description.trim();

  const update = async (patch: { description?: string; kind?: string; color?: string | null }, message: string) => {
    const r = await api.result('codes:update', { id: code.id, ...patch });
    if (r.ok) onSaved(message);
    else setError(r.error.message);
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
      {code.description.trim() && (
        <p className="code-description">
          {saved.text}
          {saved.include && <span className="code-note">Include: {saved.include}</span>}
          {saved.exclude && <span className="code-note">Exclude: {saved.exclude}</span>}
          {saved.synonyms.length > 0 && <span className="code-note muted">Synonyms: {saved.synonyms.join(', ')}</span>}
        </p>
      )}
      <details className="code-edit" open={!code.description.trim() || undefined}>
        <summary>Kind, colour, description, inclusion and exclusion notes, synonyms</summary>
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
      </details>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
