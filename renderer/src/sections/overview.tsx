/**
 * The overview: what the project file holds, and the latest actions of the change log (who
 * changed what).
 */
import { useEffect, useState } from 'react';
import type { ActionEntry } from '../../../shared/history/types';
import type { SectionProps } from './index';
import { api } from '../api';
import { useHistoryListener } from '../history';

export function Overview({ info }: SectionProps) {
  const [audit, setAudit] = useState<ActionEntry[]>([]);
  const load = () => void api.result('history:list', { limit: 50 }).then((r) => r.ok && setAudit(r.value.actions));
  useEffect(load, []);
  useHistoryListener(load);
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
            <tr key={a.seq} className={a.status === 'undone' || a.status === 'discarded' ? 'undone' : undefined}>
              <td>{new Date(a.at).toLocaleString()}</td>
              <td>{a.coder ?? '—'}</td>
              <td>
                {a.label}
                {a.status === 'undone' ? ' (undone)' : a.status === 'discarded' ? ' (undone, not redoable)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
