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
  problemsReported: 10,
} as const;

const L = AGREEMENT_LIMITS;

const label = (what: string) =>
  z.string().min(1, `${what} cannot be empty`).max(L.label, `${what} is at most ${L.label} characters`);

const category = z.union([label('a category'), z.number().finite('a category must be a finite number')]);
const ratingValue = z.union([label('a rating'), z.number().finite('a rating must be a finite number'), z.null()]);

const ratingCoders = z
  .array(label('a coder name'))
  .min(2, 'give at least two coders')
  .max(L.ratingCoders, `at most ${L.ratingCoders} coders`);

const levels = ['nominal', 'ordinal', 'interval', 'ratio'] as const;

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

export const ratingsInputSchema = z
  .object({
    kind: z.literal('ratings'),
    level: z.enum(levels, { message: 'level is one of "nominal", "ordinal", "interval", "ratio"' }),
    coders: ratingCoders,
    categories: z.array(category).min(1, 'categories, when given, list at least one value').max(L.categories, `at most ${L.categories} categories`).optional(),
    ratings: z
      .array(z.array(ratingValue).max(L.ratingCoders, `at most ${L.ratingCoders} values per unit`))
      .min(1, 'give at least one unit')
      .max(L.units, `at most ${L.units.toLocaleString('en')} units`),
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
    const m = input.coders.length;
    let textSeen = false;
    for (let u = 0; u < input.ratings.length; u++) {
      const row = input.ratings[u]!;
      if (row.length !== m) {
        if (!problems.add(['ratings', u], `unit ${u + 1} has ${row.length} values but there are ${m} coders (one value per coder, null when missing)`)) return;
        continue;
      }
      for (let i = 0; i < m; i++) {
        const v = row[i]!;
        if (v === null) continue;
        if (typeof v === 'string') textSeen = true;
        const where = `unit ${u + 1}, coder ${JSON.stringify(input.coders[i])}`;
        if (declared && !declared.has(v)) {
          if (!problems.add(['ratings', u, i], `${where}: ${JSON.stringify(v)} is not one of the declared categories`)) return;
        } else if ((input.level === 'interval' || input.level === 'ratio') && typeof v !== 'number') {
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
    counts: z
      .array(
        z
          .array(z.number().int('a count is a whole number of coders').min(0, 'a count cannot be negative').max(L.ratingCoders * 100, 'a count is too large'))
          .max(L.categories, `at most ${L.categories} counts per unit`),
      )
      .min(1, 'give at least one unit')
      .max(L.units, `at most ${L.units.toLocaleString('en')} units`),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problems = reporter(ctx);
    const dup = duplicates(input.categories);
    if (dup !== undefined) problems.add(['categories'], `the category ${JSON.stringify(dup)} is listed twice`);
    const q = input.categories.length;
    for (let u = 0; u < input.counts.length; u++) {
      const row = input.counts[u]!;
      if (row.length !== q && !problems.add(['counts', u], `unit ${u + 1} has ${row.length} counts but there are ${q} categories`)) return;
    }
  });

const span = z
  .object({
    start: z.number().int('start is a whole character offset').min(0, 'start cannot be negative'),
    end: z.number().int('end is a whole character offset').min(0, 'end cannot be negative'),
    code: label('a code'),
  })
  .strict();

const spanDocument = z
  .object({
    id: label('a document id'),
    length: z.number().int('length is a whole number of characters').min(0, 'length cannot be negative').max(L.documentLength, `a document is at most ${L.documentLength.toLocaleString('en')} characters`),
    spans: z.record(z.string(), z.array(span).max(L.spans, 'too many spans')),
  })
  .strict();

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
    for (let d = 0; d < input.documents.length; d++) {
      const doc = input.documents[d]!;
      const name = `document ${JSON.stringify(doc.id)}`;
      if (ids.has(doc.id) && !problems.add(['documents', d, 'id'], `${name} is listed twice`)) return;
      ids.add(doc.id);
      for (const [coder, list] of Object.entries(doc.spans)) {
        if (!coders.has(coder) && !problems.add(['documents', d, 'spans', coder], `${name} has spans by ${JSON.stringify(coder)}, who is not in coders`)) return;
        total += list.length;
        for (let s = 0; s < list.length; s++) {
          const { start, end } = list[s]!;
          if (end <= start) {
            if (!problems.add(['documents', d, 'spans', coder, s], `${name}, ${JSON.stringify(coder)}'s span ${s + 1} is empty or reversed (start ${start}, end ${end}; end is exclusive)`)) return;
          } else if (end > doc.length) {
            if (!problems.add(['documents', d, 'spans', coder, s], `${name}, ${JSON.stringify(coder)}'s span ${s + 1} ends at ${end}, past the document's length ${doc.length}`)) return;
          }
        }
      }
    }
    if (total > L.spans) problems.add(['documents'], `at most ${L.spans.toLocaleString('en')} spans in all (found ${total.toLocaleString('en')})`);
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
