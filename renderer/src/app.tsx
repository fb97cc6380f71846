/**
 * The top of the UI: the start screen until a project is open, then the project view; in the
 * browser build without a valid access key, the page that says which address to open. The
 * desktop app's File menu arrives as `app:menu` events and lands here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/api/contract';
import type { ProjectSummary } from '../../shared/domain/types';
import { api } from './api';
import { runHistory } from './history';
import { NoAccess } from './screens/no-access';
import { StartScreen } from './screens/start-screen';
import { ProjectView } from './screens/project-view';

export function App() {
  // The browser build without its token: say which address to open, and ask the server nothing.
  const [noAccess, setNoAccess] = useState(api.missingToken);
  useEffect(() => api.onUnauthorized(() => setNoAccess(true)), []);
  if (noAccess) return <NoAccess />;
  return <Workbench />;
}

function Workbench() {
  const [project, setProject] = useState<ProjectSummary | null | undefined>(undefined);
  const [intent, setIntent] = useState<{ command: MenuCommand; at: number } | null>(null);

  const close = useCallback(async () => {
    await api.result('project:close', {});
    setProject(null);
  }, []);

  useEffect(() => {
    let alive = true;
    void api.result('project:current', {}).then((r) => {
      if (alive) setProject(r.ok ? r.value : null);
    });
    const offChanged = api.on('project:changed', (e) => {
      if (e.path === null) setProject(null);
      else void api.result('project:current', {}).then((r) => r.ok && setProject(r.value));
    });
    const offMenu = api.on('app:menu', (e) => {
      if (e.command === 'undo' || e.command === 'redo') {
        // Typing is undone in the field that has it; anything else is the project's change log.
        const t = document.activeElement as HTMLElement | null;
        if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) document.execCommand(e.command);
        else void runHistory(e.command);
      } else if (e.command === 'close-project') void close();
      else {
        void close();
        setIntent({ command: e.command, at: Date.now() });
      }
    });
    return () => {
      alive = false;
      offChanged();
      offMenu();
    };
  }, [close]);

  useEffect(() => {
    document.title = project ? `${project.name} — Realist Workbench` : 'Realist Workbench';
  }, [project]);

  if (project === undefined) return <div className="loading" aria-busy="true">Loading…</div>;
  if (project === null) return <StartScreen onOpened={setProject} intent={intent} />;
  return <ProjectView project={project} onClose={close} />;
}
