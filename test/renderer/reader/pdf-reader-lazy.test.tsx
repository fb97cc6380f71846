/**
 * The PDF reader against a fake pdf.js document (STYLE.md points 7 and 8): a 300-page
 * document lays out 300 placeholders of the right size but asks pdf.js for only the pages
 * near the viewport, and hands a new highlight to its owner instead of drawing it.
 */
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PdfReader } from '../../../renderer/src/reader/pdf-reader';
import type { PdfDocument, PdfEngine, PdfPage, PdfViewport } from '../../../renderer/src/reader/pdfjs-types';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function fakeViewport(scale: number): PdfViewport {
  return {
    width: 612 * scale,
    height: 792 * scale,
    scale,
    rotation: 0,
    convertToPdfPoint: (x, y) => [x / scale, 792 - y / scale],
    convertToViewportRectangle: ([x1, y1, x2, y2]) => [x1! * scale, (792 - y1!) * scale, x2! * scale, (792 - y2!) * scale],
  };
}

function fakeDocument(numPages: number) {
  const requested = new Set<number>();
  const rendered = new Set<number>();
  const doc: PdfDocument = {
    numPages,
    async getPage(n) {
      requested.add(n);
      const page: PdfPage = {
        pageNumber: n,
        rotate: 0,
        getViewport: ({ scale }) => fakeViewport(scale),
        render: () => {
          rendered.add(n);
          return { promise: Promise.resolve(), cancel: () => {} };
        },
        getTextContent: async () => ({ items: [{ str: `Text of page ${n}`, hasEOL: false }] }),
        cleanup: () => true,
      };
      return page;
    },
    getOutline: async () => null,
    getDestination: async () => null,
    getPageIndex: async () => 0,
  };
  return { doc, requested, rendered };
}

const engine: Pick<PdfEngine, 'createTextLayer'> = {
  createTextLayer: ({ textContentSource, container }) => ({
    async render() {
      for (const item of textContentSource.items) {
        if (!('str' in item)) continue;
        const span = document.createElement('span');
        span.textContent = item.str;
        container.append(span);
      }
    },
    cancel() {},
  }),
};

let root: ReturnType<typeof createRoot> | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

describe('PdfReader with a fake pdf.js', () => {
  it('lays out 300 pages but loads only the first few', async () => {
    // happy-dom draws no canvas: give it a 2D context that accepts the calls.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
    const { doc, requested } = fakeDocument(300);
    const host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    const onCreate = vi.fn();
    await act(async () => {
      root!.render(
        <PdfReader pdf={doc} engine={engine} pageTexts={[]} highlights={[]} zoom={{ mode: 'scale', scale: 1 }} onZoomChange={() => {}} onCreateHighlight={onCreate} />,
      );
    });
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    const pages = host.querySelectorAll<HTMLElement>('.pdf-page');
    expect(pages).toHaveLength(300);
    // 100% of a US Letter page: 612 x 792 pt at 96/72 px per point.
    expect(pages[299]!.style.width).toBe('816px');
    expect(pages[299]!.style.height).toBe('1056px');
    expect(requested.size).toBeGreaterThan(0);
    expect(requested.size).toBeLessThanOrEqual(4);
    expect(Math.max(...requested)).toBeLessThanOrEqual(4);
    expect(host.querySelector('[aria-label="Page number"]')).not.toBeNull();
    expect(onCreate).not.toHaveBeenCalled();
  });
});
