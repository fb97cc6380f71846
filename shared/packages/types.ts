/**
 * Coder packages and merging: what a package is when written, what a merge did, and the
 * conflicts merges list for the lead to decide (never settled silently).
 */

/** A package written for one coder (a `.realist` file of the same project). */
export interface PackageInfo {
  path: string;
  packageId: string;
  coderId: string;
  coder: string;
  /** True when the other coders' layers were left out. */
  blind: boolean;
  bytes: number;
}

/**
 * `column`: two coders changed the same thing differently (the value went back to where both
 * started); `uses-removed-code`: a coder used a code another merged or deleted;
 * `duplicate-name`: two coders made codes with the same name in the same place.
 */
export type MergeConflictKind = 'column' | 'uses-removed-code' | 'duplicate-name';

export interface MergeConflict {
  id: string;
  kind: MergeConflictKind;
  table: string;
  key: Record<string, unknown>;
  column: string | null;
  /** The value both coders started from (column conflicts). */
  base: unknown;
  /** What each coder made of it, by coder id (column), or the details (other kinds). */
  versions: Record<string, unknown>;
  summary: string;
  status: 'open' | 'resolved';
  resolution: string | null;
}

/** What `packages:merge` did. */
export interface MergeReport {
  packageId: string | null;
  /** Actions of the package replayed into the project now. */
  added: number;
  /** Actions of the package the project already had (merged before). */
  alreadyMerged: number;
  /** Names of the coders whose work was merged. */
  coders: string[];
  /** Conflicts this merge raised. */
  newConflicts: MergeConflict[];
  /** Conflicts still open in the project after the merge. */
  openConflicts: number;
}
