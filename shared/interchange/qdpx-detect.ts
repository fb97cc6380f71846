/**
 * Telling a REFI-QDA project archive from other files by content, not name: a zip (local file
 * header magic "PK\3\4") whose central directory names a `.qde` file. Reads only the zip's
 * directory (end record, then the entries' names), so a large archive costs no inflation.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** True when `bytes` start like a zip (the first test; cheap enough to run on a file's first 4 bytes). */
export function isZipStart(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The names in a zip's central directory (empty when `bytes` is not a readable zip). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 22 + 65535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    if (view.getUint32(at, true) !== CENTRAL) break;
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** True when `bytes` are a zip holding a `.qde` file: a REFI-QDA project archive, whatever its name. */
export function isQdpx(bytes: Uint8Array): boolean {
  return isZipStart(bytes) && zipEntryNames(bytes).some((n) => /\.qde$/i.test(n));
}
