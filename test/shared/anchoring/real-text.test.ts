/**
 * Anchoring on REAL extracted text: the Datta 2010 two-column review (4 pages) and pdf.js'
 * ligature test file, extracted with pdf.js in the test (test/helpers/pdf-text.ts). The quotes
 * and their offsets are in test/golden/anchoring/*.json; each quote was picked by hand from the
 * article and its offsets checked with `text.slice(start, end)`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSelectors } from '../../../shared/anchoring/selectors';
import { FUZZY_ACCEPT_SCORE, matchQuote } from '../../../shared/anchoring/match-quote';
import { reanchor } from '../../../shared/anchoring/reanchor';
import { rectsFromItems } from '../../../shared/anchoring/rects';
import { documentText, pageOffsets } from '../../../shared/documents/text-layout';
import { fixture, HAVE_FIXTURES, REPO_ROOT } from '../../helpers/fixtures';
import { extractPdfPages, type ExtractedPage } from '../../helpers/pdf-text';

interface GoldenSelector {
  page: number;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  sortKey: string;
  occurrences: number;
}
interface Golden {
  fixture: string;
  textLength: number;
  pageCount: number;
  selectors: GoldenSelector[];
}

function golden(name: string): Golden {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'golden', 'anchoring', name), 'utf8')) as Golden;
}

const datta = golden('datta2010.json');
const ligatures = golden('ligatures.json');
const [softTissue, conclusion, hyphenated, guidelines, twin] = datta.selectors as [
  GoldenSelector,
  GoldenSelector,
  GoldenSelector,
  GoldenSelector,
  GoldenSelector,
];

describe.skipIf(!HAVE_FIXTURES)('anchoring on the Datta 2010 article text', () => {
  let pages: ExtractedPage[];
  let text: string;
  beforeAll(async () => {
    pages = await extractPdfPages(fixture(datta.fixture));
    text = documentText(pages);
  });

  it('extracts the same text the golden file was made from', () => {
    expect(pages).toHaveLength(4);
    expect(text.length).toBe(datta.textLength);
    expect(text.startsWith('R E V I E W Open Access\nComplications related to deep venous thrombosis')).toBe(true);
  });

  it('builds the golden selectors (quote at its offsets, 32 characters of context, reading-order key)', () => {
    for (const g of datta.selectors) {
      expect(text.slice(g.start, g.end)).toBe(g.quote);
      expect(buildSelectors(text, g.start, g.end, g.page)).toEqual({
        quote: g.quote,
        prefix: g.prefix,
        suffix: g.suffix,
        start: g.start,
        end: g.end,
        sortKey: g.sortKey,
      });
      expect(g.prefix).toHaveLength(32);
    }
    expect(softTissue.sortKey).toBe('00000:0000001059');
    expect(guidelines.sortKey).toBe('00003:0000024050');
    // Sorting the keys as strings gives reading order.
    const keys = datta.selectors.map((g) => g.sortKey);
    expect([...keys].sort()).toEqual([twin.sortKey, softTissue.sortKey, conclusion.sortKey, hyphenated.sortKey, guidelines.sortKey]);
  });

  it('anchors every quote exactly at its stored position in the unchanged text', () => {
    for (const g of datta.selectors) {
      expect(reanchor(text, g)).toEqual({ status: 'anchored', start: g.start, end: g.end, score: 1 });
    }
  });

  it('finds the same words after characters are inserted before them', () => {
    const inserted = 'Reprinted with corrections. ';
    const changed = text.slice(0, 100) + inserted + text.slice(100);
    for (const g of datta.selectors) {
      const r = reanchor(changed, g);
      expect(r.status).toBe('fuzzy');
      expect(r.start).toBe(g.start + inserted.length);
      expect(changed.slice(r.start, r.end)).toBe(g.quote);
    }
  });

  it('finds the same words after characters are deleted before them', () => {
    const changed = text.slice(0, 200) + text.slice(250);
    for (const g of datta.selectors) {
      const r = reanchor(changed, g);
      expect(r.status).toBe('fuzzy');
      expect(r.start).toBe(g.start - 50);
      expect(changed.slice(r.start, r.end)).toBe(g.quote);
    }
  });

  it('finds the same words when a re-extraction changes the whitespace (lines joined, spaces doubled)', () => {
    const changed = text.replace(/\n/g, ' ').replace(/ of\b/g, '  of');
    for (const g of datta.selectors) {
      const r = reanchor(changed, g);
      expect(r.status).toBe('fuzzy');
      expect(r.score).toBeGreaterThan(0.9);
      // Exactly the quote's words with the same whitespace change, nothing more or less; for
      // "pub-\nlished", joined into "pub- lished", only fuzzy matching finds it (one edit).
      expect(changed.slice(r.start, r.end)).toBe(g.quote.replace(/\n/g, ' ').replace(/ of\b/g, '  of'));
    }
    // "Guidelines for\nthe use of retrievable" now reads "Guidelines for the use  of retrievable".
    const r = reanchor(changed, guidelines);
    expect(changed.slice(r.start, r.end)).toBe('Guidelines for the use  of retrievable and convertible vena cava filters');
  });

  it('finds the same words when "fi" becomes the ligature character U+FB01', () => {
    const changed = text.replace(/fi/g, '\ufb01');
    const r = reanchor(changed, guidelines);
    expect(r.status).toBe('fuzzy');
    expect(changed.slice(r.start, r.end)).toBe('Guidelines for\nthe use of retrievable and convertible vena cava \ufb01lters');
  });

  it('finds the same words when a line-end hyphen is dropped ("pub-\\nlished" -> "published")', () => {
    const changed = text.replace('previously pub-\nlished', 'previously published');
    const r = reanchor(changed, hyphenated);
    expect(r.status).toBe('fuzzy');
    expect(r.score).toBeGreaterThan(0.95);
    expect(changed.slice(r.start, r.end)).toBe('These values are slightly higher than the previously published rates of 3.1% and 0.4% [9].');
  });

  it('finds the same words approximately when a compound loses its hyphen ("non-compliance" -> "noncompliance")', () => {
    const changed = text.replace('patient non-compliance.', 'patient noncompliance.');
    const r = reanchor(changed, softTissue);
    expect(r.status).toBe('fuzzy');
    expect(r.score).toBeLessThan(1);
    expect(r.score).toBeGreaterThanOrEqual(FUZZY_ACCEPT_SCORE);
    expect(changed.slice(r.start, r.end)).toBe(
      'Mechanical compression devices can result in local soft\ntissue injury, bleeding and patient noncompliance.',
    );
  });

  it('reports a quote that is no longer in the text as orphaned, keeping its stored position', () => {
    const changed = text.replace(
      conclusion.quote,
      'Low molecular weight heparins remain the first choice for most injured adults in this series.',
    );
    const r = reanchor(changed, conclusion);
    expect(r).toEqual({ status: 'orphaned', start: conclusion.start, end: conclusion.end, score: 0 });
    expect(matchQuote(changed, conclusion, conclusion.start)).toBeNull();
  });

  it('lets the hint choose between two identical quotes when nothing else tells them apart', () => {
    expect(twin.occurrences).toBe(2);
    const second = text.indexOf(twin.quote, twin.end);
    expect(second).toBeGreaterThan(twin.end);
    const changed = `Erratum. ${text}`; // both occurrences move by 9 characters
    const bare = { quote: twin.quote, prefix: '', suffix: '' };
    expect(matchQuote(changed, bare, twin.start)?.start).toBe(twin.start + 9);
    expect(matchQuote(changed, bare, second)?.start).toBe(second + 9);
    // With its context, the second occurrence is found even with a hint at the first.
    const secondSelectors = buildSelectors(text, second, second + twin.quote.length);
    expect(matchQuote(changed, secondSelectors, twin.start)?.start).toBe(second + 9);
  });

  it('estimates rectangles for a two-line quote from the page items, top line first, inside the page', () => {
    const page = pages[0]!;
    const offset = pageOffsets(pages)[0]!;
    const rects = rectsFromItems(page.items, 0, softTissue.start - offset, softTissue.end - offset);
    expect(rects.length).toBeGreaterThanOrEqual(2);
    for (const r of rects) {
      expect(r.x1).toBeGreaterThanOrEqual(0);
      expect(r.x2).toBeLessThanOrEqual(page.width);
      expect(r.y2).toBeLessThanOrEqual(page.height);
      expect(r.x2).toBeGreaterThan(r.x1);
    }
    expect(rects[0]!.y1).toBeGreaterThan(rects[rects.length - 1]!.y1);
  });
});

describe.skipIf(!HAVE_FIXTURES)('anchoring on the pdf.js ligature test file', () => {
  let text: string;
  beforeAll(async () => {
    text = documentText(await extractPdfPages(fixture(ligatures.fixture)));
  });

  it('pdf.js extracts the ligatures as separate letters', () => {
    expect(text).toBe('abcdeffffiflffifflſtstghijklmno');
    const g = ligatures.selectors[0]!;
    expect(text.slice(g.start, g.end)).toBe('ffffiflffiffl');
    expect(reanchor(text, g).status).toBe('anchored');
  });

  it('re-anchors the letters in a text that has the ligature code points instead', () => {
    const g = ligatures.selectors[0]!;
    // The file shows "abcdef", the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, then "ghijklmno"; an extractor that
    // keeps ligature code points would give this text.
    const withLigatures = 'abcdef\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06ghijklmno';
    const r = reanchor(withLigatures, g);
    expect(r.status).toBe('fuzzy');
    expect(r.score).toBe(1);
    expect(withLigatures.slice(r.start, r.end)).toBe('f\ufb00\ufb01\ufb02\ufb03\ufb04');
    expect(r).toMatchObject({ start: 5, end: 11 });
  });
});
