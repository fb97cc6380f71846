/**
 * The demo's screened records, as a screening tool's CSV export would carry them, so the demo
 * imports them through `records:import` exactly as a user imports an export.
 */
import Papa from 'papaparse';

export interface DemoRecord {
  title: string;
  authors: Array<[family: string, given: string]>;
  year: number;
  journal: string | null;
  volume?: string;
  issue?: string;
  pages?: string;
  type: string;
  decision: 'included' | 'excluded' | 'maybe';
  reason: string | null;
  abstract: string;
}

/**
 * The first four are the studies DOMAIN.md describes (bibliographic facts only; the abstracts
 * are our own summaries). The rest are invented screening examples, marked as such in their
 * journal field, so the library shows every screening decision.
 */
export const RECORDS: DemoRecord[] = [
  {
    title: 'Case management in primary care for frequent users of health care services: a realist synthesis',
    authors: [['Hudon', 'Catherine'], ['Chouinard', 'Maud-Christine']],
    year: 2020,
    journal: 'Annals of Family Medicine',
    volume: '18',
    issue: '3',
    pages: '218-226',
    type: 'journal-article',
    decision: 'included',
    reason: null,
    abstract:
      'Demo summary: a realist synthesis of 21 peer-reviewed articles and 89 other documents on 19 case-management interventions, which found 11 context-mechanism-outcome configurations centred on a trusting relationship with an accessible case manager.',
  },
  {
    title: 'Case management in primary care for frequent users of health care services: a mixed methods study',
    authors: [['Hudon', 'Catherine'], ['Chouinard', 'Maud-Christine']],
    year: 2018,
    journal: 'Annals of Family Medicine',
    volume: '16',
    issue: '3',
    pages: '232-239',
    type: 'journal-article',
    decision: 'included',
    reason: null,
    abstract:
      'Demo summary: 247 frequent users randomised to six months of nurse case management or usual care; psychological distress fell, patient activation did not change; interviews with patients, nurses and managers, and focus groups with spouses and family physicians.',
  },
  {
    title: 'Case management in primary care for frequent users of health care services with chronic diseases: a qualitative study of patient and family experience',
    authors: [['Hudon', 'Catherine'], ['Chouinard', 'Maud-Christine']],
    year: 2015,
    journal: 'Annals of Family Medicine',
    volume: '13',
    issue: '6',
    pages: '523-528',
    type: 'journal-article',
    decision: 'included',
    reason: null,
    abstract:
      'Demo summary: interviews with 25 patients and 8 family members describe individualised service plans, better communication and coordination, and a trusting relationship with the case manager.',
  },
  {
    title: 'How social-needs case management works: a qualitative study of the CommunityConnect program',
    authors: [['Demo', 'Author']],
    year: 2021,
    journal: 'Demo record (details in the demo documents)',
    type: 'journal-article',
    decision: 'maybe',
    reason: 'Social-needs programme, not primary care: check fit with the programme theory',
    abstract:
      'Demo summary: 30 case managers and 31 patients interviewed and 31 visits observed; two researchers coded all transcripts; three mechanisms: psychosocial work, system mediation and directly addressing social needs.',
  },
  {
    title: 'Telephone follow-up by hospital pharmacists after discharge (invented screening example)',
    authors: [['Example', 'Screening']],
    year: 2017,
    journal: 'Demo record (invented)',
    type: 'journal-article',
    decision: 'excluded',
    reason: 'Not case management; hospital setting',
    abstract: 'An invented record that shows how an exclusion and its reason appear in the library.',
  },
  {
    title: 'Emergency department frequent users: a cohort description (invented screening example)',
    authors: [['Example', 'Screening']],
    year: 2016,
    journal: 'Demo record (invented)',
    type: 'journal-article',
    decision: 'excluded',
    reason: 'No intervention described',
    abstract: 'An invented record that shows how an exclusion and its reason appear in the library.',
  },
];

/** The records as a screening CSV (title, authors, year, ..., decision, reason). */
export function demoRecordsCsv(): string {
  return Papa.unparse(
    RECORDS.map((r) => ({
      title: r.title,
      authors: r.authors.map(([family, given]) => `${family}, ${given}`).join('; '),
      year: r.year,
      journal: r.journal ?? '',
      volume: r.volume ?? '',
      issue: r.issue ?? '',
      pages: r.pages ?? '',
      type: r.type,
      abstract: r.abstract,
      decision: r.decision,
      reason: r.reason ?? '',
    })),
  );
}
