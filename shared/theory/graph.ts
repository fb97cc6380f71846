/**
 * The theory diagram's graph, built from one version as plain `{nodes, edges}`: contexts,
 * mechanism resources, mechanism responses and outcomes are the nodes (one per code, or per
 * distinct text of a hypothesis, in each layer); each CMOC is a path through them, joining
 * every part of one layer to every part of the next layer it fills (a CMOC with no resource
 * goes straight from its context to its response). Nodes and edges carry the CMOCs that use
 * them and the evidence behind those CMOCs, which the diagram shows as edge weight and node
 * marks.
 *
 * Chains (an outcome that becomes the context of another configuration) come from the
 * version's links and, implied, from one code (or text) used as the outcome of one CMOC and the
 * context of another. They are kept apart from `edges`, which only run left to right.
 */
import { normaliseText, partKey } from './mapping';
import { NO_EVIDENCE, THEORY_ROLES, type TheoryCmoc, type TheoryEvidenceSummary, type TheoryGroup, type TheoryLink, type TheoryRole } from './types';

export interface TheoryNode {
  /** Short and stable within the version: C1, MR1, MP1, O1 in order of first use. */
  id: string;
  role: TheoryRole;
  label: string;
  codeId: string | null;
  cmocIds: string[];
  /** Evidence of all its CMOCs together (documents counted once). */
  evidence: TheoryEvidenceSummary;
}

export interface TheoryEdge {
  id: string;
  source: string;
  target: string;
  cmocIds: string[];
  /** Supporting excerpts of the CMOCs that take this edge (what its width shows). */
  supporting: number;
  refuting: number;
}

/** A chain or a shared mechanism between two CMOCs, drawn over the layered graph. */
export interface TheoryGraphLink {
  kind: 'chain' | 'shared-mechanism';
  fromCmocId: string;
  toCmocId: string;
  /** The nodes it joins: outcome to context for a chain, mechanism to mechanism otherwise. */
  sourceNodeId: string;
  targetNodeId: string;
  /** True when read from the codes rather than stated by the reviewer. */
  implied: boolean;
  note: string;
}

export interface TheoryGraphCmoc {
  id: string;
  label: string;
  statement: string;
  origin: TheoryCmoc['origin'];
  nodeIds: string[];
  edgeIds: string[];
  evidence: TheoryEvidenceSummary;
}

export interface TheoryGraph {
  versionId: string;
  versionLabel: string;
  nodes: TheoryNode[];
  edges: TheoryEdge[];
  cmocs: TheoryGraphCmoc[];
  links: TheoryGraphLink[];
  groups: TheoryGroup[];
}

const PREFIX: Record<TheoryRole, string> = { context: 'C', 'mechanism-resource': 'MR', 'mechanism-response': 'MP', outcome: 'O' };

/** The layer index of a role (0 context .. 3 outcome). */
export function layerOf(role: TheoryRole): number {
  return THEORY_ROLES.indexOf(role);
}

function addEvidence(into: TheoryEvidenceSummary & { docs: Set<string>; rigours: number[] }, e: TheoryEvidenceSummary & { documentIds?: readonly string[] }): void {
  into.supporting += e.supporting;
  into.refuting += e.refuting;
  into.refining += e.refining;
  for (const d of e.documentIds ?? []) into.docs.add(d);
  if (e.rigour !== null) into.rigours.push(e.rigour);
}

/** A CMOC as the graph needs it; `evidence.documentIds` lets documents be counted once. */
export type GraphInputCmoc = Pick<TheoryCmoc, 'id' | 'label' | 'statement' | 'parts' | 'origin'> & {
  evidence: TheoryEvidenceSummary & { documentIds?: readonly string[] };
};

/** Builds the graph of one version (see the module comment). CMOCs are taken in the order given. */
export function buildTheoryGraph(version: {
  id: string;
  label: string;
  cmocs: readonly GraphInputCmoc[];
  links?: readonly Pick<TheoryLink, 'kind' | 'fromCmocId' | 'toCmocId' | 'note'>[];
  groups?: readonly TheoryGroup[];
}): TheoryGraph {
  const nodes = new Map<string, TheoryNode & { acc: TheoryEvidenceSummary & { docs: Set<string>; rigours: number[] } }>();
  const counters: Record<TheoryRole, number> = { context: 0, 'mechanism-resource': 0, 'mechanism-response': 0, outcome: 0 };
  const edges = new Map<string, TheoryEdge>();
  const cmocs: TheoryGraphCmoc[] = [];
  const nodeOfKey = (key: string, role: TheoryRole, label: string, codeId: string | null) => {
    let n = nodes.get(key);
    if (!n) {
      counters[role] += 1;
      n = { id: `${PREFIX[role]}${counters[role]}`, role, label, codeId, cmocIds: [], evidence: NO_EVIDENCE, acc: { ...NO_EVIDENCE, docs: new Set(), rigours: [] } };
      nodes.set(key, n);
    }
    return n;
  };
  for (const c of version.cmocs) {
    const byLayer: Array<Array<ReturnType<typeof nodeOfKey>>> = THEORY_ROLES.map(() => []);
    c.parts.forEach((p) => {
      const n = nodeOfKey(partKey(p), p.role, p.text, p.codeId);
      const layer = byLayer[layerOf(p.role)]!;
      if (!layer.includes(n)) layer.push(n);
    });
    const used = byLayer.flat();
    for (const n of used) {
      if (!n.cmocIds.includes(c.id)) n.cmocIds.push(c.id);
      addEvidence(n.acc, c.evidence);
    }
    const filled = byLayer.filter((l) => l.length > 0);
    const edgeIds: string[] = [];
    for (let i = 0; i + 1 < filled.length; i += 1) {
      for (const a of filled[i]!) {
        for (const b of filled[i + 1]!) {
          const id = `${a.id}-${b.id}`;
          let e = edges.get(id);
          if (!e) {
            e = { id, source: a.id, target: b.id, cmocIds: [], supporting: 0, refuting: 0 };
            edges.set(id, e);
          }
          e.cmocIds.push(c.id);
          e.supporting += c.evidence.supporting;
          e.refuting += c.evidence.refuting;
          edgeIds.push(id);
        }
      }
    }
    cmocs.push({
      id: c.id,
      label: c.label,
      statement: c.statement,
      origin: c.origin,
      nodeIds: used.map((n) => n.id),
      edgeIds,
      evidence: { supporting: c.evidence.supporting, refuting: c.evidence.refuting, refining: c.evidence.refining, documents: c.evidence.documents, rigour: c.evidence.rigour },
    });
  }
  const nodeList: TheoryNode[] = [...nodes.values()].map(({ acc, ...n }) => ({
    ...n,
    evidence: {
      supporting: acc.supporting,
      refuting: acc.refuting,
      refining: acc.refining,
      documents: acc.docs.size,
      rigour: acc.rigours.length ? acc.rigours.reduce((s, x) => s + x, 0) / acc.rigours.length : null,
    },
  }));
  const cmocById = new Map(cmocs.map((c) => [c.id, c]));
  const nodeById = new Map(nodeList.map((n) => [n.id, n]));
  const links: TheoryGraphLink[] = [];
  const seen = new Set<string>();
  const pushLink = (l: TheoryGraphLink) => {
    const k = `${l.kind}|${l.sourceNodeId}|${l.targetNodeId}|${l.fromCmocId}|${l.toCmocId}`;
    if (seen.has(k)) return;
    seen.add(k);
    links.push(l);
  };
  const nodesOf = (cmocId: string, roles: readonly TheoryRole[]) => (cmocById.get(cmocId)?.nodeIds ?? []).map((id) => nodeById.get(id)!).filter((n) => roles.includes(n.role));
  for (const l of version.links ?? []) {
    const from = cmocById.get(l.fromCmocId);
    const to = cmocById.get(l.toCmocId);
    if (!from || !to) continue;
    const [sRoles, tRoles]: [TheoryRole[], TheoryRole[]] =
      l.kind === 'chain' ? [['outcome'], ['context']] : [['mechanism-response', 'mechanism-resource'], ['mechanism-response', 'mechanism-resource']];
    const s = nodesOf(from.id, sRoles)[0];
    const t = nodesOf(to.id, tRoles)[0];
    if (s && t && s.id !== t.id) pushLink({ kind: l.kind, fromCmocId: from.id, toCmocId: to.id, sourceNodeId: s.id, targetNodeId: t.id, implied: false, note: l.note });
  }
  // Implied chains: the same code (or text) as one CMOC's outcome and another's context.
  const sameThing = (a: TheoryNode, b: TheoryNode) => (a.codeId !== null ? a.codeId === b.codeId : b.codeId === null && normaliseText(a.label) === normaliseText(b.label));
  for (const o of nodeList.filter((n) => n.role === 'outcome')) {
    for (const c of nodeList.filter((n) => n.role === 'context' && sameThing(o, n))) {
      for (const fromId of o.cmocIds) {
        for (const toId of c.cmocIds) {
          if (fromId !== toId) pushLink({ kind: 'chain', fromCmocId: fromId, toCmocId: toId, sourceNodeId: o.id, targetNodeId: c.id, implied: true, note: '' });
        }
      }
    }
  }
  return { versionId: version.id, versionLabel: version.label, nodes: nodeList, edges: [...edges.values()], cmocs, links, groups: [...(version.groups ?? [])] };
}
