/**
 * The demo's program theory, told as a realist review tells it: an initial program theory of
 * hypotheses (from a stakeholder workshop with the case-management nurses, the program manual
 * and a first reading of the synthesis; some with evidence, some with none yet), an iteration
 * after the first round of coding, and a refined theory built from the consensus CMOCs, with
 * the refinement mapping saved by the lead: something kept, modified, split, merged, dropped
 * and added, each with its rationale and evidence.
 *
 * The lead (Reviewer A) first reconciles the remaining configurations into the consensus
 * layer (highlights and CMOCs in consensus), so that "refined" is built from consensus as the
 * app builds it. Everything goes through the API's calls.
 */
import type { EvidenceRef, TheoryPart, TheoryRole } from '../../../shared/theory/types';
import type { DemoStep } from './build-demo';

/** Passages the lead reconciles into consensus for the theory: [key, demo file, quote]. */
const CONSENSUS_PASSAGES: Array<[string, string, string]> = [
  ['conditions', 'demo-interview-p07.md', 'I have diabetes, heart failure and my lungs are not good'],
  ['no-doctor', 'demo-interview-p07.md', 'My family doctor retired two years ago and I never found another one.'],
  ['direct-line', 'demo-interview-p07.md', 'The nurse gave me her direct line. If something is wrong I call her first and she calls me back the same day.'],
  ['trust', 'demo-interview-p07.md', 'I trust her. She knows my whole story, so I do not have to repeat it to ten people.'],
  ['fewer-visits', 'demo-interview-p07.md', 'This year I went to the emergency twice; last year it was more like eight times.'],
  ['plan', 'demo-interview-p07.md', 'We sat down together and wrote a plan'],
  ['safer', 'demo-interview-p07.md', 'I feel safer at home now. I sleep better and I worry less about what happens if I get sick at night.'],
  ['alone', 'demo-interview-p07.md', 'Some weeks I still feel alone with all of it.'],
  ['sent-around', 'demo-focus-group-nurses.md', 'Patients have been sent from one service to another for years and they do not believe anyone will stay.'],
  ['call-back', 'demo-focus-group-nurses.md', 'Once they see that you call back, they call you before things get worse, and they stop going straight to the emergency.'],
  ['coordination', 'demo-focus-group-nurses.md', 'I speak with the pharmacist and the physician so that the patient does not have to carry messages between us.'],
  ['respected', 'demo-focus-group-nurses.md', 'When they feel respected, they take part in the plan. They tell us what matters to them, and they start to manage their medication themselves.'],
  ['caseload', 'demo-focus-group-nurses.md', 'With a caseload of more than sixty patients I cannot be as reachable as the program promises.'],
  ['reach-easily', 'demo-summary-of-findings.md', 'patients with several chronic conditions valued a case manager they could reach easily'],
  ['thread', 'demo-summary-of-findings.md', 'A trusting relationship with the case manager was the thread running through most configurations.'],
  ['less-anxious', 'demo-summary-of-findings.md', 'Where patients felt supported, respected and accepted, they reported feeling less anxious and more secure.'],
  ['confidence', 'demo-summary-of-findings.md', 'Individualised service plans built with the patient increased their confidence to manage their own health.'],
];

type Slots = Partial<Record<TheoryRole, string[]>>;

function parts(s: Slots): TheoryPart[] {
  const out: TheoryPart[] = [];
  for (const role of ['context', 'mechanism-resource', 'mechanism-response', 'outcome'] as const) for (const text of s[role] ?? []) out.push({ role, text, codeId: null });
  return out;
}

const CMOC1_STATEMENT =
  'If patients live with several chronic conditions and cannot reach a family physician, then they make fewer emergency visits, because a nurse case manager they can reach directly makes them feel secure.';

/** The consensus CMOCs the lead adds (CMOC 1 is agreed already). */
const CONSENSUS_CMOCS: Array<{ label: string; statement: string; slots: Slots; evidence: Array<[string, 'supports' | 'refutes' | 'refines']> }> = [
  {
    label: 'CMOC 2 (agreed)',
    statement:
      'If patients live with several chronic conditions and have been sent from service to service, then their psychological distress falls, because an accessible case manager who stays earns their trust.',
    slots: { context: ['Multiple chronic conditions', 'History of being sent from service to service'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Trust in the case manager'], outcome: ['Less psychological distress'] },
    evidence: [['trust', 'supports'], ['thread', 'supports'], ['safer', 'supports'], ['sent-around', 'supports']],
  },
  {
    label: 'CMOC 3 (agreed)',
    statement: 'If patients live with several chronic conditions, then they manage more of their own care, because a service plan written with them gives them the confidence to do so.',
    slots: { context: ['Multiple chronic conditions'], 'mechanism-resource': ['Individualised service plan'], 'mechanism-response': ['Confidence to self-manage'], outcome: ['Self-management'] },
    evidence: [['plan', 'supports'], ['confidence', 'supports']],
  },
  {
    label: 'CMOC 7 (agreed)',
    statement: 'If patients live with several chronic conditions, then they manage more of their own care, because a case manager who coordinates the care team makes them feel supported.',
    slots: { context: ['Multiple chronic conditions'], 'mechanism-resource': ['Coordination with the care team'], 'mechanism-response': ['Feeling supported and respected'], outcome: ['Self-management'] },
    evidence: [['coordination', 'supports'], ['respected', 'supports']],
  },
  {
    label: 'CMOC 4 (agreed)',
    statement:
      'If patients have been sent from service to service for years, then they take part in their own care and feel less distressed, because a case manager who stays makes them feel supported and respected.',
    slots: { context: ['History of being sent from service to service'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Feeling supported and respected'], outcome: ['Self-management', 'Less psychological distress'] },
    evidence: [['sent-around', 'supports'], ['respected', 'supports'], ['less-anxious', 'supports']],
  },
  {
    label: 'CMOC 6 (agreed)',
    statement:
      'If patients have little social support or their case manager carries a high caseload, then distress falls less than hoped, because a reachable nurse alone does not make them feel secure.',
    slots: { context: ['Limited social support', 'High caseload'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Feeling secure'], outcome: ['Less psychological distress'] },
    evidence: [['safer', 'supports'], ['alone', 'refutes'], ['caseload', 'refines']],
  },
];

/** Appends the program theory to the demo (see the module comment). */
export const addTheoryWork: DemoStep = async ({ call, as }) => {
  await as('first');
  const { codes } = await call('codes:list', {});
  const codeId = new Map(codes.map((c) => [c.name, c.id]));
  const docs = await call('documents:list', {});
  const docId = (file: string) => docs.find((d) => d.fileName === file)!.id;

  // 1. The lead reconciles the remaining configurations into the consensus layer.
  await call('session:setLayer', { layer: 'consensus' });
  const excerpt = new Map<string, string>();
  for (const [key, file, quote] of CONSENSUS_PASSAGES) {
    const existing = (await call('excerpts:list', { documentId: docId(file) })).find((e) => e.coderId === 'consensus' && e.quote === quote);
    excerpt.set(key, existing?.id ?? (await call('excerpts:highlightQuote', { documentId: docId(file), quote })).excerptId);
  }
  for (const c of CONSENSUS_CMOCS) {
    const codesOf = Object.entries(c.slots).flatMap(([role, names]) => names.map((n) => ({ codeId: codeId.get(n)!, role })));
    await call('cmocs:create', { label: c.label, statement: c.statement, codes: codesOf, evidence: c.evidence.map(([key, role]) => ({ excerptId: excerpt.get(key)!, role, note: null })) });
  }
  await call('memos:create', { targetType: 'project', body: 'Reconciliation, second pass: six configurations agreed in consensus; they make up the refined program theory.' });
  await call('session:setLayer', { layer: 'own' });
  const ex = (key: string): EvidenceRef => ({ kind: 'excerpt', id: excerpt.get(key)! });
  const doc = (file: string): EvidenceRef => ({ kind: 'document', id: docId(file) });

  // 2. The initial program theory: hypotheses, some with a first piece of evidence.
  const initial = await call('theory:create', {
    label: 'initial',
    stage: 'initial',
    notes: 'Drafted before coding from a stakeholder workshop with the case-management nurses, the program manual and a first reading of the synthesis.',
    from: { kind: 'empty' },
  });
  const add = (versionId: string, label: string, statement: string, slots: Slots, extra: { origin?: 'hypothesised' | 'stakeholder'; provenance?: string; evidence?: Array<[string, 'supports' | 'refutes' | 'refines']>; derivedFrom?: string[] } = {}) =>
    call('theory:addCmoc', {
      versionId,
      label,
      statement,
      parts: parts(slots),
      origin: extra.origin ?? 'hypothesised',
      provenance: extra.provenance ?? '',
      evidence: (extra.evidence ?? []).map(([key, role]) => ({ excerptId: excerpt.get(key)!, role })),
      derivedFrom: extra.derivedFrom ?? [],
    });
  const i1 = await add(initial.id, 'H1 Reachable nurse', CMOC1_STATEMENT, { context: ['Multiple chronic conditions', 'Poor access to a family physician'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Feeling secure'], outcome: ['Fewer emergency visits'] }, { provenance: 'First reading of the synthesis', evidence: [['reach-easily', 'supports']] });
  const i2 = await add(initial.id, 'H2 Trust', 'If patients live with several chronic conditions, then their psychological distress falls, because an accessible case manager earns their trust.', { context: ['Multiple chronic conditions'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Trust in the case manager'], outcome: ['Less psychological distress'] }, { provenance: 'First reading of the synthesis', evidence: [['thread', 'supports']] });
  const i3 = await add(initial.id, 'H3 Plan and coordination', 'If patients live with several chronic conditions, then they manage more of their own care, because a plan written with them and a coordinated care team make them confident and supported.', { context: ['Multiple chronic conditions'], 'mechanism-resource': ['Individualised service plan', 'Coordination with the care team'], 'mechanism-response': ['Confidence to self-manage', 'Feeling supported and respected'], outcome: ['Self-management'] }, { origin: 'stakeholder', provenance: 'Stakeholder workshop, case-management nurses' });
  const i4 = await add(initial.id, 'H4 Respect and engagement', 'If patients have been sent from service to service for years, then they take part in their own care, because a case manager who stays makes them feel respected.', { context: ['History of being sent from service to service'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Feeling supported and respected'], outcome: ['Self-management'] }, { origin: 'stakeholder', provenance: 'Stakeholder workshop, case-management nurses' });
  const i5 = await add(initial.id, 'H5 Being listened to', 'If patients have been sent from service to service for years, then they feel less distressed, because being listened to makes them feel supported.', { context: ['History of being sent from service to service'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Feeling supported and respected'], outcome: ['Less psychological distress'] }, { origin: 'stakeholder', provenance: 'Stakeholder workshop, case-management nurses' });
  const i6 = await add(initial.id, 'H6 Telephone reminders', 'If patients receive automated telephone reminders, then they miss fewer appointments, because the reminders prompt them to attend.', { context: ['Patients receive automated telephone reminders'], 'mechanism-response': ['Reminders prompt them to attend'], outcome: ['Fewer missed appointments'] }, { provenance: 'Program manual, section 4' });

  // 3. An iteration after the first round of coding: H2 gains a context, H3 is split.
  const iteration = await call('theory:create', { label: 'iteration 1', stage: 'intermediate', notes: 'After the first round of coding the transcripts.', from: { kind: 'version', versionId: initial.id } });
  const copyOf = (id: string) => iteration.cmocs.find((c) => c.derivedFrom.includes(id))!;
  const i2b = copyOf(i2.id);
  await call('theory:updateCmoc', {
    id: i2b.id,
    statement: 'If patients live with several chronic conditions and have been sent from service to service, then their psychological distress falls, because an accessible case manager earns their trust.',
    parts: parts({ context: ['Multiple chronic conditions', 'History of being sent from service to service'], 'mechanism-resource': ['Accessible nurse case manager'], 'mechanism-response': ['Trust in the case manager'], outcome: ['Less psychological distress'] }),
  });
  await call('theory:deleteCmoc', { id: copyOf(i3.id).id });
  const i3a = await add(iteration.id, 'H3a Service plan', 'If patients live with several chronic conditions, then they manage more of their own care, because a service plan written with them gives them confidence.', { context: ['Multiple chronic conditions'], 'mechanism-resource': ['Individualised service plan'], 'mechanism-response': ['Confidence to self-manage'], outcome: ['Self-management'] }, { derivedFrom: [i3.id] });
  const i3b = await add(iteration.id, 'H3b Coordination', 'If patients live with several chronic conditions, then they manage more of their own care, because a coordinated care team makes them feel supported.', { context: ['Multiple chronic conditions'], 'mechanism-resource': ['Coordination with the care team'], 'mechanism-response': ['Feeling supported and respected'], outcome: ['Self-management'] }, { derivedFrom: [i3.id] });
  await call('theory:saveMapping', {
    fromId: initial.id,
    toId: iteration.id,
    changes: [
      { kind: 'kept', fromCmocIds: [i1.id], toCmocIds: [copyOf(i1.id).id], rationale: 'Nothing in the first round contradicts it.', evidence: [ex('direct-line')] },
      { kind: 'modified', fromCmocIds: [i2.id], toCmocIds: [i2b.id], rationale: 'The nurses tie trust to patients who had been passed from service to service: added as a context.', evidence: [ex('sent-around')] },
      { kind: 'split', fromCmocIds: [i3.id], toCmocIds: [i3a.id, i3b.id], rationale: 'The plan and the coordination work through different responses (confidence; feeling supported): two configurations.', evidence: [ex('plan'), ex('coordination')] },
      { kind: 'kept', fromCmocIds: [i4.id], toCmocIds: [copyOf(i4.id).id], rationale: 'Not yet tested.', evidence: [] },
      { kind: 'kept', fromCmocIds: [i5.id], toCmocIds: [copyOf(i5.id).id], rationale: 'Not yet tested.', evidence: [] },
      { kind: 'kept', fromCmocIds: [i6.id], toCmocIds: [copyOf(i6.id).id], rationale: 'No document speaks to it yet.', evidence: [] },
    ],
  });

  // 4. The refined theory, built from the consensus CMOCs, and the whole refinement mapped.
  const refined = await call('theory:create', { label: 'refined', stage: 'refined', notes: 'Built from the consensus configurations after reconciliation.', from: { kind: 'layer', layer: 'consensus' }, parentId: iteration.id });
  const r = (label: string) => refined.cmocs.find((c) => c.label === label)!.id;
  await call('theory:saveMapping', {
    fromId: iteration.id,
    toId: refined.id,
    changes: [
      { kind: 'kept', fromCmocIds: [copyOf(i1.id).id], toCmocIds: [r('CMOC 1 (agreed)')], rationale: 'Confirmed by the patient interview and the nurses; agreed by both coders.', evidence: [ex('direct-line'), ex('fewer-visits')] },
      { kind: 'modified', fromCmocIds: [i2b.id], toCmocIds: [r('CMOC 2 (agreed)')], rationale: 'Reworded at reconciliation: the case manager earns trust by staying.', evidence: [ex('trust')] },
      { kind: 'kept', fromCmocIds: [i3a.id], toCmocIds: [r('CMOC 3 (agreed)')], rationale: 'Supported by the interview and the synthesis.', evidence: [ex('confidence')] },
      { kind: 'modified', fromCmocIds: [i3b.id], toCmocIds: [r('CMOC 7 (agreed)')], rationale: 'Reworded: coordination spares patients from carrying messages.', evidence: [ex('coordination')] },
      { kind: 'merged', fromCmocIds: [copyOf(i4.id).id, copyOf(i5.id).id], toCmocIds: [r('CMOC 4 (agreed)')], rationale: 'One mechanism (feeling respected) with two outcomes: merged.', evidence: [ex('respected'), ex('less-anxious')] },
      { kind: 'dropped', fromCmocIds: [copyOf(i6.id).id], toCmocIds: [], rationale: 'No included document describes reminders; patients and nurses credit the relationship instead.', evidence: [ex('call-back'), doc('demo-focus-group-nurses.md')] },
      { kind: 'added', fromCmocIds: [], toCmocIds: [r('CMOC 6 (agreed)')], rationale: 'New from the data: isolation and high caseloads limit what a reachable nurse can do.', evidence: [ex('alone'), ex('caseload')] },
    ],
  });
  await call('theory:saveMapping', {
    fromId: initial.id,
    toId: refined.id,
    changes: [
      { kind: 'kept', fromCmocIds: [i1.id], toCmocIds: [r('CMOC 1 (agreed)')], rationale: 'The reachable nurse makes patients feel secure and they use the emergency department less: supported by the interview, the nurses and the synthesis; one refuting case (severe mental illness) noted.', evidence: [ex('direct-line'), ex('fewer-visits'), ex('call-back')] },
      { kind: 'modified', fromCmocIds: [i2.id], toCmocIds: [r('CMOC 2 (agreed)')], rationale: 'Trust matters most for patients who had been passed from service to service: that history is now part of the context.', evidence: [ex('trust'), ex('sent-around')] },
      { kind: 'split', fromCmocIds: [i3.id], toCmocIds: [r('CMOC 3 (agreed)'), r('CMOC 7 (agreed)')], rationale: 'The plan builds confidence; coordination makes patients feel supported. Two mechanisms, two configurations.', evidence: [ex('plan'), ex('confidence'), ex('coordination')] },
      { kind: 'merged', fromCmocIds: [i4.id, i5.id], toCmocIds: [r('CMOC 4 (agreed)')], rationale: 'Respect and being listened to are one response, feeling supported and respected, with two outcomes.', evidence: [ex('respected'), ex('less-anxious')] },
      { kind: 'dropped', fromCmocIds: [i6.id], toCmocIds: [], rationale: 'No included document describes automated reminders; the nurses credit the relationship, not prompts.', evidence: [ex('call-back'), doc('demo-focus-group-nurses.md')] },
      { kind: 'added', fromCmocIds: [], toCmocIds: [r('CMOC 6 (agreed)')], rationale: 'Not foreseen: limited social support and high caseloads blunt the effect of a reachable nurse.', evidence: [ex('alone'), ex('caseload')] },
    ],
  });

  // 5. Links and middle-range theories of the refined theory.
  await call('theory:link', { versionId: refined.id, kind: 'chain', fromCmocId: r('CMOC 4 (agreed)'), toCmocId: r('CMOC 3 (agreed)'), note: 'Patients who take part in their care are ready to use a service plan.' });
  await call('theory:saveGroup', {
    versionId: refined.id,
    kind: 'middle-range',
    name: 'Trusting relationship',
    description: 'An accessible, stable case manager earns trust, and trust carries the outcomes (the thread of Hudon and colleagues’ synthesis).',
    cmocIds: [r('CMOC 1 (agreed)'), r('CMOC 2 (agreed)'), r('CMOC 4 (agreed)'), r('CMOC 6 (agreed)')],
  });
  await call('theory:saveGroup', { versionId: refined.id, kind: 'theme', name: 'Support for self-management', description: '', cmocIds: [r('CMOC 3 (agreed)'), r('CMOC 7 (agreed)')] });
};
