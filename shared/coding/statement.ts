/**
 * The if-then-because statement of a CMOC, written from the names of its codes.
 *
 * Grammar (the four slots hold noun phrases, the usual form of code names):
 *
 *   statement  := head [", because " mechanism] "."
 *   head       := "If " C ", then " O                  contexts and outcomes
 *               | "If " C ", then the outcomes follow"  contexts, no outcome yet
 *               | O                                     no context: the outcome leads
 *               | "The outcomes follow"                 only mechanism codes
 *   mechanism  := R " leads to " P   one resource      (R = resources, P = responses)
 *               | R " lead to " P    several resources (the verb agrees with its subject)
 *               | "of " R            resources only
 *               | "of " P            responses only
 *   list       := a | a " and " b | a ", " b ", " ... " and " z   (no serial comma)
 *
 * Each name keeps its own spelling, except that a first capital letter is lowered inside the
 * sentence ("Trust in the case manager" reads "trust in the case manager") unless the name
 * starts with an acronym ("GP access" stays). The statement's first letter is capitalised.
 * With no codes at all the statement is empty: there is nothing to say yet.
 *
 * Example: C = [multiple chronic conditions, poor access to a family physician],
 * R = [accessible nurse case manager], P = [trust in the case manager], O = [fewer emergency
 * visits] gives "If multiple chronic conditions and poor access to a family physician, then
 * fewer emergency visits, because accessible nurse case manager leads to trust in the case
 * manager."
 */
/** The code names of each slot, in the order the reviewer gave them. */
export interface StatementSlots {
  contexts: readonly string[];
  resources: readonly string[];
  responses: readonly string[];
  outcomes: readonly string[];
}

/** Joins phrases as English lists do: "a", "a and b", "a, b and c". */
export function joinPhrases(items: readonly string[]): string {
  const list = items.map((s) => s.trim()).filter(Boolean);
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** Lowers a leading capital so a code name reads inside a sentence; acronyms are kept. */
export function inSentence(name: string): string {
  const s = name.trim();
  if (s.length >= 2 && /^\p{Lu}\p{Lu}/u.test(s)) return s;
  return s.charAt(0).toLocaleLowerCase() + s.slice(1);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

function phrase(names: readonly string[]): string {
  return joinPhrases(names.map(inSentence));
}

/** Writes the statement for the given slots (see the grammar above). */
export function generateStatement(slots: StatementSlots): string {
  const c = phrase(slots.contexts);
  const o = phrase(slots.outcomes);
  const r = phrase(slots.resources);
  const p = phrase(slots.responses);
  const resourceCount = slots.resources.filter((s) => s.trim()).length;

  let mechanism = '';
  if (r && p) mechanism = `${r} ${resourceCount > 1 ? 'lead' : 'leads'} to ${p}`;
  else if (r) mechanism = `of ${r}`;
  else if (p) mechanism = `of ${p}`;

  let head = '';
  if (c) head = `If ${c}, then ${o || 'the outcomes follow'}`;
  else if (o) head = o;
  else if (mechanism) head = 'The outcomes follow';

  if (!head) return '';
  const sentence = mechanism ? `${head}, because ${mechanism}` : head;
  return `${capitalise(sentence)}.`;
}
