/**
 * The flow of documents as an SVG diagram (PRISMA-style boxes and arrows): sources, records
 * identified, duplicates removed, records screened with the excluded and undecided beside
 * them, records included, full texts, documents added from other sources, documents in the
 * synthesis. Pure: the counts in, an SVG string out. Each box is a group with `data-flow` (its
 * key, see `FLOW_KEYS`) and `data-count` (its number), and prints "n = N", so a reader and a
 * test read the same number.
 */
import { escapeXml } from '../agreement/heatmap';
import type { ReportFlow } from './report-types';

/** The boxes of the diagram, by key, and the count each shows. */
export const FLOW_KEYS = ['identified', 'duplicatesRemoved', 'screened', 'excluded', 'maybe', 'unscreened', 'included', 'withoutFullText', 'includedWithFullText', 'otherDocuments', 'documentsInSynthesis'] as const;
export type FlowKey = (typeof FLOW_KEYS)[number];

/** The label of each box (the HTML and DOCX flow tables use the same words). */
export const FLOW_LABELS: Record<FlowKey, string> = {
  identified: 'Records identified',
  duplicatesRemoved: 'Duplicates removed',
  screened: 'Records screened',
  excluded: 'Records excluded',
  maybe: 'Records marked maybe',
  unscreened: 'Records not yet screened',
  included: 'Records included',
  withoutFullText: 'Included records without a full text',
  includedWithFullText: 'Included records with a full text',
  otherDocuments: 'Documents added from other sources (grey literature, transcripts)',
  documentsInSynthesis: 'Documents in the synthesis',
};

/** The number each box shows. */
export function flowCounts(f: ReportFlow): Record<FlowKey, number> {
  return {
    identified: f.identified,
    duplicatesRemoved: f.duplicatesRemoved,
    screened: f.screened,
    excluded: f.excluded,
    maybe: f.maybe,
    unscreened: f.unscreened,
    included: f.included,
    withoutFullText: f.included - f.includedWithFullText,
    includedWithFullText: f.includedWithFullText,
    otherDocuments: f.otherDocuments,
    documentsInSynthesis: f.documentsInSynthesis,
  };
}

const WIDTH = 760;
const MAIN_X = 30;
const MAIN_W = 380;
const SIDE_X = 470;
const SIDE_W = 260;
const LINE = 17;
const PAD = 10;
/** Characters per line at 13px in a box of the given width (DejaVu Sans averages ~7.4px). */
const fit = (w: number) => Math.floor((w - 2 * PAD) / 7.4);

/** Breaks text into lines of at most `max` characters at spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  svg: string;
}

function box(key: string, count: number | null, label: string, x: number, y: number, w: number, extra: string[] = [], fill = '#f1f3f5'): Box {
  const lines = [...wrap(label, fit(w)), ...(count === null ? [] : [`n = ${count.toLocaleString('en')}`]), ...extra.flatMap((e) => wrap(e, fit(w)))];
  const h = lines.length * LINE + 2 * PAD;
  const text = lines
    .map((l, i) => `<text x="${x + PAD}" y="${y + PAD + (i + 1) * LINE - 4}"${count !== null && i === lines.length - extra.length - 1 ? ' font-weight="bold"' : ''}>${escapeXml(l)}</text>`)
    .join('');
  const data = count === null ? `data-flow="${key}"` : `data-flow="${key}" data-count="${count}"`;
  return { x, y, w, h, svg: `<g class="flow-box" ${data}><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" fill="${fill}" stroke="#495057"/>${text}</g>` };
}

const down = (from: Box, to: Box) => `<path d="M${from.x + from.w / 2} ${from.y + from.h} V${to.y - 2}" stroke="#495057" fill="none" marker-end="url(#flow-arrow)"/>`;
const side = (from: Box, to: Box) => {
  const y = to.y + to.h / 2;
  return `<path d="M${from.x + from.w / 2} ${y} H${to.x - 2}" stroke="#495057" fill="none" marker-end="url(#flow-arrow)"/>`;
};

/** The flow diagram as a standalone SVG document (see the module comment). */
export function flowDiagramSvg(flow: ReportFlow): string {
  const c = flowCounts(flow);
  const parts: string[] = [];
  const GAP = 34;
  const shown = flow.sources.slice(0, 12).map((s) => `${s.label}: ${s.records.toLocaleString('en')}`);
  if (flow.sources.length > 12) shown.push(`and ${flow.sources.length - 12} more imports`);
  const sources = box('sources', null, 'Records found, by source', MAIN_X, 20, MAIN_W, shown.length > 0 ? shown : ['No records imported'], '#e7f5ff');
  const identified = box('identified', c.identified, FLOW_LABELS.identified, MAIN_X, sources.y + sources.h + GAP, MAIN_W);
  const dup = box('duplicatesRemoved', c.duplicatesRemoved, FLOW_LABELS.duplicatesRemoved, SIDE_X, identified.y + identified.h + GAP / 2, SIDE_W, flow.openDuplicates > 0 ? [`${flow.openDuplicates} more in duplicate groups not yet resolved`] : []);
  const screened = box('screened', c.screened, FLOW_LABELS.screened, MAIN_X, dup.y + dup.h + GAP / 2, MAIN_W);
  const excluded = box('excluded', c.excluded, FLOW_LABELS.excluded, SIDE_X, screened.y + screened.h + GAP / 2, SIDE_W);
  const maybe = box('maybe', c.maybe, FLOW_LABELS.maybe, SIDE_X, excluded.y + excluded.h + 8, SIDE_W);
  const unscreened = box('unscreened', c.unscreened, FLOW_LABELS.unscreened, SIDE_X, maybe.y + maybe.h + 8, SIDE_W);
  const included = box('included', c.included, FLOW_LABELS.included, MAIN_X, unscreened.y + unscreened.h + GAP / 2, MAIN_W, [], '#ebfbee');
  const without = box('withoutFullText', c.withoutFullText, FLOW_LABELS.withoutFullText, SIDE_X, included.y + included.h + GAP / 2, SIDE_W);
  const withText = box('includedWithFullText', c.includedWithFullText, FLOW_LABELS.includedWithFullText, MAIN_X, without.y + without.h + GAP / 2, MAIN_W, [`${flow.fullTexts} full text${flow.fullTexts === 1 ? '' : 's'} attached`]);
  const other = box('otherDocuments', c.otherDocuments, FLOW_LABELS.otherDocuments, SIDE_X, withText.y + withText.h + GAP, SIDE_W, [], '#fff9db');
  const synthesis = box('documentsInSynthesis', c.documentsInSynthesis, FLOW_LABELS.documentsInSynthesis, MAIN_X, other.y + other.h + GAP / 2, MAIN_W, [], '#ebfbee');
  for (const b of [sources, identified, dup, screened, excluded, maybe, unscreened, included, without, withText, other, synthesis]) parts.push(b.svg);
  // The main line down the left column, with side arrows to the boxes on the right.
  parts.push(down(sources, identified), down(identified, screened), down(screened, included), down(included, withText), down(withText, synthesis));
  parts.push(side(identified, dup), side(screened, excluded), side(screened, maybe), side(screened, unscreened), side(included, without));
  // Other sources join the synthesis from the right.
  parts.push(`<path d="M${other.x + other.w / 2} ${other.y + other.h} V${synthesis.y + synthesis.h / 2} H${synthesis.x + synthesis.w + 2}" stroke="#495057" fill="none" marker-end="url(#flow-arrow)"/>`);
  const height = synthesis.y + synthesis.h + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="13" role="img" aria-labelledby="flow-title">`,
    '<title id="flow-title">Flow of documents through the review</title>',
    '<defs><marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#495057"/></marker></defs>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('');
}
