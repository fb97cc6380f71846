/**
 * The refinement view: two versions side by side, lines between corresponding CMOCs in the
 * colour, pattern and symbol of each kind of change, the rationale beside each change, and a
 * timeline across all versions. "Next" and "Previous" step from one version to the next (the
 * later version's cards slide to the left as the next one comes in); "Play" runs the whole
 * story; the two selects compare any two versions (initial against refined by default).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { countKinds } from '../../../../shared/theory/mapping';
import { CHANGE_INK } from '../../../../shared/theory/palette';
import { refinementScene } from '../../../../shared/theory/refinement-scene';
import { CHANGE_KINDS, type TheoryMapping, type TheoryStory } from '../../../../shared/theory/types';
import { api } from '../../api';
import { ExportButtons } from './export-buttons';
import { MappingEditor } from './mapping-editor';
import { SceneView, type SceneViewHandle } from './scene-view';

const STEP_MS = 750;

export function RefinementView({ projectName, reloadKey, onChanged }: { projectName: string; reloadKey: number; onChanged: () => void }) {
  const [story, setStory] = useState<TheoryStory | null>(null);
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const [mapping, setMapping] = useState<TheoryMapping | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [playing, setPlaying] = useState(false);
  const viewRef = useRef<SceneViewHandle>(null);

  useEffect(() => {
    let live = true;
    void api.result('theory:story', {}).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      setStory(r.value);
      const n = r.value.versions.length;
      setPair((p) => (p && p.from < n && p.to < n ? p : n >= 2 ? { from: 0, to: n - 1 } : null));
    });
    return () => {
      live = false;
    };
  }, [reloadKey]);

  const versions = story?.versions ?? [];
  const from = pair ? versions[pair.from] : undefined;
  const to = pair ? versions[pair.to] : undefined;

  useEffect(() => {
    if (!story || !pair || !from || !to) return setMapping(null);
    if (pair.to === pair.from + 1) return setMapping(story.steps[pair.from]!);
    let live = true;
    void api.result('theory:mapping', { fromId: from.id, toId: to.id }).then((r) => {
      if (!live) return;
      if (r.ok) setMapping(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [story, pair, from, to]);

  const scene = useMemo(() => {
    if (!from || !to || !mapping || mapping.fromVersionId !== from.id || mapping.toVersionId !== to.id) return null;
    return refinementScene({ title: projectName, from, to, changes: mapping.changes, proposed: !mapping.stored });
  }, [from, to, mapping, projectName]);

  const step = useCallback(
    (dir: 1 | -1) => {
      setPair((p) => {
        const n = versions.length;
        if (n < 2) return p;
        if (!p || p.to !== p.from + 1) return dir === 1 ? { from: 0, to: 1 } : { from: n - 2, to: n - 1 };
        const f = Math.max(0, Math.min(n - 2, p.from + dir));
        return { from: f, to: f + 1 };
      });
    },
    [versions.length],
  );

  useEffect(() => {
    if (!playing) return;
    const n = versions.length;
    if (!pair || pair.to !== pair.from + 1) {
      setPair({ from: 0, to: 1 });
      return;
    }
    if (pair.to >= n - 1) {
      const t = setTimeout(() => setPlaying(false), STEP_MS * 2);
      return () => clearTimeout(t);
    }
    const t = setTimeout(() => step(1), STEP_MS * 2.5);
    return () => clearTimeout(t);
  }, [playing, pair, versions.length, step]);

  if (error) return <div className="error">{error}</div>;
  if (!story) return <p className="loading">Loading the program theory…</p>;
  if (versions.length < 2) return <p className="muted">The refinement needs two versions: an initial program theory and a later one. Create them under “Versions”.</p>;
  const counts = mapping ? countKinds(mapping.changes) : null;
  const consecutive = pair !== null && pair.to === pair.from + 1;

  return (
    <div className="theory-refinement">
      <nav className="timeline" aria-label="Timeline of versions">
        <button onClick={() => step(-1)} disabled={consecutive && pair!.from === 0} aria-label="Previous step">
          ◀ Previous
        </button>
        <ol className="timeline-track">
          {versions.map((v, i) => {
            const state = pair && (i === pair.from ? 'from' : i === pair.to ? 'to' : i > pair.from && i < pair.to ? 'between' : '');
            return (
              <li key={v.id} className={`timeline-stop ${state ?? ''}`}>
                <button
                  onClick={() => setPair(i < versions.length - 1 ? { from: i, to: i + 1 } : { from: i - 1, to: i })}
                  aria-current={state === 'from' || state === 'to' ? 'step' : undefined}
                  title={v.notes || v.label}
                >
                  <span className="dot" aria-hidden="true" />
                  <span className="stop-label">{v.label}</span>
                  <span className="muted stop-stage">{v.stage === 'intermediate' ? 'iteration' : v.stage}</span>
                </button>
              </li>
            );
          })}
        </ol>
        <button onClick={() => step(1)} disabled={consecutive && pair!.to === versions.length - 1} aria-label="Next step">
          Next ▶
        </button>
        <button onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
          {playing ? 'Stop' : 'Play'}
        </button>
      </nav>
      <div className="theory-toolbar">
        <label className="field inline">
          <span>From</span>
          <select aria-label="Earlier version" value={pair?.from ?? 0} onChange={(e) => setPair((p) => ({ from: Number(e.target.value), to: Math.max(Number(e.target.value) + 1, p?.to ?? 1) }))}>
            {versions.slice(0, -1).map((v, i) => (
              <option key={v.id} value={i}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>To</span>
          <select aria-label="Later version" value={pair?.to ?? 1} onChange={(e) => setPair((p) => ({ from: Math.min(p?.from ?? 0, Number(e.target.value) - 1), to: Number(e.target.value) }))}>
            {versions.map((v, i) =>
              i === 0 ? null : (
                <option key={v.id} value={i}>
                  {v.label}
                </option>
              ),
            )}
          </select>
        </label>
        {counts && (
          <span className="change-counts" aria-label="Changes by kind">
            {CHANGE_KINDS.map((k) => (
              <span key={k} className={`change-count kind-${k}`} title={CHANGE_INK[k].label}>
                <span className="sym">{CHANGE_INK[k].symbol}</span> {counts[k]} {k}
              </span>
            ))}
          </span>
        )}
        <button onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
          {mapping?.stored ? 'Edit mapping' : 'Review proposed mapping'}
        </button>
        <button onClick={() => viewRef.current?.fit()}>Fit</button>
      </div>
      <ExportButtons request={from && to ? { what: 'refinement', fromId: from.id, toId: to.id, title: projectName } : null} formats={['svg', 'png', 'pdf', 'json']} />
      {editing && from && to && mapping && (
        <MappingEditor
          from={from}
          to={to}
          mapping={mapping}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
      <div className="theory-body refinement-body" data-from={from?.label} data-to={to?.label}>
        <SceneView ref={viewRef} scene={scene} duration={STEP_MS} label={`Refinement from ${from?.label ?? ''} to ${to?.label ?? ''}`} className="refinement-svg" />
      </div>
    </div>
  );
}
