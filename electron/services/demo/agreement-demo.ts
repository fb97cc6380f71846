/**
 * The demo's reconciliation, after the coding work: Reviewer A, as the lead, reads the
 * agreement report of the two reviewers and reconciles part of it into the consensus layer
 * with the reconciliation calls, as a user would in the Agreement section: the passages both
 * coded alike are adopted, three disagreements are decided with a rationale, and CMOC 1 is
 * kept. The rest (the "call back" passage among them) is left open for the user to try.
 */
import type { DemoStep } from './build-demo';

/** Decisions on disagreements, found in the report by the start of their passage. */
const DECISIONS = [
  {
    startsWith: 'The nurse gave me her direct line.',
    decision: 'accept-a',
    rationale: 'The direct line is the resource, and its boundary is the call-back it makes possible; feeling secure is coded where the patient says so.',
  },
  { startsWith: 'I trust her.', decision: 'accept-a', rationale: 'Not repeating the story is continuity with one person, not coordination between services.' },
  { startsWith: 'We sat down together and wrote a plan', decision: 'both', rationale: 'Writing the plan together is where the confidence starts; keep both codes.' },
] as const;

export const addReconciliation: DemoStep = async ({ call, as, coders }) => {
  await as('first');
  const pair = [coders.first, coders.second];
  await call('agreement:adoptAgreed', { coders: pair });
  const report = await call('agreement:project', { coders: pair });
  for (const d of DECISIONS) {
    const found = report.disagreements.find((x) => x.quote.startsWith(d.startsWith));
    if (!found) throw new Error(`The demo's disagreement "${d.startsWith}" is not in the agreement report.`);
    await call('agreement:reconcilePassage', { coders: pair, documentId: found.documentId, key: found.key, decision: d.decision, rationale: d.rationale });
  }
  const cmoc1 = report.cmoc.items.find((x) => x.a?.label === 'CMOC 1');
  if (!cmoc1?.a) throw new Error('The demo\'s CMOC 1 is not in the agreement report.');
  const kept = await call('agreement:reconcileCmoc', {
    coders: pair,
    a: cmoc1.a.id,
    b: cmoc1.b?.id ?? null,
    decision: 'keep-a',
    rationale: 'Reviewer B folded reachability and trust into one configuration (B1); CMOC 1 keeps the reachability path apart, as both agreed.',
  });
  // The consensus copy is named apart from Reviewer A's own CMOC 1 (the table shows every layer).
  await call('session:setLayer', { layer: 'consensus' });
  await call('cmocs:update', { id: kept.cmocIds[0]!, label: 'CMOC 1 (agreed)' });
  await call('session:setLayer', { layer: 'own' });
  await call('memos:create', {
    targetType: 'project',
    body: 'Reconciliation, first pass: the passages coded alike adopted, three disagreements decided, CMOC 1 kept. "Call back" (trust or reachability?) still open.',
  });
};
