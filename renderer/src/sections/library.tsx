/**
 * The library: the project's bibliographic records with their screening decisions.
 */
import { useEffect, useState } from 'react';
import type { RecordSummary } from '../../../shared/domain/types';
import { api } from '../api';

function decisionLabel(r: RecordSummary): string {
  return r.screening.decision ?? 'no decision';
}

function authorLine(r: RecordSummary): string {
  if (r.authors.length === 0) return '';
  const first = r.authors[0]!.family;
  return r.authors.length > 2 ? `${first} et al.` : r.authors.map((a) => a.family).join(' & ');
}

export function Library() {
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

