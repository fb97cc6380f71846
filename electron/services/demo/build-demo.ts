/**
 * The demo project: case management in primary care for frequent users of health care (the
 * story in DOMAIN.md), written in the product's own words.
 *
 * It is built only through the API's calls, as a user would build it (coders chosen, records
 * imported from a screening export, full texts attached, passages highlighted and coded, CMOCs
 * assembled), so the demo is always data the app itself could have made, with a change log to
 * show. Steps run in order; each capability appends the one that gives its screens something
 * real to show. When the demo is built its history is sealed: undo does not take it apart.
 */
import type { ApiRequest, ApiResponse, Channel } from '../../../shared/api/contract';
import type { ProjectStore } from '../store/project-store';
import { addCodingWork } from './coding-demo';
import { addReconciliation } from './agreement-demo';
import { DEMO_DOCUMENTS } from './demo-documents';
import { DEMO_HIGHLIGHTS } from './demo-highlights';
import { demoRecordsCsv, RECORDS } from './demo-records';
import { addTheoryWork } from './theory-demo';

/** A call of the API contract, made in-process through the one dispatcher. */
export type DemoCall = <C extends Channel>(channel: C, request: ApiRequest<C>) => Promise<ApiResponse<C>>;

export interface DemoContext {
  call: DemoCall;
  /** The demo's two independent coders (ids). */
  coders: { first: string; second: string };
  /** Switches the session to one of the two coders (their own layer). */
  as(coder: 'first' | 'second'): Promise<void>;
}

export type DemoStep = (ctx: DemoContext) => Promise<void>;

export const DEMO_NAME = 'Case management for frequent users (demo)';

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Reviewer A imports the screening export and tags the records. */
const addRecords: DemoStep = async ({ call, as }) => {
  await as('first');
  await call('records:import', { files: [{ name: 'demo-screening.csv', contentBase64: base64(demoRecordsCsv()) }], label: 'Demo screening export' });
  const page = await call('records:list', { limit: RECORDS.length + 10 });
  await call('records:tag', { ids: page.items.map((r) => r.id), add: ['demo'] });
  // Reviewer B takes a second look at the "maybe" and corrects it: an action in the change log.
  const maybe = page.items.find((r) => r.screening.decision === 'maybe');
  if (maybe) {
    await as('second');
    await call('records:setScreening', { id: maybe.id, decision: 'included', reason: 'Second look: the population is frequent users with chronic conditions.' });
    await as('first');
  }
};

/** Full texts: a transcript and two article summaries, matched to their records by title. */
const addDocuments: DemoStep = async ({ call }) => {
  await call('documents:attach', { files: DEMO_DOCUMENTS.map((d) => ({ name: d.fileName, contentBase64: base64(d.text) })) });
};

/** Highlights by the two coders in the transcript and the synthesis summary. */
const addHighlights: DemoStep = async ({ call, as }) => {
  const docs = await call('documents:list', {});
  const idOf = (fileName: string) => docs.find((d) => d.fileName === fileName)!.id;
  for (const h of DEMO_HIGHLIGHTS) {
    await as(h.coder === 'Reviewer A' ? 'first' : 'second');
    await call('excerpts:highlightQuote', {
      documentId: idOf(h.fileName),
      quote: h.quote,
      ...(h.note !== undefined ? { note: h.note } : {}),
      ...(h.color !== undefined ? { color: h.color } : {}),
    });
  }
};

export const DEMO_STEPS: DemoStep[] = [addRecords, addDocuments, addHighlights, addCodingWork, addReconciliation, addTheoryWork];

/**
 * Fills an empty, freshly created and opened project with the demo, through `call`. The
 * session ends as Reviewer A in their own layer.
 */
export async function buildDemo(store: ProjectStore, call: DemoCall, steps: readonly DemoStep[] = DEMO_STEPS): Promise<void> {
  store.setMeta('name', DEMO_NAME);
  store.setMeta('is_demo', '1');
  store.setMeta('description', 'Realist synthesis of case management in primary care for frequent users of health care with chronic conditions.');
  const first = await call('coders:create', { name: 'Reviewer A', color: '#1971c2' });
  const second = await call('coders:create', { name: 'Reviewer B', color: '#e8590c' });
  const coders = { first: first.id, second: second.id };
  const as = async (coder: 'first' | 'second') => {
    await call('session:setCoder', { coderId: coders[coder] });
    await call('session:setLayer', { layer: 'own' });
  };
  for (const step of steps) await step({ call, coders, as });
  await as('first');
  store.log.sealHistory();
}
