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

export interface CountTable {
  unitCount: number;
  categories: Category[];
  declared: boolean;
  /** Row-major units × categories: how many coders put the unit in each category. */
  counts: Float64Array;
}

/** Thrown for data that cannot be read as reliability data; the message is for people. */
export class AgreementDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementDataError';
  }
}

function observedOrder(values: Iterable<Category>): Category[] {
  const seen = new Set<Category>();
  for (const v of values) seen.add(v);
  const list = [...seen];
  if (list.every((v) => typeof v === 'number')) return (list as number[]).sort((a, b) => a - b);
  return list;
}

/**
 * Reads `ratings` (one row per unit, one value per coder, null = missing) into a matrix.
 * A value outside the declared `categories` is an error, never silently dropped.
 */
export function toRatingMatrix(ratings: readonly (readonly RatingValue[])[], coderCount: number, categories?: readonly Category[]): RatingMatrix {
  const unitCount = ratings.length;
  let order: Category[];
  if (categories && categories.length > 0) {
    order = [...categories];
  } else {
    order = observedOrder(
      (function* () {
        for (const row of ratings) for (const v of row) if (v !== null) yield v;
      })(),
    );
  }
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
      const k = index.get(v);
      if (k === undefined) {
        throw new AgreementDataError(`Unit ${u + 1}, coder ${i + 1}: the value ${JSON.stringify(v)} is not one of the declared categories.`);
      }
      cells[u * coderCount + i] = k;
    }
  }
  return { unitCount, coderCount, cells, categories: order, declared: !!categories && categories.length > 0 };
}

/** The units × categories count table of a rating matrix (Fleiss' layout). */
export function toCountTable(m: RatingMatrix): CountTable {
  const q = m.categories.length;
  const counts = new Float64Array(m.unitCount * q);
  for (let u = 0; u < m.unitCount; u++) {
    for (let i = 0; i < m.coderCount; i++) {
      const k = m.cells[u * m.coderCount + i]!;
      if (k >= 0) counts[u * q + k]! += 1;
    }
  }
  return { unitCount: m.unitCount, categories: m.categories, declared: m.declared, counts };
}

/** A count table from rows of counts (one row per unit, one count per category). */
export function countTableFrom(rows: readonly (readonly number[])[], categories: readonly Category[]): CountTable {
  const q = categories.length;
  const counts = new Float64Array(rows.length * q);
  rows.forEach((row, u) => {
    if (row.length !== q) throw new AgreementDataError(`Unit ${u + 1} has ${row.length} counts but there are ${q} categories.`);
    row.forEach((n, k) => {
      if (!Number.isInteger(n) || n < 0) throw new AgreementDataError(`Unit ${u + 1}: the count ${n} is not a whole number of coders.`);
      counts[u * q + k] = n;
    });
  });
  return { unitCount: rows.length, categories: [...categories], declared: true, counts };
}

/** The categories that were actually used (at least one rating), in table order. */
export function usedCategoryCount(t: CountTable): number {
  const q = t.categories.length;
  let used = 0;
  for (let k = 0; k < q; k++) {
    for (let u = 0; u < t.unitCount; u++) {
      if (t.counts[u * q + k]! > 0) {
        used++;
        break;
      }
    }
  }
  return used;
}
