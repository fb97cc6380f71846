/**
 * The layered layout of a theory graph, left to right: context, mechanism resource, mechanism
 * response, outcome, each a column. Pure: the page, the exports and the benchmark all call it.
 *
 * The layers are fixed by the domain, not found: d3-dag's Sugiyama layout (Sugiyama, Tagawa &
 * Toda 1981) gets a layering that puts each node in its role's layer, so only the two steps
 * that matter here run: ordering nodes within each column to cut crossings (two-layer sweeps
 * with a median/mean aggregate, d3-dag's `decrossTwoLayer`) and giving them positions that
 * keep edges short without overlaps (`coordGreedy`, Brandes-Köpf-like). An edge that skips a
 * column (a CMOC with no resource) passes through it between the boxes, as the dummy nodes
 * place it. Big graphs get fewer sweeps and centred columns: past 150 nodes, two sweeps keep
 * the layout within the 500 ms budget for 300 CMOCs (see `npm run bench:theory`), and
 * `coordCenter` stacks each column without the long gaps `coordGreedy` leaves there (a fifth
 * shorter for 300 CMOCs); small graphs get twelve sweeps and `coordGreedy`, whose short edges
 * read better when every box is on screen.
 *
 * d3-dag lays out top to bottom; this module turns its layers into columns (its y is our x).
 */
import { coordCenter, coordGreedy, decrossTwoLayer, graph, sugiyama, twolayerAgg, type GraphNode, type MutGraphNode } from 'd3-dag';
import { layerOf, type TheoryEdge, type TheoryGraph, type TheoryGraphLink, type TheoryNode } from './graph';
import { wrapText } from './text-metrics';
import { THEORY_ROLES, type TheoryRole } from './types';

/** Sizes of the diagram, in px (CSS px: 96 to the inch). */
export const LAYOUT = {
  nodeWidth: 200,
  columnGap: 110,
  rowGap: 14,
  fontSize: 12,
  lineHeight: 15,
  padX: 9,
  padTop: 8,
  /** The evidence marks' row under the label. */
  marksHeight: 15,
  maxLines: 4,
} as const;

export interface LaidNode extends TheoryNode {
  /** Top-left corner and size. */
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
}

export interface LaidEdge extends TheoryEdge {
  /** SVG path data, from the source's right side to the target's left side. */
  d: string;
  width: number;
}

export interface LaidLink extends TheoryGraphLink {
  d: string;
}

export interface TheoryLayout {
  graph: TheoryGraph;
  nodes: LaidNode[];
  edges: LaidEdge[];
  links: LaidLink[];
  columns: Array<{ role: TheoryRole; x: number; w: number }>;
  width: number;
  height: number;
  /** What the drawing covers, chains' lanes included (x0 may be negative). */
  bounds: { x0: number; y0: number; x1: number; y1: number };
}

/** An edge's stroke width from its supporting excerpts: 1.2 px with none, growing as a square root, at most 9 px. */
export function edgeWidth(supporting: number): number {
  return Math.min(9, 1.2 + 1.4 * Math.sqrt(Math.max(0, supporting)));
}

/** The height of a node box with `lines` lines of label. */
export function nodeHeight(lines: number): number {
  return LAYOUT.padTop + lines * LAYOUT.lineHeight + LAYOUT.marksHeight + 4;
}

function columnX(layer: number): number {
  return layer * (LAYOUT.nodeWidth + LAYOUT.columnGap);
}

/** A smooth left-to-right path through `points` (horizontal tangents at every point). */
export function smoothPath(points: ReadonlyArray<readonly [number, number]>): string {
  const f = (n: number) => (Math.round(n * 10) / 10).toString();
  let d = `M${f(points[0]![0])},${f(points[0]![1])}`;
  for (let i = 1; i < points.length; i += 1) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const mx = (x0 + x1) / 2;
    d += `C${f(mx)},${f(y0)} ${f(mx)},${f(y1)} ${f(x1)},${f(y1)}`;
  }
  return d;
}

interface NodeData {
  node: TheoryNode;
  lines: string[];
  h: number;
}

/** Lays out a theory graph (see the module comment). */
export function layoutTheoryGraph(g: TheoryGraph): TheoryLayout {
  const columns = THEORY_ROLES.map((role, i) => ({ role, x: columnX(i), w: LAYOUT.nodeWidth }));
  if (g.nodes.length === 0) {
    const width = columnX(3) + LAYOUT.nodeWidth;
    return { graph: g, nodes: [], edges: [], links: [], columns, width, height: 0, bounds: { x0: 0, y0: 0, x1: width, y1: 0 } };
  }
  const dag = graph<NodeData, TheoryEdge>();
  const dagNodes = new Map<string, MutGraphNode<NodeData, TheoryEdge>>();
  for (const n of g.nodes) {
    const lines = wrapText(n.label, LAYOUT.nodeWidth - 2 * LAYOUT.padX, LAYOUT.fontSize, { maxLines: LAYOUT.maxLines });
    dagNodes.set(n.id, dag.node({ node: n, lines, h: nodeHeight(Math.max(1, lines.length)) }));
  }
  for (const e of g.edges) dag.link(dagNodes.get(e.source)!, dagNodes.get(e.target)!, e);

  // The layers are the roles: d3-dag wants integer layers and the index of the last one.
  const fixedLayers = (dg: { nodes(): Iterable<GraphNode<NodeData, TheoryEdge>> }) => {
    for (const n of dg.nodes()) n.y = layerOf(n.data.node.role);
    return THEORY_ROLES.length - 1;
  };
  const big = g.nodes.length > 150;
  const layout = sugiyama()
    .layering(fixedLayers)
    .decross(decrossTwoLayer().order(twolayerAgg()).inits([]).passes(big ? 2 : 12))
    .coord(big ? coordCenter() : coordGreedy())
    // [across the layer, along it]: a box's height, then its width.
    .nodeSize((n: GraphNode<NodeData, TheoryEdge>) => [n.data.h, LAYOUT.nodeWidth] as const)
    .gap([LAYOUT.rowGap, LAYOUT.columnGap]);
  const { width: span } = layout(dag as never);

  const nodes: LaidNode[] = [];
  const laid = new Map<string, LaidNode>();
  for (const dn of dag.nodes()) {
    const { node, lines, h } = dn.data;
    const layer = layerOf(node.role);
    const ln: LaidNode = { ...node, x: columnX(layer), y: dn.x - h / 2, w: LAYOUT.nodeWidth, h, lines };
    nodes.push(ln);
    laid.set(node.id, ln);
  }
  // Keep the graph's node order (C1, C2, ..., O1, ...) for stable output.
  const order = new Map(g.nodes.map((n, i) => [n.id, i]));
  nodes.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  const edges: LaidEdge[] = [];
  for (const link of dag.links()) {
    const e = link.data;
    const s = laid.get(e.source)!;
    const t = laid.get(e.target)!;
    // d3-dag's points run through the dummy nodes; its (x, y) is our (y, x).
    const inner = link.points.slice(1, -1).map(([px, py]) => [py, px] as const);
    const pts: Array<readonly [number, number]> = [[s.x + s.w, s.y + s.h / 2], ...inner.map(([x, y]) => [x, y] as const), [t.x, t.y + t.h / 2]];
    edges.push({ ...e, d: smoothPath(pts), width: edgeWidth(e.supporting) });
  }
  const edgeOrder = new Map(g.edges.map((e, i) => [e.id, i]));
  edges.sort((a, b) => edgeOrder.get(a.id)! - edgeOrder.get(b.id)!);

  const height = Math.max(span, ...nodes.map((n) => n.y + n.h));
  const width = columnX(3) + LAYOUT.nodeWidth;
  let lane = 0;
  const links: LaidLink[] = g.links.map((l) => {
    const s = laid.get(l.sourceNodeId)!;
    const t = laid.get(l.targetNodeId)!;
    return { ...l, d: l.kind === 'chain' ? chainPath(s, t, width, height, lane++) : bowPath(s, t) };
  });
  const margin = lane > 0 ? CHAIN_MARGIN + lane * CHAIN_LANE : 0;
  const bowRight = links.some((l) => l.kind === 'shared-mechanism') ? 40 : 0;
  return {
    graph: g,
    nodes,
    edges,
    links,
    columns,
    width,
    height,
    bounds: { x0: -margin, y0: 0, x1: width + Math.max(margin, bowRight), y1: height + (lane > 0 ? CHAIN_MARGIN + lane * CHAIN_LANE : 0) },
  };
}


const CHAIN_MARGIN = 16;
const CHAIN_LANE = 7;

/**
 * A chain runs back from an outcome (right) to a context (left). Drawn straight across it
 * would cross every box in between, so it takes a lane of its own around the diagram: out of
 * the outcome's right side, down past the last row, along the bottom, and up into the
 * context's left side. Each chain gets its own lane, so two chains never share a line.
 */
function chainPath(s: LaidNode, t: LaidNode, width: number, height: number, lane: number): string {
  const f = (n: number) => Math.round(n * 10) / 10;
  const right = width + CHAIN_MARGIN + lane * CHAIN_LANE;
  const left = -(CHAIN_MARGIN + lane * CHAIN_LANE);
  const bottom = height + CHAIN_MARGIN + lane * CHAIN_LANE;
  return `M${f(s.x + s.w)},${f(s.y + s.h / 2)}H${f(right)}V${f(bottom)}H${f(left)}V${f(t.y + t.h / 2)}H${f(t.x)}`;
}

/** A shared mechanism: a short bow to the right of the two mechanism boxes. */
function bowPath(s: LaidNode, t: LaidNode): string {
  const f = (n: number) => Math.round(n * 10) / 10;
  const x0 = s.x + s.w;
  const y0 = s.y + s.h / 2;
  const x1 = t.x + t.w;
  const y1 = t.y + t.h / 2;
  const bow = Math.max(x0, x1) + 36;
  return `M${f(x0)},${f(y0)}C${f(bow)},${f(y0)} ${f(bow)},${f(y1)} ${f(x1)},${f(y1)}`;
}
