/**
 * The Team section: working with independent coders. The project's coders with what each layer
 * holds (counts follow blind coding: hidden layers are not counted), adding a coder and editing
 * a name or colour; blind coding on or off (the same project setting as the top bar's toggle:
 * both reload through the history listeners); a package for one coder to take to their own
 * machine; merging a package back (one undo step) with its report; and the open conflicts for
 * the lead to settle. With fewer than two coders it explains the workflow first.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Coder, LayerCount, SessionState } from '../../../shared/coders/types';
import type { MergeConflict } from '../../../shared/packages/types';
import { api } from '../api';
import { CoderChip } from '../components/coder-session';
import { notifyChanged, SESSION_CHANGED, useHistoryListener } from '../history';
import { chordLabel, keys } from '../keymap';
import type { SectionProps } from './index';
import { ConflictList } from './team/conflict-list';
import { ExportForm, MergeForm } from './team/package-forms';
import './team/team.css';

export function Team({ info, refresh }: SectionProps) {
  const [coders, setCoders] = useState<Coder[] | null>(null);
  const [counts, setCounts] = useState<LayerCount[]>([]);
  const [session, setSession] = useState<SessionState | null>(null);
  const [conflicts, setConflicts] = useState<MergeConflict[]>([]);
  const [exportFor, setExportFor] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [c, n, s, k] = await Promise.all([api.result('coders:list', {}), api.result('coders:layerCounts', {}), api.result('session:get', {}), api.result('conflicts:list', {})]);
    if (c.ok) setCoders(c.value);
    else setError(c.error.message);
    if (n.ok) setCounts(n.value);
    if (s.ok) setSession(s.value);
    if (k.ok) setConflicts(k.value);
  }, []);
  useEffect(() => void load(), [load]);
  useHistoryListener(
    useCallback(() => {
      void load();
    }, [load]),
  );

  /** After a write here: reload, and tell the window (counts, the top bar's badge). */
  const changed = useCallback(async () => {
    await load();
    refresh();
    notifyChanged(await api.call('history:state', {}));
  }, [load, refresh]);

  const setBlind = async (blind: boolean) => {
    const r = await api.result('settings:setBlind', { blind });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    window.dispatchEvent(new Event(SESSION_CHANGED));
    await changed();
  };

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const name = newName.trim();
    if (!name) return setError('Type the new coder’s name (for example "Reviewer C").');
    const r = await api.result('coders:create', { name });
    if (!r.ok) return setError(r.error.message);
    setNewName('');
    setError(null);
    await changed();
  };

  const people = (coders ?? []).filter((c) => c.kind === 'person');
  const consensus = (coders ?? []).find((c) => c.kind === 'consensus');
  const exportCoder = people.find((c) => c.id === exportFor) ?? null;
  const blind = session?.blind ?? false;
  const countOf = (id: string) => counts.find((c) => c.coderId === id);
  const visible = (id: string) => !blind || session?.layerCoderId === id;
  const rows = consensus ? [...people, consensus] : people;

  if (coders === null) return <div className="loading">{error ?? 'Loading the team…'}</div>;
  return (
    <div className="team">
      <div className="section-title">
        <h1>Team</h1>
        <span className="muted">Independent coders, their packages, and merging their work back.</span>
      </div>

      {people.length < 2 && <Steps />}

      <section className="team-panel" aria-labelledby="team-coders-title">
        <h2 id="team-coders-title">Coders</h2>
        <table className="grid compact team-coders" aria-label="Coders">
          <thead>
            <tr>
              <th>Coder</th>
              <th className="num">Passages</th>
              <th className="num">Codings</th>
              <th className="num">CMOCs</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((c) =>
              editing === c.id ? (
                <EditRow key={c.id} coder={c} onDone={(saved) => (setEditing(null), saved && void changed())} onError={setError} />
              ) : (
                <tr key={c.id} aria-label={c.name}>
                  <td>
                    <CoderChip coder={c} /> {c.name}
                    {session?.coder?.id === c.id && <span className="badge">you</span>}
                    {c.kind === 'consensus' && <span className="muted"> (what the team agreed)</span>}
                  </td>
                  {visible(c.id) ? (
                    <>
                      <td className="num">{countOf(c.id)?.passages ?? 0}</td>
                      <td className="num">{countOf(c.id)?.codings ?? 0}</td>
                      <td className="num">{countOf(c.id)?.cmocs ?? 0}</td>
                    </>
                  ) : (
                    <td className="muted" colSpan={3}>
                      hidden while blind coding is on
                    </td>
                  )}
                  <td className="team-row-actions">
                    {c.kind === 'person' && (
                      <>
                        <button type="button" className="link" onClick={() => setEditing(c.id)} aria-label={`Edit ${c.name}`}>
                          Edit
                        </button>
                        <button type="button" onClick={() => setExportFor(c.id)} aria-label={`Export a package for ${c.name}`}>
                          Package…
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
        <form className="team-add path-row" onSubmit={(e) => void add(e)}>
          <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="New coder’s name, e.g. Reviewer C" aria-label="New coder’s name" maxLength={100} />
          <button type="submit">Add coder</button>
        </form>
      </section>

      <section className="team-panel" aria-labelledby="team-blind-title">
        <h2 id="team-blind-title">Blind coding</h2>
        <label className="check team-blind">
          <input type="checkbox" checked={blind} onChange={(e) => void setBlind(e.target.checked)} aria-describedby="team-blind-what" /> Blind coding is {blind ? 'on' : 'off'}
        </label>
        <p className="muted" id="team-blind-what">
          When it is on, each coder sees only their own layer: not the others’ highlights, codings, CMOCs, memos or counts, so that agreement measures independent judgements. New
          packages leave the other coders out. Turn it off to compare and reconcile (the same switch as “Blind” in the top bar).
        </p>
      </section>

      {exportCoder && (
        <section className="team-panel">
          <ExportForm coder={exportCoder} projectName={info?.name ?? 'Project'} blindDefault={blind} onDone={() => undefined} onCancel={() => setExportFor(null)} />
        </section>
      )}

      <section className="team-panel">
        <MergeForm onMerged={() => void changed()} />
      </section>

      <ConflictList conflicts={conflicts} coders={coders} onResolved={() => void changed()} onError={setError} />

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The workflow in three steps, shown until the project has two coders. */
function Steps() {
  return (
    <section className="team-panel team-steps" aria-label="How independent coding works">
      <h2>Coding independently, in three steps</h2>
      <ol>
        <li>
          <strong>Export a package per coder</strong>: add each coder below, then “Package…” writes a .realist file for them (blind: without the others’ work).
        </li>
        <li>
          <strong>They code blind on their own machine</strong>: they open the package in Realist Workbench, highlight and code, and send the file back.
        </li>
        <li>
          <strong>Merge their packages back</strong> here (“Merge a package”). Conflicts on shared things are listed for you to settle.
        </li>
      </ol>
      <p className="muted">Then compare them in Agreement ({chordLabel(keys.section('5'))}): agreement per code and per document, and reconciliation into the consensus layer.</p>
    </section>
  );
}

/** A coder's row while its name and colour are edited (Enter saves, Escape cancels). */
function EditRow({ coder, onDone, onError }: { coder: Coder; onDone: (saved: boolean) => void; onError: (m: string) => void }) {
  const [name, setName] = useState(coder.name);
  const [color, setColor] = useState(coder.color);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.result('coders:update', { id: coder.id, name: name.trim(), color });
    if (!r.ok) return onError(r.error.message);
    onDone(true);
  };
  return (
    <tr>
      <td colSpan={5}>
        <form className="team-edit" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && onDone(false)} aria-label={`Edit ${coder.name}`}>
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Name" maxLength={100} autoFocus />
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label="Colour" />
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={() => onDone(false)}>
            Cancel <kbd>Esc</kbd>
          </button>
        </form>
      </td>
    </tr>
  );
}
