/**
 * Reliability data generated from a fixed seed, for checking our statistics against reference
 * implementations run outside the project (NLTK, scikit-learn, statsmodels, R psych). The
 * generator (shared/agreement/prng.ts) is deterministic, so the tests rebuild exactly the data
 * the references were run on. To see or re-run the data:
 *
 *   npx tsx -e "console.log(JSON.stringify(require('./test/shared/agreement/reference-data.ts').referenceData()))" > /tmp/reference-data.json
 *
 * and feed /tmp/reference-data.json to the Python and R snippets quoted beside each test.
 */
import { seededRandom, type Random } from '../../../shared/agreement/prng';

type Value = string | number | null;

/** `units` units rated by `coders` coders: a true category per unit, each coder keeps it with probability `keep`. */
function ratings(random: Random, units: number, coders: number, categories: readonly (string | number)[], keep: number, missing = 0): Value[][] {
  const rows: Value[][] = [];
  for (let u = 0; u < units; u++) {
    const truth = random.int(categories.length);
    const row: Value[] = [];
    for (let i = 0; i < coders; i++) {
      if (missing > 0 && random.next() < missing) {
        row.push(null);
        continue;
      }
      row.push(categories[random.next() < keep ? truth : random.int(categories.length)]!);
    }
    rows.push(row);
  }
  return rows;
}

/** Likert ratings: a true score 1..5, each coder off by −1, 0 or +1 (clamped). */
function likert(random: Random, units: number, coders: number): number[][] {
  const rows: number[][] = [];
  for (let u = 0; u < units; u++) {
    const truth = 1 + random.int(5);
    const row: number[] = [];
    for (let i = 0; i < coders; i++) {
      const r = random.next();
      const v = truth + (r < 0.2 ? -1 : r > 0.8 ? 1 : 0);
      row.push(Math.min(5, Math.max(1, v)));
    }
    rows.push(row);
  }
  return rows;
}

/** Counts for a Fleiss layout: 6 raters per unit over 4 categories. */
function counts(random: Random, units: number): number[][] {
  const rows: number[][] = [];
  for (let u = 0; u < units; u++) {
    const truth = random.int(4);
    const row = [0, 0, 0, 0];
    for (let i = 0; i < 6; i++) row[random.next() < 0.6 ? truth : random.int(4)]! += 1;
    rows.push(row);
  }
  return rows;
}

export interface GeneratedSpanDocument {
  id: string;
  length: number;
  spans: Record<string, { start: number; end: number; code: string }[]>;
}

/** Two or three coders highlighting two codes in a few short documents (some spans shifted, some missing). */
function spanCorpus(random: Random, coders: readonly string[], documents: number): GeneratedSpanDocument[] {
  const docs: GeneratedSpanDocument[] = [];
  for (let d = 0; d < documents; d++) {
    const length = 300 + random.int(300);
    const spans: GeneratedSpanDocument['spans'] = {};
    for (const c of coders) spans[c] = [];
    for (const code of ['trust', 'access']) {
      const n = 2 + random.int(4);
      for (let k = 0; k < n; k++) {
        const start = random.int(length - 40);
        const end = start + 5 + random.int(35);
        for (const c of coders) {
          if (random.next() < 0.2) continue; // this coder missed the passage
          const s = Math.max(0, start + random.int(9) - 4);
          const e = Math.min(length, end + random.int(9) - 4);
          if (e > s) spans[c]!.push({ start: s, end: e, code });
        }
      }
    }
    docs.push({ id: `doc-${d + 1}`, length, spans });
  }
  return docs;
}

/** Every generated data set, always the same. */
export function referenceData() {
  const random = seededRandom(20261122);
  return {
    /** 200 units, 2 coders, 4 nominal categories, complete. */
    nominal2: ratings(random, 200, 2, ['a', 'b', 'c', 'd'], 0.7),
    /** 150 units, 2 coders, Likert 1–5, complete. */
    likert2: likert(random, 150, 2),
    /** 120 units, 3 coders, 3 nominal categories, complete. */
    nominal3: ratings(random, 120, 3, ['x', 'y', 'z'], 0.65),
    /** 100 units, 4 coders, values 1–5, about 20% missing. */
    missing4: ratings(random, 100, 4, [1, 2, 3, 4, 5], 0.6, 0.2),
    /** 80 units × 4 categories, 6 raters each (Fleiss layout). */
    counts6: counts(random, 80),
    /** Two coders, four documents, two codes. */
    spans2: spanCorpus(random, ['A', 'B'], 4),
  };
}
