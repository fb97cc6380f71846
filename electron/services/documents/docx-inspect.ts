/**
 * A Word file is a zip, and a zip can be a bomb: 1.6 MB on disk that unpacks to a 450 MB
 * `word/document.xml` used to exhaust the heap and end the process. Before mammoth sees a
 * .docx, the parts it reads (the XML parts and their relationships) are checked:
 *  1. by what the zip's central directory declares (APPNOTE.TXT 4.3.12: each entry's
 *     uncompressed size), against MAX_PART_BYTES for one part and MAX_XML_BYTES for all;
 *  2. by inflating each of them with a running count that stops at the declared size or the
 *     limit, whichever is smaller, since a crafted zip can declare small sizes and inflate to
 *     gigabytes. Entries are found through the central directory, as mammoth's zip reader
 *     (JSZip) finds them, so the bytes checked are the bytes it will read.
 * Media parts (images) are not read by raw-text extraction and are not limited here. Zip64
 * entries are refused: Word writes them only past 4 GB.
 *
 * Runs in the docx worker thread (./docx-worker.ts), which also has a heap limit and a time
 * limit as a last line of defence.
 */
import { Inflate } from 'fflate';

/** One XML part of a .docx may unpack to this much: the text of a few thousand pages. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** All the XML parts together. */
export const MAX_XML_BYTES = 128 * 1024 * 1024;
/** Entries in one zip: a Word file has a few dozen. */
const MAX_ENTRIES = 10_000;

/** Why a .docx was refused, in words for the user. */
export class DocxRefused extends Error {}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The entries of the zip's central directory. Throws DocxRefused when it cannot be read. */
export function zipEntries(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DocxRefused('it is not a Word file (no zip directory found)');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new DocxRefused('it is a Zip64 archive, which Word does not write for documents');
  if (count > MAX_ENTRIES) throw new DocxRefused(`its zip holds ${count} entries; a Word file has a few dozen`);
  if (cdOffset + cdSize > bytes.length) throw new DocxRefused('its zip directory is cut off (the file is truncated)');
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new DocxRefused('its zip directory is damaged');
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const entry: Entry = {
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw new DocxRefused('it is a Zip64 archive, which Word does not write for documents');
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The parts raw-text extraction reads: every XML part and relationship file. */
function isTextPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

/** Inflates (or counts, when stored) one entry's data, stopping past `limit` bytes; returns its real size. */
function measure(bytes: Uint8Array, entry: Entry, limit: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new DocxRefused(`its part ${entry.name} is damaged`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
  if (entry.method === 0) return data.length;
  if (entry.method !== 8) throw new DocxRefused(`its part ${entry.name} uses a compression Word does not write (method ${entry.method})`);
  let size = 0;
  let over = false;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > limit) over = true;
  });
  const STEP = 64 * 1024;
  try {
    for (let i = 0; i < data.length && !over; i += STEP) inflate.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  } catch {
    throw new DocxRefused(`its part ${entry.name} is damaged (it does not unpack)`);
  }
  return size;
}

/**
 * Checks a .docx before extraction (see the module comment). Throws DocxRefused with the
 * reason; returns the unpacked size of its text parts when it is safe.
 */
export function inspectDocx(bytes: Uint8Array): number {
  const parts = zipEntries(bytes).filter((e) => isTextPart(e.name));
  let declared = 0;
  for (const e of parts) {
    if (e.size > MAX_PART_BYTES) {
      throw new DocxRefused(`its part ${e.name} would unpack to ${mb(e.size)}, more than the ${mb(MAX_PART_BYTES)} a Word document's text may take (a "zip bomb"?)`);
    }
    declared += e.size;
  }
  if (declared > MAX_XML_BYTES) throw new DocxRefused(`its text would unpack to ${mb(declared)}, more than the ${mb(MAX_XML_BYTES)} a Word document may take (a "zip bomb"?)`);
  let actual = 0;
  for (const e of parts) {
    const real = measure(bytes, e, Math.min(e.size, MAX_PART_BYTES));
    if (real > e.size) throw new DocxRefused(`its part ${e.name} unpacks to more than its zip directory declares (${mb(e.size)}): it is damaged or built to exhaust memory`);
    actual += real;
  }
  return actual;
}
