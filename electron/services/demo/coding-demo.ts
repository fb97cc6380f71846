/**
 * The demo's coding work: a codebook of context, mechanism (resource and response) and outcome
 * codes for case management of frequent users, three short demo texts (a patient interview, a
 * nurses' focus group and a summary of review findings, all written for the demo), passages
 * highlighted in them, codings by the two demo coders with some honest disagreement, seven
 * CMOCs with their if-then-because statements and evidence, appraisals and memos.
 *
 * The texts are our own words, not quotes from the studies. The demo texts are written even
 * when another step has added documents, because the passages below must be found verbatim.
 */
import type { EvidenceRole } from '../../../shared/coding/types';
import type { DemoStep } from './build-demo';

interface DemoText {
  key: string;
  title: string;
  fileName: string;
  /** Title of the demo record it belongs to (for its citation), if any. */
  recordTitlePrefix?: string;
  text: string;
}

const TEXTS: DemoText[] = [
  {
    key: 'patient',
    title: 'Interview with patient P07 (demo transcript)',
    fileName: 'demo-interview-p07.md',
    text: [
      'Interviewer: How did things change after you joined the program?',
      'P07: I have diabetes, heart failure and my lungs are not good, so I was always somewhere, a clinic or the emergency. My family doctor retired two years ago and I never found another one.',
      'Interviewer: And the nurse?',
      'P07: The nurse gave me her direct line. If something is wrong I call her first and she calls me back the same day. Before, I went to the emergency because there was nobody else to call.',
      'P07: We sat down together and wrote a plan: what I do when my sugar is high, who to call, which appointments are coming. It was my plan, not a paper from the hospital.',
      'P07: I trust her. She knows my whole story, so I do not have to repeat it to ten people.',
      'P07: I feel safer at home now. I sleep better and I worry less about what happens if I get sick at night.',
      'P07: This year I went to the emergency twice; last year it was more like eight times.',
      'P07: Some weeks I still feel alone with all of it. The nurse cannot change the fact that my children live far away.',
    ].join('\n'),
  },
  {
    key: 'nurses',
    title: 'Focus group with case-management nurses (demo notes)',
    fileName: 'demo-focus-group-nurses.md',
    text: [
      'Nurse 1: The first meetings are about listening. Patients have been sent from one service to another for years and they do not believe anyone will stay.',
      'Nurse 2: Once they see that you call back, they call you before things get worse, and they stop going straight to the emergency.',
      'Nurse 3: I speak with the pharmacist and the physician so that the patient does not have to carry messages between us.',
      'Nurse 1: When they feel respected, they take part in the plan. They tell us what matters to them, and they start to manage their medication themselves.',
      'Nurse 2: It does not work for everyone. One patient with severe mental illness never engaged, and his visits to the emergency did not change.',
      'Nurse 3: With a caseload of more than sixty patients I cannot be as reachable as the program promises.',
    ].join('\n'),
  },
  {
    key: 'summary',
    title: 'Summary of findings across case-management programs (demo)',
    fileName: 'demo-summary-of-findings.md',
    recordTitlePrefix: 'Case management in primary care for frequent users of health care services: a realist synthesis',
    text: [
      'Across the included programs, patients with several chronic conditions valued a case manager they could reach easily.',
      'A trusting relationship with the case manager was the thread running through most configurations.',
      'Where patients felt supported, respected and accepted, they reported feeling less anxious and more secure.',
      'Individualised service plans built with the patient increased their confidence to manage their own health.',
      'Reductions in emergency department use were reported in some studies but not in others.',
    ].join('\n'),
  },
];

type Kind = 'context' | 'mechanism-resource' | 'mechanism-response' | 'outcome';

/** The codebook: [name, kind, description, parent name?]. Parents come before children. */
const CODES: Array<[string, Kind, string, string?]> = [
  ['Multiple chronic conditions', 'context', 'The patient lives with two or more chronic conditions that need regular care.'],
  ['Poor access to a family physician', 'context', 'No regular family physician, or one who cannot be reached when needed.'],
  ['History of being sent from service to service', 'context', 'Past care was fragmented; the patient expects nobody to stay.'],
  ['Limited social support', 'context', 'Little help from family or friends at home.'],
  ['High caseload', 'context', 'The case manager follows more patients than the program planned for.'],
  ['Accessible nurse case manager', 'mechanism-resource', 'A nurse the patient can reach directly and who answers quickly.'],
  ['Direct phone line to the nurse', 'mechanism-resource', 'The patient has a number that reaches the case manager, not a switchboard.', 'Accessible nurse case manager'],
  ['Individualised service plan', 'mechanism-resource', 'A plan written with the patient, about the patient’s own goals.'],
  ['Coordination with the care team', 'mechanism-resource', 'The case manager links the physician, pharmacist and other services.'],
  ['Trust in the case manager', 'mechanism-response', 'The patient relies on the case manager and shares problems early.'],
  ['Feeling secure', 'mechanism-response', 'The patient feels safe at home because help is reachable.'],
  ['Feeling supported and respected', 'mechanism-response', 'The patient feels listened to, accepted and taken seriously.'],
  ['Confidence to self-manage', 'mechanism-response', 'The patient believes they can handle their own care.'],
  ['Less psychological distress', 'outcome', 'Less anxiety and worry reported by the patient.'],
  ['Fewer emergency visits', 'outcome', 'Fewer visits to the emergency department.'],
  ['Self-management', 'outcome', 'The patient manages medication, symptoms and appointments.'],
];

interface Passage {
  key: string;
  text: string;
  quote: string;
  /** Who highlighted it. */
  by: 'first' | 'second';
  /** Codes given by Reviewer A and by Reviewer B (empty: that reviewer did not code it). */
  a: string[];
  b: string[];
  /** Where Reviewer B marked other boundaries than `quote` (a shorter or longer passage). */
  bQuote?: string;
}

/** The coded passages. Disagreements are deliberate and realistic: a different reading, or one coder not coding a passage at all. */
const PASSAGES: Passage[] = [
  { key: 'conditions', text: 'patient', quote: 'I have diabetes, heart failure and my lungs are not good', by: 'first', a: ['Multiple chronic conditions'], b: ['Multiple chronic conditions'] },
  {
    key: 'no-doctor',
    text: 'patient',
    quote: 'My family doctor retired two years ago and I never found another one.',
    by: 'first',
    a: ['Poor access to a family physician'],
    b: ['Poor access to a family physician'],
  },
  {
    key: 'direct-line',
    text: 'patient',
    quote: 'The nurse gave me her direct line. If something is wrong I call her first and she calls me back the same day.',
    by: 'first',
    a: ['Direct phone line to the nurse', 'Accessible nurse case manager'],
    b: ['Accessible nurse case manager', 'Feeling secure'],
    bQuote: 'The nurse gave me her direct line.',
  },
  {
    key: 'plan',
    text: 'patient',
    quote: 'We sat down together and wrote a plan',
    by: 'first',
    a: ['Individualised service plan', 'Confidence to self-manage'],
    b: ['Individualised service plan'],
  },
  {
    key: 'trust',
    text: 'patient',
    quote: 'I trust her. She knows my whole story, so I do not have to repeat it to ten people.',
    by: 'first',
    a: ['Trust in the case manager'],
    b: ['Trust in the case manager', 'Coordination with the care team'],
  },
  {
    key: 'safer',
    text: 'patient',
    quote: 'I feel safer at home now. I sleep better and I worry less about what happens if I get sick at night.',
    by: 'first',
    a: ['Feeling secure', 'Less psychological distress'],
    b: ['Less psychological distress'],
    bQuote: 'I sleep better and I worry less about what happens if I get sick at night.',
  },
  { key: 'fewer-visits', text: 'patient', quote: 'This year I went to the emergency twice; last year it was more like eight times.', by: 'first', a: ['Fewer emergency visits'], b: ['Fewer emergency visits'] },
  { key: 'alone', text: 'patient', quote: 'Some weeks I still feel alone with all of it.', by: 'first', a: ['Limited social support'], b: [] },
  {
    key: 'sent-around',
    text: 'nurses',
    quote: 'Patients have been sent from one service to another for years and they do not believe anyone will stay.',
    by: 'first',
    a: ['History of being sent from service to service'],
    b: ['History of being sent from service to service'],
  },
  {
    key: 'call-back',
    text: 'nurses',
    quote: 'Once they see that you call back, they call you before things get worse, and they stop going straight to the emergency.',
    by: 'first',
    a: ['Trust in the case manager', 'Fewer emergency visits'],
    b: ['Accessible nurse case manager', 'Fewer emergency visits'],
  },
  {
    key: 'coordination',
    text: 'nurses',
    quote: 'I speak with the pharmacist and the physician so that the patient does not have to carry messages between us.',
    by: 'first',
    a: ['Coordination with the care team'],
    b: ['Coordination with the care team'],
  },
  {
    key: 'respected',
    text: 'nurses',
    quote: 'When they feel respected, they take part in the plan. They tell us what matters to them, and they start to manage their medication themselves.',
    by: 'first',
    a: ['Feeling supported and respected', 'Self-management'],
    b: ['Feeling supported and respected', 'Self-management'],
  },
  {
    key: 'not-everyone',
    text: 'nurses',
    quote: 'One patient with severe mental illness never engaged, and his visits to the emergency did not change.',
    by: 'first',
    a: ['Fewer emergency visits'],
    b: [],
  },
  { key: 'caseload', text: 'nurses', quote: 'With a caseload of more than sixty patients I cannot be as reachable as the program promises.', by: 'second', a: [], b: ['High caseload'] },
  {
    key: 'reach-easily',
    text: 'summary',
    quote: 'patients with several chronic conditions valued a case manager they could reach easily',
    by: 'first',
    a: ['Multiple chronic conditions', 'Accessible nurse case manager'],
    b: ['Multiple chronic conditions', 'Accessible nurse case manager'],
    bQuote: 'Across the included programs, patients with several chronic conditions valued a case manager they could reach easily.',
  },
  {
    key: 'thread',
    text: 'summary',
    quote: 'A trusting relationship with the case manager was the thread running through most configurations.',
    by: 'first',
    a: ['Trust in the case manager'],
    b: ['Trust in the case manager'],
  },
  {
    key: 'less-anxious',
    text: 'summary',
    quote: 'Where patients felt supported, respected and accepted, they reported feeling less anxious and more secure.',
    by: 'first',
    a: ['Feeling supported and respected', 'Less psychological distress'],
    b: ['Feeling supported and respected', 'Feeling secure'],
  },
  {
    key: 'confidence',
    text: 'summary',
    quote: 'Individualised service plans built with the patient increased their confidence to manage their own health.',
    by: 'first',
    a: ['Individualised service plan', 'Confidence to self-manage'],
    b: ['Individualised service plan', 'Confidence to self-manage'],
  },
  { key: 'mixed-ed', text: 'summary', quote: 'Reductions in emergency department use were reported in some studies but not in others.', by: 'first', a: ['Fewer emergency visits'], b: [] },
];

interface DemoCmoc {
  label: string;
  /** Written by the reviewer; left out, the generator writes it from the codes. */
  statement?: string;
  coder: 'first' | 'second';
  context: string[];
  resource: string[];
  response: string[];
  outcome: string[];
  evidence: Array<[passage: string, role: EvidenceRole]>;
  memo?: string;
}

const CMOCS: DemoCmoc[] = [
  {
    label: 'CMOC 1',
    statement: 'If patients live with several chronic conditions and cannot reach a family physician, then they make fewer emergency visits, because a nurse case manager they can reach directly makes them feel secure.',
    coder: 'first',
    context: ['Multiple chronic conditions', 'Poor access to a family physician'],
    resource: ['Accessible nurse case manager'],
    response: ['Feeling secure'],
    outcome: ['Fewer emergency visits'],
    evidence: [
      ['direct-line', 'supports'],
      ['fewer-visits', 'supports'],
      ['call-back', 'supports'],
      ['not-everyone', 'refutes'],
      ['mixed-ed', 'refines'],
    ],
    memo: 'The effect on emergency visits is not uniform: the nurses describe a patient with severe mental illness who never engaged. Consider a context code for engagement.',
  },
  {
    label: 'CMOC 2',
    statement: 'If patients live with several chronic conditions, then their psychological distress falls, because an accessible case manager earns their trust.',
    coder: 'first',
    context: ['Multiple chronic conditions'],
    resource: ['Accessible nurse case manager'],
    response: ['Trust in the case manager'],
    outcome: ['Less psychological distress'],
    evidence: [
      ['trust', 'supports'],
      ['thread', 'supports'],
      ['safer', 'supports'],
    ],
    memo: 'Trust is the thread of the programme theory; every other configuration leans on it.',
  },
  {
    label: 'CMOC 3',
    statement: 'If patients live with several chronic conditions, then they manage more of their own care, because a service plan written with them gives them the confidence to do so.',
    coder: 'first',
    context: ['Multiple chronic conditions'],
    resource: ['Individualised service plan'],
    response: ['Confidence to self-manage'],
    outcome: ['Self-management'],
    evidence: [
      ['plan', 'supports'],
      ['confidence', 'supports'],
      ['respected', 'supports'],
    ],
  },
  {
    label: 'CMOC 4',
    statement: 'If patients have been sent from service to service for years, then they take part in their own care, because a case manager who stays makes them feel supported and respected.',
    coder: 'first',
    context: ['History of being sent from service to service'],
    resource: ['Accessible nurse case manager'],
    response: ['Feeling supported and respected'],
    outcome: ['Self-management'],
    evidence: [
      ['sent-around', 'supports'],
      ['respected', 'supports'],
      ['less-anxious', 'supports'],
    ],
  },
  {
    label: 'CMOC 5',
    statement: 'If patients have no family physician to rely on, then they use the emergency department less, because a case manager who coordinates the care team makes them feel supported.',
    coder: 'first',
    context: ['Poor access to a family physician'],
    resource: ['Coordination with the care team'],
    response: ['Feeling supported and respected'],
    outcome: ['Fewer emergency visits'],
    evidence: [
      ['coordination', 'supports'],
      ['trust', 'refines'],
    ],
  },
  {
    label: 'CMOC 6',
    statement: 'If patients have little social support or their case manager carries a high caseload, then distress falls less than hoped, because a reachable nurse alone does not make them feel secure.',
    coder: 'first',
    context: ['Limited social support', 'High caseload'],
    resource: ['Accessible nurse case manager'],
    response: ['Feeling secure'],
    outcome: ['Less psychological distress'],
    evidence: [
      ['safer', 'supports'],
      ['alone', 'refutes'],
      ['caseload', 'refines'],
    ],
    memo: 'A reachable nurse does not replace family support, and reachability itself depends on the caseload.',
  },
  {
    label: 'CMOC B1',
    coder: 'second',
    context: ['Multiple chronic conditions'],
    resource: ['Accessible nurse case manager', 'Direct phone line to the nurse'],
    response: ['Trust in the case manager', 'Feeling secure'],
    outcome: ['Fewer emergency visits', 'Less psychological distress'],
    evidence: [
      ['call-back', 'supports'],
      ['reach-easily', 'supports'],
      ['caseload', 'refutes'],
    ],
  },
];

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Appends the coding work to the demo (see the module comment), through the API's calls. */
export const addCodingWork: DemoStep = async ({ call, as }) => {
  await as('first');
  const records = (await call('records:list', { limit: 1000 })).items;
  const docIds = new Map<string, string>();
  for (const t of TEXTS) {
    const recordId = t.recordTitlePrefix ? records.find((r) => r.title === t.recordTitlePrefix)?.id : undefined;
    const result = await call('documents:attach', {
      files: [{ name: t.fileName, contentBase64: base64(`# ${t.title}\n\n${t.text}\n`) }],
      ...(recordId ? { recordId } : {}),
    });
    const attached = result.attached[0];
    if (!attached) throw new Error(`The demo text ${t.fileName} was not attached: ${result.errors.map((e) => e.message).join('; ')}`);
    docIds.set(t.key, attached.documentId);
  }

  const codeIds = new Map<string, string>();
  for (const [codeName, kind, description, parent] of CODES) {
    const code = await call('codes:create', { name: codeName, kind, description, parentId: parent ? codeIds.get(parent)! : null });
    codeIds.set(codeName, code.id);
  }

  // Each coder highlights, in their own layer, the passages they code (or found).
  const excerptIds = new Map<string, string>();
  const key = (passage: string, coder: 'first' | 'second') => `${passage}\u0000${coder}`;
  for (const coder of ['first', 'second'] as const) {
    await as(coder);
    for (const p of PASSAGES) {
      const codes = coder === 'first' ? p.a : p.b;
      if (codes.length === 0 && p.by !== coder) continue;
      const quote = coder === 'second' && p.bQuote ? p.bQuote : p.quote;
      const h = await call('excerpts:highlightQuote', { documentId: docIds.get(p.text)!, quote });
      excerptIds.set(key(p.key, coder), h.excerptId);
      for (const c of codes) await call('codings:add', { excerptId: h.excerptId, codeId: codeIds.get(c)! });
    }
  }

  const role = (kind: Kind) => (n: string) => ({ codeId: codeIds.get(n)!, role: kind });
  for (const c of CMOCS) {
    await as(c.coder);
    const other = c.coder === 'first' ? 'second' : 'first';
    const cmoc = await call('cmocs:create', {
      label: c.label,
      ...(c.statement ? { statement: c.statement } : {}),
      codes: [...c.context.map(role('context')), ...c.resource.map(role('mechanism-resource')), ...c.response.map(role('mechanism-response')), ...c.outcome.map(role('outcome'))],
      evidence: c.evidence.map(([passage, r]) => ({ excerptId: (excerptIds.get(key(passage, c.coder)) ?? excerptIds.get(key(passage, other)))!, role: r, note: null })),
    });
    if (c.memo) await call('memos:create', { targetType: 'cmoc', targetId: cmoc.id, body: c.memo });
  }

  // A CMOC still being thought through: Reviewer B saves it explicitly as a draft (no outcome yet).
  await as('second');
  await call('cmocs:create', {
    label: 'Caseload (draft)',
    statement: 'If the case manager carries a high caseload, then … (which outcome suffers is still open), because patients cannot reach the nurse when they need to.',
    status: 'draft',
    codes: [role('context')('High caseload'), role('mechanism-resource')('Accessible nurse case manager')],
    evidence: [{ excerptId: (excerptIds.get(key('caseload', 'second')) ?? excerptIds.get(key('caseload', 'first')))!, role: 'supports', note: null }],
  });

  const appraise = async (doc: string, coder: 'first' | 'second', relevance: 'high' | 'moderate' | 'low', relevanceNote: string, rigour: 'high' | 'moderate' | 'low', rigourNote: string) => {
    await as(coder);
    await call('appraisals:set', { documentId: docIds.get(doc)!, relevance, relevanceNote, rigour, rigourNote });
  };
  await appraise('patient', 'first', 'high', 'Speaks directly to trust and reachability.', 'moderate', 'One interview; rich but a single voice.');
  await appraise('patient', 'second', 'high', 'Central to the mechanisms.', 'low', 'A single participant, selected by the program.');
  await appraise('nurses', 'first', 'high', 'Gives the providers’ view of engagement and its limits.', 'moderate', 'Notes, not a verbatim transcript.');
  await appraise('summary', 'first', 'moderate', 'Summarises many programs; little detail on context.', 'high', 'Systematic search and independent extraction.');

  await as('first');
  await call('memos:create', {
    targetType: 'project',
    body: 'Initial reading: the relationship with an accessible case manager seems to carry most outcomes. Check whether emergency use falls only for patients who engage.',
  });
  await call('memos:create', {
    targetType: 'code',
    targetId: codeIds.get('Trust in the case manager')!,
    body: 'Code trust when the patient describes relying on the nurse or telling problems early, not mere satisfaction.',
  });
  await as('second');
  await call('memos:create', {
    targetType: 'document',
    targetId: docIds.get('nurses')!,
    body: 'Reviewer B read the "call back" passage as reachability rather than trust; to discuss at reconciliation.',
  });
};
