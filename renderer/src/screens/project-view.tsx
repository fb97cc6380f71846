/**
 * The project window: a top bar, a sidebar of sections (see ../sections) and the current
 * section. Ctrl/Cmd+digit switches section; Ctrl/Cmd+W closes the project.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ProjectInfo, ProjectSummary } from '../../../shared/domain/types';
import { api } from '../api';
import { SearchBox } from '../components/search-box';
import { useSectionNavigation } from '../navigation';
import { SECTIONS } from '../sections';

export function ProjectView({ project, onClose }: { project: ProjectSummary; onClose: () => void }) {
  const [sectionId, setSectionId] = useState(SECTIONS[0]!.id);
  const [info, setInfo] = useState<ProjectInfo | null>(null);

  const refresh = useCallback(() => {
    void api.result('project:info', {}).then((r) => r.ok && setInfo(r.value));
  }, []);

  // Counts change as people work in any section; fetch them again whenever the section changes.
  useEffect(refresh, [project.path, sectionId, refresh]);
  useSectionNavigation(setSectionId);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = SECTIONS.find((s) => s.shortcut === e.key);
      if (target) setSectionId(target.id);
      else if (e.key.toLowerCase() === 'w') onClose();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

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
        <button onClick={onClose} title="Close project (Ctrl+W)">
          Close project
        </button>
      </header>
      <nav className="sidebar" aria-label="Sections">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            className={s.id === section.id ? 'active' : ''}
            onClick={() => setSectionId(s.id)}
            aria-current={s.id === section.id ? 'page' : undefined}
            title={`${s.label} (Ctrl+${s.shortcut})`}
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
