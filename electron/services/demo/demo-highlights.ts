/**
 * The demo's highlights: the two demo coders read the interview transcript independently and
 * highlight what they take as evidence, as a pair of realist reviewers would. They agree on
 * some passages, highlight others with different boundaries, and each finds one the other
 * missed, so the agreement and reconciliation views have something honest to show. Reviewer A
 * also marks the synthesis summary's central finding. Quotes are found by their words
 * (`excerpts:highlightQuote`), exactly as `realist highlight` does.
 */

/** One demo highlight: whose, in which demo file, which words, and the coder's note. */
export interface DemoHighlight {
  coder: 'Reviewer A' | 'Reviewer B';
  fileName: string;
  quote: string;
  note?: string;
  color?: string;
}

const INTERVIEW = 'interview-patient-and-nurse.md';
const SYNTHESIS = 'realist-synthesis-summary.txt';

export const DEMO_HIGHLIGHTS: DemoHighlight[] = [
  {
    coder: 'Reviewer A',
    fileName: INTERVIEW,
    quote: 'I had been to the emergency room six or seven times that year, mostly at night, mostly because I was frightened.',
    note: 'Context: frequent emergency use driven by fear, not only by illness.',
  },
  { coder: 'Reviewer B', fileName: INTERVIEW, quote: 'I had been to the emergency room six or seven times that year' },
  {
    coder: 'Reviewer A',
    fileName: INTERVIEW,
    quote: 'I called her before I called the ambulance',
    note: 'M-resource: an easily reachable case manager.',
  },
  {
    coder: 'Reviewer B',
    fileName: INTERVIEW,
    quote: 'I called her before I called the ambulance, and most of the time she knew what to do',
  },
  {
    coder: 'Reviewer A',
    fileName: INTERVIEW,
    quote: 'She had to believe that I would call back, and that I would not judge her for calling.',
    note: 'M-response: trust takes time (about two months here).',
  },
  {
    coder: 'Reviewer B',
    fileName: INTERVIEW,
    quote: 'Being reachable is the resource, but it is not enough on its own. She had to believe that I would call back',
    note: 'The nurse names resource and response herself.',
  },
  { coder: 'Reviewer B', fileName: INTERVIEW, quote: 'The plan is hers, not ours.', note: 'Patient-owned goals.' },
  { coder: 'Reviewer A', fileName: INTERVIEW, quote: 'Less afraid. I know what to watch for and who to call.', note: 'Outcome: less anxiety, self-management.' },
  { coder: 'Reviewer B', fileName: INTERVIEW, quote: 'Less afraid. I know what to watch for and who to call. I go to my appointments.' },
  {
    coder: 'Reviewer A',
    fileName: SYNTHESIS,
    quote: 'a trusting relationship between the patient and an accessible, experienced case manager',
    color: '#ffd43b',
  },
];
