/**
 * The project window: a top bar (the project, search, who is coding and in which layer), a
 * sidebar of sections (see ../sections) and the current section. Ctrl/Cmd+digit switches
 * section and Ctrl/Cmd+W closes the project in the desktop app (Ctrl+Shift+digit and no close
 * key in a browser, which keeps those keys: see ../keymap); Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z
 * undo and redo any change, whichever section made it. The sidebar's counts are read again
 * after every change to the project (the services' `project:acted` event). When nobody is remembered as the coder of this project on
 * this machine, the window asks first.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SessionState } from '../../../shared/coders/types';
import type { ProjectInfo, ProjectSummary } from '../../../shared/domain/types';
import { api } from '../api';
import { CoderChooser, SessionBadge } from '../components/coder-session';
import { historyKey, historyMessage, notifyChanged, runHistory, SESSION_CHANGED, useHistoryListener } from '../history';
import { SearchBox } from '../components/search-box';
import { useSectionNavigation } from '../navigation';
import { SECTIONS } from '../sections';
import { chordLabel, keys, matches, sectionDigit } from '../keymap';

export function ProjectView({ project, onClose }: { project: ProjectSummary; onClose: () => void }) {
  const [sectionId, setSectionId] = useState(SECTIONS[0]!.id);
  const [info, setInfo] = useState<ProjectInfo | null>(null);
  const [session, setSession] = useState<SessionState | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void api.result('session:get', {}).then((r) => {
      if (!r.ok) return;
      setSession(r.value);
      if (!r.value.coder) setChoosing(true);
    });
  }, [project.path]);

  // Undo and redo for the whole window (outside text fields).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const which = historyKey(e);
      if (!which) return;
      e.preventDefault();
      void runHistory(which).then((r) => {
        if ('error' in r) setNotice(r.error);
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const refresh = useCallback(() => {
    void api.result('project:info', {}).then((r) => r.ok && setInfo(r.value));
  }, []);
  const reloadSession = useCallback(() => {
    void api.result('session:get', {}).then((r) => r.ok && setSession(r.value));
  }, []);

  // Counts change as people work in any section; fetch them again whenever the section changes
  // and after every write, whoever made it.
  useEffect(refresh, [project.path, sectionId, refresh]);
  useEffect(() => {
    // Coalesced: a burst of writes (an import, a script) costs one read of the counts.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('project:acted', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [refresh]);
  useHistoryListener(
    useCallback(
      (state, which) => {
        refresh();
        if (which === 'change') return;
        setNotice(historyMessage(state, which));
        // An undo may take back a setting the top bar shows (blind coding): read it again.
        reloadSession();
      },
      [refresh, reloadSession],
    ),
  );
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(t);
  }, [notice]);

  const setBlind = async (blind: boolean) => {
    const r = await api.result('settings:setBlind', { blind });
    if (!r.ok) return setNotice(r.error.message);
    setSession(r.value);
    setNotice(blind ? 'Blind coding is on: each coder now sees only their own layer.' : 'Blind coding is off: every layer is visible.');
    // Everything shown depends on what may be seen: sections reload as after an undo.
    notifyChanged(await api.call('history:state', {}));
  };

  const setLayer = async (layer: 'own' | 'consensus') => {
    const r = await api.result('session:setLayer', { layer });
    if (r.ok) {
      setSession(r.value);
      setNotice(layer === 'consensus' ? 'Your changes now go to the consensus layer.' : 'Your changes now go to your own layer.');
      if (r.value.blind) notifyChanged(await api.call('history:state', {}));
    } else setNotice(r.error.message);
  };
  useSectionNavigation(setSectionId);

  // The Team section changes blind coding too: the top bar's badge follows (SESSION_CHANGED).
  useEffect(() => {
    window.addEventListener(SESSION_CHANGED, reloadSession);
    return () => window.removeEventListener(SESSION_CHANGED, reloadSession);
  }, [reloadSession]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const digit = sectionDigit(keys, e);
      const target = digit === null ? undefined : SECTIONS.find((s) => s.shortcut === digit);
      if (target) setSectionId(target.id);
      else if (matches(keys, (k) => k.closeProject, e)) onClose();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // After opening or creating a project, and after switching section, focus goes into the
  // section (its first control), never left on the page body where keys do nothing useful.
  useEffect(() => {
    if (choosing) return;
    const t = setTimeout(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      document.querySelector<HTMLElement>('main.content :is(button, [tabindex="0"]):not(:disabled)')?.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [sectionId, choosing]);

  const section = SECTIONS.find((s) => s.id === sectionId) ?? SECTIONS[0]!;
  const Current = section.component;

  return (
    <div className="project">
      <header className="topbar">
        <div className="topbar-title">
          <strong>{project.name}</strong>
          {project.isDemo && <span className="badge">demo</span>}
          <span className="muted path" title={project.path}>
            {project.path}
          </span>
        </div>
        <SearchBox />
        <div className="topbar-right">
          {session && <SessionBadge session={session} onChange={() => setChoosing(true)} onLayer={(l) => void setLayer(l)} onBlind={(b) => void setBlind(b)} />}
          <button onClick={onClose} title={keys.closeProject ? `Close project (${chordLabel(keys.closeProject)})` : 'Close project'}>
            Close project
          </button>
        </div>
      </header>
      {notice && (
        <div className="window-notice" role="status">
          {notice}
        </div>
      )}
      {choosing && session && (
        <CoderChooser
          required={!session.coder}
          onChosen={(s) => {
            setSession(s);
            setChoosing(false);
            setNotice(`Coding as ${s.coder?.name ?? ''}.`);
            refresh();
          }}
          onCancel={() => setChoosing(false)}
        />
      )}
      <nav className="sidebar" aria-label="Sections">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            className={s.id === section.id ? 'active' : ''}
            onClick={() => setSectionId(s.id)}
            aria-current={s.id === section.id ? 'page' : undefined}
            title={`${s.label} (${chordLabel(keys.section(s.shortcut))})`}
          >
            {s.label} <span className="count">{info && s.count ? s.count(info).toLocaleString() : ''}</span>
          </button>
        ))}
      </nav>
      <main className="content">
        <Current info={info} refresh={refresh} />
      </main>
    </div>
  );
}
