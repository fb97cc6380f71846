/**
 * The two shapes reliability data take before any coefficient is computed:
 *
 *  - a `RatingMatrix`: units × coders, each cell the index of a category or −1 (missing).
 *    Coder identity is kept, so two-coder and coder-pair statistics (Cohen, Scott, Light,
 *    Conger) can be computed.
 *  - a `CountTable`: units × categories, each cell how many coders put the unit in that
 *    category (Fleiss' 1971 layout). Coder identity is gone; Fleiss' κ, Gwet's AC1,
 *    Brennan–Prediger, percent agreement and Krippendorff's α only need this.
 *
 * Categories are kept in one order: the declared list when given (its positions space the
 * weights of weighted κ and rank the values of ordinal α), else numbers ascending when every
 * value is a number, else the order of first appearance (fine for nominal statistics, which
 * ignore order). Typed arrays keep 100,000 units cheap.
 */

/** One coder's value for one unit; null is "not coded". */
export type RatingValue = string | number | null;
/** A category label as declared or observed. */
export type Category = string | number;

export interface RatingMatrix {
  unitCount: number;
  coderCount: number;
  /** Row-major units × coders; the category index, or −1 when the coder did not code the unit. */
  cells: Int32Array;
  /** Categories in their order (see the module comment). */
  categories: Category[];
  /** True when `categories` is the declared list (Gwet's AC1 and Brennan–Prediger then use its size). */
  declared: boolean;
}

/**
 * Units × categories counts, stored sparsely (only the categories a unit received), so that
 * 1,000 declared categories on 100,000 units cost no more than the ratings themselves.
 * Unit u's entries are `cats[j]`, `counts[j]` for j in [offsets[u], offsets[u + 1]);
 * `totals[u]` is its number of ratings.
 */
export interface CountTable {
  unitCount: number;
  categories: Category[];
  declared: boolean;
  offsets: Int32Array;
  cats: Int32Array;
  counts: Float64Array;
  totals: Float64Array;
}

/** Thrown for data that cannot be read as reliability data; the message is for people. */
export class AgreementDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementDataError';
  }
}

/**
 * Reads `ratings` (one row per unit, one value per coder, null = missing) into a matrix.
 * A value outside the declared `categories` is an error, never silently dropped.
 */
export function toRatingMatrix(ratings: readonly (readonly RatingValue[])[], coderCount: number, categories?: readonly Category[]): RatingMatrix {
  const unitCount = ratings.length;
  const declared = !!categories && categories.length > 0;
  const order: Category[] = declared ? [...categories] : [];
  const index = new Map<Category, number>();
  order.forEach((c, i) => {
    if (index.has(c)) throw new AgreementDataError(`The category ${JSON.stringify(c)} is declared twice.`);
    index.set(c, i);
  });
  const cells = new Int32Array(unitCount * coderCount);
  for (let u = 0; u < unitCount; u++) {
    const row = ratings[u]!;
    if (row.length !== coderCount) {
      throw new AgreementDataError(`Unit ${u + 1} has ${row.length} values but there are ${coderCount} coders.`);
    }
    for (let i = 0; i < coderCount; i++) {
      const v = row[i]!;
      if (v === null) {
        cells[u * coderCount + i] = -1;
        continue;
      }
      let k = index.get(v);
      if (k === undefined) {
        if (declared) throw new AgreementDataError(`Unit ${u + 1}, coder ${i + 1}: the value ${JSON.stringify(v)} is not one of the declared categories.`);
        k = order.length;
        order.push(v);
        index.set(v, k);
      }
      cells[u * coderCount + i] = k;
    }
  }
  // Undeclared numbers are ordered by value (first appearance is kept for text).
  if (!declared && order.length > 1 && order.every((c) => typeof c === 'number')) {
    const sorted = (order as number[]).map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const rank = new Int32Array(order.length);
    sorted.forEach(([, i], r) => (rank[i] = r));
    for (let x = 0; x < cells.length; x++) if (cells[x]! >= 0) cells[x] = rank[cells[x]!]!;
    order.splice(0, order.length, ...sorted.map(([v]) => v));
  }
  return { unitCount, coderCount, cells, categories: order, declared };
}

/**
 * Builds a sparse table from a callback that lists each unit's (category, count) pairs;
 * `merge` adds up repeated categories of a unit (one pair per rating).
 */
function buildTable(unitCount: number, categories: Category[], declared: boolean, capacity: number, merge: boolean, fill: (u: number, add: (k: number, n: number) => void) => void): CountTable {
  const offsets = new Int32Array(unitCount + 1);
  let cats = new Int32Array(Math.max(16, capacity));
  let counts = new Float64Array(cats.length);
  const totals = new Float64Array(unitCount);
  let nnz = 0;
  let unitStart = 0;
  const add = (k: number, n: number) => {
    for (let j = merge ? unitStart : nnz; j < nnz; j++) {
      if (cats[j] === k) {
        counts[j]! += n;
        return;
      }
    }
    if (nnz === cats.length) {
      const grownCats = new Int32Array(cats.length * 2);
      grownCats.set(cats);
      cats = grownCats;
      const grownCounts = new Float64Array(counts.length * 2);
      grownCounts.set(counts);
      counts = grownCounts;
    }
    cats[nnz] = k;
    counts[nnz] = n;
    nnz++;
  };
  for (let u = 0; u < unitCount; u++) {
    unitStart = nnz;
    offsets[u] = nnz;
    fill(u, add);
    let total = 0;
    for (let j = unitStart; j < nnz; j++) total += counts[j]!;
    totals[u] = total;
  }
  offsets[unitCount] = nnz;
  return { unitCount, categories, declared, offsets, cats: cats.subarray(0, nnz), counts: counts.subarray(0, nnz), totals };
}

/** The units × categories count table of a rating matrix (Fleiss' layout). */
export function toCountTable(m: RatingMatrix): CountTable {
  const r = m.coderCount;
  return buildTable(m.unitCount, m.categories, m.declared, m.unitCount * Math.min(r, 4), true, (u, add) => {
    for (let i = 0; i < r; i++) {
      const k = m.cells[u * r + i]!;
      if (k >= 0) add(k, 1);
    }
  });
}

/** A count table from rows of counts (one row per unit, one count per category). */
export function countTableFrom(rows: readonly (readonly number[])[], categories: readonly Category[]): CountTable {
  const q = categories.length;
  return buildTable(rows.length, [...categories], true, rows.length * Math.min(q, 4), false, (u, add) => {
    const row = rows[u]!;
    if (row.length !== q) throw new AgreementDataError(`Unit ${u + 1} has ${row.length} counts but there are ${q} categories.`);
    for (let k = 0; k < q; k++) {
      const n = row[k]!;
      if (!Number.isInteger(n) || n < 0) throw new AgreementDataError(`Unit ${u + 1}: the count ${n} is not a whole number of coders.`);
      if (n > 0) add(k, n);
    }
  });
}
