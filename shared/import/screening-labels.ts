/**
 * Screening decisions as exports spell them: label columns (1/0, yes/no, include/exclude...),
 * Rayyan's `RAYYAN-INCLUSION: {"Ann"=>"Included"}` notes and ASReview's `ASReview_relevant`
 * notes. Shared by the structured importers so that every format reads a decision the same way.
 */
import type { ScreeningDecision } from '../domain/types';

const INCLUDED = new Set(['1', 'yes', 'y', 'true', 'include', 'included', 'relevant', 'asreview_relevant']);
const EXCLUDED = new Set(['0', 'no', 'n', 'false', 'exclude', 'excluded', 'irrelevant', 'asreview_irrelevant']);
const MAYBE = new Set(['maybe', 'unsure', 'conflict', 'conflicted', 'undecided', '?']);

/**
 * One label cell to a decision. Empty, `-1` (ASReview's "not screened") and unknown words give
 * null: an unknown value must not silently become an exclusion.
 */
export function parseDecision(value: string | null | undefined): ScreeningDecision {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return null;
  if (INCLUDED.has(v)) return 'included';
  if (EXCLUDED.has(v)) return 'excluded';
  if (MAYBE.has(v)) return 'maybe';
  return null;
}

/**
 * A decision and reason found in free-text notes, or null when the notes carry none.
 * Rayyan: one verdict per reviewer; all agreeing gives that verdict, disagreement or any
 * "Maybe" gives 'maybe' (a conflict the team still has to resolve). The reason comes from
 * `RAYYAN-EXCLUSION-REASONS:`. Also read: `Covidence decision: Excluded` with
 * `Exclusion reason: ...`, and ASReview's `ASReview_relevant` / `ASReview_irrelevant`.
 */
export function decisionFromNotes(notes: string | null | undefined): { decision: ScreeningDecision; reason: string | null } | null {
  if (!notes) return null;
  const rayyan = /RAYYAN-INCLUSION:\s*\{([^}]*)\}/i.exec(notes);
  const reasonMatch = /RAYYAN-EXCLUSION-REASONS:\s*([^|\n]+)/i.exec(notes);
  const reason = reasonMatch ? reasonMatch[1]!.trim() || null : null;
  if (rayyan) {
    const verdicts = [...rayyan[1]!.matchAll(/=>\s*"([^"]*)"/g)].map((m) => parseDecision(m[1]));
    if (verdicts.length === 0) return { decision: null, reason };
    const first = verdicts[0]!;
    const agreed = verdicts.every((v) => v === first) ? first : 'maybe';
    return { decision: agreed, reason };
  }
  const covidence = /Covidence decision:\s*(included|excluded|maybe)/i.exec(notes);
  if (covidence) {
    const why = /Exclusion reason:\s*([^|\n]+)/i.exec(notes);
    return { decision: parseDecision(covidence[1]), reason: why ? why[1]!.trim() : reason };
  }
  if (/\bASReview_relevant\b/i.test(notes)) return { decision: 'included', reason: null };
  if (/\bASReview_irrelevant\b/i.test(notes)) return { decision: 'excluded', reason: null };
  if (reason) return { decision: 'excluded', reason };
  return null;
}
