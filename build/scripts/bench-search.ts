/**
 * `npm run bench:search`: the one search box (`search:all`) on a project the size a large
 * realist review reaches: 1,000 documents, 20,000 excerpts, 5,000 records,
 * 600 codes, 300 CMOCs and 1,000 memos. (Each generated transcript, about 13,000 characters, is stored
 * as one page.) Goal: results grouped by kind within 50 ms.
 * Not a test: it prints the median and the slowest of 30 runs per query, and the share of the
 * full-text (FTS5) and short-field (fuse.js) parts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { searchAll } from '../../electron/services/coding/search';
import { DocumentService } from '../../electron/services/documents/document-service';
import { ProjectStore } from '../../electron/services/store/project-store';
import { createCoder } from '../../electron/services/coders/coder-service';
import { samplePages } from '../../test/helpers/text-pdf';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function build(store: ProjectStore): void {
  const docs = new DocumentService(store);
  const now = store.isoNow();
  const coder = createCoder(store, { name: 'Reviewer A' }).id;
  store.session.coderId = coder;
  const words = samplePages(1, 400, 99)[0]!.join(' ').split(/\s+/);
  const phrase = (i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 13) % words.length]).join(' ');
  store.act({ label: 'Benchmark data', verb: 'setup', entityType: 'project' }, () => {
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const pages = samplePages(5, 30, i + 1).map((lines) => lines.join('\n'));
      ids.push(docs.addTextDocument({ fileName: `doc-${i}.txt`, kind: 'text', text: pages.join('\n\n') }));
    }
    const pageText = store.db.prepare('SELECT text, text_offset FROM pages WHERE document_id = ? AND page_index = ?');
    const excerpt = store.db.prepare(
      `INSERT INTO excerpts (id, document_id, coder_id, page_index, start, end, quote, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < 20_000; i++) {
      const docId = ids[i % 1000]!;
      // A transcript this size is one stored page (text documents are split at 40,000 characters).
      const pageIndex = 0;
      const page = pageText.get(docId, pageIndex) as { text: string; text_offset: number };
      const from = (i * 37) % Math.max(1, page.text.length - 200);
      const quote = page.text.slice(from, from + 80 + (i % 120));
      excerpt.run(randomUUID(), docId, coder, pageIndex, page.text_offset + from, page.text_offset + from + quote.length, quote, now, now);
    }
    const record = store.db.prepare('INSERT INTO records (id, title, abstract, authors, year, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 5000; i++) record.run(randomUUID(), phrase(i, 10), phrase(i + 1, 120), JSON.stringify([{ family: `Author${i}`, given: 'A' }]), 1990 + (i % 35), now, now);
    const code = store.db.prepare("INSERT INTO codes (id, kind, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    const kinds = ['context', 'mechanism-resource', 'mechanism-response', 'outcome'];
    for (let i = 0; i < 600; i++) code.run(randomUUID(), kinds[i % 4], `${phrase(i, 3)} ${i}`, phrase(i + 3, 25), now, now);
    const cmoc = store.db.prepare('INSERT INTO cmocs (id, label, statement, coder_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 300; i++) cmoc.run(randomUUID(), `CMOC ${i + 1}`, `If ${phrase(i, 6)}, then ${phrase(i + 5, 4)}, because ${phrase(i + 9, 8)}.`, coder, now, now);
    const memo = store.db.prepare("INSERT INTO memos (id, target_type, target_id, coder_id, body, created_at, updated_at) VALUES (?, 'project', NULL, ?, ?, ?, ?)");
    for (let i = 0; i < 1000; i++) memo.run(randomUUID(), coder, phrase(i + 11, 60), now, now);
  });
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-bench-search-'));
  const store = ProjectStore.open(path.join(dir, 'bench.realist'), { create: true });
  try {
    let t = process.hrtime.bigint();
    build(store);
    const c = store.counts();
    console.log(`Project: ${c.documents} documents, ${c.excerpts} excerpts, ${c.records} records, ${c.codes} codes, ${c.cmocs} CMOCs (built in ${(ms(t) / 1000).toFixed(1)} s)\n`);
    console.log('| query | median ms | slowest ms | hits (records/pages/excerpts/codes/CMOCs/memos) | goal |');
    console.log('|---|---|---|---|---|');
    for (const query of ['trust', 'case manager', 'pharmacy housing', 'telephone follow', 'relationship nurse trust outcome']) {
      const times: number[] = [];
      let last = searchAll(store, query, 20);
      for (let i = 0; i < 30; i++) {
        t = process.hrtime.bigint();
        last = searchAll(store, query, 20);
        times.push(ms(t));
      }
      const hits = [last.record, last.page, last.excerpt, last.code, last.cmoc, last.memo].map((g) => g.length).join('/');
      console.log(`| "${query}" | ${median(times).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${hits} | ${median(times) <= 50 ? 'met' : 'missed'} (≤ 50 ms) |`);
    }
  } finally {
    store.close();
    if (process.env.KEEP_BENCH_PROJECT) console.log(`\nProject kept at ${path.join(dir, 'bench.realist')}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
