/**
 * Page texts of a fixture PDF, extracted with pdf.js in the test process, for tests that need
 * REAL extracted text (anchoring, highlights). Items are joined as they come; an item ending a
 * line (`hasEOL`) is followed by "\n". The document text is the pages joined by the shared
 * page separator (shared/documents/text-layout.ts). The golden files under test/golden/anchoring
 * were made with exactly this extraction; change it and regenerate them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './fixtures';

/** One page: its text, its pdf.js items with their offsets in that text, and its size in points. */
export interface ExtractedPage {
  text: string;
  items: Array<{ str: string; x: number; y: number; w: number; h: number; offset: number }>;
  width: number;
  height: number;
}

/** Every page's text and positioned items, in page order (see the module comment for the joining). */
export async function extractPdfPages(file: string): Promise<ExtractedPage[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${path.join(REPO_ROOT, 'node_modules', 'pdfjs-dist', 'standard_fonts')}/`;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), standardFontDataUrl, verbosity: 0 }).promise;
  try {
    const pages: ExtractedPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      let text = '';
      const items: ExtractedPage['items'] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, w: item.width, h: item.height, offset: text.length });
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push({ text, items, width, height });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
