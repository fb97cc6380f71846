import { describe, expect, it } from 'vitest';
import { decisionFromNotes, parseDecision } from '../../../shared/import/screening-labels';

describe('parseDecision', () => {
  it('maps the label spellings of screening tools to the three decisions', () => {
    const cases: [string, string | null][] = [
      ['1', 'included'], ['Yes', 'included'], ['TRUE', 'included'], ['include', 'included'], ['Included', 'included'],
      ['0', 'excluded'], ['no', 'excluded'], ['false', 'excluded'], ['Exclude', 'excluded'], ['excluded', 'excluded'],
      ['maybe', 'maybe'], ['Unsure', 'maybe'], ['conflict', 'maybe'],
      ['', null], ['  ', null], ['-1', null], ['B4', null],
    ];
    for (const [value, expected] of cases) expect([value, parseDecision(value)]).toEqual([value, expected]);
  });
});

describe('decisionFromNotes', () => {
  it('reads Rayyan verdicts: agreement, exclusion reason, conflict', () => {
    expect(decisionFromNotes('RAYYAN-INCLUSION: {"Ann"=>"Included", "Bob"=>"Included"}')).toEqual({ decision: 'included', reason: null });
    expect(decisionFromNotes('RAYYAN-INCLUSION: {"Ann"=>"Excluded"} | RAYYAN-EXCLUSION-REASONS: wrong population')).toEqual({ decision: 'excluded', reason: 'wrong population' });
    expect(decisionFromNotes('RAYYAN-INCLUSION: {"Ann"=>"Included", "Bob"=>"Maybe"}')).toEqual({ decision: 'maybe', reason: null });
  });

  it('reads Covidence and ASReview notes, and ignores notes without a decision', () => {
    expect(decisionFromNotes('Covidence decision: Excluded | Exclusion reason: wrong setting')).toEqual({ decision: 'excluded', reason: 'wrong setting' });
    expect(decisionFromNotes('ASReview_relevant')).toEqual({ decision: 'included', reason: null });
    expect(decisionFromNotes('ASReview_irrelevant')).toEqual({ decision: 'excluded', reason: null });
    expect(decisionFromNotes('some notes')).toBeNull();
    expect(decisionFromNotes(null)).toBeNull();
  });
});
