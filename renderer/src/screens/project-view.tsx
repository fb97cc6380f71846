/**
 * The project window: a sidebar of sections and the current section. The library lists the
 * project's records; the overview shows what the file holds and who changed what.
 */
import { useEffect, useState } from 'react';
import type { AuditEntry, ProjectInfo, ProjectSummary, RecordSummary } from '../../../shared/domain/types';
import { api } from '../api';

type Section = 'library' | 'overview';

export function ProjectView({ project, onClose }: { project: ProjectSummary; onClose: () => void }) {
  const [section, setSection] = useState<Section>('library');
  const [info, setInfo] = useState<ProjectInfo | null>(null);

  useEffect(() => {
    void api.result('project:info', {}).then((r) => r.ok && setInfo(r.value));
  }, [project.path]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === '1') setSection('library');
      else if ((e.ctrlKey || e.metaKey) && e.key === '0') setSection('overview');
      else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'w') {
        e.preventDefault();
        onClose();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

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
        <button onClick={onClose} title="Close project (Ctrl+W)">
          Close project
        </button>
      </header>
      <nav className="sidebar" aria-label="Sections">
        <button className={section === 'library' ? 'active' : ''} onClick={() => setSection('library')} aria-current={section === 'library'}>
          Library <span className="count">{info?.records ?? ''}</span>
        </button>
        <button className={section === 'overview' ? 'active' : ''} onClick={() => setSection('overview')} aria-current={section === 'overview'}>
          Overview
        </button>
      </nav>
      <main className="content">{section === 'library' ? <Library /> : <Overview info={info} />}</main>
    </div>
  );
}

function decisionLabel(r: RecordSummary): string {
  return r.screening.decision ?? 'no decision';
}

function authorLine(r: RecordSummary): string {
  if (r.authors.length === 0) return '';
  const first = r.authors[0]!.family;
  return r.authors.length > 2 ? `${first} et al.` : r.authors.map((a) => a.family).join(' & ');
}

function Library() {
  const [page, setPage] = useState<{ total: number; items: RecordSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.result('records:list', { offset: 0, limit: 500 }).then((r) => (r.ok ? setPage(r.value) : setError(r.error.message)));
  }, []);

  if (error) return <div className="error" role="alert">{error}</div>;
  if (!page) return <p className="muted">Loading the library…</p>;
  if (page.total === 0) {
    return (
      <section className="empty" aria-label="Library">
        <h2>No records yet</h2>
        <p>This project's library is empty. Records you import from your screening exports will be listed here, with their screening decisions.</p>
      </section>
    );
  }
  return (
    <section aria-label="Library">
      <h2 className="section-title">
        Library <span className="muted">{page.total.toLocaleString()} records</span>
      </h2>
      <table className="grid">
        <thead>
          <tr>
            <th>Title</th>
            <th>Authors</th>
            <th className="num">Year</th>
            <th>Journal</th>
            <th>Screening</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((r) => (
            <tr key={r.id}>
              <td>{r.title}</td>
              <td>{authorLine(r)}</td>
              <td className="num">{r.year ?? ''}</td>
              <td>{r.journal ?? ''}</td>
              <td>
                <span className={`decision decision-${r.screening.decision ?? 'none'}`} title={r.screening.reason ?? ''}>
                  {decisionLabel(r)}
                </span>
                {r.screening.reason && <span className="muted reason"> {r.screening.reason}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Overview({ info }: { info: ProjectInfo | null }) {
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  useEffect(() => {
    void api.result('audit:list', { limit: 50 }).then((r) => r.ok && setAudit(r.value));
  }, []);
  if (!info) return <p className="muted">Loading…</p>;
  const counts: Array<[string, number]> = [
    ['Records', info.records],
    ['Documents', info.documents],
    ['Excerpts', info.excerpts],
    ['Codes', info.codes],
    ['CMO configurations', info.cmocs],
    ['Coders', info.coders],
    ['Theory versions', info.theoryVersions],
  ];
  return (
    <section aria-label="Overview">
      <h2 className="section-title">Overview</h2>
      <dl className="counts">
        {counts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        Project schema {info.schemaVersion} · id {info.projectId}
      </p>
      <h3>Recent activity</h3>
      <table className="grid compact">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
          </tr>
        </thead>
        <tbody>
          {audit.map((a) => (
            <tr key={a.id}>
              <td>{new Date(a.at).toLocaleString()}</td>
              <td>{a.coder ?? '—'}</td>
              <td>
                {a.action} {a.entityType.replace('_', ' ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
