/**
 * The agreement heatmap's colours and its static SVG (for the self-contained HTML report; the
 * screen draws the same cells with d3 in renderer/src/sections/agreement/heatmap.tsx and takes
 * its colours from here, so both read alike).
 *
 * Colours: a diverging scale on κ from ColorBrewer's RdBu (Brewer, colorbrewer2.org), white
 * at 0 (chance), blues rising to 1 (perfect agreement) and reds down to −1 (systematic
 * disagreement); the blue side has more steps because κ between 0 and 1 is where reports
 * differ. Undefined cells are grey and hatched, never coloured as 0.
 */
import type { AgreementReport } from './project-types';
import { formatValue } from './figures';

/** [value, colour] anchors, ColorBrewer RdBu (11 classes), light grey at 0. */
const ANCHORS: ReadonlyArray<readonly [number, string]> = [
  [-1, '#b2182b'],
  [-0.5, '#ef8a62'],
  [0, '#f7f7f7'],
  [0.2, '#d1e5f0'],
  [0.4, '#92c5de'],
  [0.6, '#4393c3'],
  [0.8, '#2166ac'],
  [1, '#053061'],
];

/** The grey of undefined cells. */
export const UNDEFINED_COLOR = '#dee2e6';

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

function hex(c: readonly number[]): string {
  return `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;
}

/** The colour of a κ value (clamped to [−1, 1]); the undefined grey for null. */
export function agreementColor(value: number | null): string {
  if (value === null || Number.isNaN(value)) return UNDEFINED_COLOR;
  const v = Math.max(-1, Math.min(1, value));
  for (let i = 1; i < ANCHORS.length; i++) {
    const [x1, c1] = ANCHORS[i]!;
    if (v <= x1) {
      const [x0, c0] = ANCHORS[i - 1]!;
      const t = (v - x0) / (x1 - x0);
      const a = rgb(c0);
      const b = rgb(c1);
      return hex(a.map((x, k) => x + (b[k]! - x) * t));
    }
  }
  return ANCHORS[ANCHORS.length - 1]![1];
}

/** Dark or white text, whichever reads on `background` (#rrggbb), by relative luminance (WCAG 2). */
export function textColorOn(background: string): string {
  const lin = rgb(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
  return l > 0.33 ? '#1d2330' : '#ffffff';
}

/** Escapes text for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The heatmap as a standalone SVG string: codes down, documents across, each cell's value in
 * it when cells are large enough, and every cell's value (or "undefined: reason") in its
 * <title>, which browsers show on hover.
 */
export function heatmapSvg(report: AgreementReport, documentTitle: (id: string) => string): string {
  const { codeIds, documentIds } = report.heatmap;
  const rows = codeIds.length;
  const cols = documentIds.length;
  const cell = cols > 60 ? 12 : cols > 25 ? 20 : 34;
  const left = 230;
  const top = 150;
  const width = left + cols * cell + 20;
  const height = top + rows * cell + 60;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Agreement by code and document (κ on characters)" font-family="system-ui, sans-serif" font-size="11">`);
  out.push('<defs><pattern id="undefined-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#dee2e6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#adb5bd" stroke-width="2"/></pattern></defs>');
  codeIds.forEach((id, r) => {
    const name = report.codeNames[id]?.name ?? id;
    out.push(`<text x="${left - 6}" y="${top + r * cell + cell / 2 + 4}" text-anchor="end">${escapeXml(cut(name, 34))}</text>`);
  });
  documentIds.forEach((id, c) => {
    const x = left + c * cell + cell / 2;
    out.push(`<text transform="translate(${x + 3},${top - 6}) rotate(-55)">${escapeXml(cut(documentTitle(id), 28))}</text>`);
  });
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const v = report.heatmap.kappa[i] ?? null;
      const x = left + c * cell;
      const y = top + r * cell;
      const code = report.codeNames[codeIds[r]!]?.name ?? codeIds[r]!;
      const reason = v === null ? report.heatmap.reasons[report.heatmap.reasonIndex[i]!] ?? 'undefined' : '';
      const title = `${code} × ${documentTitle(documentIds[c]!)}: ${v === null ? `undefined: ${reason}` : `κ = ${formatValue(v, 'coefficient')}`}`;
      const fill = v === null ? 'url(#undefined-hatch)' : agreementColor(v);
      out.push(`<g><title>${escapeXml(title)}</title><rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${fill}"/>`);
      if (cell >= 30 && v !== null) out.push(`<text x="${x + cell / 2 - 0.5}" y="${y + cell / 2 + 3.5}" text-anchor="middle" font-size="9.5" fill="${textColorOn(agreementColor(v))}">${formatValue(v, 'coefficient').replace(/^0(?=\.)/, '').replace(/^−0(?=\.)/, '−')}</text>`);
      out.push('</g>');
    }
  }
  // Legend.
  const ly = top + rows * cell + 22;
  const steps = [-1, -0.5, 0, 0.2, 0.4, 0.6, 0.8, 1];
  steps.forEach((v, k) => {
    out.push(`<rect x="${left + k * 44}" y="${ly}" width="44" height="12" fill="${agreementColor(v)}"/><text x="${left + k * 44}" y="${ly + 25}">${formatValue(v, 'coefficient')}</text>`);
  });
  out.push(`<rect x="${left + steps.length * 44 + 16}" y="${ly}" width="24" height="12" fill="url(#undefined-hatch)"/><text x="${left + steps.length * 44 + 44}" y="${ly + 10}">undefined</text>`);
  out.push('</svg>');
  return out.join('');
}
