/**
 * The demo project: case management in primary care for frequent users of health care (the
 * story in DOMAIN.md), written in the product's own words. It is built by code, as a list of
 * steps, so each capability appends the step that gives its screens something real to show
 * (records now; documents, codes, CMOCs, agreement and theory versions later).
 */
import { randomUUID } from 'node:crypto';
import type { ProjectStore } from '../store/project-store';
import { addDemoDocuments } from './demo-documents';
import { addDemoHighlights } from './demo-highlights';

export interface DemoContext {
  store: ProjectStore;
  /** Ids of the demo's two independent coders. */
  coders: { first: string; second: string };
}

export type DemoStep = (ctx: DemoContext) => void;

export const DEMO_NAME = 'Case management for frequent users (demo)';

interface DemoRecord {
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
const RECORDS: DemoRecord[] = [
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

const addCoders: DemoStep = ({ store }) => {
  store.setMeta('is_demo', '1');
  store.setMeta('description', 'Realist synthesis of case management in primary care for frequent users of health care with chronic conditions.');
};

const addRecords: DemoStep = ({ store, coders }) => {
  const now = store.isoNow();
  const batchId = randomUUID();
  store.db
    .prepare('INSERT INTO import_batches (id, label, files, coder_id, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(batchId, 'Demo screening export', JSON.stringify([{ file: 'demo-screening.ris', format: 'ris', records: RECORDS.length, errors: 0 }]), coders.first, now);
  const insert = store.db.prepare(
    `INSERT INTO records (id, batch_id, type, title, authors, year, journal, volume, issue, pages, abstract,
       screening_decision, screening_reason, source_file, source_line, source_format, tags, created_at, updated_at)
     VALUES (@id, @batch, @type, @title, @authors, @year, @journal, @volume, @issue, @pages, @abstract,
       @decision, @reason, 'demo-screening.ris', @line, 'ris', '["demo"]', @now, @now)`,
  );
  RECORDS.forEach((r, i) => {
    insert.run({
      id: randomUUID(),
      batch: batchId,
      type: r.type,
      title: r.title,
      authors: JSON.stringify(r.authors.map(([family, given]) => ({ family, given }))),
      year: r.year,
      journal: r.journal,
      volume: r.volume ?? null,
      issue: r.issue ?? null,
      pages: r.pages ?? null,
      abstract: r.abstract,
      decision: r.decision,
      reason: r.reason,
      line: 1 + i * 12,
      now,
    });
  });
  store.audit({ coderId: coders.first, action: 'import', entityType: 'import_batch', entityId: batchId, detail: { records: RECORDS.length } });
};

/** The steps, in order. Later capabilities append theirs. */
/** Full texts: a transcript and two article summaries, linked to their records (./demo-documents.ts). */
const addDocuments: DemoStep = ({ store }) => {
  addDemoDocuments(store);
};

/** Highlights by the two coders in the transcript and the synthesis summary (./demo-highlights.ts). */
const addHighlights: DemoStep = ({ store }) => {
  addDemoHighlights(store);
};

export const DEMO_STEPS: DemoStep[] = [addCoders, addRecords, addDocuments, addHighlights];

/** Fills an empty, freshly created project with the demo, in one transaction. */
export function buildDemo(store: ProjectStore, steps: readonly DemoStep[] = DEMO_STEPS): void {
  store.transaction(() => {
    store.setMeta('name', DEMO_NAME);
    const coders = {
      first: store.ensureCoder('Reviewer A', '#1971c2'),
      second: store.ensureCoder('Reviewer B', '#e8590c'),
    };
    for (const step of steps) step({ store, coders });
  });
}
