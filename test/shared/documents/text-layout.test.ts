import { describe, expect, it } from 'vitest';
import { documentText, PAGE_SEPARATOR, pageAtOffset, pageOffsets } from '../../../shared/documents/text-layout';

describe('document text layout', () => {
  const pages = [{ text: 'Context' }, { text: 'Mechanism' }, { text: 'Outcome' }];
  const laidOut = pages.map((p, i) => ({ ...p, textOffset: pageOffsets(pages)[i]! }));

  it('joins pages with a blank line and puts each page at its offset', () => {
    expect(PAGE_SEPARATOR).toBe('\n\n');
    expect(documentText(pages)).toBe('Context\n\nMechanism\n\nOutcome');
    // "Context" is 7 characters, +2 for the separator; "Mechanism" is 9, +2.
    expect(pageOffsets(pages)).toEqual([0, 9, 20]);
    const text = documentText(pages);
    for (const p of laidOut) expect(text.slice(p.textOffset, p.textOffset + p.text.length)).toBe(p.text);
  });

  it('finds the page holding an offset', () => {
    expect(pageAtOffset(laidOut, 0)).toBe(0);
    expect(pageAtOffset(laidOut, 6)).toBe(0); // the "t" ending "Context"
    expect(pageAtOffset(laidOut, 8)).toBe(0); // inside the separator: still page 0
    expect(pageAtOffset(laidOut, 9)).toBe(1); // "M"
    expect(pageAtOffset(laidOut, 20)).toBe(2);
    expect(pageAtOffset(laidOut, 999)).toBe(2);
    expect(pageAtOffset(laidOut, -1)).toBe(-1);
    expect(pageAtOffset([], 0)).toBe(-1);
  });
});
