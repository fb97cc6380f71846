/**
 * The neutral input file of `computeAgreement` (and of `realist agreement --input FILE.json`),
 * as a zod schema with size limits and plain-words messages. Three kinds:
 *
 *  - ratings: `{kind: "ratings", level, coders, categories?, ratings: [[value per coder]]}`,
 *    null = missing; `categories` (optional) is the ordered list of possible values;
 *  - counts: `{kind: "counts", categories, counts: [[coders per category]]}` (Fleiss' layout);
 *  - spans: `{kind: "spans", coders, documents: [{id, length, spans: {coder: [{start, end,
 *    code}]}}]}`, 0-based end-exclusive character offsets.
 *
 * Beyond shapes, the schema checks what would make a statistic meaningless or wrong: a value
 * outside the declared categories, text values at the interval or ratio level, negative values
 * at the ratio level, ordinal data without an order, spans past the end of their document.
 * It reports at most a handful of such problems so that a broken 100,000-row file gives a
 * readable message, not 100,000 lines.
 */
import { z } from 'zod';

/** Limits: generous for real studies, small enough that a bad file cannot exhaust memory. */
export const AGREEMENT_LIMITS = {
  ratingCoders: 100,
  spanCoders: 30,
  units: 1_000_000,
  categories: 1_000,
  label: 500,
  documents: 100_000,
  documentLength: 100_000_000,
  spans: 5_000_000,
  /** Ratings or counts in all (units × coders or units × categories). */
  cells: 10_000_000,
  countPerCell: 100_000,
  problemsReported: 10,
} as const;

const L = AGREEMENT_LIMITS;

const label = (what: string) =>
  z.string().min(1, `${what} cannot be empty`).max(L.label, `${what} is at most ${L.label} characters`);

const category = z.union([label('a category'), z.number().finite('a category must be a finite number')]);

const levels = ['nominal', 'ordinal', 'interval', 'ratio'] as const;

/** A rating: text, a finite number, or null (missing). */
export type RatingCell = string | number | null;
/** A span as the neutral file gives it. */
export interface SpanRow {
  start: number;
  end: number;
  code: string;
}

/**
 * The bulk of a file (ratings, counts, spans) is checked by plain loops in the refinements
 * below rather than by one zod schema per cell: zod costs about a quarter of a microsecond per
 * value, which made checking a 100,000-unit file slower than computing every statistic on it.
 * The loops give the same plain-words messages, with the unit, coder or span named.
 */
const listOfLists = <T>(what: string) =>
  z.custom<T[][]>((v) => Array.isArray(v) && v.every((row) => Array.isArray(row)), { message: `${what} is a list of units, each a list with one entry per ${what === 'ratings' ? 'coder' : 'category'}` });

const isRating = (v: unknown): v is RatingCell =>
  v === null || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length >= 1 && v.length <= L.label);
const RATING_TYPE = `a rating is text (1 to ${L.label} characters), a finite number, or null when missing`;

/** Collects problems, stopping once enough are known. */
function reporter(ctx: z.RefinementCtx) {
  let count = 0;
  return {
    add(path: (string | number)[], message: string): boolean {
      if (count < L.problemsReported) ctx.addIssue({ code: 'custom', path, message });
      count++;
      return count < L.problemsReported;
    },
  };
}

function duplicates<T>(list: readonly T[]): T | undefined {
  const seen = new Set<T>();
  for (const v of list) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

/** Unit-count limits shared by ratings and counts; false when the table is unusable. */
function checkUnits(rows: readonly unknown[][], field: string, problems: ReturnType<typeof reporter>): boolean {
  let problem: string | null = null;
  if (rows.length === 0) problem = 'give at least one unit';
  else if (rows.length > L.units) problem = `at most ${L.units.toLocaleString('en')} units (found ${rows.length.toLocaleString('en')})`;
  else {
    let cells = 0;
    for (const r of rows) cells += r.length;
    if (cells > L.cells) problem = `at most ${L.cells.toLocaleString('en')} values in all (found ${cells.toLocaleString('en')})`;
  }
  if (problem) problems.add([field], problem);
  return problem === null;
}

export const ratingsInputSchema = z
  .object({
    kind: z.literal('ratings'),
    level: z.enum(levels, { message: 'level is one of "nominal", "ordinal", "interval", "ratio"' }),
    coders: z.array(label('a coder name')).min(2, 'give at least two coders').max(L.ratingCoders, `at most ${L.ratingCoders} coders`),
    categories: z.array(category).min(1, 'categories, when given, list at least one value').max(L.categories, `at most ${L.categories} categories`).optional(),
    ratings: listOfLists<RatingCell>('ratings'),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problems = reporter(ctx);
    const dupCoder = duplicates(input.coders);
    if (dupCoder !== undefined) problems.add(['coders'], `the coder ${JSON.stringify(dupCoder)} is listed twice`);
    const declared = input.categories ? new Set<string | number>(input.categories) : null;
    if (input.categories) {
      const dup = duplicates(input.categories);
      if (dup !== undefined) problems.add(['categories'], `the category ${JSON.stringify(dup)} is listed twice`);
      if ((input.level === 'interval' || input.level === 'ratio') && input.categories.some((c) => typeof c !== 'number')) {
        problems.add(['categories'], `at the ${input.level} level every category must be a number`);
      }
    }
    if (!checkUnits(input.ratings, 'ratings', problems)) return;
    const m = input.coders.length;
    const metric = input.level === 'interval' || input.level === 'ratio';
    let textSeen = false;
    for (let u = 0; u < input.ratings.length; u++) {
      const row = input.ratings[u]!;
      if (row.length !== m) {
        if (!problems.add(['ratings', u], `unit ${u + 1} has ${row.length} values but there are ${m} coders (one value per coder, null when missing)`)) return;
        continue;
      }
      for (let i = 0; i < m; i++) {
        const v = row[i];
        if (v === null) continue;
        const where = `unit ${u + 1}, coder ${JSON.stringify(input.coders[i])}`;
        if (!isRating(v)) {
          if (!problems.add(['ratings', u, i], `${where}: ${RATING_TYPE}`)) return;
          continue;
        }
        if (typeof v === 'string') textSeen = true;
        if (declared && !declared.has(v)) {
          if (!problems.add(['ratings', u, i], `${where}: ${JSON.stringify(v)} is not one of the declared categories`)) return;
        } else if (metric && typeof v !== 'number') {
          if (!problems.add(['ratings', u, i], `${where}: ${JSON.stringify(v)} is not a number, which the ${input.level} level needs`)) return;
        } else if (input.level === 'ratio' && typeof v === 'number' && v < 0) {
          if (!problems.add(['ratings', u, i], `${where}: ${v} is negative; ratio values are counts or magnitudes from a true zero`)) return;
        }
      }
    }
    if (input.level === 'ordinal' && !input.categories && textSeen) {
      problems.add(['categories'], 'ordinal ratings that are not numbers need `categories` listing the values in order');
    }
  });

export const countsInputSchema = z
  .object({
    kind: z.literal('counts'),
    categories: z.array(category).min(1, 'give at least one category').max(L.categories, `at most ${L.categories} categories`),
    counts: listOfLists<number>('counts'),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problems = reporter(ctx);
    const dup = duplicates(input.categories);
    if (dup !== undefined) problems.add(['categories'], `the category ${JSON.stringify(dup)} is listed twice`);
    if (!checkUnits(input.counts, 'counts', problems)) return;
    const q = input.categories.length;
    for (let u = 0; u < input.counts.length; u++) {
      const row = input.counts[u]!;
      if (row.length !== q) {
        if (!problems.add(['counts', u], `unit ${u + 1} has ${row.length} counts but there are ${q} categories`)) return;
        continue;
      }
      for (let k = 0; k < q; k++) {
        const n = row[k];
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > L.countPerCell) {
          const what = `unit ${u + 1}, category ${JSON.stringify(input.categories[k])}`;
          if (!problems.add(['counts', u, k], `${what}: a count is a whole number of coders from 0 to ${L.countPerCell.toLocaleString('en')} (found ${JSON.stringify(n)})`)) return;
        }
      }
    }
  });

const spanDocument = z
  .object({
    id: label('a document id'),
    length: z.number().int('length is a whole number of characters').min(0, 'length cannot be negative').max(L.documentLength, `a document is at most ${L.documentLength.toLocaleString('en')} characters`),
    spans: z.record(z.string(), z.custom<SpanRow[]>((v) => Array.isArray(v), { message: 'spans maps each coder to a list of {start, end, code}' })),
  })
  .strict();

/** What is wrong with one span, or null. */
function spanProblem(s: unknown, length: number): string | null {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return 'is not an object {start, end, code}';
  const keys = Object.keys(s);
  const extra = keys.find((k) => k !== 'start' && k !== 'end' && k !== 'code');
  if (extra !== undefined) return `has an unknown field ${JSON.stringify(extra)} (a span is {start, end, code})`;
  const { start, end, code } = s as Record<string, unknown>;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) return `start must be a whole character offset from 0 (found ${JSON.stringify(start)})`;
  if (typeof end !== 'number' || !Number.isInteger(end) || end < 0) return `end must be a whole character offset from 0 (found ${JSON.stringify(end)})`;
  if (typeof code !== 'string' || code.length < 1 || code.length > L.label) return `code must be text of 1 to ${L.label} characters`;
  if (end <= start) return `is empty or reversed (start ${start}, end ${end}; end is exclusive)`;
  if (end > length) return `ends at ${end}, past the document's length ${length}`;
  return null;
}

export const spansInputSchema = z
  .object({
    kind: z.literal('spans'),
    coders: z.array(label('a coder name')).min(2, 'give at least two coders').max(L.spanCoders, `at most ${L.spanCoders} coders for spans`),
    documents: z.array(spanDocument).min(1, 'give at least one document').max(L.documents, `at most ${L.documents.toLocaleString('en')} documents`),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problems = reporter(ctx);
    const dupCoder = duplicates(input.coders);
    if (dupCoder !== undefined) problems.add(['coders'], `the coder ${JSON.stringify(dupCoder)} is listed twice`);
    const coders = new Set(input.coders);
    const ids = new Set<string>();
    let total = 0;
    for (const doc of input.documents) for (const list of Object.values(doc.spans)) total += list.length;
    if (total > L.spans) {
      problems.add(['documents'], `at most ${L.spans.toLocaleString('en')} spans in all (found ${total.toLocaleString('en')})`);
      return;
    }
    for (let d = 0; d < input.documents.length; d++) {
      const doc = input.documents[d]!;
      const name = `document ${JSON.stringify(doc.id)}`;
      if (ids.has(doc.id) && !problems.add(['documents', d, 'id'], `${name} is listed twice`)) return;
      ids.add(doc.id);
      for (const [coder, list] of Object.entries(doc.spans)) {
        if (!coders.has(coder) && !problems.add(['documents', d, 'spans', coder], `${name} has spans by ${JSON.stringify(coder)}, who is not in coders`)) return;
        for (let s = 0; s < list.length; s++) {
          const problem = spanProblem(list[s], doc.length);
          if (problem && !problems.add(['documents', d, 'spans', coder, s], `${name}, ${JSON.stringify(coder)}'s span ${s + 1} ${problem}`)) return;
        }
      }
    }
  });

/** The neutral agreement input, one of the three kinds. */
export const agreementInputSchema = z.discriminatedUnion('kind', [ratingsInputSchema, countsInputSchema, spansInputSchema], {
  message: 'kind is one of "ratings", "counts", "spans"',
});

export type AgreementInput = z.infer<typeof agreementInputSchema>;
export type RatingsInput = z.infer<typeof ratingsInputSchema>;
export type CountsInput = z.infer<typeof countsInputSchema>;
export type SpansInput = z.infer<typeof spansInputSchema>;

/** Thrown by `parseAgreementInput`: `problems` are "path: message" lines for people. */
export class AgreementInputError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The agreement input is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AgreementInputError';
    this.problems = problems;
  }
}

/** Validates raw JSON as agreement input; throws `AgreementInputError` with every problem found. */
export function parseAgreementInput(raw: unknown): AgreementInput {
  const result = agreementInputSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new AgreementInputError(problems);
}
