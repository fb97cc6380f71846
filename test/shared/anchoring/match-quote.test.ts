import { describe, expect, it } from 'vitest';
import { buildSelectors, sortKey } from '../../../shared/anchoring/selectors';
import { matchQuote } from '../../../shared/anchoring/match-quote';
import { reanchor } from '../../../shared/anchoring/reanchor';

const TRANSCRIPT =
  'Interviewer: How did the nurse help?\n' +
  'Patient: I could call her any time. I felt secure. Before, I went to the emergency room every week.\n' +
  'Interviewer: And now?\n' +
  'Patient: Now I call her first. I felt secure.';

describe('matchQuote and reanchor on a short transcript', () => {
  it('needs no prefix at the start of a text and no suffix at its end', () => {
    const first = buildSelectors(TRANSCRIPT, 0, 12);
    expect(first).toMatchObject({ quote: 'Interviewer:', prefix: '', sortKey: '00000:0000000000' });
    const lastStart = TRANSCRIPT.length - 'I felt secure.'.length;
    const last = buildSelectors(TRANSCRIPT, lastStart, TRANSCRIPT.length);
    expect(last.suffix).toBe('');
    expect(reanchor(TRANSCRIPT, last)).toEqual({ status: 'anchored', start: lastStart, end: TRANSCRIPT.length, score: 1 });
  });

  it('tells two identical sentences apart by their context, not by the hint', () => {
    const second = TRANSCRIPT.lastIndexOf('I felt secure.');
    const stored = buildSelectors(TRANSCRIPT, second, second + 14);
    const edited = TRANSCRIPT.replace('Interviewer: And now?', 'Interviewer: And now, two years later?');
    const r = reanchor(edited, { ...stored, start: 50 }); // a hint near the FIRST occurrence
    expect(r.status).toBe('fuzzy');
    expect(r.start).toBe(edited.lastIndexOf('I felt secure.'));
  });

  it('finds a sentence with a typo corrected by a new transcription', () => {
    const stored = buildSelectors(TRANSCRIPT, TRANSCRIPT.indexOf('Before,'), TRANSCRIPT.indexOf(' every week.') + 11);
    expect(stored.quote).toBe('Before, I went to the emergency room every week');
    const corrected = TRANSCRIPT.replace('emergency room', 'emergency department');
    const r = reanchor(corrected, stored);
    expect(r.status).toBe('fuzzy');
    expect(corrected.slice(r.start, r.end)).toBe('Before, I went to the emergency department every week');
  });

  it('accepts an edited short quote only when its context agrees', () => {
    const text = 'Patients said they felt secure and trusted him from the first visit onwards.';
    // "trusted her" is two edits from "trusted him".
    const right = { quote: 'trusted her', prefix: 'they felt secure and ', suffix: ' from the first visit' };
    const found = matchQuote(text, right);
    expect(found && text.slice(found.start, found.end)).toBe('trusted him');
    // The same words with the context of another passage: refused (score below FUZZY_ACCEPT_SCORE).
    const elsewhere = { quote: 'trusted her', prefix: 'the nurse phoned weekly and ', suffix: ' with their medication' };
    expect(matchQuote(text, elsewhere)).toBeNull();
  });

  it('returns null for an empty quote, an empty text and a quote longer than the text', () => {
    expect(matchQuote(TRANSCRIPT, { quote: '', prefix: '', suffix: '' })).toBeNull();
    expect(matchQuote('', { quote: 'secure', prefix: '', suffix: '' })).toBeNull();
    expect(matchQuote('secure', { quote: `${TRANSCRIPT} and more`, prefix: '', suffix: '' })).toBeNull();
  });

  it('keeps context within whole characters (no half surrogate pair)', () => {
    const text = `${'😀'.repeat(20)}trust${'😀'.repeat(20)}`;
    const s = buildSelectors(text, 40, 45);
    expect(s.quote).toBe('trust');
    expect(s.prefix).toBe('😀'.repeat(16));
    expect(s.suffix).toBe('😀'.repeat(16));
  });

  it('sort keys order pages before offsets, as strings', () => {
    expect(sortKey(2, 5)).toBe('00002:0000000005');
    expect(sortKey(10, 0) > sortKey(9, 999_999)).toBe(true);
  });
});
