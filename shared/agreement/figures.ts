/**
 * What each figure of the project agreement report is called, what it counts (its unit of
 * analysis) and how it reads, in one place, so the screen, the CSV and the HTML page name every
 * number the same way. Names follow the papers behind shared/agreement (Cohen 1960, Conger
 * 1980, Fleiss 1971, Krippendorff 2004, MAXQDA's segment agreement) and depend on the number of
 * coders where the statistic does (Cohen's κ for two, Conger's or Fleiss' for more).
 */
import type { Figure, OverallKey } from './project-types';

export interface FigureInfo {
  /** The statistic's name, with the coefficient (e.g. "Cohen's κ on characters"). */
  label: string;
  /** The unit of analysis, in words. */
  unit: string;
  /** One sentence a methods reviewer would want next to the number. */
  about: string;
  /** How the value prints: a coefficient (−1…1, three decimals) or a share (as a percent). */
  format: 'coefficient' | 'percent';
}

/** The κ on characters: Cohen's for two coders, Conger's (its generalisation) for more. */
const charKappaName = (coders: number) => (coders === 2 ? "Cohen's κ" : "Conger's κ");
/** The κ on code × document units: Cohen's for two coders, Fleiss' for more. */
const docKappaName = (coders: number) => (coders === 2 ? "Cohen's κ" : "Fleiss' κ");

/** Label, unit and reading of an overall figure for `coders` coders. */
export function overallInfo(key: OverallKey, coders: number, options: { overlap: number; cmocThreshold: number } = { overlap: 0.9, cmocThreshold: 0.5 }): FigureInfo {
  switch (key) {
    case 'char_kappa':
      return {
        label: `${charKappaName(coders)} on characters`,
        unit: 'character × code, pooled over every document',
        about: 'Each character is coded or not coded with each code by each coder (NVivo’s coding comparison), corrected for chance.',
        format: 'coefficient',
      };
    case 'char_percent':
      return {
        label: 'Percent agreement on characters',
        unit: 'character × code, pooled over every document',
        about: 'Share of characters both coders coded, or both left uncoded, with each code; not corrected for chance and high when most text is uncoded.',
        format: 'percent',
      };
    case 'char_alpha':
      return {
        label: "Krippendorff's α on characters",
        unit: 'character × code, pooled over every document',
        about: 'The same characters as κ, with Krippendorff’s nominal α (chance from the pooled values).',
        format: 'coefficient',
      };
    case 'u_alpha':
      return {
        label: "Krippendorff's uα (unitizing), all codes",
        unit: 'section (a coded stretch or a gap), whole corpus',
        about: 'Do coders mark the same stretches with the same codes? Disagreement is measured in squared characters (Krippendorff 2004).',
        format: 'coefficient',
      };
    case 'u_alpha_binary':
      return {
        label: "Krippendorff's |uα, coded vs not coded",
        unit: 'section, whole corpus, any code',
        about: 'Do coders mark the same stretches as worth coding, whatever the code?',
        format: 'coefficient',
      };
    case 'doc_kappa':
      return {
        label: `${docKappaName(coders)} on codes applied per document`,
        unit: 'code × document (applied or not)',
        about: 'Did the coders use the same codes in each document, wherever the passage? A document a coder did not code at all counts as missing for them.',
        format: 'coefficient',
      };
    case 'doc_percent':
      return {
        label: 'Percent agreement on codes applied per document',
        unit: 'code × document (applied or not)',
        about: 'Share of code × document units on which the coders agree (for more than two coders, the mean share of agreeing pairs).',
        format: 'percent',
      };
    case 'doc_alpha':
      return {
        label: "Krippendorff's α on codes applied per document",
        unit: 'code × document (applied or not)',
        about: 'Nominal α on the same units; units with a single value are left out, as Krippendorff prescribes.',
        format: 'coefficient',
      };
    case 'segments':
      return {
        label: `Segment agreement (overlap ≥ ${Math.round(options.overlap * 100)}%)`,
        unit: 'coded segment',
        about: 'Share of both coders’ segments that the other coder coded with the same code and an overlap |a∩b| / |a∪b| at or above the threshold (MAXQDA).',
        format: 'percent',
      };
    case 'cmoc_matched_share':
      return {
        label: 'CMOCs both coders proposed',
        unit: 'CMO configuration',
        about: `2 × matched pairs ÷ all configurations of both coders; a pair matches when the Jaccard index of each of C, M and O is at least ${options.cmocThreshold}.`,
        format: 'percent',
      };
    case 'cmoc_mean_similarity':
      return {
        label: 'Similarity of matched CMOCs',
        unit: 'matched pair of configurations',
        about: 'Mean of the Jaccard indices of the C, M and O code sets over the matched pairs (1 = the same codes in every slot).',
        format: 'coefficient',
      };
  }
}

/** A table column: the full name and unit (for exports and tooltips) and a short form for narrow headers. */
export interface ColumnInfo extends FigureInfo {
  short: string;
  shortUnit: string;
}

/** Column names of the per-code and per-document tables, with their units. */
export function columnInfo(coders: number, overlap = 0.9): Record<'charKappa' | 'charPercent' | 'charAlpha' | 'uAlphaBinary' | 'kappaMeanOfDocuments' | 'kappaSizeWeighted' | 'docKappa' | 'docPercent' | 'segments', ColumnInfo> {
  const k = charKappaName(coders);
  const pct = `${Math.round(overlap * 100)}%`;
  return {
    charKappa: { label: `${k}, characters`, short: k, unit: 'character, pooled over documents', shortUnit: 'characters', about: 'Coded or not with this code, character by character, corrected for chance.', format: 'coefficient' },
    charPercent: { label: 'Agreement, characters', short: 'Agreement', unit: 'character, pooled over documents', shortUnit: 'characters', about: 'Share of characters coded the same way (not chance-corrected).', format: 'percent' },
    charAlpha: { label: 'α, characters', short: "Krippendorff's α", unit: 'character, pooled over documents', shortUnit: 'characters', about: "Krippendorff's nominal α on the same characters.", format: 'coefficient' },
    uAlphaBinary: { label: '|uα', short: '|uα', unit: 'section, pooled over documents', shortUnit: 'sections', about: "Krippendorff's unitizing α for this code (coded vs not coded).", format: 'coefficient' },
    kappaMeanOfDocuments: { label: `${k}, mean of documents`, short: `${k}, mean`, unit: 'document (mean of per-document κ)', shortUnit: 'of documents', about: 'Plain mean over the documents where κ is defined.', format: 'coefficient' },
    kappaSizeWeighted: { label: `${k}, size-weighted`, short: `${k}, weighted`, unit: 'document (mean weighted by length)', shortUnit: 'by length', about: 'Mean over documents weighted by their length in characters.', format: 'coefficient' },
    docKappa: { label: `${docKappaName(coders)}, per document`, short: docKappaName(coders), unit: 'document (applied or not)', shortUnit: 'documents', about: 'Did both coders use the code in the same documents?', format: 'coefficient' },
    docPercent: { label: 'Agreement, per document', short: 'Agreement', unit: 'document (applied or not)', shortUnit: 'documents', about: 'Share of documents in which the coders agree on using the code.', format: 'percent' },
    segments: { label: `Segments matched (overlap ≥ ${pct})`, short: 'Segments', unit: `coded segment, overlap ≥ ${pct}`, shortUnit: `≥ ${pct} overlap`, about: 'Share of segments the other coder matched (same code, overlap at or above the threshold).', format: 'percent' },
  };
}

/** A figure as text: "0.620", "91.3%", or "undefined: <reason>". */
export function formatFigure(f: Figure, format: FigureInfo['format']): string {
  if (f.value === null) return `undefined: ${f.reason ?? 'no value'}`;
  return formatValue(f.value, format);
}

/** A defined value as text (coefficients with three decimals and a true minus sign). */
export function formatValue(v: number, format: FigureInfo['format']): string {
  if (format === 'percent') return `${(v * 100).toFixed(1)}%`;
  // A value that rounds to zero prints without a sign ("−0.000" would suggest a finding).
  const s = Math.abs(v) < 0.0005 ? '0.000' : v.toFixed(3);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** How Landis & Koch (1977) named bands of κ; shown as a reading aid, never as a verdict. */
export function kappaBand(v: number): string {
  if (v < 0) return 'less than chance';
  if (v <= 0.2) return 'slight';
  if (v <= 0.4) return 'fair';
  if (v <= 0.6) return 'moderate';
  if (v <= 0.8) return 'substantial';
  return 'almost perfect';
}

/**
 * Krippendorff's (2004, p. 241) reading of α: rely on variables with α ≥ .800, draw only
 * tentative conclusions from .667 ≤ α < .800. A reading aid, never a verdict.
 */
export function alphaBand(v: number): string {
  if (v >= 0.8) return 'reliable (≥ .800)';
  if (v >= 0.667) return 'tentative (≥ .667)';
  return 'below .667';
}

/** Words for a disagreement's kind. */
export const DISAGREEMENT_KIND_LABEL = {
  'only-a': 'only A coded it',
  'only-b': 'only B coded it',
  codes: 'different codes',
  boundaries: 'different boundaries',
  'codes-and-boundaries': 'different codes and boundaries',
} as const;

/** Words for a recorded decision. */
export const DECISION_LABEL: Record<string, string> = {
  'accept-a': 'accepted A',
  'accept-b': 'accepted B',
  both: 'kept both',
  merge: 'merged the spans',
  edit: 'edited',
  agreed: 'adopted (both agreed)',
  'keep-a': 'kept A’s',
  'keep-b': 'kept B’s',
  'keep-both': 'kept both',
  'merge-cmocs': 'merged',
  drop: 'dropped',
};
