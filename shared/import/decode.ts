/**
 * Bytes -> text for imported files. Exports come as UTF-8 (with or without a BOM), as UTF-16
 * (Windows tools, some EndNote versions) and, from older tools, as Windows-1252. The order of
 * tests follows certainty: a BOM is proof; NUL bytes in every other position are near-proof of
 * UTF-16 (bibliographic text is mostly ASCII); then strict UTF-8, which random Windows-1252 text
 * with accented letters almost never passes; and Windows-1252 as the fallback, because it maps
 * every byte (a superset of Latin-1 for text, so a Latin-1 file decodes the same).
 */

/** The standard WHATWG decoder; declared here because shared/ compiles without the DOM library. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => { decode(input: Uint8Array): string };

/** Which encoding a file was read as, so the import summary can say so. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A file's text and how it was read (the import summary reports the encoding). */
export interface DecodedText {
  /** The text without a byte order mark. */
  text: string;
  encoding: TextEncodingName;
  /** True when the file started with a byte order mark. */
  bom: boolean;
}

/** How many leading bytes the UTF-16 NUL-pattern test looks at. */
const NUL_SAMPLE = 4096;

/** Decodes a file's bytes (see the module comment for the order of guesses). Never throws. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeAs('utf-8', bytes.subarray(3)) ?? decodeAs('windows-1252', bytes.subarray(3))!, encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeAs('utf-16le', bytes.subarray(2), false)!, encoding: 'utf-16le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeAs('utf-16be', bytes.subarray(2), false)!, encoding: 'utf-16be', bom: true };
  const utf16 = utf16ByNulPattern(bytes);
  if (utf16) return { text: decodeAs(utf16, bytes, false)!, encoding: utf16, bom: false };
  const utf8 = decodeAs('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', bom: false };
  return { text: fixC1(decodeAs('windows-1252', bytes, false)!), encoding: 'windows-1252', bom: false };
}

/**
 * Windows-1252 characters for bytes 0x80-0x9F (undefined bytes 81, 8D, 8F, 90, 9D stay as
 * they are, as the WHATWG encoding standard maps them). Applied after decoding because Node 20's
 * TextDecoder decodes the `windows-1252` label as ISO-8859-1, giving C1 controls where the file
 * has curly quotes, dashes and the euro sign; a browser's decoder already gets them right, and
 * then this changes nothing.
 */
const WINDOWS_1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80));
}

/** Decodes with a fatal decoder (null when the bytes are invalid), keeping any BOM out of the way ourselves. */
function decodeAs(label: string, bytes: Uint8Array, fatal = true): string | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a BOM: in mostly-ASCII text every other byte is NUL (the high byte of LE pairs
 * at odd offsets, of BE pairs at even ones). Demands a clear majority in a sample, and no NULs
 * on the other side, so binary junk is not taken for text.
 */
function utf16ByNulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, NUL_SAMPLE) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.6 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.6 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}
