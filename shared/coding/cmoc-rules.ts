/**
 * When a CMOC is complete, and when two CMOCs say the same thing.
 *
 * A realist CMO configuration links at least one context, one mechanism (a resource or a
 * response) and one outcome, and says how in a sentence. A CMOC that lacks any of these is
 * kept only as an explicit draft (`status: 'draft'`): the builder's button and Ctrl+Enter,
 * the services and migration 7 (which classified the CMOCs saved before drafts existed) all
 * apply this one rule, so they cannot disagree.
 */

/** A CMOC's stored status: complete (passes `missingParts`) or an explicit draft. */
export type CmocStatus = 'complete' | 'draft';
export const CMOC_STATUSES: readonly CmocStatus[] = ['complete', 'draft'];

/** The parts a complete CMOC needs, in the order the builder shows them. */
export type CmocPart = 'context' | 'mechanism' | 'outcome' | 'statement';
export const CMOC_PARTS: readonly CmocPart[] = ['context', 'mechanism', 'outcome', 'statement'];

/** The part a code role fills (null: a role outside C, M and O, e.g. an actor). */
export function partOfRole(role: string): Exclude<CmocPart, 'statement'> | null {
  if (role === 'context') return 'context';
  if (role === 'mechanism-resource' || role === 'mechanism-response') return 'mechanism';
  if (role === 'outcome') return 'outcome';
  return null;
}

/** The parts a CMOC with these codes and this statement lacks, in builder order (empty: complete). */
export function missingParts(codes: ReadonlyArray<{ role: string }>, statement: string): CmocPart[] {
  const have = new Set(codes.map((c) => partOfRole(c.role)));
  const missing = CMOC_PARTS.filter((p) => p !== 'statement' && !have.has(p));
  if (statement.trim() === '') missing.push('statement');
  return missing;
}

/** "a context, an outcome and a statement": the missing parts in words. */
export function describeMissing(parts: readonly CmocPart[]): string {
  const words = parts.map((p) => (p === 'outcome' ? 'an outcome' : `a ${p}`));
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The identity of a CMOC's configuration: its set of (role, code) pairs, order-free. Two CMOCs
 * of one layer with the same key configure the same codes the same way (a likely duplicate).
 * A CMOC with no codes has the empty key, which never counts as a duplicate.
 */
export function configurationKey(codes: ReadonlyArray<{ codeId: string; role: string }>): string {
  return [...new Set(codes.map((c) => `${c.role}:${c.codeId}`))].sort().join('|');
}
