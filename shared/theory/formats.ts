/**
 * Text exports of a theory graph and a refinement mapping: the JSON documents whose shapes the
 * command line promises (README, issue 11), GraphML for Gephi and yEd, and Mermaid for
 * Markdown documents. SVG, PNG and PDF come from the scene (./scene.ts).
 */
import type { TheoryGraph } from './graph';
import { xmlEscape } from './scene';
import { ROLE_LABELS, type ChangeKind, type TheoryChange } from './types';

/** `realist export --what theory --format json`: exactly these keys. */
export interface TheoryJson {
  version: string;
  nodes: Array<{ id: string; kind: string; label: string }>;
  edges: Array<{ source: string; target: string }>;
  cmocs: Array<{ id: string; statement: string; nodeIds: string[] }>;
}

/** `realist export --what refinement --format json`: exactly these keys. */
export interface RefinementJson {
  from: string;
  to: string;
  changes: Array<{ kind: ChangeKind; fromCmocIds: string[]; toCmocIds: string[]; rationale: string }>;
}

/**
 * The theory as JSON. Edges are the graph's left-to-right edges, then its chains (an outcome
 * node to a context node), each pair once.
 */
export function toTheoryJson(g: TheoryGraph): TheoryJson {
  const seen = new Set<string>();
  const edges: TheoryJson['edges'] = [];
  const add = (source: string, target: string) => {
    const k = `${source}\u0000${target}`;
    if (seen.has(k)) return;
    seen.add(k);
    edges.push({ source, target });
  };
  for (const e of g.edges) add(e.source, e.target);
  for (const l of g.links) if (l.kind === 'chain') add(l.sourceNodeId, l.targetNodeId);
  return {
    version: g.versionLabel,
    nodes: g.nodes.map((n) => ({ id: n.id, kind: n.role, label: n.label })),
    edges,
    cmocs: g.cmocs.map((c) => ({ id: c.id, statement: c.statement, nodeIds: c.nodeIds })),
  };
}

/** The refinement mapping as JSON (`from` and `to` are the versions' names). */
export function toRefinementJson(from: string, to: string, changes: readonly TheoryChange[]): RefinementJson {
  return { from, to, changes: changes.map((c) => ({ kind: c.kind, fromCmocIds: [...c.fromCmocIds], toCmocIds: [...c.toCmocIds], rationale: c.rationale })) };
}

/**
 * GraphML 1.0 (http://graphml.graphdrawing.org/): nodes with their layer, label and evidence
 * counts, edges with the CMOCs that take them and their supporting excerpts (Gephi reads
 * `weight`), chains as edges with kind "chain". yEd and Gephi open it as it is.
 */
export function toGraphMl(g: TheoryGraph): string {
  const keys = [
    ['label', 'node', 'string'],
    ['kind', 'node', 'string'],
    ['layer', 'node', 'string'],
    ['supporting', 'node', 'int'],
    ['refuting', 'node', 'int'],
    ['documents', 'node', 'int'],
    ['cmocs', 'all', 'string'],
    ['weight', 'edge', 'double'],
    ['edgeKind', 'edge', 'string'],
  ] as const;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, scope, type]) => `  <key id="${id}" for="${scope}" attr.name="${id}" attr.type="${type}"/>`),
    `  <graph id="${xmlEscape(g.versionLabel)}" edgedefault="directed">`,
  ];
  const data = (k: string, v: string | number) => `<data key="${k}">${xmlEscape(String(v))}</data>`;
  for (const n of g.nodes) {
    out.push(
      `    <node id="${xmlEscape(n.id)}">${data('label', n.label)}${data('kind', n.role)}${data('layer', ROLE_LABELS[n.role])}${data('supporting', n.evidence.supporting)}${data('refuting', n.evidence.refuting)}${data('documents', n.evidence.documents)}${data('cmocs', n.cmocIds.join(' '))}</node>`,
    );
  }
  for (const e of g.edges) {
    out.push(`    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">${data('weight', Math.max(1, e.supporting))}${data('edgeKind', 'path')}${data('cmocs', e.cmocIds.join(' '))}</edge>`);
  }
  g.links.forEach((l, i) => {
    out.push(`    <edge id="link${i + 1}" source="${xmlEscape(l.sourceNodeId)}" target="${xmlEscape(l.targetNodeId)}">${data('weight', 1)}${data('edgeKind', l.kind)}${data('cmocs', `${l.fromCmocId} ${l.toCmocId}`)}</edge>`);
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/** A label safe inside Mermaid's ["..."] (quotes become #quot;, Mermaid's entity). */
function mermaidLabel(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}

/**
 * Mermaid flowchart, left to right, one subgraph per layer, so the four columns stay columns
 * when GitHub, GitLab or Obsidian draw it. Chains are dotted arrows; edge labels name how many
 * CMOCs take them when more than one does.
 */
export function toMermaid(g: TheoryGraph, title: string): string {
  const out: string[] = ['---', `title: ${mermaidLabel(title)}`, '---', 'flowchart LR'];
  const roles = ['context', 'mechanism-resource', 'mechanism-response', 'outcome'] as const;
  for (const role of roles) {
    const nodes = g.nodes.filter((n) => n.role === role);
    if (nodes.length === 0) continue;
    out.push(`  subgraph ${role.replace(/-/g, '_')}["${ROLE_LABELS[role]}"]`);
    for (const n of nodes) out.push(`    ${n.id}["${mermaidLabel(n.label)}"]`);
    out.push('  end');
  }
  for (const e of g.edges) out.push(e.cmocIds.length > 1 ? `  ${e.source} -->|${e.cmocIds.length} CMOCs| ${e.target}` : `  ${e.source} --> ${e.target}`);
  for (const l of g.links) out.push(l.kind === 'chain' ? `  ${l.sourceNodeId} -.->|chain| ${l.targetNodeId}` : `  ${l.sourceNodeId} -.-|shared mechanism| ${l.targetNodeId}`);
  out.push('');
  return out.join('\n');
}
