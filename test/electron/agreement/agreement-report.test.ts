/**
 * The agreement report of a real project file, through the one dispatcher, on the tiny
 * project of ./tiny-project.ts. Every expected value is worked out by hand below.
 *
 * Character counts per code and document ("both": both coders coded the character with the
 * code, "A", "B": only that coder, "none": neither):
 *   Trust  D1 (100): both 30 [10,40), A 10 [0,10), none 60      D2 (60): A 20, none 40
 *   Fewer  D1 (100): both 20 [60,80), none 80                   D2 (60): none 60
 *   Alone  D1 (100): none 100                                   D2 (60): B 20 [30,50), none 40
 *
 * Cohen's κ on characters = (po − pe) / (1 − pe), pe = pA·pB + (1 − pA)(1 − pB):
 *   Trust in D1: po = 90/100, pA = .4, pB = .3, pe = .12 + .42 = .54, κ = .36 / .46 = 18/23
 *   Trust pooled (160 characters): po = 130/160, pA = 60/160, pB = 30/160,
 *     pe = .375·.1875 + .625·.8125 = .578125, κ = .234375 / .421875 = 5/9
 *   Fewer pooled: po = 1, pA = pB = 20/160, κ = 1;  Alone pooled: po = 140/160, pA = 0, pB = 1/8, pe = 7/8, κ = 0
 *   Overall, character × code (480 units): both 50, A 30, B 20, none 380:
 *     po = 430/480 = 258/288, pA = 80/480, pB = 70/480, pe = (1/6)(7/48) + (5/6)(41/48) = 212/288,
 *     κ = (258 − 212) / (288 − 212) = 46/76 = 23/38 ≈ 0.6053
 *   D1 pooled over codes (300): both 50, A 10, none 240: po = 29/30, pe = .2·(1/6) + .8·(5/6) = 21/30, κ = 8/9
 *   D2 pooled over codes (180): A 20, B 20, none 140: po = 7/9, pe = 1/81 + 64/81, κ = (63 − 65)/(81 − 65) = −1/8
 * Codes applied per document (units code × document, "a" applied, "n" not):
 *   Trust D1 a/a, Trust D2 a/n, Fewer D1 a/a, Fewer D2 n/n, Alone D1 n/n, Alone D2 n/a:
 *   po = 4/6, pA = pB = 3/6, pe = .5, κ = (2/3 − 1/2)/(1/2) = 1/3
 * Segments at 90% overlap: A has 3 segments, B 3; only Fewer in D1 matches (Trust in D1 overlaps
 *   30/40 = 75%): 2/6.
 * CMOCs: A1 vs B1, Jaccard C = 1, M = 1, O = |{Fewer}| / |{Fewer, Alone}| = .5: matched, similarity 2.5/3.
 */
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp';
import { tinyProject } from './tiny-project';

const tempDir = useTempDir();

describe('agreement:project on a tiny project', () => {
  it('gives the hand-computed figures overall, per code, per document and per cell', async () => {
    const t = await tinyProject(tempDir());
    try {
      const r = await t.api.call('agreement:project', {});
      expect(r.coders.map((c) => c.name)).toEqual(['Reviewer A', 'Reviewer B']);
      expect(r.isPair).toBe(true);
      expect(r.scope).toEqual({ documents: 2, codes: 3, characters: 160, spans: [3, 3] });
      const overall = Object.fromEntries(r.overall.map((o) => [o.key, o.figure.value]));
      expect(overall.char_kappa).toBeCloseTo(23 / 38, 12);
      expect(overall.char_percent).toBeCloseTo(430 / 480, 12);
      expect(overall.doc_kappa).toBeCloseTo(1 / 3, 12);
      expect(overall.doc_percent).toBeCloseTo(4 / 6, 12);
      expect(overall.segments).toBeCloseTo(2 / 6, 12);
      expect(overall.cmoc_matched_share).toBe(1);
      expect(overall.cmoc_mean_similarity).toBeCloseTo(2.5 / 3, 12);

      // Codebook order: context, mechanism (response), outcome.
      expect(r.codes.map((c) => c.name)).toEqual(['Alone', 'Trust', 'Fewer visits']);
      const code = (name: string) => r.codes.find((c) => c.name === name)!;
      expect(code('Trust').charKappa.value).toBeCloseTo(5 / 9, 12);
      expect(code('Trust').charPercent.value).toBeCloseTo(130 / 160, 12);
      expect(code('Trust').docKappa.value).toBeCloseTo(0, 12);
      expect(code('Trust').spans).toEqual([2, 1]);
      expect(code('Fewer visits').charKappa.value).toBeCloseTo(1, 12);
      // A code only B used: κ = 0 (chance), defined; used in no document by A.
      expect(code('Alone').charKappa.value).toBeCloseTo(0, 12);
      expect(code('Alone').documents).toEqual([0, 1]);

      const [d1, d2] = r.documents;
      expect(d1).toMatchObject({ title: 'd1', length: 100, spans: [2, 2], disagreements: 1, reconciled: 0 });
      expect(d1!.charKappa.value).toBeCloseTo(8 / 9, 12);
      expect(d2!.charKappa.value).toBeCloseTo(-1 / 8, 12);

      // The heatmap: Alone × D1 is undefined with the library's reason, never 0.
      const cell = (codeName: string, doc: string) => {
        const i = r.heatmap.codeIds.indexOf(code(codeName).codeId) * r.heatmap.documentIds.length + r.heatmap.documentIds.indexOf(doc);
        return { kappa: r.heatmap.kappa[i], reason: r.heatmap.reasons[r.heatmap.reasonIndex[i]!] };
      };
      expect(cell('Trust', t.docs.d1).kappa).toBeCloseTo(18 / 23, 12);
      expect(cell('Alone', t.docs.d1)).toEqual({ kappa: null, reason: 'no coder applied the code, so every character is "not coded" by everyone (0/0)' });

      // Disagreements, largest first: two of 20 characters in D2, then D1's boundaries (10).
      expect(r.disagreements.map((d) => [d.kind, d.size, d.start, d.end])).toEqual([
        ['only-a', 20, 0, 20],
        ['only-b', 20, 30, 50],
        ['boundaries', 10, 0, 40],
      ]);
      expect(r.disagreements[2]).toMatchObject({ documentId: t.docs.d1, quote: 'The nurse calls me back on the same day.', a: { codeIds: [t.codes.trust] }, b: { codeIds: [t.codes.trust] }, decision: null });
      expect(r.disagreementCount).toEqual({ total: 3, reconciled: 0, listed: 3, agreedPassages: 1 });
      expect(r.cmoc.items.map((x) => [x.kind, x.a?.label, x.b?.label])).toEqual([['similar', 'A1', 'B1']]);
    } finally {
      t.api.close();
    }
  });

  it('refuses fewer than two coders with work, and names an unknown coder', async () => {
    const t = await tinyProject(tempDir());
    try {
      await expect(t.api.call('agreement:project', { coders: [t.coders.a, 'nobody'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(t.api.call('agreement:project', { coders: [t.coders.a, t.coders.a] })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('listed twice') });
      // With the lead compared too (no work): three coders; pair-only figures are given per pair.
      const three = await t.api.call('agreement:project', { coders: [t.coders.a, t.coders.b, t.coders.lead] });
      expect(three.isPair).toBe(false);
      expect(three.disagreements).toEqual([]);
      expect(three.overall.map((o) => o.key)).toEqual(['char_kappa', 'char_percent', 'char_alpha', 'u_alpha', 'u_alpha_binary', 'doc_kappa', 'doc_percent', 'doc_alpha']);
      expect(three.cmoc.pairs.map((p) => [p.both, p.onlyA, p.onlyB])).toEqual([
        [1, 0, 0],
        [0, 1, 0],
        [0, 1, 0],
      ]);
      // The lead coded nothing: for them every character is "not coded", and Conger's κ stays defined.
      const trust = three.codes.find((c) => c.name === 'Trust')!;
      expect(trust.spans).toEqual([2, 1, 0]);
      expect(trust.charKappa.value).toEqual(expect.any(Number));
    } finally {
      t.api.close();
    }
  });

  it('exports the same numbers as CSV and as a self-contained HTML page', async () => {
    const t = await tinyProject(tempDir());
    try {
      const csv = await t.api.call('agreement:export', { format: 'csv' });
      expect(csv.fileName).toBe('Tiny - agreement Reviewer A vs Reviewer B.csv');
      expect(csv.mime).toBe('text/csv');
      const lines = csv.content.replace(/^\ufeff/, '').split('\r\n');
      expect(lines[0]).toBe('section,code,document,statistic,unit,value,undefined_reason,start,end,coder_a_codes,coder_b_codes,quote,status');
      expect(lines).toContain(`overall,,,Cohen's κ on characters,"character × code, pooled over every document",${Math.round((23 / 38) * 1e6) / 1e6},,,,,,,`);
      expect(lines).toContain('code_by_document,Alone,d1,"Cohen\'s κ, characters","character, pooled over documents",,"no coder applied the code, so every character is ""not coded"" by everyone (0/0)",,,,,,');
      expect(lines).toContain('disagreement,,d1,different boundaries,characters in disagreement,10,,0,40,Trust,Trust,The nurse calls me back on the same day.,open');
      expect(csv.bytes).toBe(Buffer.byteLength(csv.content, 'utf8'));

      const html = await t.api.call('agreement:export', { format: 'html' });
      expect(html.fileName).toBe('Tiny - agreement Reviewer A vs Reviewer B.html');
      expect(html.content).toMatch(/^<!doctype html>/);
      expect(html.content).not.toMatch(/<script|<link|src=|href=/i);
      expect(html.content).toContain('<svg');
      expect(html.content).toContain('<td class="num">0.605</td>');
      expect(html.content).toContain('undefined: no coder applied the code, so every character is &quot;not coded&quot; by everyone (0/0)');
    } finally {
      t.api.close();
    }
  });

  it('reads the project with the same number of queries whatever the number of documents', async () => {
    const t = await tinyProject(tempDir());
    try {
      const db = t.api.store!.db;
      const count = async () => {
        const real = db.prepare.bind(db);
        let n = 0;
        db.prepare = ((sql: string) => {
          n++;
          return real(sql);
        }) as typeof db.prepare;
        try {
          await t.api.call('agreement:project', {});
        } finally {
          db.prepare = real;
        }
        return n;
      };
      const before = await count();
      // Ten more documents, each coded by both reviewers.
      const files = Array.from({ length: 10 }, (_, i) => ({ name: `more-${i}.txt`, contentBase64: Buffer.from(`Extra document ${i} about trust in the nurse.`).toString('base64') }));
      const attached = await t.api.call('documents:attach', { files });
      for (const who of ['Reviewer A', 'Reviewer B']) {
        await t.api.call('session:setCoder', { name: who });
        for (const d of attached.attached) {
          const h = await t.api.call('excerpts:highlightQuote', { documentId: d.documentId, quote: 'trust in the nurse' });
          await t.api.call('codings:add', { excerptId: h.excerptId, codeId: t.codes.trust });
        }
      }
      const report = await t.api.call('agreement:project', {});
      expect(report.scope.documents).toBe(12);
      expect(await count()).toBe(before);
      // One query per table read (settings; coders, documents and codes by rowid; codings with their excerpts; CMOC layers; coders; pages;
      // documents; codes; CMOCs; their codes; decisions) and one for the quotes.
      expect(before).toBeLessThanOrEqual(16);
    } finally {
      t.api.close();
    }
  });
});
