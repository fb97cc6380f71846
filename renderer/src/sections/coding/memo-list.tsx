/**
 * The memos on one thing (a code, a CMOC): read, add, edit in place and delete. Memos are the
 * reviewer's running analytic notes, so they show in full with who wrote them and when.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Memo, MemoTarget } from '../../../../shared/coding/types';
import { api } from '../../api';

export function MemoList({ targetType, targetId, noun, version = 0 }: { targetType: MemoTarget; targetId: string; noun: string; version?: number }) {
  const [memos, setMemos] = useState<Memo[]>([]);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.result('memos:list', { targetType, targetId });
    if (r.ok) setMemos(r.value);
    else setError(r.error.message);
  }, [targetType, targetId]);

  useEffect(() => {
    void load();
  }, [load, version]);

  const run = async (call: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const r = await call;
    if (!r.ok) setError(r.error?.message ?? 'The memo could not be saved.');
    else setError(null);
    await load();
    return r.ok;
  };

  return (
    <div className="memo-list">
      <h3>
        Memos <span className="muted">{memos.length || ''}</span>
      </h3>
      {memos.map((m) =>
        editing?.id === m.id ? (
          <div key={m.id} className="memo-add">
            <textarea
              rows={3}
              aria-label="Edit memo"
              autoFocus
              value={editing.body}
              onChange={(e) => setEditing({ id: m.id, body: e.target.value })}
              onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
            />
            <div className="memo-buttons">
              <button disabled={!editing.body.trim()} onClick={() => void run(api.result('memos:update', { id: m.id, body: editing.body.trim() })).then((ok) => ok && setEditing(null))}>
                Save
              </button>
              <button onClick={() => setEditing(null)}>Cancel</button>
            </div>
          </div>
        ) : (
          <div key={m.id} className="memo">
            <div>{m.body}</div>
            <div className="muted memo-meta">
              {m.coder ?? 'consensus'} · {m.updatedAt.slice(0, 10)}
              <button className="link" onClick={() => setEditing({ id: m.id, body: m.body })}>
                Edit
              </button>
              <button className="link danger" onClick={() => void run(api.result('memos:delete', { id: m.id }))}>
                Delete
              </button>
            </div>
          </div>
        ),
      )}
      <div className="memo-add">
        <textarea rows={2} aria-label="New memo" placeholder={`Write a memo about this ${noun}…`} value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button
          onClick={() => void run(api.result('memos:create', { targetType, targetId, body: draft.trim() })).then((ok) => ok && setDraft(''))}
          disabled={!draft.trim()}
        >
          Add memo
        </button>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
