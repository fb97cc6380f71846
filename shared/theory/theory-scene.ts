/**
 * The theory diagram as a scene (./scene.ts): a title with the version's name, a head over each
 * column, the CMOCs' paths (edges whose width grows with supporting evidence; dashed where no
 * evidence backs them yet), chains and shared mechanisms as dashed links, node boxes with their
 * evidence marks, and a legend that says what every mark means. The same scene is drawn in the
 * page and written to SVG, PNG and PDF.
 *
 * Node marks: "+3 −1 · 2 src" counts supporting and refuting excerpts and distinct source
 * documents; three small bars show the mean appraised rigour of those documents (one bar low,
 * two moderate, three high; none shown when nothing is appraised); a dashed border marks a
 * node no evidence supports yet (a hypothesis).
 */
import { ROLE_LABELS, THEORY_ROLES, type TheoryStage } from './types';
import { edgeWidth, LAYOUT, type LaidNode, type TheoryLayout } from './layout';
import { INK, ROLE_INK, type DiagramStyle } from './palette';
import { arrowHead, type Scene, type SceneGroup, type SceneNode } from './scene';
import { textWidth, wrapText } from './text-metrics';

export interface TheorySceneOptions {
  /** The diagram's title (the project's or the user's words). */
  title: string;
  versionLabel: string;
  stage?: TheoryStage;
  style?: DiagramStyle;
}

const MARGIN = 28;
const TITLE_SIZE = 18;
const HEAD_SIZE = 12.5;

/** Mean rigour (0..1) as 1, 2 or 3 bars. */
export function rigourBars(rigour: number | null): number {
  if (rigour === null) return 0;
  return rigour >= 0.75 ? 3 : rigour >= 0.25 ? 2 : 1;
}

/** The marks row of a node or CMOC: "+3 −1 · 2 src" (parts with zero left out; "no evidence yet" when all are). */
export function evidenceMarks(e: { supporting: number; refuting: number; documents: number }): string {
  const bits: string[] = [];
  if (e.supporting) bits.push(`+${e.supporting}`);
  if (e.refuting) bits.push(`\u2212${e.refuting}`);
  if (e.documents) bits.push(`${e.documents} src`);
  return bits.length ? bits.join('  ') : 'no evidence yet';
}

function rigourGlyph(x: number, y: number, bars: number, colour: string): SceneNode[] {
  const out: SceneNode[] = [];
  for (let i = 0; i < 3; i += 1) {
    const h = 4 + i * 2.5;
    out.push({ t: 'rect', x: x + i * 4.5, y: y - h, w: 3, h, fill: i < bars ? colour : INK.page, stroke: colour, sw: 0.6 });
  }
  return out;
}

function nodeGroup(n: LaidNode, style: DiagramStyle): SceneGroup {
  const ink = ROLE_INK[style][n.role];
  const hasEvidence = n.evidence.supporting + n.evidence.refuting + n.evidence.refining > 0;
  const marksY = LAYOUT.padTop + n.lines.length * LAYOUT.lineHeight + 11;
  const bars = rigourBars(n.evidence.rigour);
  return {
    t: 'g',
    key: `node:${n.id}`,
    cls: 'node',
    x: n.x,
    y: n.y,
    data: { node: n.id, role: n.role, cmocs: n.cmocIds.join(' ') },
    title: `${ROLE_LABELS[n.role]}: ${n.label}\n${evidenceMarks(n.evidence)}; ${n.cmocIds.length} configuration${n.cmocIds.length === 1 ? '' : 's'}`,
    children: [
      { t: 'rect', x: 0, y: 0, w: n.w, h: n.h, rx: 5, fill: ink.fill, stroke: ink.stroke, sw: hasEvidence ? 1 + Math.min(1.6, n.evidence.documents * 0.4) : 1, dash: hasEvidence ? '' : '4 3' },
      { t: 'text', x: LAYOUT.padX, y: LAYOUT.padTop + LAYOUT.fontSize - 1, lines: n.lines, size: LAYOUT.fontSize, lh: LAYOUT.lineHeight, fill: INK.text },
      { t: 'text', x: LAYOUT.padX, y: marksY, lines: [evidenceMarks(n.evidence)], size: 9.5, fill: n.evidence.refuting > n.evidence.supporting && style === 'colour' ? INK.refute : INK.muted },
      ...(bars ? rigourGlyph(n.w - LAYOUT.padX - 12, marksY + 1, bars, ink.stroke) : []),
    ],
  };
}

/** The legend's entries, laid out in rows within `width`. */
function legend(style: DiagramStyle, width: number, hasChains: boolean, hasShared: boolean): { node: SceneGroup; height: number } {
  const items: Array<{ w: number; draw: (x: number, y: number) => SceneNode[] }> = [];
  const label = (x: number, y: number, text: string): SceneNode => ({ t: 'text', x, y: y + 4, lines: [text], size: 10.5, fill: INK.text });
  for (const role of THEORY_ROLES) {
    const ink = ROLE_INK[style][role];
    const text = ROLE_LABELS[role];
    items.push({ w: 22 + textWidth(text, 10.5), draw: (x, y) => [{ t: 'rect', x, y: y - 6, w: 16, h: 12, rx: 2, fill: ink.fill, stroke: ink.stroke, sw: 1 }, label(x + 21, y, text)] });
  }
  const edgeText = 'line width: supporting excerpts (0, 4, 16)';
  items.push({
    w: 70 + textWidth(edgeText, 10.5),
    draw: (x, y) => [
      ...[0, 4, 16].map((s, i): SceneNode => ({ t: 'path', d: `M${x + i * 21},${y}h16`, stroke: INK.edge, sw: edgeWidth(s), opacity: 0.75 })),
      label(x + 66, y, edgeText),
    ],
  });
  const dashedText = 'dashed: no evidence yet (hypothesis)';
  items.push({ w: 22 + textWidth(dashedText, 10.5), draw: (x, y) => [{ t: 'rect', x, y: y - 6, w: 16, h: 12, rx: 2, fill: INK.page, stroke: INK.muted, sw: 1, dash: '4 3' }, label(x + 21, y, dashedText)] });
  const marksText = '+supporting −refuting excerpts · source documents';
  items.push({ w: textWidth(marksText, 10.5), draw: (x, y) => [label(x, y, marksText)] });
  const rigourText = 'mean rigour: low, moderate, high';
  items.push({ w: 58 + textWidth(rigourText, 10.5), draw: (x, y) => [...[1, 2, 3].flatMap((b, i) => rigourGlyph(x + i * 18, y + 5, b, INK.muted)), label(x + 57, y, rigourText)] });
  if (hasChains) {
    const t = 'chain: an outcome becomes a context';
    items.push({ w: 26 + textWidth(t, 10.5), draw: (x, y) => [{ t: 'path', d: `M${x},${y}h18`, stroke: INK.text, sw: 1.3, dash: '5 3' }, arrowHead(x + 22, y, 1, 0, 6, INK.text), label(x + 26, y, t)] });
  }
  if (hasShared) {
    const t = 'shared mechanism';
    items.push({ w: 24 + textWidth(t, 10.5), draw: (x, y) => [{ t: 'path', d: `M${x},${y}h18`, stroke: INK.muted, sw: 1.3, dash: '1.5 3' }, label(x + 24, y, t)] });
  }
  const children: SceneNode[] = [{ t: 'text', x: 0, y: 0, lines: ['Legend'], size: 11, bold: true, fill: INK.text }];
  let x = 0;
  let y = 18;
  for (const it of items) {
    if (x > 0 && x + it.w > width) {
      x = 0;
      y += 20;
    }
    children.push(...it.draw(x, y));
    x += it.w + 22;
  }
  return { node: { t: 'g', key: 'legend', cls: 'legend', children }, height: y + 10 };
}

/** Builds the diagram's scene from a layout (see the module comment). */
export function theoryScene(layout: TheoryLayout, options: TheorySceneOptions): Scene {
  const style = options.style ?? 'colour';
  const g = layout.graph;
  const { bounds } = layout;
  const innerWidth = Math.max(bounds.x1 - bounds.x0, 560);
  const width = innerWidth + 2 * MARGIN;
  const children: SceneNode[] = [];

  // Title, then the version's name and what it holds.
  const titleLines = wrapText(options.title, innerWidth, TITLE_SIZE, { bold: true, maxLines: 2 });
  children.push({ t: 'text', x: MARGIN, y: MARGIN + TITLE_SIZE - 3, lines: titleLines, size: TITLE_SIZE, bold: true, fill: INK.text });
  let y = MARGIN + titleLines.length * TITLE_SIZE * 1.25 + 4;
  const stage = options.stage ? ` (${options.stage === 'intermediate' ? 'iteration' : options.stage} program theory)` : '';
  const evidenced = g.cmocs.filter((c) => c.evidence.supporting + c.evidence.refuting + c.evidence.refining > 0).length;
  const sub = `Version: ${options.versionLabel}${stage} · ${g.cmocs.length} CMOC${g.cmocs.length === 1 ? '' : 's'}, ${evidenced} with evidence`;
  children.push({ t: 'text', x: MARGIN, y: y + 10, lines: wrapText(sub, innerWidth, 12, { maxLines: 2 }), size: 12, fill: INK.muted });
  y += 32;

  // Column heads.
  const ox = MARGIN - bounds.x0 + (innerWidth - (bounds.x1 - bounds.x0)) / 2;
  for (const c of layout.columns) {
    const ink = ROLE_INK[style][c.role];
    children.push({ t: 'text', x: ox + c.x + c.w / 2, y: y + HEAD_SIZE, lines: [ROLE_LABELS[c.role]], size: HEAD_SIZE, bold: true, anchor: 'middle', fill: INK.text });
    children.push({ t: 'rect', x: ox + c.x, y: y + HEAD_SIZE + 6, w: c.w, h: 3, fill: ink.stroke });
  }
  y += HEAD_SIZE + 22;

  // The graph: edges under links under nodes.
  const body: SceneNode[] = [];
  for (const e of layout.edges) {
    const none = e.supporting + e.refuting === 0;
    body.push({
      t: 'g',
      key: `edge:${e.id}`,
      cls: 'edge',
      data: { edge: e.id, cmocs: e.cmocIds.join(' ') },
      children: [{ t: 'path', d: e.d, stroke: INK.edge, sw: e.width, opacity: 0.55, dash: none ? '5 4' : '' }],
    });
  }
  for (const l of layout.links) {
    const chain = l.kind === 'chain';
    const end = /H(-?[\d.]+)$/.exec(l.d);
    const tip: SceneNode[] = [];
    if (chain && end) {
      const target = layout.nodes.find((nd) => nd.id === l.targetNodeId)!;
      tip.push(arrowHead(target.x, target.y + target.h / 2, 1, 0, 6, INK.text));
    }
    body.push({
      t: 'g',
      key: `link:${l.kind}:${l.fromCmocId}:${l.toCmocId}:${l.sourceNodeId}:${l.targetNodeId}`,
      cls: 'link',
      data: { link: l.kind, cmocs: `${l.fromCmocId} ${l.toCmocId}` },
      title: chain ? 'Chain: this outcome becomes the context of another configuration' : 'Shared mechanism',
      children: [{ t: 'path', d: l.d, stroke: chain ? INK.text : INK.muted, sw: 1.3, dash: chain ? '5 3' : '1.5 3', opacity: 0.8 }, ...tip],
    });
  }
  for (const nd of layout.nodes) body.push(nodeGroup(nd, style));
  children.push({ t: 'g', key: 'graph', cls: 'graph', x: ox, y, children: body });
  y += bounds.y1 - bounds.y0 + 24;

  if (layout.nodes.length === 0) {
    children.push({ t: 'text', x: MARGIN, y: y + 4, lines: ['This version has no configurations with parts yet.'], size: 12, italic: true, fill: INK.muted });
    y += 24;
  }

  // Configurations with no parts yet, and themes.
  const bare = g.cmocs.filter((c) => c.nodeIds.length === 0);
  if (bare.length > 0) {
    const lines = bare.flatMap((c) => wrapText(`${c.label ? `${c.label}: ` : ''}${c.statement}`, innerWidth - 12, 10.5, { maxLines: 3 }).map((l, i) => (i === 0 ? `• ${l}` : `  ${l}`)));
    children.push({ t: 'text', x: MARGIN, y: y + 4, lines: ['Not yet broken into parts:'], size: 11, bold: true, fill: INK.text });
    children.push({ t: 'text', x: MARGIN, y: y + 20, lines, size: 10.5, lh: 13.5, fill: INK.text });
    y += 22 + lines.length * 13.5 + 8;
  }
  if (g.groups.length > 0) {
    const labelOf = new Map(g.cmocs.map((c, i) => [c.id, c.label || `CMOC ${i + 1}`]));
    const lines = g.groups.flatMap((gr) =>
      wrapText(`${gr.kind === 'middle-range' ? 'Middle-range theory' : 'Theme'} "${gr.name}": ${gr.cmocIds.map((id) => labelOf.get(id) ?? '?').join(', ')}`, innerWidth - 12, 10.5, { maxLines: 3 }),
    );
    children.push({ t: 'text', x: MARGIN, y: y + 4, lines: ['Themes and middle-range theories:'], size: 11, bold: true, fill: INK.text });
    children.push({ t: 'text', x: MARGIN, y: y + 20, lines, size: 10.5, lh: 13.5, fill: INK.text });
    y += 22 + lines.length * 13.5 + 8;
  }

  const leg = legend(style, innerWidth, layout.links.some((l) => l.kind === 'chain'), layout.links.some((l) => l.kind === 'shared-mechanism'));
  children.push({ t: 'rect', x: MARGIN, y, w: innerWidth, h: 0.8, fill: INK.rule });
  leg.node.x = MARGIN;
  leg.node.y = y + 18;
  children.push(leg.node);
  y += 18 + leg.height + MARGIN;

  return {
    width: Math.ceil(width),
    height: Math.ceil(y),
    title: `${options.title}: ${options.versionLabel}`,
    description: `Program theory diagram of version "${options.versionLabel}": ${g.cmocs.length} context-mechanism-outcome configurations drawn as paths from context through mechanism (resource, response) to outcome.`,
    background: INK.page,
    children,
  };
}
