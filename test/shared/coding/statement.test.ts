import { describe, expect, it } from 'vitest';
import { generateStatement, inSentence, joinPhrases } from '../../../shared/coding/statement';

describe('if-then-because statements', () => {
  it('writes one code per slot as one sentence', () => {
    expect(
      generateStatement({ contexts: ['Multiple chronic conditions'], resources: ['Accessible nurse case manager'], responses: ['Trust in the case manager'], outcomes: ['Fewer emergency visits'] }),
    ).toBe('If multiple chronic conditions, then fewer emergency visits, because accessible nurse case manager leads to trust in the case manager.');
  });

  it('joins several codes per slot as an English list and makes the verb agree', () => {
    expect(
      generateStatement({
        contexts: ['Multiple chronic conditions', 'Poor access to a family physician', 'Limited social support'],
        resources: ['Accessible nurse case manager', 'Individualised service plan'],
        responses: ['Feeling secure', 'Feeling supported and respected'],
        outcomes: ['Less psychological distress', 'Fewer emergency visits'],
      }),
    ).toBe(
      'If multiple chronic conditions, poor access to a family physician and limited social support, then less psychological distress and fewer emergency visits, ' +
        'because accessible nurse case manager and individualised service plan lead to feeling secure and feeling supported and respected.',
    );
  });

  it('reads well when slots are empty', () => {
    expect(generateStatement({ contexts: [], resources: ['Individualised service plan'], responses: [], outcomes: ['Self-management'] })).toBe(
      'Self-management, because of individualised service plan.',
    );
    expect(generateStatement({ contexts: ['Poor access to a family physician'], resources: [], responses: ['Trust'], outcomes: [] })).toBe(
      'If poor access to a family physician, then the outcomes follow, because of trust.',
    );
    expect(generateStatement({ contexts: [], resources: [], responses: [], outcomes: [] })).toBe('');
  });

  it('keeps acronyms and lists as people write them', () => {
    expect(inSentence('GP access')).toBe('GP access');
    expect(inSentence('Trust')).toBe('trust');
    expect(joinPhrases(['a'])).toBe('a');
    expect(joinPhrases(['a', 'b'])).toBe('a and b');
    expect(joinPhrases(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
