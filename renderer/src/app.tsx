/**
 * The top of the UI: the start screen until a project is open, then the project view.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ProjectSummary } from '../../shared/domain/types';
import { api } from './api';
import { StartScreen } from './screens/start-screen';
import { ProjectView } from './screens/project-view';

export function App() {
  const [project, setProject] = useState<ProjectSummary | null | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    void api.result('project:current', {}).then((r) => {
      if (alive) setProject(r.ok ? r.value : null);
    });
    const off = api.on('project:changed', (e) => {
      if (e.path === null) setProject(null);
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  const close = useCallback(async () => {
    await api.result('project:close', {});
    setProject(null);
  }, []);

  useEffect(() => {
    document.title = project ? `${project.name} — Realist Workbench` : 'Realist Workbench';
  }, [project]);

  if (project === undefined) return <div className="loading" aria-busy="true">Loading…</div>;
  if (project === null) return <StartScreen onOpened={setProject} />;
  return <ProjectView project={project} onClose={close} />;
}
