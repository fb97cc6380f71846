/**
 * The start screen: create a project, open one, reopen a recent one, or open the demo.
 * Keyboard: Ctrl/Cmd+N new (Alt+Shift+N in a browser, which keeps Ctrl+N: see ../keymap),
 * Ctrl/Cmd+O open, Ctrl/Cmd+D demo; arrows and Enter in the list.
 * In the desktop app "Browse…" shows native dialogs (their answer reaches the services as a
 * grant); a typed path works in both builds, limited by the services to `.realist` files (create
 * only where nothing exists, open only an existing project). Recent projects open by their id.
 */
import { chordLabel, keys, matches } from '../keymap';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AppInfo, MenuCommand } from '../../../shared/api/contract';
import type { ProjectSummary, RecentProject } from '../../../shared/domain/types';
import { api, ApiCallError } from '../api';

type Mode = 'idle' | 'create' | 'open';

export function StartScreen({ onOpened, intent }: { onOpened: (p: ProjectSummary) => void; intent?: { command: MenuCommand; at: number } | null }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [recent, setRecent] = useState<RecentProject[]>([]);
  const [mode, setMode] = useState<Mode>('idle');
  const [name, setName] = useState('');
  const [filePath, setFilePath] = useState('');
  /** The native dialog's answer for `filePath`, while the field still shows it. */
  const [picked, setPicked] = useState<{ grant: string; path: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; code: string } | null>(null);
  const [selected, setSelected] = useState(0);
  const pathInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.result('app:info', {}).then((r) => r.ok && setInfo(r.value));
    void api.result('project:recent', {}).then((r) => r.ok && setRecent(r.value));
  }, []);

  const run = useCallback(
    async (label: string, fn: () => Promise<ProjectSummary>) => {
      setBusy(label);
      setError(null);
      try {
        onOpened(await fn());
      } catch (e) {
        setError({ message: (e as Error).message, code: e instanceof ApiCallError ? e.code : 'INTERNAL' });
      } finally {
        setBusy(null);
      }
    },
    [onOpened],
  );

  const startCreate = useCallback(async () => {
    setMode('create');
    setError(null);
    const suggested = 'New realist review';
    setName(suggested);
    const r = await api.result('project:suggestPath', { name: suggested });
    if (r.ok) setFilePath(r.value.path);
    setTimeout(() => nameInput.current?.select(), 0);
  }, []);

  const startOpen = useCallback(() => {
    setMode('open');
    setError(null);
    setFilePath('');
    setTimeout(() => pathInput.current?.focus(), 0);
  }, []);

  const openDemo = useCallback(() => run('Building the demo project…', () => api.call('demo:open', {})), [run]);

  const browse = useCallback(async () => {
    const r = await api.result('host:pickPath', mode === 'create' ? { mode: 'save', kind: 'project', suggestedName: `${name || 'Untitled'}.realist` } : { mode: 'open', kind: 'project' });
    const file = r.ok ? r.value.files[0] : undefined;
    if (file) {
      setFilePath(file.path);
      setPicked({ grant: file.grant, path: file.path });
    }
  }, [mode, name]);

  const onNameChange = useCallback(async (value: string) => {
    setName(value);
    if (value.trim()) {
      const r = await api.result('project:suggestPath', { name: value.trim() });
      if (r.ok) setFilePath(r.value.path);
    }
  }, []);

  /** The project the form names: the dialog's grant while its path is shown, else the typed path. */
  const target = useCallback(() => (picked && picked.path === filePath ? { grant: picked.grant } : { path: filePath.trim() }), [filePath, picked]);

  const submit = useCallback(
    (e: FormEvent) => {
      e.preventDefault();
      if (!filePath.trim()) return;
      if (mode === 'create') void run('Creating the project…', () => api.call('project:create', { ...target(), name: name.trim() || undefined }));
      else void run('Opening the project…', () => api.call('project:open', target()));
      setPicked(null);
    },
    [filePath, mode, name, run, target],
  );

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (matches(keys, (k) => k.newProject, e)) {
        e.preventDefault();
        void startCreate();
      } else if (matches(keys, (k) => k.openProject, e)) {
        e.preventDefault();
        startOpen();
      } else if (matches(keys, (k) => k.demoProject, e)) {
        e.preventDefault();
        void openDemo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openDemo, startCreate, startOpen]);

  useEffect(() => {
    if (intent?.command === 'new-project') void startCreate();
    else if (intent?.command === 'open-project') startOpen();
    else if (intent?.command === 'open-demo') void openDemo();
    // Only a new menu command (a new `at`) should trigger this.
  }, [intent?.at]);

  const forget = useCallback(async (p: string) => {
    const r = await api.result('project:forgetRecent', { path: p });
    if (r.ok) setRecent(r.value);
  }, []);

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'ArrowDown') setSelected((s) => Math.min(recent.length - 1, s + 1));
    else if (e.key === 'ArrowUp') setSelected((s) => Math.max(0, s - 1));
    else if (e.key === 'Enter' && recent[selected]) void run('Opening the project…', () => api.call('project:openRecent', { id: recent[selected]!.id }));
    else if (e.key === 'Delete' && recent[selected]) void forget(recent[selected]!.path);
    else return;
    e.preventDefault();
  };

  const native = api.nativeDialogs;

  return (
    <main className="start">
      <header className="start-header">
        <h1>Realist Workbench</h1>
        <p className="muted">
          Realist synthesis from screened records to a refined program theory.
          {info ? ` Version ${info.version} · ${info.transport === 'web' ? 'browser build' : 'desktop app'}` : ''}
        </p>
      </header>

      <div className="start-grid">
        <section className="start-actions" aria-label="Start">
          <button className="action" onClick={() => void startCreate()} disabled={busy !== null}>
            <span className="action-title">New project…</span>
            <kbd>{chordLabel(keys.newProject)}</kbd>
            <span className="action-hint">One .realist file holds the whole review, full texts included.</span>
          </button>
          <button className="action" onClick={startOpen} disabled={busy !== null}>
            <span className="action-title">Open project…</span>
            <kbd>{chordLabel(keys.openProject)}</kbd>
            <span className="action-hint">Open a .realist file from this computer or a colleague.</span>
          </button>
          <button className="action" onClick={() => void openDemo()} disabled={busy !== null}>
            <span className="action-title">Open the demo project</span>
            <kbd>{chordLabel(keys.demoProject)}</kbd>
            <span className="action-hint">Case management in primary care for frequent users of health care.</span>
          </button>

          {mode !== 'idle' && (
            <form className="path-form" onSubmit={submit} aria-label={mode === 'create' ? 'New project' : 'Open project'}>
              <h2>{mode === 'create' ? 'New project' : 'Open project'}</h2>
              {mode === 'create' && (
                <label>
                  Name
                  <input ref={nameInput} value={name} onChange={(e) => void onNameChange(e.target.value)} autoFocus />
                </label>
              )}
              <label>
                {mode === 'create' ? 'Save as' : 'Project file'}
                <span className="path-row">
                  <input
                    ref={pathInput}
                    value={filePath}
                    onChange={(e) => setFilePath(e.target.value)}
                    placeholder="/path/to/review.realist"
                    spellCheck={false}
                    aria-label={mode === 'create' ? 'Save as' : 'Project file'}
                  />
                  {native && (
                    <button type="button" onClick={() => void browse()}>
                      Browse…
                    </button>
                  )}
                </span>
                <span className="muted path-hint">
                  {mode === 'create'
                    ? 'A new .realist file: an existing file is never replaced.'
                    : `The full path of a .realist project file on this computer${native ? ', or Browse…' : ''}.`}
                </span>
              </label>
              <div className="form-buttons">
                <button type="submit" className="primary" disabled={busy !== null || !filePath.trim()}>
                  {mode === 'create' ? 'Create project' : 'Open'}
                </button>
                <button type="button" onClick={() => setMode('idle')}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          {busy && (
            <p className="status" role="status">
              {busy}
            </p>
          )}
          {error && (
            <div className="error" role="alert">
              <strong>Could not do that.</strong> {error.message} <span className="code">{error.code}</span>
            </div>
          )}
        </section>

        <section className="start-recent" aria-label="Recent projects">
          <h2>Recent projects</h2>
          {recent.length === 0 ? (
            <p className="muted">Projects you open appear here.</p>
          ) : (
            <ul className="recent-list" tabIndex={0} onKeyDown={onListKey} aria-activedescendant={`recent-${selected}`} role="listbox">
              {recent.map((r, i) => (
                <li key={r.id} id={`recent-${i}`} role="option" aria-selected={i === selected} className={i === selected ? 'selected' : ''}>
                  <button
                    className="recent-open"
                    disabled={!r.exists || busy !== null}
                    onClick={() => void run('Opening the project…', () => api.call('project:openRecent', { id: r.id }))}
                    title={r.path}
                  >
                    <span className="recent-name">{r.name}</span>
                    <span className="recent-path">{r.exists ? r.path : `${r.path} (missing: moved or deleted)`}</span>
                    <span className="recent-date">{new Date(r.openedAt).toLocaleString()}</span>
                  </button>
                  <button className="link" aria-label={`Remove ${r.name} from the list`} onClick={() => void forget(r.path)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
