/**
 * Part 3 of `npm run bench:agreement`: the span corpus of part 1 written into a real project
 * file (500 documents, 3 coders' layers, every span an excerpt with its coding), then the
 * project agreement report timed in its two halves: reading the layers from SQLite
 * (electron/services/agreement/read-project.ts, one query per table) and building the report
 * from what was read (shared/agreement/project-report.ts, the pure part). Reading should be a
 * small share of the whole; the ratio is printed next to the pure span report of part 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { SpansInput } from '../../shared/agreement/schema';
import { buildAgreementReport } from '../../shared/agreement/project-report';
import { readAgreementData } from '../../electron/services/agreement/read-project';
import { createCoder } from '../../electron/services/coders/coder-service';
import { ProjectStore } from '../../electron/services/store/project-store';

type Timer = (runs: number, fn: () => unknown) => { wall: number; cpu: number };

/** Writes `corpus` as a project and times reading and building its report. */
export function benchProjectReport(corpus: SpansInput, time: Timer, show: (t: { wall: number; cpu: number }) => string, pureMs: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realist-bench-agreement-project-'));
  try {
    const store = ProjectStore.open(path.join(dir, 'bench.realist'), { create: true });
    const started = process.hrtime.bigint();
    const coderIds = new Map<string, string>();
    for (const c of corpus.coders) {
      const coder = createCoder(store, { name: `Coder ${c}` });
      coderIds.set(c, coder.id);
      store.session.coderId ??= coder.id;
    }
    const codeIds = new Map<string, string>();
    const now = store.isoNow();
    store.act({ label: 'Bench corpus', verb: 'import', entityType: 'bench' }, () => {
      const db = store.db;
      const blob = db.prepare('INSERT INTO blobs (hash, size, mime, data, created_at) VALUES (?, ?, ?, ?, ?)');
      const doc = db.prepare(`INSERT INTO documents (id, kind, title, file_name, blob_hash, page_count, status, created_at, updated_at) VALUES (?, 'text', ?, ?, ?, 1, 'ok', ?, ?)`);
      const page = db.prepare('INSERT INTO pages (document_id, page_index, text, text_offset) VALUES (?, 0, ?, 0)');
      const code = db.prepare(`INSERT INTO codes (id, kind, name, created_at, updated_at) VALUES (?, 'context', ?, ?, ?)`);
      const excerpt = db.prepare(`INSERT INTO excerpts (id, document_id, coder_id, page_index, start, end, quote, sort_key, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?, '', ?, ?)`);
      const coding = db.prepare('INSERT INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, ?, ?)');
      const words = 'the case manager calls back the same day and patients trust her ';
      for (const d of corpus.documents) {
        const text = words.repeat(Math.ceil(d.length / words.length)).slice(0, d.length);
        const data = Buffer.from(`bench ${d.id}`);
        const hash = createHash('sha256').update(data).digest('hex');
        blob.run(hash, data.length, 'text/plain', data, now);
        const id = randomUUID();
        doc.run(id, d.id, `${d.id}.txt`, hash, now, now);
        page.run(id, text);
        for (const [coder, spans] of Object.entries(d.spans)) {
          for (const s of spans) {
            let codeId = codeIds.get(s.code);
            if (!codeId) {
              codeId = randomUUID();
              codeIds.set(s.code, codeId);
              code.run(codeId, s.code, now, now);
            }
            const e = randomUUID();
            excerpt.run(e, id, coderIds.get(coder)!, s.start, s.end, text.slice(s.start, s.end), now, now);
            coding.run(randomUUID(), e, codeId, coderIds.get(coder)!, now);
          }
        }
      }
    });
    console.log(`3. The same corpus as a project file (written in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s), report of all three coders`);
    const read = time(3, () => readAgreementData(store));
    const data = readAgreementData(store);
    const build = time(3, () => buildAgreementReport(data));
    const share = read.wall / (read.wall + build.wall);
    console.log(`   reading the layers (${data.spans.length.toLocaleString('en')} coded spans, ${data.documents.length} documents, one query per table): ${show(read)}`);
    console.log(`   building the report from them: ${show(build)} (the pure span report of part 1: ${pureMs.toFixed(0)} ms)`);
    console.log(`   reading is ${(share * 100).toFixed(0)}% of the whole — goal: not the bottleneck (under half): ${share < 0.5 ? 'met' : 'missed'}\n`);
    store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
