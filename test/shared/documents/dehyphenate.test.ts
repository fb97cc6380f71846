import { describe, expect, it } from 'vitest';
import { documentVocabulary, searchText } from '../../../shared/documents/dehyphenate';

describe('search text with words hyphenated across a line end', () => {
  it('joins a word the document uses whole elsewhere', () => {
    const pages = ['The inter-\nvention was delivered by nurses.', 'After the intervention, visits fell.'];
    expect(searchText(pages[0]!, documentVocabulary(pages))).toBe('The intervention was delivered by nurses.');
  });

  it('keeps the hyphen of a compound the document writes with one elsewhere', () => {
    const pages = ['A meta-\nanalysis of twelve trials.', 'This meta-analysis pooled them.'];
    expect(searchText(pages[0]!, documentVocabulary(pages))).toBe('A meta-analysis of twelve trials.');
  });

  it('indexes a split word the document uses nowhere else both ways', () => {
    const pages = ['Patients valued home-\nbased care and immobi-\nlization.'];
    expect(searchText(pages[0]!, documentVocabulary(pages))).toBe('Patients valued home-based homebased care and immobi-lization immobilization.');
  });

  it('leaves capitals, numbers and ordinary line ends alone, and a page without a split as the same string', () => {
    const page = 'COVID-\n19 and Smith-\nJones; a list -\nitem\nnew line';
    expect(searchText(page, documentVocabulary([page]))).toBe(page);
    const plain = 'No hyphen at any line end.\nNone here.';
    expect(searchText(plain, documentVocabulary([plain]))).toBe(plain);
  });

  it('joins across a soft hyphen and reads German words (umlauts are letters)', () => {
    const pages = ['zusammen\u00ad\nhängend ist der Raum', 'Ein zusammenhängend Raum'];
    expect(searchText(pages[0]!, documentVocabulary(pages))).toBe('zusammenhängend ist der Raum');
  });
});
