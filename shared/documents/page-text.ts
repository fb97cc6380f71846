/**
 * Builds one page's text from the positioned text items a PDF library reports (pdf.js's
 * `getTextContent()`), keeping each item's position and where its string lands in the text, so
 * that a highlight (a range of the text) can later be turned back into rectangles on the page.
 *
 * Reading order: items are kept in content-stream order. Publishers' PDFs (including the
 * two-column BMC, Hindawi and Portland articles in the fixtures) draw a column top to bottom
 * before the next, so stream order is reading order; sorting items by y then x would instead
 * interleave the lines of two columns. Geometry only decides the separators: a line break
 * when the library flags the end of a line (`hasEOL`) or the baseline moves by more than half
 * a font size across the writing direction; a space when two items on one line are apart by
 * more than 15% of the font size and neither already brings one. The writing direction comes
 * from each item's own matrix, so text drawn rotated (and pages with /Rotate, whose items are
 * in unrotated page space) yield upright lines.
 *
 * Characters: the strings are kept as the library gives them. pdf.js already applies its
 * Unicode normalisation by default (ligatures such as U+FB01 become "fi"), which is also what
 * its text layer in the reader shows, so offsets agree between extraction and reader; full-text
 * search adds case and diacritic folding through the FTS5 tokenizer.
 */
import type { PageItem } from '../api/calls/documents';

/** One text item as pdf.js reports it (the fields we use). */
export interface RawTextItem {
  str: string;
  /** Text matrix [a, b, c, d, e, f]: (e, f) is the baseline origin in PDF points. */
  transform: readonly number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/** A page's text and its items, offsets counted in that text. */
export interface PageText {
  text: string;
  items: PageItem[];
}

/** A line break when the baseline moves across the writing direction by this many font sizes. */
const NEW_LINE_SHIFT = 0.5;
/** A space between two items of one line when the gap exceeds this many font sizes. */
const WORD_GAP = 0.15;

interface Placed {
  x: number;
  y: number;
  /** Unit vector of the writing direction. */
  dx: number;
  dy: number;
  size: number;
  width: number;
}

function place(item: RawTextItem): Placed {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
  const len = Math.hypot(a, b);
  const dx = len > 0 ? a / len : 1;
  const dy = len > 0 ? b / len : 0;
  const size = Math.hypot(c, d) || item.height || len || 1;
  return { x: e, y: f, dx, dy, size, width: item.width };
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * The page's text (no trailing whitespace) and its items with offsets. Empty items only carry
 * line ends; whitespace-only items are kept unless the text already ends in whitespace.
 */
export function buildPageText(raw: readonly RawTextItem[]): PageText {
  let text = '';
  const items: PageItem[] = [];
  let prev: Placed | null = null;
  let pendingEol = false;
  for (const rawItem of raw) {
    // Control characters come from fonts without a Unicode map (glyph ids read as codes).
    const item = { ...rawItem, str: rawItem.str.replace(CONTROL_CHARS, '') };
    if (item.str === '') {
      if (item.hasEOL) pendingEol = true;
      continue;
    }
    const here = place(item);
    if (prev && text.length > 0) {
      const ex = here.x - prev.x;
      const ey = here.y - prev.y;
      const along = ex * prev.dx + ey * prev.dy;
      const across = -ex * prev.dy + ey * prev.dx;
      const size = Math.max(prev.size, here.size);
      const newLine = pendingEol || Math.abs(across) > NEW_LINE_SHIFT * size || along < -size;
      if (newLine) {
        text = trimEnd(text, items);
        if (!text.endsWith('\n')) text += '\n';
      } else if (along - prev.width > WORD_GAP * size && !/\s$/.test(text) && !/^\s/.test(item.str)) {
        text += ' ';
      }
    }
    pendingEol = !!item.hasEOL;
    let str = item.str;
    if (/^\s+$/.test(str)) {
      if (text.length === 0 || /\s$/.test(text)) {
        prev = here;
        continue;
      }
      str = ' ';
    } else if (/\s$/.test(text)) {
      str = str.replace(/^\s+/, '');
    }
    items.push({ str, x: round(here.x), y: round(here.y), w: round(item.width), h: round(item.height || here.size), offset: text.length });
    text += str;
    prev = here;
  }
  return { text: trimEnd(text, items), items };
}

/** Drops trailing whitespace from `text`, and cuts or drops the items that held it. */
function trimEnd(text: string, items: PageItem[]): string {
  // Scan back from the end: a regex anchored at $ would rescan the growing page at every line.
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const trimmed = end === text.length ? text : text.slice(0, end);
  while (items.length > 0) {
    const last = items[items.length - 1]!;
    if (last.offset >= trimmed.length) items.pop();
    else {
      if (last.offset + last.str.length > trimmed.length) last.str = last.str.slice(0, trimmed.length - last.offset);
      break;
    }
  }
  return trimmed;
}
