/**
 * The overview: what the project file holds, the review report (./report-panel.tsx), the whole
 * project in and out as REFI-QDA (./qdpx-panel.tsx), and the audit log (./audit-view.tsx): who
 * changed what, filtered, exported, with each action's row changes.
 */
import type { SectionProps } from './index';
import { AuditView } from './audit-view';
import { QdpxPanel } from './qdpx-panel';
import { ReportPanel } from './report-panel';
import './overview.css';

export function Overview({ info, refresh }: SectionProps) {
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
      <ReportPanel projectName={info.name} />
      <QdpxPanel projectName={info.name} onChanged={refresh} />
      <AuditView projectName={info.name} />
    </section>
  );
}
