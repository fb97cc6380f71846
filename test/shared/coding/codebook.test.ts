import { describe, expect, it } from 'vitest';
import { applyPlan, buildCodeTree, CodebookError, planMerge, planMove, planRename, planSplit, wouldCreateCycle } from '../../../shared/coding/codebook';
import type { CodebookState, CodeNode } from '../../../shared/coding/types';

const code = (id: string, name: string, parentId: string | null = null, kind = 'context'): CodeNode => ({ id, parentId, kind, name, description: '', color: null, sort: 0 });

/**
 * Trust (t) has a child Early contact (t1) which has a grandchild Phone (t2); Reliance (r) is
 * a near-synonym of Trust; Secure (s) stands alone. Two coders, three excerpts.
 */
function sample(): CodebookState {
  return {
    codes: [code('t', 'Trust', null, 'mechanism-response'), code('t1', 'Early contact', 't'), code('t2', 'Phone', 't1'), code('r', 'Reliance', null, 'mechanism-response'), code('s', 'Secure')],
    codings: [
      { id: 'g1', excerptId: 'e1', codeId: 't', coderId: 'A' },
      { id: 'g2', excerptId: 'e1', codeId: 'r', coderId: 'A' }, // duplicate after the merge: collapses
      { id: 'g3', excerptId: 'e1', codeId: 'r', coderId: 'B' },
      { id: 'g4', excerptId: 'e2', codeId: 'r', coderId: 'A' },
      { id: 'g5', excerptId: 'e3', codeId: 't', coderId: null },
      { id: 'g6', excerptId: 'e3', codeId: 's', coderId: 'A' },
    ],
    cmocCodes: [
      { cmocId: 'm1', codeId: 'r', role: 'mechanism-response', sort: 1 },
      { cmocId: 'm1', codeId: 't', role: 'mechanism-response', sort: 2 },
      { cmocId: 'm2', codeId: 'r', role: 'mechanism-response', sort: 0 },
    ],
  };
}

const pairs = (s: CodebookState, codeId: string) =>
  s.codings
    .filter((c) => c.codeId === codeId)
    .map((c) => `${c.excerptId}/${c.coderId ?? '-'}`)
    .sort();

describe('merging codes', () => {
  it('keeps every coding: each (excerpt, coder) that had either code has the target exactly once', () => {
    const before = sample();
    const after = applyPlan(before, planMerge(before, 'r', 't'));
    expect(pairs(after, 't')).toEqual(['e1/A', 'e1/B', 'e2/A', 'e3/-']);
    expect(after.codings.filter((c) => c.codeId === 'r')).toEqual([]);
    // The unrelated coding is untouched.
    expect(after.codings.find((c) => c.id === 'g6')).toEqual({ id: 'g6', excerptId: 'e3', codeId: 's', coderId: 'A' });
    expect(after.codes.map((c) => c.id).sort()).toEqual(['s', 't', 't1', 't2']);
  });

  it('moves CMOC references to the target and collapses a CMOC that named both', () => {
    const before = sample();
    const after = applyPlan(before, planMerge(before, 'r', 't'));
    expect(after.cmocCodes.filter((r) => r.cmocId === 'm1')).toEqual([{ cmocId: 'm1', codeId: 't', role: 'mechanism-response', sort: 2 }]);
    expect(after.cmocCodes.filter((r) => r.cmocId === 'm2')).toEqual([{ cmocId: 'm2', codeId: 't', role: 'mechanism-response', sort: 0 }]);
  });

  it('moves sub-codes under the target, and refuses a merge into one’s own sub-code', () => {
    const before = sample();
    const after = applyPlan(before, planMerge(before, 't', 's'));
    expect(after.codes.find((c) => c.id === 't1')!.parentId).toBe('s');
    expect(() => planMerge(before, 't', 't2')).toThrow(CodebookError);
    expect(() => planMerge(before, 't', 't')).toThrow(/itself/);
  });
});

describe('renaming and moving', () => {
  it('renames by id, so every coding and CMOC reference shows the new name', () => {
    const before = sample();
    const after = applyPlan(before, planRename(before, 'r', '  Relying   on the nurse '));
    const names = new Map(after.codes.map((c) => [c.id, c.name]));
    expect(names.get('r')).toBe('Relying on the nurse');
    expect(after.codings.filter((c) => c.codeId === 'r').map((c) => names.get(c.codeId))).toEqual(['Relying on the nurse', 'Relying on the nurse', 'Relying on the nurse']);
    expect(after.cmocCodes.filter((r) => r.codeId === 'r').map((r) => names.get(r.codeId))).toEqual(['Relying on the nurse', 'Relying on the nurse']);
  });

  it('refuses a sibling with the same name, whatever its case', () => {
    expect(() => planRename(sample(), 'r', 'trust')).toThrow(/already a code "Trust"/);
  });

  it('refuses to move a code under itself or under its own descendants', () => {
    const s = sample();
    expect(wouldCreateCycle(s.codes, 't', 't2')).toBe(true);
    expect(wouldCreateCycle(s.codes, 't', 's')).toBe(false);
    expect(() => planMove(s, 't', 't2')).toThrow(/inside itself/);
    expect(() => planMove(s, 't', 't')).toThrow(CodebookError);
    const moved = applyPlan(s, planMove(s, 't2', null));
    expect(buildCodeTree(moved.codes).map((n) => n.code.name)).toEqual(['Phone', 'Reliance', 'Secure', 'Trust']);
  });
});

describe('splitting a code', () => {
  it('moves the chosen codings to a new sibling of the same kind and leaves the rest', () => {
    const s = sample();
    const after = applyPlan(s, planSplit(s, { codeId: 'r', name: 'Reliance on the phone line', codingIds: ['g4'], newId: 'n' }));
    const n = after.codes.find((c) => c.id === 'n')!;
    expect(n).toMatchObject({ name: 'Reliance on the phone line', kind: 'mechanism-response', parentId: null });
    expect(pairs(after, 'n')).toEqual(['e2/A']);
    expect(pairs(after, 'r')).toEqual(['e1/A', 'e1/B']);
    expect(() => planSplit(s, { codeId: 'r', name: 'X', codingIds: ['g6'], newId: 'x' })).toThrow(/not a coding of "Reliance"/);
  });
});

describe('names across kinds', () => {
  it('lets top-level codes of different kinds share a name, but not two of one kind', () => {
    const s = sample();
    // "Secure" is a context code at the top; an outcome called "secure" is a different code.
    const asOutcome = { ...s, codes: [...s.codes, code('o', 'Feeling secure', null, 'outcome')] };
    expect(applyPlan(asOutcome, planRename(asOutcome, 'o', 'secure')).codes.find((c) => c.id === 'o')!.name).toBe('secure');
    expect(() => planRename(s, 'r', 'Trust')).toThrow(/already a code "Trust"/);
  });
});
