/**
 * Web of Science / ISI tagged export ("Plain text" / "Other file format"): `FN`/`VR` header,
 * records from `PT J` to `ER`, `EF` at the end. A tag is two characters and a space in columns
 * 1-3; continuation lines are indented three spaces. For list fields (authors, addresses,
 * cited references) each continuation line is another item; for text fields it is more text.
 * Field meanings follow Clarivate's "Web of Science Core Collection field tags".
 */
import type { ParsedRecord, ParseOutput } from './types';
import { emptyRecord } from './types';
import type { TagValues } from './tagged-fields';
import { allOf, doiOf, firstOf, issnOf, pageRange, personNames, tidy, yearOf } from './tagged-fields';
import type { TaggedDialect } from './tagged-scan';
import { scanTagged } from './tagged-scan';

/** `XX value` with a capital, a capital or digit, then a space (or nothing, for `ER`/`EF`). */
export function readWosTag(line: string): { tag: string; value: string } | null {
  const c0 = line.charCodeAt(0);
  const c1 = line.charCodeAt(1);
  if (c0 < 65 || c0 > 90) return null;
  if (!((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57))) return null;
  if (line.length > 2 && line.charCodeAt(2) !== 32) return null;
  return { tag: line.slice(0, 2), value: line.slice(3).trim() };
}

const DIALECT: TaggedDialect = {
  name: 'Web of Science',
  example: 'PT J',
  readTag: readWosTag,
  startsRecord: (tag, fields) => tag === 'PT' && fields.size > 0,
  endTag: 'ER',
  headerTags: new Set(['FN', 'VR', 'EF']),
  blankEndsRecord: false,
  listTags: new Set(['AU', 'AF', 'BA', 'BF', 'CA', 'GP', 'BE', 'C1', 'CR', 'EM', 'RI', 'OI', 'FU']),
  toRecord: wosRecord,
};

/** Parses Web of Science / ISI tagged text (see the module comment). */
export function parseWos(text: string): ParseOutput {
  return scanTagged(text, DIALECT);
}

/** Splits `Joffe, Hadine; Hall, Janet E` (MEDLINE-via-WoS writes authors on one line). */
function splitNames(values: string[]): string[] {
  return values.flatMap((v) => (v.includes(';') ? v.split(';').map((s) => s.trim()).filter(Boolean) : [v]));
}

/** Splits `a; b; c` keyword lines (DE/ID) into keywords. */
function splitKeywords(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) for (const k of v.split(';')) if (k.trim()) out.push(k.trim());
  return out;
}

/** Maps WoS tags: AF (full names) before AU, SO journal, BP/EP pages (PS in older records), DI, PM or `UT MEDLINE:`. */
function wosRecord(f: TagValues, line: number, raw: string): ParsedRecord {
  const r = emptyRecord(line, raw);
  r.type = firstOf(f, 'DT', 'PT');
  const title = firstOf(f, 'TI');
  r.title = title ? tidy(title) : '';
  const af = splitNames(allOf(f, 'AF'));
  const au = af.length > 0 ? af : splitNames(allOf(f, 'AU', 'BA', 'BF', 'CA', 'GP'));
  r.authors = personNames(au);
  r.year = yearOf(f, 'PY', 'PD', 'EA');
  const journal = firstOf(f, 'SO', 'SE', 'BS');
  r.journal = journal ? tidy(journal) : null;
  r.volume = firstOf(f, 'VL');
  r.issue = firstOf(f, 'IS');
  r.pages = pageRange(firstOf(f, 'BP'), firstOf(f, 'EP')) ?? firstOf(f, 'PS', 'AR');
  r.doi = doiOf(f, ['DI', 'D2'], []);
  const pm = firstOf(f, 'PM');
  const ut = firstOf(f, 'UT');
  r.pmid = pm && /^\d+$/.test(pm) ? pm : ut && /^MEDLINE:\d+$/.test(ut) ? ut.slice(8) : null;
  r.issn = issnOf(allOf(f, 'SN', 'EI'));
  r.abstract = firstOf(f, 'AB');
  r.keywords = splitKeywords(allOf(f, 'DE', 'ID'));
  r.url = null;
  r.language = firstOf(f, 'LA');
  return r;
}
