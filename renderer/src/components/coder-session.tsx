/**
 * Who is coding: the chooser that asks when a project opens and nobody is remembered for it on
 * this machine (pick a known coder with the arrow keys and Enter, or add one), and the top
 * bar's badge that shows the current coder and layer and reopens the chooser. The choice is
 * kept by the services (per project, per machine), never in the page.
 */
import { useEffect, useRef, useState } from 'react';
import type { Coder, SessionState } from '../../../shared/coders/types';
import { api } from '../api';

/** A coder's coloured initials. */
export function CoderChip({ coder }: { coder: Pick<Coder, 'initials' | 'color' | 'name'> }) {
  return (
    <span className="coder-chip" style={{ background: coder.color }} title={coder.name} aria-hidden="true">
      {coder.initials}
    </span>
  );
}

export function CoderChooser({ required, onChosen, onCancel }: { required: boolean; onChosen: (s: SessionState) => void; onCancel: () => void }) {
  const [coders, setCoders] = useState<Coder[] | null>(null);
  const [active, setActive] = useState(0);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.result('coders:list', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      const people = r.value.filter((c) => c.kind === 'person');
      setCoders(people);
      // Focus goes where the user will act: the list when there is someone to pick, else the name.
      setTimeout(() => (people.length > 0 ? listRef.current?.focus() : nameRef.current?.focus()), 0);
    });
  }, []);

  const choose = async (coderId: string) => {
    setBusy(true);
    const r = await api.result('session:setCoder', { coderId });
    setBusy(false);
    if (r.ok) onChosen(r.value);
    else setError(r.error.message);
  };

  const add = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setError('Type the name of the person coding (for example "Reviewer A" or your own name).');
    setBusy(true);
    const created = await api.result('coders:create', { name: trimmed });
    if (!created.ok) {
      setBusy(false);
      // The name stays in the field so it can be corrected.
      return setError(created.error.message);
    }
    await choose(created.value.id);
  };

  const people = coders ?? [];
  return (
    <div className="modal-backdrop">
      <div
        className="modal coder-chooser"
        role="dialog"
        aria-modal="true"
        aria-labelledby="coder-chooser-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !required) onCancel();
        }}
      >
        <h2 id="coder-chooser-title">Who is coding?</h2>
        <p className="muted">Everything you highlight, code or write is saved as yours. This is remembered for this project on this computer.</p>
        {coders === null ? (
          <p className="muted">Loading coders…</p>
        ) : people.length > 0 ? (
          <ul
            className="coder-list"
            role="listbox"
            aria-label="Coders of this project"
            tabIndex={0}
            ref={listRef}
            aria-activedescendant={people[active] ? `coder-${people[active].id}` : undefined}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') setActive((i) => Math.min(people.length - 1, i + 1));
              else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
              else if (e.key === 'Enter' && people[active]) void choose(people[active].id);
              else return;
              e.preventDefault();
            }}
          >
            {people.map((c, i) => (
              <li key={c.id} id={`coder-${c.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onClick={() => void choose(c.id)}>
                <CoderChip coder={c} /> {c.name}
              </li>
            ))}
          </ul>
        ) : (
          <p>This project has no coders yet: add yourself.</p>
        )}
        <form
          className="coder-add"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label htmlFor="coder-new-name">{people.length > 0 ? 'Or add a coder' : 'Your name'}</label>
          <div className="path-row">
            <input id="coder-new-name" ref={nameRef} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="Name, e.g. Reviewer A" />
            <button type="submit" disabled={busy}>
              Add
            </button>
          </div>
        </form>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!required && (
          <div className="form-buttons">
            <button type="button" onClick={onCancel}>
              Cancel <kbd>Esc</kbd>
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** The top bar's badge: the current coder and layer; click to change who is coding. */
export function SessionBadge({
  session,
  onChange,
  onLayer,
  onBlind,
}: {
  session: SessionState;
  onChange: () => void;
  onLayer: (layer: 'own' | 'consensus') => void;
  onBlind: (blind: boolean) => void;
}) {
  const coder = session.coder;
  return (
    <div className={`session-badge${session.layer === 'consensus' ? ' consensus' : ''}`}>
      <button onClick={onChange} title="Change who is coding" aria-label={coder ? `Coding as ${coder.name}; change` : 'Choose who is coding'}>
        {coder ? (
          <>
            <CoderChip coder={coder} /> {coder.name}
          </>
        ) : (
          'Choose coder'
        )}
      </button>
      <label className="layer-switch" title="Where your changes go: your own layer, or the consensus layer when reconciling">
        <span className="muted">Layer</span>
        <select value={session.layer} onChange={(e) => onLayer(e.target.value as 'own' | 'consensus')} aria-label="Layer your changes go to">
          <option value="own">Own</option>
          <option value="consensus">Consensus</option>
        </select>
      </label>
      <button
        className={`blind-toggle${session.blind ? ' on' : ''}`}
        aria-pressed={session.blind}
        onClick={() => onBlind(!session.blind)}
        title={session.blind ? 'Blind coding is on: each coder sees only their own layer. Click to turn it off for everyone.' : 'Turn blind coding on: each coder will see only their own layer.'}
      >
        {session.blind ? 'Blind: on' : 'Blind: off'}
      </button>
    </div>
  );
}
