/**
 * Normalisers every importer shares: DOIs, personal names, years and whitespace. Pure
 * functions; their behaviour is the contract the deduplicator relies on.
 */
import type { PersonName } from '../domain/types';

/**
 * A DOI in its canonical comparable form: lower case (DOIs are case-insensitive, per the DOI
 * Handbook 2.4), without `doi:` or a resolver prefix, trimmed of trailing punctuation that
 * exports glue on. Returns null unless the result starts with the `10.` directory prefix.
 */
export function normaliseDoi(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  try {
    if (/%[0-9a-f]{2}/i.test(v)) v = decodeURIComponent(v);
  } catch {
    /* keep the raw value: a stray % is not fatal */
  }
  v = v.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '').replace(/^\s*doi\s+/i, '');
  const m = /10\.\d{4,9}\/\S+/.exec(v);
  if (!m) return null;
  return m[0].replace(/[.,;)\]]+$/, '').toLowerCase();
}

/**
 * Splits a personal name as exports write it: "Family, Given", "Family G", "Given Family",
 * "FAMILY, G.H.". Corporate or single-word names go to `family` with an empty `given`.
 */
export function parsePersonName(value: string): PersonName {
  const v = value.replace(/\s+/g, ' ').trim().replace(/[.;,]$/, (c) => (c === '.' ? c : ''));
  if (!v) return { family: '', given: '' };
  const comma = v.indexOf(',');
  if (comma >= 0) {
    const family = v.slice(0, comma).trim();
    const rest = v.slice(comma + 1).trim();
    // "Smith, J, Jr" or "Smith, John, Jr.": keep the suffix with the given names.
    return { family, given: rest };
  }
  const parts = v.split(' ');
  if (parts.length === 1) return { family: v, given: '' };
  const last = parts[parts.length - 1]!;
  // MEDLINE style "Hudon C" / "Smith JA", Embase style "Adler D.G.": trailing initials in capitals.
  if (/^(?:[A-Z]\.?-?){1,4}$/.test(last)) return { family: parts.slice(0, -1).join(' '), given: last };
  // "Given Family", with lower-case particles kept with the family name ("Ludwig van Beethoven").
  let i = parts.length - 1;
  while (i > 1 && /^(van|von|der|den|de|del|della|di|da|du|le|la|dos|das|ter|ten|bin|ibn)$/i.test(parts[i - 1]!)) i--;
  return { family: parts.slice(i).join(' '), given: parts.slice(0, i).join(' ') };
}

/** The first plausible publication year (1500 to next year) in a date string, or null. */
export function extractYear(value: string | null | undefined, now: Date = new Date()): number | null {
  if (!value) return null;
  const max = now.getUTCFullYear() + 1;
  for (const m of value.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
    const y = Number(m[1]);
    if (y >= 1500 && y <= max) return y;
  }
  return null;
}

/** Collapses runs of white space (including U+2028/U+2029 and NBSP) to one space and trims. */
export function cleanText(value: string): string {
  return value.replace(/[\s\u00a0\u2028\u2029]+/g, ' ').trim();
}
