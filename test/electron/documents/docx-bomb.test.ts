/**
 * A Word zip bomb (a small .docx whose word/document.xml unpacks to 450 MB) used to exhaust the
 * heap and end the process. It is now refused before extraction with a message in words: by the
 * size the zip declares, and, when the zip lies about it, by counting while unpacking; mammoth
 * runs in a worker thread with memory and time limits. The bombs are generated here: one
 * compressed megabyte of XML, repeated (deflate blocks ending in a sync flush chain validly).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { DocumentService } from '../../../electron/services/documents/document-service';
import { extractDocxText } from '../../../electron/services/documents/docx-extract';
import { ProjectStore } from '../../../electron/services/store/project-store';
import { sharedPdfPool } from '../../../electron/services/documents/worker-pool';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
afterAll(() => sharedPdfPool().close());

/** One zip entry, deflated from `parts` (each repeated `times[i]` times), optionally declaring a false size. */
function entry(name: string, parts: Array<[Buffer, number]>): { name: Buffer; data: Buffer; crc: number; size: number } {
  const segments: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const [bytes, times] of parts) {
    const seg = zlib.deflateRawSync(bytes, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    for (let i = 0; i < times; i++) {
      segments.push(seg);
      crc = zlib.crc32(bytes, crc);
      size += bytes.length;
    }
  }
  segments.push(Buffer.from([0x03, 0x00])); // an empty final block ends the stream
  return { name: Buffer.from(name), data: Buffer.concat(segments), crc, size };
}

/** A zip of the entries; `declare` overrides the uncompressed size written for an entry. */
function zip(entries: ReturnType<typeof entry>[], declare: Record<string, number> = {}): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const size = declare[e.name.toString()] ?? e.size;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(e.name.length, 26);
    local.push(h, e.name, e.data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, e.name);
    offset += 30 + e.name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A .docx whose document.xml unpacks to about `mb` megabytes of paragraphs. */
function docxBomb(mb: number, declare?: number): Buffer {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
  const para = '<w:p><w:r><w:t>All work and no play makes Jack a dull boy. </w:t></w:r></w:p>';
  const block = Buffer.from(para.repeat(Math.floor((1024 * 1024) / para.length)));
  const tail = Buffer.from('</w:body></w:document>');
  const doc = entry('word/document.xml', [[head, 1], [block, mb], [tail, 1]]);
  return zip([entry('[Content_Types].xml', [[Buffer.from(CONTENT_TYPES), 1]]), entry('_rels/.rels', [[Buffer.from(RELS), 1]]), doc], declare === undefined ? {} : { 'word/document.xml': declare });
}

describe('a Word zip bomb', () => {
  it('is refused by its declared size, with a message, and nothing is stored', async () => {
    const bomb = docxBomb(450);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024); // small on disk...
    const dir = tempDir();
    const store = ProjectStore.open(path.join(dir, 'p.realist'), { create: true });
    try {
      const docs = new DocumentService(store);
      const heapBefore = process.memoryUsage().heapUsed;
      const r = await docs.attach([{ file: 'bomb.docx', read: async () => new Uint8Array(bomb) }]);
      expect(r.attached).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.message).toMatch(/word\/document\.xml would unpack to 45\d MB, more than the 64 MB/);
      expect(docs.list()).toEqual([]);
      // The main thread never held the unpacked text.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    } finally {
      store.close();
    }
  }, 60_000);

  it('is refused when its zip declares a false small size, by counting while unpacking', async () => {
    const liar = docxBomb(300, 4096);
    await expect(extractDocxText(new Uint8Array(liar))).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('word/document.xml unpacks to more than its zip directory declares'),
    });
  }, 60_000);

  it('makes realist text exit 1 with the reason', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bomb.docx');
    fs.writeFileSync(file, docxBomb(450));
    let err = '';
    const code = await main(['text', file], { out: () => {}, err: (t) => (err += t) });
    expect(code).toBe(1);
    expect(err).toContain('The Word file was refused');
    expect(err).toContain('[TOO_LARGE]');
  }, 60_000);

  it('leaves ordinary Word files readable, and stops a reader that runs out of time', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('Patient: the nurse calls me back the same day.')] }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    expect((await extractDocxText(bytes)).text.trim()).toBe('Patient: the nurse calls me back the same day.');
    // The generator makes real Word files: a small "bomb" reads as 1 MB of 77-byte paragraphs.
    const small = await extractDocxText(new Uint8Array(docxBomb(1)));
    expect(small.text.split('\n\n').filter((p) => p === 'All work and no play makes Jack a dull boy. ').length).toBe(Math.floor((1024 * 1024) / 77));
    await expect(extractDocxText(bytes, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('within 0.001 s') });
  }, 60_000);
});
