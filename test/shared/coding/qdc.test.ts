import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCodeTree, type CodeTreeNode } from '../../../shared/coding/codebook';
import { fromQdc, KIND_MARKER, QDC_NAMESPACE, toQdc } from '../../../shared/coding/qdc';
import { fromCodebookCsv, toCodebookCsv } from '../../../shared/coding/codebook-csv';
import type { CodeKind, CodeNode } from '../../../shared/coding/types';
import { fixture, HAVE_FIXTURES } from '../../helpers/fixtures';

const KINDS: CodeKind[] = [
  { id: 'context', label: 'Context', color: '#2f9e44', sort: 1 },
  { id: 'mechanism-resource', label: 'Mechanism: resource', color: '#1c7ed6', sort: 2 },
  { id: 'mechanism-response', label: 'Mechanism: response', color: '#7048e8', sort: 3 },
  { id: 'outcome', label: 'Outcome', color: '#e8590c', sort: 4 },
  { id: 'other', label: 'Other', color: '#868e96', sort: 7 },
];

let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

const CODES: CodeNode[] = [
  { id: 'a1111111-1111-4111-8111-111111111111', parentId: null, kind: 'context', name: 'Multiple chronic conditions', description: 'Two or more conditions', color: '#2b8a3e', sort: 0 },
  { id: 'a2222222-2222-4222-8222-222222222222', parentId: null, kind: 'mechanism-resource', name: 'Accessible nurse case manager', description: '', color: null, sort: 0 },
  {
    id: 'a3333333-3333-4333-8333-333333333333',
    parentId: 'a2222222-2222-4222-8222-222222222222',
    kind: 'mechanism-resource',
    name: 'Direct phone line <24 h> & "call back"',
    description: 'Escaping: < > & " \' must survive',
    color: '#1864ab',
    sort: 0,
  },
  { id: 'a4444444-4444-4444-8444-444444444444', parentId: null, kind: 'mechanism-response', name: 'Trust in the case manager', description: '', color: null, sort: 0 },
  { id: 'a5555555-5555-4555-8555-555555555555', parentId: null, kind: 'outcome', name: 'Fewer emergency visits', description: 'ED visits', color: '#d9480f', sort: 0 },
];

/** The tree as comparable data: name, kind, colour, description and children, in order. */
function shape(codes: readonly CodeNode[]): unknown {
  const walk = (n: CodeTreeNode): unknown => ({ name: n.code.name, kind: n.code.kind, color: n.code.color, description: n.code.description, children: n.children.map(walk) });
  return buildCodeTree(codes).map(walk);
}

describe('REFI-QDA codebook (.qdc)', () => {
  it('writes a CodeBook in the REFI-QDA namespace with one non-codable group per kind', () => {
    const xml = toQdc({ codes: CODES, kinds: KINDS, origin: 'Realist Workbench test', kindGuid: newId });
    expect(xml).toContain(`<CodeBook xmlns="${QDC_NAMESPACE}" origin="Realist Workbench test">`);
    expect(xml).toContain('name="Mechanism: resource" isCodable="false" color="#1c7ed6"');
    expect(xml).toContain(`<Description>${KIND_MARKER}outcome</Description>`);
    expect(xml).toContain('name="Direct phone line &lt;24 h&gt; &amp; &quot;call back&quot;"');
    // Sets is optional and, when present, must hold a Set (REFI-QDA Codebook.xsd): none is written.
    expect(xml).not.toContain('<Sets');
  });

  it('round-trips: export then import gives the same tree, names, colours, descriptions and kinds', () => {
    const xml = toQdc({ codes: CODES, kinds: KINDS, origin: 'test', kindGuid: newId });
    const back = fromQdc(xml, { knownKinds: KINDS, defaultKind: 'other', newId });
    expect(back.warnings).toEqual([]);
    expect(shape(back.codes)).toEqual(shape(CODES));
    expect(back.codes.map((c) => c.id).sort()).toEqual(CODES.map((c) => c.id).sort());
    expect(back.kinds.map((k) => [k.id, k.label, k.color])).toEqual(KINDS.map((k) => [k.id, k.label, k.color]));
  });

  it.skipIf(!HAVE_FIXTURES)('reads the codes of the hand-authored REFI-QDA project (project.qde)', () => {
    const xml = fs.readFileSync(fixture('qda/qdpx-toolkit_hand_authored/project.qde'), 'utf8');
    const read = fromQdc(xml, { knownKinds: KINDS, defaultKind: 'other', newId });
    expect(read.codes.map((c) => c.name)).toEqual(['Topics', 'Health', 'Diet', 'Wellbeing']);
    const byName = new Map(read.codes.map((c) => [c.name, c]));
    expect(byName.get('Health')).toMatchObject({ parentId: '20000000-0000-0000-0000-000000000001', color: '#33cc33', description: 'Anything about physical or mental health', kind: 'other' });
    expect(byName.get('Diet')).toMatchObject({ parentId: '20000000-0000-0000-0000-000000000002', color: '#dc0000', description: 'Food and eating habits' });
    expect(byName.get('Wellbeing')!.color).toBe('#0000ff');
    expect(read.kinds).toEqual([]);
  });

  it('refuses text that is not a codebook, and skips nameless codes with a warning', () => {
    expect(() => fromQdc('<Other/>', { knownKinds: KINDS, defaultKind: 'other', newId })).toThrow(/no REFI-QDA CodeBook/);
    const read = fromQdc(`<CodeBook xmlns="${QDC_NAMESPACE}"><Codes><Code guid="x" name=""/><Code guid="bad" name="Kept" isCodable="true"/></Codes></CodeBook>`, {
      knownKinds: KINDS,
      defaultKind: 'other',
      newId,
    });
    expect(read.codes.map((c) => c.name)).toEqual(['Kept']);
    expect(read.warnings).toHaveLength(2);
  });
});

describe('codebook CSV', () => {
  it('round-trips the tree through CSV', () => {
    const csv = toCodebookCsv(CODES);
    expect(csv.split('\r\n')[0]).toBe('id,parent_id,path,kind,name,description,color');
    expect(csv).toContain('Accessible nurse case manager / Direct phone line <24 h> & ""call back""');
    const back = fromCodebookCsv(csv, { defaultKind: 'other', knownKinds: KINDS.map((k) => k.id), newId });
    expect(back.problems).toEqual([]);
    expect(shape(back.codes)).toEqual(shape(CODES));
  });

  it('builds the hierarchy from paths alone and reports bad rows by line', () => {
    const csv = ['name,kind,path', 'Trust,mechanism-response,Trust', 'Early calls,mechanism-response,Trust / Early calls', ',outcome,', 'Odd,no-such-kind,Odd'].join('\n');
    const back = fromCodebookCsv(csv, { defaultKind: 'other', knownKinds: KINDS.map((k) => k.id), newId });
    expect(back.problems).toEqual(['line 4: no name; row skipped', 'line 5: unknown kind "no-such-kind"; "other" used']);
    const trust = back.codes.find((c) => c.name === 'Trust')!;
    expect(back.codes.find((c) => c.name === 'Early calls')!.parentId).toBe(trust.id);
    expect(back.codes.find((c) => c.name === 'Odd')!.kind).toBe('other');
  });
});
