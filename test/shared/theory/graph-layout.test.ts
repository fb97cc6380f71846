/**
 * The graph built from a version (plain {nodes, edges}), its layered layout, and the exported
 * SVG parsed back: every node present once, no two node boxes overlapping, every label present
 * as text; plus the JSON, GraphML and Mermaid exports and the refinement scene.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toGraphMl, toMermaid, toRefinementJson, toTheoryJson } from '../../../shared/theory/formats';
import { buildTheoryGraph, type GraphInputCmoc } from '../../../shared/theory/graph';
import { layoutTheoryGraph } from '../../../shared/theory/layout';
import { refinementScene } from '../../../shared/theory/refinement-scene';
import { sceneToSvg } from '../../../shared/theory/scene';
import { parseStatementCsv } from '../../../shared/theory/statements';
import { wrapText } from '../../../shared/theory/text-metrics';
import { theoryScene } from '../../../shared/theory/theory-scene';
import type { TheoryPart, TheoryRole } from '../../../shared/theory/types';
import { largeTheoryCsv } from '../../helpers/theory';

const none = { supporting: 0, refuting: 0, refining: 0, documents: 0, rigour: null };

function c(id: string, spec: Partial<Record<TheoryRole, string[]>>, evidence: Partial<GraphInputCmoc['evidence']> = {}): GraphInputCmoc {
  const parts: TheoryPart[] = Object.entries(spec).flatMap(([role, names]) => names!.map((n) => ({ role: role as TheoryRole, text: n, codeId: `code:${n}` })));
  return { id, label: id.toUpperCase(), statement: `Statement of ${id}`, parts, origin: 'coded', evidence: { ...none, ...evidence } };
}

const demoLike = [
  c('a', { context: ['Chronic conditions', 'No physician'], 'mechanism-resource': ['Reachable nurse'], 'mechanism-response': ['Feeling secure'], outcome: ['Fewer ED visits'] }, { supporting: 4, refuting: 1, documents: 3, documentIds: ['d1', 'd2', 'd3'], rigour: 0.5 }),
  c('b', { context: ['Chronic conditions'], 'mechanism-resource': ['Reachable nurse'], 'mechanism-response': ['Trust'], outcome: ['Less distress'] }, { supporting: 3, documents: 2, documentIds: ['d1', 'd4'], rigour: 1 }),
  c('c', { context: ['Less distress'], 'mechanism-response': ['Confidence'], outcome: ['Self-management'] }),
];

describe('buildTheoryGraph', () => {
  it('makes one node per code and layer, and each CMOC a path joining consecutive filled layers', () => {
    const g = buildTheoryGraph({ id: 'v', label: 'refined', cmocs: demoLike });
    expect(g.nodes.map((n) => [n.id, n.role, n.label])).toEqual([
      ['C1', 'context', 'Chronic conditions'],
      ['C2', 'context', 'No physician'],
      ['MR1', 'mechanism-resource', 'Reachable nurse'],
      ['MP1', 'mechanism-response', 'Feeling secure'],
      ['O1', 'outcome', 'Fewer ED visits'],
      ['MP2', 'mechanism-response', 'Trust'],
      ['O2', 'outcome', 'Less distress'],
      ['C3', 'context', 'Less distress'],
      ['MP3', 'mechanism-response', 'Confidence'],
      ['O3', 'outcome', 'Self-management'],
    ]);
    expect(g.edges.map((e) => e.id)).toEqual(['C1-MR1', 'C2-MR1', 'MR1-MP1', 'MP1-O1', 'MR1-MP2', 'MP2-O2', 'C3-MP3', 'MP3-O3']);
    // Shared edges carry both CMOCs and add their supporting excerpts.
    expect(g.edges.find((e) => e.id === 'C1-MR1')).toMatchObject({ cmocIds: ['a', 'b'], supporting: 7, refuting: 1 });
    // A CMOC with no resource goes straight from context to response.
    expect(g.cmocs[2]).toMatchObject({ nodeIds: ['C3', 'MP3', 'O3'], edgeIds: ['C3-MP3', 'MP3-O3'] });
    // Documents are counted once per node; rigour is the mean over its CMOCs.
    expect(g.nodes.find((n) => n.id === 'C1')!.evidence).toEqual({ supporting: 7, refuting: 1, refining: 0, documents: 4, rigour: 0.75 });
  });

  it('reads a chain where one CMOC’s outcome is another’s context, and keeps stated links', () => {
    const g = buildTheoryGraph({ id: 'v', label: 'v', cmocs: demoLike, links: [{ kind: 'chain', fromCmocId: 'a', toCmocId: 'c', note: 'stated' }] });
    expect(g.links.map((l) => [l.kind, l.sourceNodeId, l.targetNodeId, l.implied])).toEqual([
      ['chain', 'O1', 'C3', false],
      ['chain', 'O2', 'C3', true],
    ]);
    expect(toTheoryJson(g).edges.slice(-2)).toEqual([
      { source: 'O1', target: 'C3' },
      { source: 'O2', target: 'C3' },
    ]);
  });
});

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Node boxes of an exported SVG: each g.node's translate plus the graph group's, and its first rect. */
function nodeBoxes(svg: string): { boxes: Box[]; texts: string[] } {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false });
  const tree = parser.parse(svg) as Array<Record<string, unknown>>;
  const boxes: Box[] = [];
  const texts: string[] = [];
  const translate = (t: unknown): [number, number] => {
    const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(String(t ?? ''));
    return m ? [Number(m[1]), Number(m[2])] : [0, 0];
  };
  const walk = (nodes: Array<Record<string, unknown>>, ox: number, oy: number) => {
    for (const n of nodes) {
      const tag = Object.keys(n).find((k) => k !== ':@')!;
      const attrs = (n[':@'] ?? {}) as Record<string, string>;
      const kids = n[tag] as Array<Record<string, unknown>>;
      if (tag === 'g') {
        const [dx, dy] = translate(attrs.transform);
        if (attrs.class === 'node') {
          const rect = kids.find((k) => 'rect' in k)!;
          const r = rect[':@'] as Record<string, string>;
          boxes.push({ id: attrs['data-node']!, x: ox + dx, y: oy + dy, w: Number(r.width), h: Number(r.height) });
        }
        walk(kids, ox + dx, oy + dy);
      } else if (tag === 'tspan') {
        texts.push(kids.map((k) => String(k['#text'] ?? '')).join(''));
      } else if (Array.isArray(kids)) walk(kids, ox, oy);
    }
  };
  walk(tree, 0, 0);
  return { boxes, texts };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('the exported SVG, parsed back', () => {
  for (const [name, cmocs] of [
    ['the small theory', demoLike],
    [
      '300 imported CMOCs',
      parseStatementCsv(largeTheoryCsv(300)).cmocs.map((d, i): GraphInputCmoc => ({ id: `h${i}`, label: d.label, statement: d.statement, parts: d.parts, origin: 'imported', evidence: { ...none, supporting: i % 4 } })),
    ],
  ] as const) {
    it(`has every node once, no two boxes overlapping, and every label as text (${name})`, () => {
      const g = buildTheoryGraph({ id: 'v', label: 'refined', cmocs });
      const layout = layoutTheoryGraph(g);
      const svg = sceneToSvg(theoryScene(layout, { title: 'Case management', versionLabel: 'refined', stage: 'refined' }));
      expect(svg).not.toMatch(/href=|<image|@import|url\(/);
      expect(svg).toContain('font-family="&apos;DejaVu Sans&apos;, Verdana, &apos;Bitstream Vera Sans&apos;, Arial, Helvetica, sans-serif"');
      const { boxes, texts } = nodeBoxes(svg);
      expect(boxes.map((b) => b.id).sort()).toEqual(g.nodes.map((n) => n.id).sort());
      const byColumn = new Map<number, Box[]>();
      for (const b of boxes) byColumn.set(b.x, [...(byColumn.get(b.x) ?? []), b]);
      expect(byColumn.size).toBe(new Set(g.nodes.map((n) => n.role)).size);
      for (let i = 0; i < boxes.length; i += 1) for (let j = i + 1; j < boxes.length; j += 1) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} and ${boxes[j]!.id} overlap`).toBe(false);
      const allText = texts.join('\n');
      for (const n of g.nodes) for (const line of wrapText(n.label, 182, 12, { maxLines: 4 })) expect(allText).toContain(line);
      expect(texts).toContain('Case management');
      expect(texts.some((t) => t.startsWith('Version: refined'))).toBe(true);
      expect(texts).toContain('Legend');
    });
  }

  it('puts contexts left of resources, responses and outcomes', () => {
    const layout = layoutTheoryGraph(buildTheoryGraph({ id: 'v', label: 'v', cmocs: demoLike }));
    const xOf = (role: TheoryRole) => layout.nodes.find((n) => n.role === role)!.x;
    expect(xOf('context')).toBeLessThan(xOf('mechanism-resource'));
    expect(xOf('mechanism-resource')).toBeLessThan(xOf('mechanism-response'));
    expect(xOf('mechanism-response')).toBeLessThan(xOf('outcome'));
  });
});

describe('text exports', () => {
  const g = buildTheoryGraph({ id: 'v', label: 'refined', cmocs: demoLike });
  it('writes the JSON shape the command line promises', () => {
    const json = toTheoryJson(g);
    expect(Object.keys(json)).toEqual(['version', 'nodes', 'edges', 'cmocs']);
    expect(json.nodes[0]).toEqual({ id: 'C1', kind: 'context', label: 'Chronic conditions' });
    expect(json.cmocs[0]).toEqual({ id: 'a', statement: 'Statement of a', nodeIds: ['C1', 'C2', 'MR1', 'MP1', 'O1'] });
    const r = toRefinementJson('initial', 'refined', [{ id: 'x', kind: 'split', fromCmocIds: ['a'], toCmocIds: ['b', 'c'], rationale: 'Two mechanisms.', evidence: [], status: 'confirmed' }]);
    expect(r).toEqual({ from: 'initial', to: 'refined', changes: [{ kind: 'split', fromCmocIds: ['a'], toCmocIds: ['b', 'c'], rationale: 'Two mechanisms.' }] });
  });

  it('writes GraphML that an XML parser reads, with every node and edge', () => {
    const xml = toGraphMl(g);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { graphml: { graph: { node: unknown[]; edge: unknown[] } } };
    expect(doc.graphml.graph.node).toHaveLength(g.nodes.length);
    expect(doc.graphml.graph.edge).toHaveLength(g.edges.length + g.links.length);
  });

  it('writes a Mermaid flowchart with one subgraph per layer', () => {
    const m = toMermaid(g, 'Case "management"');
    expect(m.split('\n').slice(0, 5)).toEqual(['---', 'title: Case #quot;management#quot;', '---', 'flowchart LR', '  subgraph context["Context"]']);
    expect(m).toContain('  C1 -->|2 CMOCs| MR1');
    expect(m).toContain('  MP3 --> O3');
  });
});

describe('refinementScene', () => {
  it('draws each CMOC once on its side, one line group per change, and the legend', () => {
    const cm = (id: string) => ({ id, label: id, statement: `Statement ${id}`, origin: 'hypothesised' as const, evidence: none });
    const scene = refinementScene({
      title: 'Demo',
      from: { label: 'initial', stage: 'initial', cmocs: ['a', 'b', 'c', 'd'].map(cm) },
      to: { label: 'refined', stage: 'refined', cmocs: ['p', 'q', 'r'].map(cm) },
      changes: [
        { id: null, kind: 'split', fromCmocIds: ['a'], toCmocIds: ['p', 'q'], rationale: 'Two.', evidence: [], status: 'confirmed' },
        { id: null, kind: 'merged', fromCmocIds: ['b', 'c'], toCmocIds: ['r'], rationale: 'One.', evidence: [{ kind: 'document', id: 'd1' }], status: 'confirmed' },
        { id: null, kind: 'dropped', fromCmocIds: ['d'], toCmocIds: [], rationale: '', evidence: [], status: 'proposed' },
      ],
    });
    const svg = sceneToSvg(scene);
    expect(svg.match(/class="card"/g)).toHaveLength(7);
    expect(svg.match(/class="change-line"/g)).toHaveLength(3);
    expect(svg).toContain('Evidence: 1 document');
    expect(svg).toContain('× Dropped (proposed)');
    expect(svg).toContain('(no rationale yet)');
    for (const k of ['Kept (0)', 'Modified (0)', 'Split (1)', 'Merged (1)', 'Dropped (1)', 'Added (0)']) expect(svg).toContain(k);
  });
});
