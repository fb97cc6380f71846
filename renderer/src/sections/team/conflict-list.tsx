/**
 * The conflicts merges listed (never settled by the merge itself), for the lead to decide one
 * by one. A column conflict (two coders changed the same shared thing differently; the value
 * went back to where both started) offers each coder's version and the starting value; the
 * other kinds (a code used although another coder removed it, two codes with one name) are
 * settled in the Codebook and then marked settled here. Every choice is a button (Tab, Enter);
 * the note says how it was settled and goes into the change log (Ctrl+Z undoes a settlement).
 */
import { useState } from 'react';
import type { Coder } from '../../../../shared/coders/types';
import type { MergeConflict } from '../../../../shared/packages/types';
import { api } from '../../api';

/** A stored value as the lead reads it. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function whatChanged(c: MergeConflict): string {
  const thing = c.table === 'cmocs' ? 'CMOC' : c.table === 'codes' ? 'Code' : c.table.replace(/_/g, ' ');
  return c.column ? `${thing} · ${c.column.replace(/_/g, ' ')}` : thing;
}

export function ConflictList({ conflicts, coders, onResolved, onError }: { conflicts: MergeConflict[]; coders: Coder[]; onResolved: (c: MergeConflict) => void; onError: (message: string) => void }) {
  const nameOf = (id: string) => (id === 'project' ? 'the project' : (coders.find((c) => c.id === id)?.name ?? id));
  const open = conflicts.filter((c) => c.status === 'open');
  const resolved = conflicts.length - open.length;
  return (
    <section className="team-panel" id="team-conflicts" aria-labelledby="team-conflicts-title">
      <h2 id="team-conflicts-title">
        Conflicts <span className="count">{open.length > 0 ? `${open.length} open` : 'none open'}</span>
      </h2>
      {open.length === 0 ? (
        <p className="muted">
          {resolved > 0 ? `All ${resolved} conflict${resolved === 1 ? '' : 's'} settled. ` : ''}A merge lists a conflict when two coders changed the same shared thing (a code’s name, a
          consensus CMOC) differently: it never picks a winner.
        </p>
      ) : (
        <ul className="conflict-list" aria-label="Open conflicts">
          {open.map((c) => (
            <ConflictItem key={c.id} conflict={c} nameOf={nameOf} onResolved={onResolved} onError={onError} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictItem({ conflict: c, nameOf, onResolved, onError }: { conflict: MergeConflict; nameOf: (id: string) => string; onResolved: (c: MergeConflict) => void; onError: (m: string) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const resolve = async (choice: { value?: string | number | null; describe: string }) => {
    setBusy(true);
    const r = await api.result('conflicts:resolve', { id: c.id, note: note.trim() || choice.describe, ...(choice.value !== undefined ? { value: choice.value } : {}) });
    setBusy(false);
    if (r.ok) onResolved(r.value);
    else onError(r.error.message);
  };

  // In the order of the coders' names, so the choices sit in the same order on every conflict.
  const versions = Object.entries(c.versions).sort(([x], [y]) => nameOf(x).localeCompare(nameOf(y)));
  const plain = (v: unknown): string | number | null => (typeof v === 'string' || typeof v === 'number' ? v : null);
  return (
    <li className="conflict" aria-label={c.summary}>
      <div className="conflict-head">
        <strong>{c.summary.charAt(0).toUpperCase() + c.summary.slice(1)}</strong> <span className="muted">{whatChanged(c)}</span>
      </div>
      {c.kind === 'column' ? (
        <>
          <table className="grid compact conflict-versions">
            <tbody>
              {versions.map(([who, value]) => (
                <tr key={who}>
                  <th scope="row">{nameOf(who)}</th>
                  <td>{shown(value)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Where both started</th>
                <td>{shown(c.base)}</td>
              </tr>
            </tbody>
          </table>
          <div className="conflict-actions" role="group" aria-label={`Settle: ${c.summary}`}>
            <NoteField note={note} setNote={setNote} />
            {versions.map(([who, value]) => (
              <button key={who} type="button" disabled={busy} onClick={() => void resolve({ value: plain(value), describe: `Kept ${nameOf(who)}’s version.` })}>
                Keep {nameOf(who)}’s
              </button>
            ))}
            <button type="button" disabled={busy} onClick={() => void resolve({ value: plain(c.base), describe: 'Kept the value both started from.' })}>
              Keep where both started
            </button>
          </div>
        </>
      ) : (
        <div className="conflict-actions" role="group" aria-label={`Settle: ${c.summary}`}>
          <span className="muted">Merge or rename the codes in the Codebook, then:</span>
          <NoteField note={note} setNote={setNote} />
          <button type="button" disabled={busy} onClick={() => void resolve({ describe: 'Settled in the codebook.' })}>
            Mark settled
          </button>
        </div>
      )}
    </li>
  );
}

function NoteField({ note, setNote }: { note: string; setNote: (s: string) => void }) {
  return <input className="conflict-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Note (optional): why" aria-label="Note on the decision" maxLength={2000} />;
}
