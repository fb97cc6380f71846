/**
 * Coders and layers. Every excerpt, coding, CMOC, evidence link, appraisal and memo belongs to
 * one layer: a person's own layer (their coder id) or the project's consensus layer, which is a
 * real coders row with the fixed id `consensus`. Because the layer is always a value (never
 * NULL), SQLite's UNIQUE constraints hold in the consensus layer too.
 *
 * Who *made* a change is a separate fact, kept in the change log (the action's coder): the lead
 * writing into the consensus layer is still the lead.
 */
import type { Uuid } from '../domain/types';

/** The id of the consensus layer's coders row (created by migration 4). */
export const CONSENSUS_CODER_ID = 'consensus';

export type CoderKind = 'person' | 'consensus';

export interface Coder {
  id: Uuid;
  name: string;
  /** #rrggbb, used for the coder's highlights and chips. */
  color: string;
  /** One to three letters shown on chips ("RA" for "Reviewer A"). */
  initials: string;
  kind: CoderKind;
  createdAt: string;
}

/** Where the current coder's writes go: their own layer, or the consensus layer. */
export type WorkingLayer = 'own' | 'consensus';

/** Who is coding in this window, and into which layer. */
export interface SessionState {
  /** The current coder; null until someone is chosen (writes are refused until then). */
  coder: Coder | null;
  layer: WorkingLayer;
  /** The coders row the next write's layer column gets (the coder's id, or `consensus`). */
  layerCoderId: string | null;
  /**
   * Blind coding (a project setting): each coder sees only the layer they write to, so that
   * independent coders do not see each other's highlights, codings, CMOCs, memos or counts.
   */
  blind: boolean;
}

/** Colours offered to new coders, in order; distinct from the code-kind colours. */
export const CODER_COLORS = ['#d6336c', '#1971c2', '#2b8a3e', '#e67700', '#6741d9', '#0b7285', '#a61e4d', '#5c940d'] as const;

/**
 * Initials from a display name: the first letters of up to three words ("Reviewer A" -> "RA",
 * "Marie-Claude Tremblay" -> "MT"); a single word gives its first two letters.
 */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s_]+/)
    .filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return [...words[0]!].slice(0, 2).join('').toUpperCase();
  return words
    .slice(0, 3)
    .map((w) => [...w][0]!)
    .join('')
    .toUpperCase();
}
