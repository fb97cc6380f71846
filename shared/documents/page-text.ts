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

/** True for a character JavaScript's `\s` matches (white space and line terminators). */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** True when `s` holds a character CONTROL_CHARS removes (tested without a regex: most items have none). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 ? c !== 9 && c !== 10 : c === 127) return true;
  }
  return false;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * Numbers per item in a packed item list: offset, length, x, y, w, h (see PageItem). Packed
 * lists travel from the PDF workers as one transferable buffer and are stored as a flat JSON
 * array, instead of one object (repeating its string) per item: a third of the size.
 */
export const PACKED_ITEM_SIZE = 6;

/** A page's text and its items packed as numbers (see PACKED_ITEM_SIZE). */
export interface PackedPageText {
  text: string;
  packed: number[];
}

/**
 * The page's text (no trailing whitespace) and its items with offsets. Empty items only carry
 * line ends; whitespace-only items are kept unless the text already ends in whitespace.
 */
export function buildPageText(raw: readonly RawTextItem[]): PageText {
  const { text, packed } = buildPackedPageText(raw);
  return { text, items: unpackItems(text, packed) };
}

/**
 * buildPageText with the items packed (the form the PDF workers send and the project stores).
 * One pass, and the text is kept as a list of pieces with its length and last character at
 * hand: looking at the end of a growing concatenated string would flatten it at every item
 * (quadratic in the page's length; ~40% of this function on the 117-page fixture).
 */
export function buildPackedPageText(raw: readonly RawTextItem[]): PackedPageText {
  const out = new PageBuffer();
  let hasPrev = false;
  let px = 0;
  let py = 0;
  let pdx = 1;
  let pdy = 0;
  let pSize = 1;
  let pWidth = 0;
  let pendingEol = false;
  for (const item of raw) {
    // Control characters come from fonts without a Unicode map (glyph ids read as codes).
    let str = hasControl(item.str) ? item.str.replace(CONTROL_CHARS, '') : item.str;
    if (str === '') {
      if (item.hasEOL) pendingEol = true;
      continue;
    }
    const [a = 1, b = 0, c = 0, d = 1, x = 0, y = 0] = item.transform;
    const len = Math.hypot(a, b);
    const dx = len > 0 ? a / len : 1;
    const dy = len > 0 ? b / len : 0;
    const size = Math.hypot(c, d) || item.height || len || 1;
    if (hasPrev && out.length > 0) {
      const ex = x - px;
      const ey = y - py;
      const along = ex * pdx + ey * pdy;
      const across = -ex * pdy + ey * pdx;
      const big = Math.max(pSize, size);
      const newLine = pendingEol || Math.abs(across) > NEW_LINE_SHIFT * big || along < -big;
      if (newLine) {
        out.trimEnd();
        if (out.last !== 10) out.append('\n');
      } else if (along - pWidth > WORD_GAP * big && !isSpace(out.last) && !isSpace(str.charCodeAt(0))) {
        out.append(' ');
      }
    }
    pendingEol = !!item.hasEOL;
    const endsInSpace = out.length > 0 && isSpace(out.last);
    let keep = true;
    if (str.trim() === '') {
      if (out.length === 0 || endsInSpace) keep = false;
      else str = ' ';
    } else if (endsInSpace) {
      str = str.trimStart();
    }
    if (keep) {
      out.packed.push(out.length, str.length, round(x), round(y), round(item.width), round(item.height || size));
      out.append(str);
    }
    hasPrev = true;
    px = x;
    py = y;
    pdx = dx;
    pdy = dy;
    pSize = size;
    pWidth = item.width;
  }
  out.trimEnd();
  return { text: out.parts.join(''), packed: out.packed };
}

/** A page's text as it is built: pieces, total length, last character; and its packed items. */
class PageBuffer {
  readonly parts: string[] = [];
  readonly packed: number[] = [];
  length = 0;
  /** The last character's code, or -1 when empty. */
  last = -1;

  append(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    this.last = s.charCodeAt(s.length - 1);
  }

  /** Drops trailing whitespace, and cuts or drops the packed items that held it. */
  trimEnd(): void {
    if (!isSpace(this.last)) return;
    const parts = this.parts;
    while (parts.length > 0) {
      const piece = parts[parts.length - 1]!;
      let e = piece.length;
      while (e > 0 && isSpace(piece.charCodeAt(e - 1))) e--;
      this.length -= piece.length - e;
      if (e > 0) {
        parts[parts.length - 1] = piece.slice(0, e);
        break;
      }
      parts.pop();
    }
    const tail = parts[parts.length - 1];
    this.last = tail ? tail.charCodeAt(tail.length - 1) : -1;
    const packed = this.packed;
    const end = this.length;
    while (packed.length > 0) {
      const at = packed.length - PACKED_ITEM_SIZE;
      const offset = packed[at]!;
      if (offset >= end) packed.length = at;
      else {
        if (offset + packed[at + 1]! > end) packed[at + 1] = end - offset;
        break;
      }
    }
  }
}

/** Packed items (from buildPackedPageText or storage) as PageItem objects; `text` is their page's text. */
export function unpackItems(text: string, packed: ArrayLike<number>): PageItem[] {
  const items: PageItem[] = [];
  for (let i = 0; i + PACKED_ITEM_SIZE <= packed.length; i += PACKED_ITEM_SIZE) {
    const offset = packed[i]!;
    items.push({ str: text.slice(offset, offset + packed[i + 1]!), x: packed[i + 2]!, y: packed[i + 3]!, w: packed[i + 4]!, h: packed[i + 5]!, offset });
  }
  return items;
}

/**
 * A page's items as stored in `pages.items`: a flat JSON array of packed numbers (since this
 * version), or the older JSON array of item objects. Anything else, or unreadable JSON, gives
 * no items (a highlight then has no estimated rectangles, nothing worse).
 */
export function parseStoredItems(json: string | null, text: string): PageItem[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value) || value.length === 0) return [];
  if (typeof value[0] === 'number') return value.every((n) => typeof n === 'number') ? unpackItems(text, value as number[]) : [];
  return value.filter(
    (o): o is PageItem =>
      typeof o === 'object' && o !== null && typeof o.str === 'string' && typeof o.offset === 'number' &&
      typeof o.x === 'number' && typeof o.y === 'number' && typeof o.w === 'number' && typeof o.h === 'number',
  );
}
