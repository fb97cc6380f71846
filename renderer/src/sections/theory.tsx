/**
 * Program theory: the diagram of a version, the refinement from one version to the next (with
 * the timeline and the mapping editor), and the versions with their hypotheses. The views live
 * in ./theory/; the layout and drawing are the pure code of shared/theory, the same that the
 * exports and the command line use.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TheoryVersionSummary } from '../../../shared/theory/types';
import { api } from '../api';
import { useHistoryListener } from '../history';
import type { SectionProps } from './index';
import { DiagramView } from './theory/diagram-view';
import { RefinementView } from './theory/refinement-view';
import { VersionsView } from './theory/versions-view';
import './theory/theory.css';

type Tab = 'diagram' | 'refinement' | 'versions';

export function Theory({ info, refresh }: SectionProps) {
  const [tab, setTab] = useState<Tab>('diagram');
  const [versions, setVersions] = useState<TheoryVersionSummary[] | null>(null);
  const [versionId, setVersionId] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    void api.result('theory:list', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setVersions(r.value);
      setVersionId((id) => (id && r.value.some((v) => v.id === id) ? id : (r.value.find((v) => v.stage === 'refined') ?? r.value[r.value.length - 1])?.id ?? null));
    });
  }, []);
  useEffect(load, [load]);
  const changed = useCallback(() => {
    load();
    setReloadKey((k) => k + 1);
    refresh();
  }, [load, refresh]);
  useHistoryListener(changed);

  const projectName = info?.name ?? 'Program theory';
  return (
    <div className="theory">
      <div className="section-title">
        <h2>Program theory</h2>
        <div className="tabs" role="tablist" aria-label="Program theory views">
          {(
            [
              ['diagram', 'Diagram'],
              ['refinement', 'Refinement'],
              ['versions', 'Versions and hypotheses'],
            ] as const
          ).map(([t, label]) => (
            <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>
              {label}
            </button>
          ))}
        </div>
      </div>
      {error && <div className="error">{error}</div>}
      {!versions ? (
        <p className="loading">Loading…</p>
      ) : tab === 'diagram' ? (
        <DiagramView versions={versions} projectName={projectName} versionId={versionId} onVersion={setVersionId} reloadKey={reloadKey} />
      ) : tab === 'refinement' ? (
        <RefinementView projectName={projectName} reloadKey={reloadKey} onChanged={changed} />
      ) : (
        <VersionsView versions={versions} versionId={versionId} onVersion={setVersionId} reloadKey={reloadKey} onChanged={changed} />
      )}
    </div>
  );
}
