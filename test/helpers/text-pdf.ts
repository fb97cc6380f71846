/**
 * A minimal PDF writer for tests and `npm run bench:pdf`: pages of plain text lines in the
 * standard Helvetica font (one of the 14 fonts every reader has, so nothing is embedded), A4,
 * 10 pt on 12 pt leading.
 * It writes PDF 1.4 by hand: catalog, page tree, one font, a page object and an uncompressed
 * content stream per page, and a cross-reference table with exact byte offsets (ISO 32000-1,
 * 7.5), so pdf.js and poppler read it without reconstruction. ASCII text only.
 */

/** Escapes a string for a PDF literal string: backslash and both parentheses. */
function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A PDF (as bytes) with one page per entry of `pages`, each a list of lines. */
export function textPdf(pages: readonly (readonly string[])[]): Uint8Array {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1: catalog, 2: page tree, 3: font; then a page and its content stream per page.
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, i) => {
    const pageId = 4 + i * 2;
    const contentId = pageId + 1;
    pageIds.push(pageId);
    const body = ['BT', '/F1 10 Tf', '12 TL', '56 790 Td', ...lines.map((l) => `${pdfString(l)} Tj T*`), 'ET'].join('\n');
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    objects[contentId] = `<< /Length ${body.length} >>\nstream\n${body}\nendstream`;
  });
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length;
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

const VOCABULARY = (
  'case management primary care frequent users health services nurse patient trust relationship ' +
  'context mechanism outcome chronic conditions emergency visits family physician coordination ' +
  'support anxiety secure empowered self-management social needs navigation housing pharmacy ' +
  'appointment telephone home visit plan goals team clinician respect commitment engagement review ' +
  'evidence theory configuration programme intervention resource response reasoning setting'
).split(' ');

/** Deterministic pseudo-random prose (a linear congruential generator), `lines` lines per page. */
export function samplePages(pageCount: number, lines = 60, seed = 1): string[][] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: pageCount }, (_, p) =>
    Array.from({ length: lines }, (_, l) => {
      const words: string[] = [];
      let len = 0;
      while (len < 85) {
        const w = VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
        words.push(w);
        len += w.length + 1;
      }
      return l === 0 ? `Page ${p + 1}. ${words.join(' ')}` : words.join(' ');
    }),
  );
}
