/**
 * The theory diagram of one version: contexts, mechanisms (resource, response) and outcomes
 * left to right, each CMOC a path through them, edge width and node marks for evidence. Hover
 * a node, an edge or a CMOC in the list to highlight its configurations; click one to read
 * the evidence quotes behind it. Pan and zoom with the mouse; "Fit" shows it all.
 *
 * The layout and the scene are the pure code the exports use (shared/theory); the time from
 * data to drawn diagram is recorded as the performance measure `theory:first-render` (read by
 * `npm run bench:theory`).
 */
import { selectAll } from 'd3';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildTheoryGraph } from '../../../../shared/theory/graph';
import { layoutTheoryGraph } from '../../../../shared/theory/layout';
import { evidenceMarks, theoryScene } from '../../../../shared/theory/theory-scene';
import type { TheoryQuote, TheoryVersion, TheoryVersionSummary } from '../../../../shared/theory/types';
import { api } from '../../api';
import { ExportButtons } from './export-buttons';
import { SceneView, type SceneViewHandle } from './scene-view';

function highlight(root: SVGGElement | null, cmocIds: readonly string[] | null): void {
  if (!root) return;
  const on = cmocIds !== null && cmocIds.length > 0;
  root.classList.toggle('highlighting', on);
  const wanted = new Set(cmocIds ?? []);
  selectAll(root.querySelectorAll<SVGGElement>('g[data-cmocs]')).classed('hl', function () {
    if (!on) return false;
    return (this as SVGGElement).getAttribute('data-cmocs')!.split(' ').some((id) => wanted.has(id));
  });
}

export function DiagramView({ versions, projectName, versionId, onVersion, reloadKey }: { versions: TheoryVersionSummary[]; projectName: string; versionId: string | null; onVersion: (id: string) => void; reloadKey: number }) {
  const [version, setVersion] = useState<TheoryVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<{ title: string; cmocIds: string[] } | null>(null);
  const [quotes, setQuotes] = useState<TheoryQuote[] | null>(null);
  const viewRef = useRef<SceneViewHandle>(null);
  const rootRef = useRef<SVGGElement | null>(null);
  const started = useRef(0);

  useEffect(() => {
    if (!versionId) return;
    let live = true;
    void api.result('theory:get', { id: versionId }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      setError(null);
      started.current = performance.now();
      setVersion(r.value);
    });
    return () => {
      live = false;
    };
  }, [versionId, reloadKey]);

  const scene = useMemo(() => {
    if (!version) return null;
    const t0 = performance.now();
    const layout = layoutTheoryGraph(buildTheoryGraph(version));
    const s = theoryScene(layout, { title: projectName, versionLabel: version.label, stage: version.stage });
    performance.measure('theory:layout', { start: t0, end: performance.now() });
    return s;
  }, [version, projectName]);

  useEffect(() => {
    if (!selected) return setQuotes(null);
    let live = true;
    void api.result('theory:evidence', { cmocIds: selected.cmocIds }).then((r) => live && setQuotes(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [selected]);

  const byId = useMemo(() => new Map((version?.cmocs ?? []).map((c) => [c.id, c])), [version]);

  const onDraw = useCallback(
    (root: SVGGElement) => {
      rootRef.current = root;
      if (started.current) {
        // The first frame after the data arrived: layout, scene and drawing together.
        requestAnimationFrame(() => {
          performance.measure('theory:first-render', { start: started.current, end: performance.now() });
          started.current = 0;
        });
      }
      const targets = root.querySelectorAll<SVGGElement>('g.node, g.edge');
      for (const el of targets) {
        el.onmouseenter = () => highlight(root, el.getAttribute('data-cmocs')!.split(' '));
        el.onmouseleave = () => highlight(root, null);
        el.onclick = () => {
          const ids = el.getAttribute('data-cmocs')!.split(' ');
          const title = el.classList.contains('node') ? (el.querySelector('title')?.textContent?.split('\n')[0] ?? 'Node') : `${ids.length} configuration${ids.length === 1 ? '' : 's'} along this line`;
          setSelected({ title, cmocIds: ids });
        };
      }
    },
    [],
  );

  if (versions.length === 0) return <p className="muted">No program theory version yet: create one under “Versions”.</p>;
  return (
    <div className="theory-diagram">
      <div className="theory-toolbar">
        <label className="field inline">
          <span>Version</span>
          <select aria-label="Version" value={versionId ?? ''} onChange={(e) => onVersion(e.target.value)}>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label} ({v.stage === 'intermediate' ? 'iteration' : v.stage}, {v.cmocCount} CMOCs)
              </option>
            ))}
          </select>
        </label>
        <button onClick={() => viewRef.current?.fit()}>Fit</button>
        <ExportButtons request={versionId ? { what: 'theory', versionId, title: projectName } : null} formats={['svg', 'png', 'pdf', 'graphml', 'mermaid', 'json']} />
      </div>
      {error && <div className="error">{error}</div>}
      <div className="theory-body">
        <SceneView ref={viewRef} scene={scene} onDraw={onDraw} label={`Program theory diagram: ${version?.label ?? ''}`} className="theory-svg" />
        <aside className="theory-side" aria-label="Configurations and evidence">
          {selected ? (
            <section>
              <div className="side-head">
                <h3>{selected.title}</h3>
                <button className="link" onClick={() => setSelected(null)}>
                  Back to the list
                </button>
              </div>
              {selected.cmocIds.map((id) => byId.get(id)).filter(Boolean).map((c) => (
                <p key={c!.id} className="side-statement">
                  <b>{c!.label}</b> {c!.statement}
                </p>
              ))}
              {quotes === null ? <p className="muted">Loading the evidence…</p> : quotes.length === 0 ? <p className="muted">No evidence yet: this is a hypothesis.</p> : null}
              {quotes?.map((q) => (
                <blockquote key={`${q.excerptId}-${q.role}`} className={`quote role-${q.role}`}>
                  “{q.quote}”
                  <footer>
                    {q.role} · {q.citation}
                  </footer>
                </blockquote>
              ))}
            </section>
          ) : (
            <section>
              <h3>Configurations ({version?.cmocs.length ?? 0})</h3>
              <ul className="theory-cmoc-list">
                {version?.cmocs.map((c) => (
                  <li key={c.id}>
                    <button
                      onMouseEnter={() => highlight(rootRef.current, [c.id])}
                      onMouseLeave={() => highlight(rootRef.current, null)}
                      onFocus={() => highlight(rootRef.current, [c.id])}
                      onBlur={() => highlight(rootRef.current, null)}
                      onClick={() => setSelected({ title: c.label || 'Configuration', cmocIds: [c.id] })}
                    >
                      <b>{c.label}</b>
                      <span className="side-statement">{c.statement}</span>
                      <span className="muted marks">
                        {evidenceMarks(c.evidence)} · {c.origin}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
