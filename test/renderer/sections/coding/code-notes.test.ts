/**
 * A code's description carries "Include:", "Exclude:" and "Synonyms:" lines; the codebook
 * edits them as fields and the picker searches the synonyms.
 */
import { describe, expect, it } from 'vitest';
import { readCodeNotes, writeCodeNotes } from '../../../../renderer/src/sections/coding/code-notes';

describe('code notes in a description', () => {
  it('reads the labelled lines out of the free text', () => {
    const notes = readCodeNotes('The patient relies on the case manager.\nInclude: telling problems early\nExclusion: mere satisfaction\nSynonyms: confidence; rapport, reliance');
    expect(notes).toEqual({ text: 'The patient relies on the case manager.', include: 'telling problems early', exclude: 'mere satisfaction', synonyms: ['confidence', 'rapport', 'reliance'] });
  });

  it('writes them back in a fixed order and leaves empty notes out', () => {
    expect(writeCodeNotes({ text: 'Feeling safe at home.', include: '', exclude: 'fear of falling', synonyms: ['security'] })).toBe('Feeling safe at home.\nExclude: fear of falling\nSynonyms: security');
    const round = 'A plan written with the patient.\nInclude: goals set together\nExclude: a discharge summary\nSynonyms: care plan';
    expect(writeCodeNotes(readCodeNotes(round))).toBe(round);
  });

  it('keeps a description without labels as it is', () => {
    expect(readCodeNotes('Fewer visits to the emergency department.')).toEqual({ text: 'Fewer visits to the emergency department.', include: '', exclude: '', synonyms: [] });
  });
});
