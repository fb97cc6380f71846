/**
 * The refinement view as a scene (./scene.ts): the earlier version's CMOCs on the left, the
 * later version's on the right, a line between corresponding CMOCs in the colour, pattern and
 * symbol of its kind of change (./palette.ts), and the rationale beside each change with the
 * evidence it cites. Each change is one band across the page, its CMOCs stacked on each side,
 * so the lines of a split fan out, those of a merge converge, and no two changes cross.
 *
 * Cards are keyed by CMOC id and changes by their position, so the page can animate one step
 * of the timeline into the next: the later version's cards slide to the left as the next
 * version comes in on the right.
 */
import { countKinds } from './mapping';
import { CHANGE_INK, changeColour, INK, type DiagramStyle } from './palette';
import { arrowHead, type Scene, type SceneGroup, type SceneNode } from './scene';
import { evidenceMarks } from './theory-scene';
import { wrapText } from './text-metrics';
import { CHANGE_KINDS, type TheoryChange, type TheoryCmoc, type TheoryStage } from './types';

export interface RefinementSceneOptions {
  title: string;
  from: { label: string; stage: TheoryStage; cmocs: ReadonlyArray<Pick<TheoryCmoc, 'id' | 'label' | 'statement' | 'evidence' | 'origin'>> };
  to: { label: string; stage: TheoryStage; cmocs: ReadonlyArray<Pick<TheoryCmoc, 'id' | 'label' | 'statement' | 'evidence' | 'origin'>> };
  changes: readonly TheoryChange[];
  style?: DiagramStyle;
  /** Whether the mapping is the app's proposal (said in the subtitle). */
  proposed?: boolean;
}

export const REFINEMENT_LAYOUT = {
  margin: 28,
  cardWidth: 290,
  gutter: 170,
  rationaleGap: 26,
  rationaleWidth: 300,
  cardGap: 10,
  bandGap: 16,
} as const;

const CARD_FONT = 11;
const CARD_LH = 14;

interface CardBox {
  id: string;
  side: 'from' | 'to';
  y: number;
  h: number;
  lines: string[];
  title: string;
  marks: string;
  hypothesis: boolean;
}

function cardLines(c: Pick<TheoryCmoc, 'statement' | 'label'>): string[] {
  return wrapText(c.statement || c.label || '(no statement)', REFINEMENT_LAYOUT.cardWidth - 20, CARD_FONT, { maxLines: 5 });
}

function cardHeight(lines: number): number {
  return 44 + lines * CARD_LH;
}

function stageWords(stage: TheoryStage): string {
  return stage === 'intermediate' ? 'iteration' : stage;
}

/** Where the columns are, for the page's hit-testing and the tests. */
export function refinementColumns(): { fromX: number; toX: number; rationaleX: number; width: number } {
  const L = REFINEMENT_LAYOUT;
  const fromX = L.margin;
  const toX = fromX + L.cardWidth + L.gutter;
  const rationaleX = toX + L.cardWidth + L.rationaleGap;
  return { fromX, toX, rationaleX, width: rationaleX + L.rationaleWidth + L.margin };
}

/** Builds the refinement view's scene (see the module comment). */
export function refinementScene(o: RefinementSceneOptions): Scene {
  const L = REFINEMENT_LAYOUT;
  const style = o.style ?? 'colour';
  const { fromX, toX, rationaleX, width } = refinementColumns();
  const fromById = new Map(o.from.cmocs.map((c) => [c.id, c]));
  const toById = new Map(o.to.cmocs.map((c) => [c.id, c]));
  const children: SceneNode[] = [];

  const titleLines = wrapText(o.title, width - 2 * L.margin, 18, { bold: true, maxLines: 2 });
  children.push({ t: 'text', x: L.margin, y: L.margin + 15, lines: titleLines, size: 18, bold: true, fill: INK.text });
  let y = L.margin + titleLines.length * 22.5 + 4;
  const counts = countKinds(o.changes);
  const summary = CHANGE_KINDS.filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`)
    .join(', ');
  const sub = `Refinement from "${o.from.label}" (${stageWords(o.from.stage)}) to "${o.to.label}" (${stageWords(o.to.stage)})${o.proposed ? ' · proposed mapping, not yet confirmed' : ''} · ${summary || 'no changes'}`;
  const subLines = wrapText(sub, width - 2 * L.margin, 12, { maxLines: 2 });
  children.push({ t: 'text', x: L.margin, y: y + 10, lines: subLines, size: 12, fill: INK.muted });
  y += 16 * subLines.length + 18;

  const head = (x: number, text: string, key: string): SceneNode => ({
    t: 'g',
    key,
    cls: 'head',
    children: [
      { t: 'text', x, y: y + 12, lines: wrapText(text, L.cardWidth, 12.5, { bold: true, maxLines: 1 }), size: 12.5, bold: true, fill: INK.text },
      { t: 'rect', x, y: y + 18, w: L.cardWidth, h: 2, fill: INK.rule },
    ],
  });
  children.push(head(fromX, `${o.from.label} (${o.from.cmocs.length} CMOCs)`, 'head:from'));
  children.push(head(toX, `${o.to.label} (${o.to.cmocs.length} CMOCs)`, 'head:to'));
  children.push(head(rationaleX, 'What changed, and why', 'head:rationale'));
  y += 32;

  const cards: SceneNode[] = [];
  const lines: SceneNode[] = [];
  const notes: SceneNode[] = [];
  const card = (id: string, side: 'from' | 'to', top: number): CardBox | null => {
    const c = side === 'from' ? fromById.get(id) : toById.get(id);
    if (!c) return null;
    const ls = cardLines(c);
    const hypothesis = c.evidence.supporting + c.evidence.refuting + c.evidence.refining === 0;
    return { id, side, y: top, h: cardHeight(ls.length), lines: ls, title: c.label || '', marks: evidenceMarks(c.evidence), hypothesis };
  };
  const drawCard = (b: CardBox, kind: TheoryChange['kind'], x: number): SceneGroup => ({
    t: 'g',
    key: `card:${b.id}`,
    cls: 'card',
    x,
    y: b.y,
    data: { cmoc: b.id, side: b.side, change: kind },
    title: b.lines.join(' '),
    children: [
      { t: 'rect', x: 0, y: 0, w: L.cardWidth, h: b.h, rx: 5, fill: INK.page, stroke: changeColour(kind, style), sw: 1.6, dash: b.hypothesis ? '4 3' : '' },
      { t: 'rect', x: 0, y: 0, w: 5, h: b.h, rx: 2, fill: changeColour(kind, style) },
      { t: 'text', x: 12, y: 17, lines: [b.title || '(no label)'], size: 11, bold: true, fill: INK.text },
      { t: 'text', x: 12, y: 33, lines: b.lines, size: CARD_FONT, lh: CARD_LH, fill: INK.text },
      { t: 'text', x: 12, y: 36 + b.lines.length * CARD_LH, lines: [b.marks], size: 9.5, fill: INK.muted },
    ],
  });

  o.changes.forEach((ch, index) => {
    const ink = CHANGE_INK[ch.kind];
    const colour = changeColour(ch.kind, style);
    const top = y;
    const fromBoxes: CardBox[] = [];
    let fy = top;
    for (const id of ch.fromCmocIds) {
      const b = card(id, 'from', fy);
      if (!b) continue;
      fromBoxes.push(b);
      fy += b.h + L.cardGap;
    }
    const toBoxes: CardBox[] = [];
    let ty = top;
    for (const id of ch.toCmocIds) {
      const b = card(id, 'to', ty);
      if (!b) continue;
      toBoxes.push(b);
      ty += b.h + L.cardGap;
    }
    // Centre the shorter side on the longer one, so a split fans out symmetrically.
    const leftH = fy - top;
    const rightH = ty - top;
    const shift = (boxes: CardBox[], by: number) => boxes.forEach((b) => (b.y += by));
    if (leftH < rightH) shift(fromBoxes, (rightH - leftH) / 2);
    else shift(toBoxes, (leftH - rightH) / 2);

    const rationale = wrapText(ch.rationale || '(no rationale yet)', L.rationaleWidth - 14, 10.5, { maxLines: 8 });
    const ev = ch.evidence;
    const excerpts = ev.filter((e) => e.kind === 'excerpt').length;
    const documents = ev.filter((e) => e.kind === 'document').length;
    const evidenceLine = excerpts + documents > 0 ? `Evidence: ${[excerpts ? `${excerpts} excerpt${excerpts === 1 ? '' : 's'}` : '', documents ? `${documents} document${documents === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')}` : 'Evidence: none cited';
    const noteH = 18 + rationale.length * 13.5 + 18;
    const bandH = Math.max(leftH - L.cardGap, rightH - L.cardGap, noteH);

    for (const b of fromBoxes) cards.push(drawCard(b, ch.kind, fromX));
    for (const b of toBoxes) cards.push(drawCard(b, ch.kind, toX));

    const mid = fromX + L.cardWidth + L.gutter / 2;
    const group: SceneNode[] = [];
    const symbolAt = (x: number, yy: number): SceneNode[] => [
      { t: 'circle', cx: x, cy: yy, r: 9, fill: INK.page, stroke: colour, sw: 1.5 },
      { t: 'text', x, y: yy + 4, lines: [ink.symbol], size: 12, bold: true, anchor: 'middle', fill: colour },
    ];
    const f = (v: number) => Math.round(v * 10) / 10;
    if (fromBoxes.length && toBoxes.length) {
      const hubY = (fromBoxes.length === 1 ? fromBoxes[0]!.y + fromBoxes[0]!.h / 2 : toBoxes.length === 1 ? toBoxes[0]!.y + toBoxes[0]!.h / 2 : top + bandH / 2);
      for (const a of fromBoxes) {
        const ay = a.y + a.h / 2;
        group.push({ t: 'path', d: `M${f(fromX + L.cardWidth)},${f(ay)}C${f(mid - 30)},${f(ay)} ${f(mid - 30)},${f(hubY)} ${f(mid)},${f(hubY)}`, stroke: colour, sw: 2.2, dash: ink.dash });
      }
      for (const b of toBoxes) {
        const by = b.y + b.h / 2;
        group.push({ t: 'path', d: `M${f(mid)},${f(hubY)}C${f(mid + 30)},${f(hubY)} ${f(mid + 30)},${f(by)} ${f(toX - 7)},${f(by)}`, stroke: colour, sw: 2.2, dash: ink.dash });
        group.push(arrowHead(toX, by, 1, 0, 8, colour));
      }
      group.push(...symbolAt(mid, hubY));
    } else if (fromBoxes.length) {
      const ay = fromBoxes[0]!.y + fromBoxes[0]!.h / 2;
      group.push({ t: 'path', d: `M${f(fromX + L.cardWidth)},${f(ay)}H${f(mid - 9)}`, stroke: colour, sw: 2.2, dash: ink.dash });
      group.push(...symbolAt(mid, ay));
    } else if (toBoxes.length) {
      const by = toBoxes[0]!.y + toBoxes[0]!.h / 2;
      group.push({ t: 'path', d: `M${f(mid + 9)},${f(by)}H${f(toX - 7)}`, stroke: colour, sw: 2.2, dash: ink.dash });
      group.push(arrowHead(toX, by, 1, 0, 8, colour));
      group.push(...symbolAt(mid, by));
    }
    lines.push({ t: 'g', key: `change:${index}`, cls: 'change-line', data: { change: ch.kind, index: String(index) }, title: `${ink.label}: ${ch.rationale}`, children: group });

    notes.push({
      t: 'g',
      key: `rationale:${index}`,
      cls: 'rationale',
      x: rationaleX,
      y: top,
      data: { change: ch.kind, index: String(index), status: ch.status },
      children: [
        { t: 'rect', x: 0, y: 0, w: 4, h: noteH - 6, fill: colour },
        { t: 'text', x: 12, y: 12, lines: [`${ink.symbol} ${ink.label}${ch.status === 'proposed' ? ' (proposed)' : ''}`], size: 11, bold: true, fill: colour },
        { t: 'text', x: 12, y: 28, lines: rationale, size: 10.5, lh: 13.5, fill: INK.text },
        { t: 'text', x: 12, y: 28 + rationale.length * 13.5 + 2, lines: [evidenceLine], size: 9.5, italic: true, fill: INK.muted },
      ],
    });
    y = top + bandH + L.bandGap;
  });
  if (o.changes.length === 0) {
    children.push({ t: 'text', x: L.margin, y: y + 14, lines: ['No changes are mapped between these versions yet.'], size: 12, italic: true, fill: INK.muted });
    y += 30;
  }
  children.push({ t: 'g', key: 'lines', cls: 'lines', children: lines });
  children.push({ t: 'g', key: 'cards', cls: 'cards', children: cards });
  children.push({ t: 'g', key: 'notes', cls: 'notes', children: notes });

  // Legend: the six kinds, each with its line, symbol and count.
  y += 6;
  children.push({ t: 'rect', x: L.margin, y, w: width - 2 * L.margin, h: 0.8, fill: INK.rule });
  const legend: SceneNode[] = [{ t: 'text', x: 0, y: 0, lines: ['Legend'], size: 11, bold: true, fill: INK.text }];
  CHANGE_KINDS.forEach((k, i) => {
    const x = (i % 3) * 300;
    const ly = 20 + Math.floor(i / 3) * 22;
    const colour = changeColour(k, style);
    legend.push({ t: 'path', d: `M${x},${ly}h34`, stroke: colour, sw: 2.4, dash: CHANGE_INK[k].dash });
    legend.push({ t: 'circle', cx: x + 48, cy: ly, r: 8, fill: INK.page, stroke: colour, sw: 1.4 });
    legend.push({ t: 'text', x: x + 48, y: ly + 4, lines: [CHANGE_INK[k].symbol], size: 11, bold: true, anchor: 'middle', fill: colour });
    legend.push({ t: 'text', x: x + 62, y: ly + 4, lines: [`${CHANGE_INK[k].label} (${counts[k]})`], size: 10.5, fill: INK.text });
  });
  legend.push({ t: 'rect', x: 900, y: 14, w: 16, h: 12, rx: 2, fill: INK.page, stroke: INK.muted, sw: 1, dash: '4 3' });
  legend.push({ t: 'text', x: 922, y: 24, lines: ['dashed card: no evidence yet'], size: 10.5, fill: INK.text });
  children.push({ t: 'g', key: 'legend', cls: 'legend', x: L.margin, y: y + 18, children: legend });
  y += 18 + 20 + 2 * 22 + L.margin;

  return {
    width: Math.ceil(width),
    height: Math.ceil(y),
    title: `${o.title}: refinement from ${o.from.label} to ${o.to.label}`,
    description: `Refinement of the program theory from version "${o.from.label}" to "${o.to.label}": ${summary || 'no changes'}.`,
    background: INK.page,
    children,
  };
}
