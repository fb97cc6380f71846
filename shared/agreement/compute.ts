/**
 * `computeAgreement(input)`: the neutral-file entry point behind the `agreement:compute` call
 * and `realist agreement --input FILE.json --json`. Pure: validated input (./schema.ts) in,
 * plain JSON out, so anyone can check the numbers against R or Python on the same file.
 *
 * Output: `{statistics, byCode, undefined}`. Each statistic is a number, or null when it is
 * undefined (0/0: no variation, nothing to compare), and then `undefined` lists it with the
 * reason and where it sits (`scope`, a JSON Pointer into the output: "/statistics",
 * "/byCode/<code>/byDocument/<document>", "/byCode/<code>/pooled", ...).
 *
 * Which statistics appear (each only where it applies):
 *  - ratings: percent_agreement, fleiss_kappa, light_kappa, conger_kappa, brennan_prediger,
 *    gwet_ac1 and krippendorff_alpha_nominal always; cohen_kappa and scott_pi for exactly two
 *    coders; cohen_kappa_linear and cohen_kappa_quadratic for two coders at the ordinal level
 *    or above (they need an order); krippendorff_alpha_ordinal at the ordinal level or above,
 *    _interval at the interval or ratio level, _ratio at the ratio level (an α never assumes
 *    more than the declared level, and the schema requires numbers for interval and ratio);
 *  - counts (no coder identity): percent_agreement, fleiss_kappa, brennan_prediger, gwet_ac1,
 *    krippendorff_alpha_nominal;
 *  - spans: statistics.u_alpha and statistics.u_alpha_binary (whole corpus) and byCode (see
 *    ./spans-report.ts).
 */
import { brennanPrediger, cohenKappa, congerKappa, fleissKappa, gwetAc1, lightKappa, percentAgreement, scottPi } from './kappa';
import { krippendorffAlpha } from './krippendorff';
import { countTableFrom, toCountTable, toRatingMatrix } from './ratings';
import type { AgreementInput, CountsInput, RatingsInput, SpansInput } from './schema';
import { SPAN_CELL_KEYS, spansReport, type SpanCell } from './spans-report';
import type { Statistic } from './statistic';

export type StatisticKey =
  | 'percent_agreement'
  | 'cohen_kappa'
  | 'cohen_kappa_linear'
  | 'cohen_kappa_quadratic'
  | 'scott_pi'
  | 'fleiss_kappa'
  | 'light_kappa'
  | 'conger_kappa'
  | 'brennan_prediger'
  | 'gwet_ac1'
  | 'krippendorff_alpha_nominal'
  | 'krippendorff_alpha_ordinal'
  | 'krippendorff_alpha_interval'
  | 'krippendorff_alpha_ratio'
  | 'u_alpha'
  | 'u_alpha_binary';

/** One code's span statistics as numbers (null = undefined). */
export type SpanCellOutput = Record<(typeof SPAN_CELL_KEYS)[number], number | null>;

export interface CodeAgreementOutput {
  byDocument: Record<string, SpanCellOutput>;
  pooled: SpanCellOutput;
  meanOfDocuments: SpanCellOutput;
  sizeWeightedMean: SpanCellOutput;
}

export interface UndefinedStatistic {
  statistic: string;
  /** JSON Pointer (RFC 6901) to the object holding the null. */
  scope: string;
  reason: string;
}

export interface AgreementOutput {
  statistics: Partial<Record<StatisticKey, number | null>>;
  byCode: Record<string, CodeAgreementOutput>;
  undefined: UndefinedStatistic[];
}

/** An object without a prototype, so that ids like "__proto__" are plain keys. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

const pointer = (...parts: string[]) => parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

class Collector {
  readonly undefinedList: UndefinedStatistic[] = [];
  take(stat: Statistic, statistic: string, scope: string): number | null {
    if (stat.value === null) this.undefinedList.push({ statistic, scope, reason: stat.undefinedReason ?? 'undefined' });
    return stat.value;
  }
}

function ratingsOutput(input: RatingsInput, out: AgreementOutput, c: Collector): void {
  const matrix = toRatingMatrix(input.ratings, input.coders.length, input.categories);
  const table = toCountTable(matrix);
  const s = out.statistics;
  const put = (key: StatisticKey, stat: Statistic) => (s[key] = c.take(stat, key, '/statistics'));
  const ordered = input.level !== 'nominal';
  put('percent_agreement', percentAgreement(table));
  if (input.coders.length === 2) {
    put('cohen_kappa', cohenKappa(matrix, 0, 1, 'unweighted'));
    if (ordered) {
      put('cohen_kappa_linear', cohenKappa(matrix, 0, 1, 'linear'));
      put('cohen_kappa_quadratic', cohenKappa(matrix, 0, 1, 'quadratic'));
    }
    put('scott_pi', scottPi(matrix, 0, 1));
  }
  put('fleiss_kappa', fleissKappa(table));
  put('light_kappa', lightKappa(matrix));
  put('conger_kappa', congerKappa(matrix, table));
  put('brennan_prediger', brennanPrediger(table));
  put('gwet_ac1', gwetAc1(table));
  put('krippendorff_alpha_nominal', krippendorffAlpha(table, 'nominal'));
  if (ordered) put('krippendorff_alpha_ordinal', krippendorffAlpha(table, 'ordinal'));
  if (input.level === 'interval' || input.level === 'ratio') put('krippendorff_alpha_interval', krippendorffAlpha(table, 'interval'));
  if (input.level === 'ratio') put('krippendorff_alpha_ratio', krippendorffAlpha(table, 'ratio'));
}

function countsOutput(input: CountsInput, out: AgreementOutput, c: Collector): void {
  const table = countTableFrom(input.counts, input.categories);
  const s = out.statistics;
  const put = (key: StatisticKey, stat: Statistic) => (s[key] = c.take(stat, key, '/statistics'));
  put('percent_agreement', percentAgreement(table));
  put('fleiss_kappa', fleissKappa(table));
  put('brennan_prediger', brennanPrediger(table));
  put('gwet_ac1', gwetAc1(table));
  put('krippendorff_alpha_nominal', krippendorffAlpha(table, 'nominal'));
}

function cellOutput(cell: SpanCell, scope: string, c: Collector): SpanCellOutput {
  const out = {} as SpanCellOutput;
  for (const key of SPAN_CELL_KEYS) out[key] = c.take(cell[key], key, scope);
  return out;
}

function spansOutput(input: SpansInput, out: AgreementOutput, c: Collector): void {
  const report = spansReport(input);
  out.statistics.u_alpha = c.take(report.uAlpha, 'u_alpha', '/statistics');
  out.statistics.u_alpha_binary = c.take(report.uAlphaBinary, 'u_alpha_binary', '/statistics');
  for (const code of report.codes) {
    const byDocument = dict<SpanCellOutput>();
    for (const d of code.byDocument) byDocument[d.id] = cellOutput(d.cell, pointer('byCode', code.code, 'byDocument', d.id), c);
    out.byCode[code.code] = {
      byDocument,
      pooled: cellOutput(code.pooled, pointer('byCode', code.code, 'pooled'), c),
      meanOfDocuments: cellOutput(code.meanOfDocuments, pointer('byCode', code.code, 'meanOfDocuments'), c),
      sizeWeightedMean: cellOutput(code.sizeWeightedMean, pointer('byCode', code.code, 'sizeWeightedMean'), c),
    };
  }
}

/**
 * Computes every statistic that applies to `input` (see the module comment). The input must
 * have passed `agreementInputSchema` (the contract and `parseAgreementInput` check it).
 */
export function computeAgreement(input: AgreementInput): AgreementOutput {
  const out: AgreementOutput = { statistics: {}, byCode: dict<CodeAgreementOutput>(), undefined: [] };
  const collector = new Collector();
  if (input.kind === 'ratings') ratingsOutput(input, out, collector);
  else if (input.kind === 'counts') countsOutput(input, out, collector);
  else spansOutput(input, out, collector);
  out.undefined = collector.undefinedList;
  return out;
}
