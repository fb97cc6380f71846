/**
 * The pure parts of the reader: aligning the text layer's text with the stored page text,
 * DOM boundary points to offsets, PDF-point rectangles through a viewport, and zoom steps.
 */
import { describe, expect, it } from 'vitest';
import { mergeLineBoxes, toCssBox, toPdfRects } from '../../../renderer/src/reader/geometry';
import type { PdfViewport } from '../../../renderer/src/reader/pdfjs-types';
import { alignTexts, offsetsOfRange, rangesForOffsets, textRunsOf } from '../../../renderer/src/reader/text-mapping';
import { resolveZoom, stepZoom } from '../../../renderer/src/reader/zoom';

describe('alignTexts', () => {
  it('maps text-layer offsets (items glued together) to the stored text (items joined by spaces and line breaks)', () => {
    const shown = 'Three prophylactic modalities are common:pharmacologic anticoagulation';
    const stored = 'Three prophylactic modalities are common:\npharmacologic anticoagulation';
    const a = alignTexts(shown, stored);
    const s = shown.indexOf('common');
    const e = shown.indexOf('anticoagulation');
    expect(stored.slice(a.toStored(s, 'start'), a.toStored(e, 'end'))).toBe('common:\npharmacologic');
    expect(a.coverage).toBe(1);
  });

  it('folds ligatures (NFKC) so "ﬁ" in the layer matches "fi" in the stored text', () => {
    const a = alignTexts('ﬁltration works', 'filtration works');
    expect(a.toStored(0, 'start')).toBe(0);
    expect(a.toStored('ﬁltration'.length, 'end')).toBe('filtration'.length);
  });

  it('resynchronises after a local difference and keeps mapping the rest', () => {
    const shown = 'alpha beta [12] gamma delta';
    const stored = 'alpha beta gamma delta';
    const a = alignTexts(shown, stored);
    const g = shown.indexOf('gamma');
    expect(stored.slice(a.toStored(g, 'start'), a.toStored(g + 'gamma delta'.length, 'end'))).toBe('gamma delta');
  });
});

describe('DOM offsets', () => {
  it('turns a range over several spans into offsets of the concatenated text, and back into per-node ranges', () => {
    document.body.innerHTML = '<div id="layer"><span>Three prophylactic </span><span>modalities</span><br><span>are common.</span></div>';
    const layer = document.getElementById('layer')!;
    const { runs, text } = textRunsOf(layer);
    expect(text).toBe('Three prophylactic modalitiesare common.');
    const range = document.createRange();
    range.setStart(runs[0]!.node, 6);
    range.setEnd(runs[2]!.node, 3);
    const span = offsetsOfRange(layer, runs, range)!;
    expect(text.slice(span.start, span.end)).toBe('prophylactic modalitiesare');
    const parts = rangesForOffsets(runs, span.start, span.end).map((r) => r.toString());
    expect(parts).toEqual(['prophylactic ', 'modalities', 'are']);
  });

  it('resolves a boundary between elements to the next text node', () => {
    document.body.innerHTML = '<div id="layer"><span>one</span><span>two</span></div>';
    const layer = document.getElementById('layer')!;
    const { runs } = textRunsOf(layer);
    const range = document.createRange();
    range.setStart(layer, 1); // before the second span
    range.setEnd(runs[1]!.node, 3);
    expect(offsetsOfRange(layer, runs, range)).toEqual({ start: 3, end: 6 });
  });
});

/** A viewport like pdf.js's for an upright 600x800 pt page at `scale` (y flips: PDF origin is bottom-left). */
function uprightViewport(scale: number): PdfViewport {
  const height = 800;
  return {
    width: 600 * scale,
    height: height * scale,
    scale,
    rotation: 0,
    convertToPdfPoint: (x, y) => [x / scale, height - y / scale],
    convertToViewportRectangle: ([x1, y1, x2, y2]) => [x1! * scale, (height - y1!) * scale, x2! * scale, (height - y2!) * scale],
  };
}

describe('geometry', () => {
  it('stores a selection in PDF points and draws it on the same place at another zoom', () => {
    const vp1 = uprightViewport(1.5);
    const rects = toPdfRects([new DOMRect(150, 300, 300, 15)], { left: 0, top: 0 }, vp1, 0);
    expect(rects).toEqual([{ page: 0, x1: 100, y1: 590, x2: 300, y2: 600 }]);
    expect(toCssBox(rects[0]!, uprightViewport(3))).toEqual({ left: 300, top: 600, width: 600, height: 30 });
  });

  it('merges the word boxes of one line and keeps two lines apart', () => {
    const merged = mergeLineBoxes([
      { left: 10, top: 100, width: 40, height: 12 },
      { left: 52, top: 100.5, width: 30, height: 12 },
      { left: 10, top: 116, width: 50, height: 12 },
    ]);
    expect(merged).toEqual([
      { left: 10, top: 100, width: 72, height: 12.5 },
      { left: 10, top: 116, width: 50, height: 12 },
    ]);
  });
});

describe('zoom', () => {
  it('fits an A4 page (595 pt) to a 960 px wide scroller, and steps through 50–400%', () => {
    expect(resolveZoom({ mode: 'fit-width' }, { width: 960, height: 700 }, { widthPt: 595, heightPt: 842 })).toBeCloseTo((960 - 32) / (595 * (96 / 72)), 5);
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(4, 1)).toBe(4);
    expect(stepZoom(0.5, -1)).toBe(0.5);
  });
});
