/**
 * A large program theory for tests and the benchmark: `n` hypothesised CMOCs as a CSV of
 * context, resource, response and outcome phrases drawn (seeded, so always the same) from
 * pools about a third the size of `n`, so that CMOCs share nodes as a real theory's do.
 */
const CONDITIONS = ['diabetes', 'heart failure', 'COPD', 'depression', 'chronic pain', 'kidney disease', 'dementia', 'asthma', 'cancer survivorship', 'multimorbidity'];
const SETTINGS = ['a rural practice', 'an urban clinic', 'a community health centre', 'a hospital outpatient unit', 'home care', 'a nursing home', 'a low-income neighbourhood', 'a remote island'];
const PROVIDERS = ['a nurse case manager', 'a community health worker', 'a pharmacist', 'a social worker', 'a peer navigator', 'a family physician', 'a care coordinator'];
const RESOURCES = ['a direct phone line', 'home visits', 'a written care plan', 'help with housing', 'medication reviews', 'group sessions', 'transport vouchers', 'evening appointments', 'a shared record'];
const FEELINGS = ['secure', 'listened to', 'respected', 'confident', 'less alone', 'in control', 'trusted', 'motivated', 'reassured', 'understood'];
const DIRECTIONS = ['Fewer', 'Shorter', 'Less frequent', 'Earlier', 'More'];
const MEASURES = ['emergency visits', 'hospital admissions', 'missed appointments', 'medication errors', 'GP visits', 'episodes of distress', 'days in hospital', 'self-care activities', 'calls to the helpline'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pool(size: number, make: (i: number) => string): string[] {
  const out = new Set<string>();
  for (let i = 0; out.size < size; i += 1) out.add(make(i));
  return [...out];
}

/** The CSV (header: label, context, resource, response, outcome). */
export function largeTheoryCsv(n: number, seed = 11): string {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const k = Math.max(4, Math.round(n / 3));
  const contexts = pool(k, (i) => `Patients with ${CONDITIONS[i % CONDITIONS.length]} in ${SETTINGS[Math.floor(i / CONDITIONS.length) % SETTINGS.length]}${i >= CONDITIONS.length * SETTINGS.length ? ` (group ${i})` : ''}`);
  const resources = pool(Math.round(k * 0.7), (i) => `${PROVIDERS[i % PROVIDERS.length]} offers ${RESOURCES[Math.floor(i / PROVIDERS.length) % RESOURCES.length]}${i >= PROVIDERS.length * RESOURCES.length ? ` (${i})` : ''}`);
  const responses = pool(Math.round(k * 0.7), (i) => `Patients feel ${FEELINGS[i % FEELINGS.length]}${i >= FEELINGS.length ? ` about ${MEASURES[Math.floor(i / FEELINGS.length) % MEASURES.length]}` : ''}${i >= FEELINGS.length * (MEASURES.length + 1) ? ` (${i})` : ''}`);
  const outcomes = pool(k, (i) => `${DIRECTIONS[i % DIRECTIONS.length]} ${MEASURES[Math.floor(i / DIRECTIONS.length) % MEASURES.length]}${i >= DIRECTIONS.length * MEASURES.length ? ` (${i})` : ''}`);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = ['label,context,resource,response,outcome'];
  for (let i = 0; i < n; i += 1) rows.push([`H${i + 1}`, pick(contexts), r() < 0.9 ? pick(resources) : '', pick(responses), pick(outcomes)].map(q).join(','));
  return `${rows.join('\n')}\n`;
}
