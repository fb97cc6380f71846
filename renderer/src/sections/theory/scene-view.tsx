/**
 * Draws a diagram scene (shared/theory/scene.ts) with d3, the same scene the exports write, in
 * an SVG the user pans and zooms (d3-zoom: drag to pan, wheel or pinch to zoom, double-click to
 * zoom in; "Fit" puts the whole diagram back in view). Only the viewport's transform changes
 * while panning, so it stays smooth with hundreds of CMOCs.
 *
 * A view that animates (the refinement) joins groups by their key: when the scene changes
 * (the next step of the timeline), a group that is still there moves to its new place, a new
 * one fades in and a gone one fades out. A view that does not (the diagram, which may hold
 * thousands of shapes) is written as one piece of markup, parsed once: several times faster
 * than building the elements one by one.
 */
import { select, zoom, zoomIdentity, type Selection, type ZoomBehavior } from 'd3';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { nodeToSvg, type Scene, type SceneNode } from '../../../../shared/theory/scene';
import { DIAGRAM_FONT_FAMILY } from '../../../../shared/theory/text-metrics';

export interface SceneViewHandle {
  fit(): void;
  /** The <svg> element (for tests and hit-testing). */
  svg(): SVGSVGElement | null;
}

interface Props {
  scene: Scene | null;
  /** Animate changes between scenes (ms; 0 for none). */
  duration?: number;
  /** Called after every draw with the root <g> holding the scene. */
  onDraw?: (root: SVGGElement) => void;
  label: string;
  className?: string;
}

type AnySel = Selection<SVGGElement, SceneNode, SVGGElement, unknown>;

function keyOf(n: SceneNode, i: number): string {
  return n.t === 'g' && n.key ? `k:${n.key}` : `i:${i}:${n.t}`;
}

function transformOf(n: SceneNode): string | null {
  return n.t === 'g' && (n.x || n.y) ? `translate(${n.x ?? 0},${n.y ?? 0})` : null;
}

/** Joins `children` under `parent` by key, recursively (see the module comment). */
function join(parent: Selection<SVGGElement, unknown, null, undefined> | AnySel, children: readonly SceneNode[], duration: number): void {
  const sel = (parent as Selection<SVGGElement, unknown, null, undefined>)
    .selectChildren<SVGGElement, SceneNode>('g[data-k]')
    .data(children as SceneNode[], function (this: SVGGElement | SceneNode, d: SceneNode, i: number) {
      // d3 calls the key with the element's old datum first, then with the new data.
      return this instanceof Element ? (this.getAttribute('data-k') ?? '') : keyOf(d, i);
    });
  const entered = sel
    .enter()
    .append('g')
    .attr('data-k', (d, i) => keyOf(d, i))
    .attr('opacity', duration > 0 ? 0 : null)
    .attr('transform', (d) => transformOf(d));
  sel.exit().each(function () {
    const g = select(this as SVGGElement);
    if (duration > 0) g.transition().duration(duration / 2).attr('opacity', 0).remove();
    else g.remove();
  });
  const all = entered.merge(sel);
  all.each(function (d) {
    const g = select(this);
    if (d.t === 'g') {
      g.attr('class', d.cls ?? null);
      for (const [k, v] of Object.entries(d.data ?? {})) g.attr(`data-${k}`, v);
      g.selectChildren('title').remove();
      if (d.title) g.insert('title', ':first-child').text(d.title);
      join(g as unknown as AnySel, d.children, duration);
    } else {
      g.html(nodeToSvg(d));
    }
  });
  if (duration > 0) {
    sel.transition().duration(duration).attr('transform', (d) => transformOf(d)).attr('opacity', (d) => (d.t === 'g' && d.opacity !== undefined ? d.opacity : 1));
    entered.transition().delay(duration / 2).duration(duration / 2).attr('opacity', (d) => (d.t === 'g' && d.opacity !== undefined ? d.opacity : 1));
  } else {
    all.attr('transform', (d) => transformOf(d)).attr('opacity', (d) => (d.t === 'g' && d.opacity !== undefined ? d.opacity : null));
  }
}

/** The pannable, zoomable drawing of a scene. */
export const SceneView = forwardRef<SceneViewHandle, Props>(function SceneView({ scene, duration = 0, onDraw, label, className }, ref) {
  const svgRef = useRef<SVGSVGElement>(null);
  const rootRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const sizeRef = useRef<{ w: number; h: number } | null>(null);

  const fit = () => {
    const svg = svgRef.current;
    const size = sizeRef.current;
    if (!svg || !size || !zoomRef.current) return;
    // Fit the width (never enlarging): a tall diagram is read from the top and panned down.
    const box = svg.getBoundingClientRect();
    const k = Math.max(0.08, Math.min(1, (box.width - 8) / size.w));
    select(svg).call(zoomRef.current.transform, zoomIdentity.translate(Math.max(0, (box.width - size.w * k) / 2), 0).scale(k));
  };

  useImperativeHandle(ref, () => ({ fit, svg: () => svgRef.current }));

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 6])
      .on('zoom', (e: { transform: { toString(): string } }) => {
        rootRef.current?.setAttribute('transform', e.transform.toString());
      });
    zoomRef.current = z;
    select(svg).call(z);
    return () => {
      select(svg).on('.zoom', null);
    };
  }, []);

  useEffect(() => {
    const root = rootRef.current;
    if (!root || !scene) return;
    const first = sizeRef.current === null;
    const resized = !first && (sizeRef.current!.w !== scene.width || Math.abs(sizeRef.current!.h - scene.height) > 1);
    sizeRef.current = { w: scene.width, h: scene.height };
    if (duration === 0) {
      root.innerHTML = `<rect class="scene-page" width="${scene.width}" height="${scene.height}" fill="${scene.background}"/>${scene.children.map(nodeToSvg).join('')}`;
    } else {
      const sel = select(root) as unknown as Selection<SVGGElement, unknown, null, undefined>;
      sel.selectChildren('rect.scene-page').data([scene]).join('rect').attr('class', 'scene-page').attr('width', scene.width).attr('height', scene.height).attr('fill', scene.background);
      // The first drawing appears at once; later ones animate from the previous scene.
      join(sel, scene.children, first ? 0 : duration);
    }
    onDraw?.(root);
    if (first || (resized && duration === 0)) fit();
  }, [scene]);

  return (
    <svg ref={svgRef} className={`scene-view ${className ?? ''}`} role="img" aria-label={label} fontFamily={DIAGRAM_FONT_FAMILY}>
      <g ref={rootRef} />
    </svg>
  );
});
