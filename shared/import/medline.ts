/**
 * PubMed/MEDLINE tagged format (`.nbib`, "MEDLINE" display as `.txt`), and the ERIC exports that
 * borrow its syntax (`OWN - ERIC`, no PMID). Tags are up to four characters padded to four, a
 * hyphen and a space (`PMID- 27169098`, `AU  - Hudon C`); continuation lines are indented six
 * spaces; records are separated by a blank line. Field meanings follow the NLM "MEDLINE/PubMed
 * Data Element (Field) Descriptions".
 */
import type { ParsedRecord, ParseOutput } from './types';
import { emptyRecord } from './types';
import type { TagValues } from './tagged-fields';
import { allOf, firstOf, issnOf, markedDoi, personNames, pmcidInText, tidy, yearOf } from './tagged-fields';
import type { TaggedDialect } from './tagged-scan';
import { scanTagged } from './tagged-scan';
import { normaliseDoi } from './normalise';

/**
 * Reads `TAG - value`: 2-4 capitals/digits at the line start, optional padding, a hyphen. Some
 * files drop the padding (`TI-`) or the space after the hyphen (`PMC -22664230`); both are accepted.
 */
export function readMedlineTag(line: string): { tag: string; value: string } | null {
  let i = 0;
  while (i < 4 && i < line.length) {
    const c = line.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57 && i > 0))) break;
    i++;
  }
  if (i < 2) return null;
  let j = i;
  while (j < 5 && line.charCodeAt(j) === 32) j++;
  if (line.charCodeAt(j) !== 45) return null;
  // "AB  - x" puts the hyphen at column 4; a hyphen further right is prose, not a tag.
  if (j > 4) return null;
  return { tag: line.slice(0, i), value: line.slice(j + 1).trim() };
}

const DIALECT: TaggedDialect = {
  name: 'MEDLINE',
  example: 'PMID- 12345678',
  readTag: readMedlineTag,
  startsRecord: (tag, fields) => tag === 'PMID' && fields.has('PMID'),
  blankEndsRecord: true,
  listTags: new Set(),
  toRecord: medlineRecord,
};

/** Parses MEDLINE/PubMed tagged text (see the module comment). */
export function parseMedline(text: string): ParseOutput {
  return scanTagged(text, DIALECT);
}

/** Maps MEDLINE tags: FAU (full names) before AU, JT before TA, the `[doi]` entry of LID/AID. */
function medlineRecord(f: TagValues, line: number, raw: string): ParsedRecord {
  const r = emptyRecord(line, raw);
  const pt = firstOf(f, 'PT');
  r.type = pt ? pt.toLowerCase() : null;
  const title = firstOf(f, 'TI', 'BTI', 'TT');
  r.title = title ? tidy(title) : '';
  const fau = allOf(f, 'FAU');
  r.authors = personNames(fau.length > 0 ? fau : allOf(f, 'AU'));
  if (r.authors.length === 0) r.authors = personNames(allOf(f, 'CN')).map((p) => ({ family: [p.family, p.given].filter(Boolean).join(', '), given: '' }));
  r.year = yearOf(f, 'DP', 'DEP', 'DA', 'EDAT');
  const journal = firstOf(f, 'JT', 'TA');
  r.journal = journal ? tidy(journal) : null;
  r.volume = firstOf(f, 'VI');
  r.issue = firstOf(f, 'IP');
  r.pages = firstOf(f, 'PG');
  for (const v of allOf(f, 'LID', 'AID')) {
    if (v.includes('[doi]')) {
      r.doi = normaliseDoi(v.replace('[doi]', ''));
      if (r.doi) break;
    }
  }
  if (!r.doi) r.doi = firstOf(f, 'SO') ? markedDoi(firstOf(f, 'SO')!) : null;
  const pmid = firstOf(f, 'PMID');
  r.pmid = pmid && /^\d+$/.test(pmid) ? pmid : null;
  const pmc = firstOf(f, 'PMC');
  r.pmcid = pmc ? (pmcidInText(pmc) ?? (/^\d+$/.test(pmc) ? `PMC${pmc}` : null)) : null;
  r.issn = issnOf(allOf(f, 'IS'));
  const abstracts = allOf(f, 'AB');
  r.abstract = abstracts.length > 0 ? abstracts.join('\n') : null;
  r.keywords = [...allOf(f, 'MH'), ...allOf(f, 'OT')];
  // ERIC puts its record page in LID/AID as a URL; PubMed records have no URL field.
  r.url = allOf(f, 'LID', 'AID').find((v) => /^https?:\/\//i.test(v)) ?? null;
  r.language = firstOf(f, 'LA');
  return r;
}
