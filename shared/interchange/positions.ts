/**
 * REFI-QDA text positions count Unicode code points; JavaScript strings count UTF-16 units. The
 * two differ only after a character outside the Basic Multilingual Plane (an emoji, some CJK
 * extensions), where one code point is two units: converting keeps such texts' selections right.
 */

/** The code point position of UTF-16 offset `offset` in `text` (an offset inside a pair counts the pair as passed). */
export function toCodePoints(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The low half of a pair was already counted with its high half.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1))) continue;
    points++;
  }
  return points + Math.max(0, offset - text.length);
}

/** The UTF-16 offset of code point position `points` in `text` (past the end: the end plus the rest). */
export function fromCodePoints(text: string, points: number): number {
  let i = 0;
  let n = 0;
  while (n < points && i < text.length) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length ? 2 : 1;
    n++;
  }
  return i + (points - n);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
