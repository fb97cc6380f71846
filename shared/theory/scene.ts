/**
 * A diagram as plain data (a "scene"): groups of rectangles, paths, circles and text lines,
 * with keys and data attributes. One pure builder makes the scene; two renderers draw it: this
 * module writes it as a standalone SVG file (the exports), and the page draws it with d3
 * (renderer/src/sections/theory), so what is exported is what is seen.
 *
 * The SVG written here is self-contained: no external references (no images, links, fonts
 * or stylesheets loaded from elsewhere), presentation attributes rather than CSS (so every
 * viewer, resvg and svg-to-pdfkit included, reads it alike), text as <text> elements (it
 * stays selectable and editable), and the font family declared on the root. Arrowheads are
 * drawn as paths, not markers, for the same reason.
 */
import { DIAGRAM_FONT_FAMILY } from './text-metrics';

export type SceneNode = SceneRect | ScenePath | SceneText | SceneCircle | SceneGroup;

export interface SceneRect {
  t: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  rx?: number;
  fill: string;
  stroke?: string;
  sw?: number;
  dash?: string;
  opacity?: number;
}

export interface ScenePath {
  t: 'path';
  d: string;
  stroke: string;
  sw: number;
  fill?: string;
  dash?: string;
  opacity?: number;
}

export interface SceneText {
  t: 'text';
  x: number;
  /** Baseline of the first line. */
  y: number;
  lines: string[];
  size: number;
  fill: string;
  bold?: boolean;
  italic?: boolean;
  anchor?: 'start' | 'middle' | 'end';
  /** Line height (px); defaults to 1.25 x size. */
  lh?: number;
}

export interface SceneCircle {
  t: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
  sw?: number;
}

export interface SceneGroup {
  t: 'g';
  /** Stable identity across redraws (the page animates groups with the same key). */
  key?: string;
  /** What the group is, for the page's styles and handlers ("node", "edge", "card", ...). */
  cls?: string;
  /** Offset of the group's contents. */
  x?: number;
  y?: number;
  opacity?: number;
  /** data-* attributes (the page finds nodes and CMOCs by them; tests read them back). */
  data?: Record<string, string>;
  /** A tooltip (an SVG <title>). */
  title?: string;
  children: SceneNode[];
}

export interface Scene {
  width: number;
  height: number;
  title: string;
  description: string;
  background: string;
  children: SceneNode[];
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

function n(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

function attrs(pairs: Record<string, string | number | undefined | null>): string {
  let out = '';
  for (const [k, v] of Object.entries(pairs)) {
    if (v === undefined || v === null || v === '') continue;
    out += ` ${k}="${typeof v === 'number' ? n(v) : xmlEscape(v)}"`;
  }
  return out;
}

/** One scene node as SVG markup (children included). */
export function nodeToSvg(node: SceneNode): string {
  switch (node.t) {
    case 'rect':
      return `<rect${attrs({ x: node.x, y: node.y, width: node.w, height: node.h, rx: node.rx, fill: node.fill, stroke: node.stroke, 'stroke-width': node.sw, 'stroke-dasharray': node.dash, opacity: node.opacity })}/>`;
    case 'path':
      return `<path${attrs({ d: node.d, fill: node.fill ?? 'none', stroke: node.stroke, 'stroke-width': node.sw, 'stroke-dasharray': node.dash, opacity: node.opacity, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })}/>`;
    case 'circle':
      return `<circle${attrs({ cx: node.cx, cy: node.cy, r: node.r, fill: node.fill, stroke: node.stroke, 'stroke-width': node.sw })}/>`;
    case 'text': {
      const lh = node.lh ?? node.size * 1.25;
      const spans = node.lines.map((line, i) => `<tspan${attrs({ x: node.x, y: node.y + i * lh })}>${xmlEscape(line)}</tspan>`).join('');
      return `<text${attrs({
        'font-size': node.size,
        'font-weight': node.bold ? 'bold' : undefined,
        'font-style': node.italic ? 'italic' : undefined,
        'text-anchor': node.anchor && node.anchor !== 'start' ? node.anchor : undefined,
        fill: node.fill,
      })}>${spans}</text>`;
    }
    case 'g': {
      const data: Record<string, string> = {};
      for (const [k, v] of Object.entries(node.data ?? {})) data[`data-${k}`] = v;
      const transform = node.x || node.y ? `translate(${n(node.x ?? 0)},${n(node.y ?? 0)})` : undefined;
      const title = node.title ? `<title>${xmlEscape(node.title)}</title>` : '';
      return `<g${attrs({ class: node.cls, transform, opacity: node.opacity, ...data })}>${title}${node.children.map(nodeToSvg).join('')}</g>`;
    }
  }
}

/** The scene as a standalone SVG document (see the module comment). */
export function sceneToSvg(scene: Scene): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1"${attrs({ width: scene.width, height: scene.height, viewBox: `0 0 ${n(scene.width)} ${n(scene.height)}`, 'font-family': DIAGRAM_FONT_FAMILY })}>`,
    `<title>${xmlEscape(scene.title)}</title>`,
    `<desc>${xmlEscape(scene.description)}</desc>`,
    `<rect${attrs({ x: 0, y: 0, width: scene.width, height: scene.height, fill: scene.background })}/>`,
    ...scene.children.map(nodeToSvg),
    '</svg>\n',
  ].join('');
}

/** A filled arrowhead pointing in direction (dx, dy) with its tip at (x, y). */
export function arrowHead(x: number, y: number, dx: number, dy: number, size: number, fill: string): ScenePath {
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x - ux * size;
  const by = y - uy * size;
  const px = -uy * size * 0.5;
  const py = ux * size * 0.5;
  return { t: 'path', d: `M${n(x)},${n(y)}L${n(bx + px)},${n(by + py)}L${n(bx - px)},${n(by - py)}Z`, stroke: fill, sw: 0.5, fill };
}
