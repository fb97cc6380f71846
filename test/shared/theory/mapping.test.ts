/**
 * The refinement mapping: proposals by lineage and by shared codes, one of each of the six
 * kinds, many-to-many tangles cut into stars, and the checks a saved mapping must pass.
 */
import { describe, expect, it } from 'vitest';
import { ancestry, checkMapping, contentSimilarity, countKinds, kindForShape, proposeMapping, sameContent, unmapped } from '../../../shared/theory/mapping';
import type { TheoryPart, TheoryRole } from '../../../shared/theory/types';

function parts(spec: Partial<Record<TheoryRole, string[]>>): TheoryPart[] {
  return Object.entries(spec).flatMap(([role, codes]) => codes!.map((c) => ({ role: role as TheoryRole, text: c, codeId: c.startsWith('code-') ? c : null })));
}

function cmoc(id: string, spec: Partial<Record<TheoryRole, string[]>>, extra: { statement?: string; sourceCmocId?: string | null; derivedFrom?: string[] } = {}) {
  return { id, parts: parts(spec), statement: extra.statement ?? `statement ${id}`, sourceCmocId: extra.sourceCmocId ?? null, derivedFrom: extra.derivedFrom ?? [] };
}

describe('proposeMapping', () => {
  // The demo's story in codes: H1 unchanged, H2 gains a context, H3 splits, H4+H5 merge, H6 goes, R6 is new.
  const from = [
    cmoc('h1', { context: ['code-mcc', 'code-poor'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-secure'], outcome: ['code-ed'] }, { statement: 'Same words.' }),
    cmoc('h2', { context: ['code-mcc'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-trust'], outcome: ['code-distress'] }),
    cmoc('h3', { context: ['code-mcc'], 'mechanism-resource': ['code-plan', 'code-coord'], 'mechanism-response': ['code-confident', 'code-supported'], outcome: ['code-self'] }),
    cmoc('h4', { context: ['code-sent'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-supported'], outcome: ['code-self'] }),
    cmoc('h5', { context: ['code-sent'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-supported'], outcome: ['code-distress'] }),
    cmoc('h6', { context: ['Automated reminders'], 'mechanism-response': ['Prompted to attend'], outcome: ['Fewer missed appointments'] }),
  ];
  const to = [
    cmoc('r1', { context: ['code-mcc', 'code-poor'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-secure'], outcome: ['code-ed'] }, { statement: 'Same   words.' }),
    cmoc('r2', { context: ['code-mcc', 'code-sent'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-trust'], outcome: ['code-distress'] }),
    cmoc('r3', { context: ['code-mcc'], 'mechanism-resource': ['code-plan'], 'mechanism-response': ['code-confident'], outcome: ['code-self'] }),
    cmoc('r7', { context: ['code-mcc'], 'mechanism-resource': ['code-coord'], 'mechanism-response': ['code-supported'], outcome: ['code-self'] }),
    cmoc('r4', { context: ['code-sent'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-supported'], outcome: ['code-self', 'code-distress'] }),
    cmoc('r6', { context: ['code-social', 'code-caseload'], 'mechanism-resource': ['code-nurse'], 'mechanism-response': ['code-secure'], outcome: ['code-distress'] }),
  ];

  it('finds one change of each kind from shared codes alone', () => {
    const m = proposeMapping('a', 'b', from, to);
    expect(m.changes.map((c) => [c.kind, c.fromCmocIds, c.toCmocIds])).toEqual([
      ['kept', ['h1'], ['r1']],
      ['modified', ['h2'], ['r2']],
      ['split', ['h3'], ['r3', 'r7']],
      ['merged', ['h4', 'h5'], ['r4']],
      ['dropped', ['h6'], []],
      ['added', [], ['r6']],
    ]);
    expect(m.changes.every((c) => c.status === 'proposed' && c.id === null)).toBe(true);
    expect(m.changes[1]!.rationale).toBe('Proposed: adds code-sent.');
    expect(countKinds(m.changes)).toEqual({ kept: 1, modified: 1, split: 1, merged: 1, dropped: 1, added: 1 });
  });

  it('follows lineage across versions before content, however different the words', () => {
    const a = [cmoc('x', { context: ['Rural patients'] }, { statement: 'If rural, then fewer visits.' })];
    const b = [cmoc('y', { context: ['Town patients'] }, { statement: 'Entirely rewritten.' })];
    expect(proposeMapping('a', 'b', a, b).changes.map((c) => c.kind)).toEqual(['dropped', 'added']);
    const mid = { id: 'm', derivedFrom: ['x'] };
    const lineage = ancestry([{ id: 'x', derivedFrom: [] }, mid, { id: 'y', derivedFrom: ['m'] }]);
    expect([...lineage.get('y')!]).toEqual(['m', 'x']);
    expect(proposeMapping('a', 'b', a, b, lineage).changes.map((c) => [c.kind, c.fromCmocIds, c.toCmocIds])).toEqual([['modified', ['x'], ['y']]]);
  });

  it('treats two snapshots of the same coded CMOC as the same configuration', () => {
    const a = [cmoc('x', { outcome: ['code-ed'] }, { sourceCmocId: 'coded-1' })];
    const b = [cmoc('y', { outcome: ['code-self'] }, { sourceCmocId: 'coded-1' })];
    expect(proposeMapping('a', 'b', a, b).changes.map((c) => c.kind)).toEqual(['modified']);
  });

  it('cuts a many-to-many tangle into stars, keeping the strongest pairs', () => {
    // a1 is like b1 and b2; a2 is like b2 only: a1 splits into b1 and b2 would leave a2 out,
    // so b2 goes to whichever pair scores highest and nothing is named twice.
    const a = [cmoc('a1', { context: ['code-1', 'code-2', 'code-3'] }), cmoc('a2', { context: ['code-3', 'code-4'] })];
    const b = [cmoc('b1', { context: ['code-1', 'code-2'] }), cmoc('b2', { context: ['code-2', 'code-3', 'code-4'] })];
    const m = proposeMapping('a', 'b', a, b);
    const named = m.changes.flatMap((c) => [...c.fromCmocIds, ...c.toCmocIds]);
    expect(new Set(named).size).toBe(named.length);
    expect(checkMapping(['a1', 'a2'], ['b1', 'b2'], m.changes)).toEqual([]);
    expect(unmapped(['a1', 'a2'], ['b1', 'b2'], m.changes)).toEqual({ unmappedFrom: [], unmappedTo: [] });
  });

  it('is the same every time (ties broken by position)', () => {
    const m1 = proposeMapping('a', 'b', from, to);
    const m2 = proposeMapping('a', 'b', from, to);
    expect(m2).toEqual(m1);
  });
});

describe('similarity and shape', () => {
  it('scores Jaccard of parts, or 0.8 of the statement words for hypotheses without parts', () => {
    const a = cmoc('a', { context: ['code-1', 'code-2'], outcome: ['code-3'] }, { statement: 'Rural clinics' });
    const b = cmoc('b', { context: ['code-1'], outcome: ['code-3', 'code-4'] }, { statement: 'Urban wards' });
    expect(contentSimilarity(a, b)).toBeCloseTo(2 / 4, 10);
    const p = { parts: [], statement: 'Reachable nurses reduce emergency visits' };
    const q = { parts: [], statement: 'reachable nurses reduce hospital admissions' };
    expect(contentSimilarity(p, q)).toBeCloseTo(0.8 * (3 / 7), 10);
    expect(sameContent({ parts: [], statement: 'A  b.' }, { parts: [], statement: 'a b' })).toBe(true);
  });

  it('names the kind each shape must have', () => {
    expect([kindForShape(1, 1, true), kindForShape(1, 1, false), kindForShape(1, 3, false), kindForShape(2, 1, false), kindForShape(1, 0, false), kindForShape(0, 1, false), kindForShape(2, 2, false)]).toEqual([
      'kept',
      'modified',
      'split',
      'merged',
      'dropped',
      'added',
      null,
    ]);
  });
});

describe('checkMapping', () => {
  it('refuses a change whose shape does not fit its kind, unknown ids, and ids named twice', () => {
    const problems = checkMapping(
      ['a', 'b'],
      ['x', 'y'],
      [
        { kind: 'split', fromCmocIds: ['a'], toCmocIds: ['x'] },
        { kind: 'kept', fromCmocIds: ['a'], toCmocIds: ['zz'] },
        { kind: 'added', fromCmocIds: [], toCmocIds: ['y'] },
      ],
    );
    expect(problems).toEqual([
      'Change 1 (split): takes 1 earlier and 1 later configuration(s), which is not a split change (one earlier, two or more later).',
      'Change 2 (kept): a already appears in another change.',
      'Change 2 (kept): zz is not a configuration of the later version.',
    ]);
  });

  it('accepts a complete mapping of all six kinds', () => {
    expect(
      checkMapping(
        ['a', 'b', 'c', 'd', 'e', 'f'],
        ['p', 'q', 'r', 's', 't', 'u'],
        [
          { kind: 'kept', fromCmocIds: ['a'], toCmocIds: ['p'] },
          { kind: 'modified', fromCmocIds: ['b'], toCmocIds: ['q'] },
          { kind: 'split', fromCmocIds: ['c'], toCmocIds: ['r', 's'] },
          { kind: 'merged', fromCmocIds: ['d', 'e'], toCmocIds: ['t'] },
          { kind: 'dropped', fromCmocIds: ['f'], toCmocIds: [] },
          { kind: 'added', fromCmocIds: [], toCmocIds: ['u'] },
        ],
      ),
    ).toEqual([]);
  });
});
