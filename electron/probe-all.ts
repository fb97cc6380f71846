import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { extractDocument } from './services/documents/document-service';
import { sharedPdfPool } from './services/documents/worker-pool';
const root = '/work/shared/fixtures/pdf';
const words = (t: string) => t.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
function overlap(a: string[], b: string[]) { const m = new Map<string, number>(); for (const w of b) m.set(w, (m.get(w) ?? 0) + 1); let c = 0; for (const w of a) { const n = m.get(w) ?? 0; if (n > 0) { c++; m.set(w, n - 1); } } return (2 * c) / (a.length + b.length || 1); }
(async () => {
  for (const dir of ['articles', 'derived', 'edge-cases']) for (const f of fs.readdirSync(path.join(root, dir))) {
    const file = path.join(root, dir, f);
    const r = await extractDocument('pdf', new Uint8Array(fs.readFileSync(file)));
    const ours = r.pages.map((p) => p.text).join('\n');
    let o1 = '', o2 = '';
    try { o1 = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch {}
    try { o2 = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch {}
    console.log(`${dir}/${f}`, r.status, r.pages.length, r.pages.map((p) => p.rotation).join(''), ours.length, 'raw', overlap(words(ours), words(o1)).toFixed(3), 'layout', overlap(words(ours), words(o2)).toFixed(3), (r.message ?? '').slice(0, 50));
  }
  await sharedPdfPool().close();
})();
