/**
 * The domain's nouns as plain data, shared by every part of the app. These are the shapes
 * that cross the API boundary; the SQLite schema in electron/services/store stores them.
 * Ids are UUIDs (v4) so that coders working on different machines can merge their work
 * without collisions.
 */

export type Uuid = string;

/** Screening decision carried over from the tool the team screened in. */
export type ScreeningDecision = 'included' | 'excluded' | 'maybe' | null;

export interface PersonName {
  family: string;
  given: string;
}

/** A bibliographic record as the library shows it. */
export interface RecordSummary {
  id: Uuid;
  title: string;
  authors: PersonName[];
  year: number | null;
  journal: string | null;
  type: string | null;
  doi: string | null;
  screening: { decision: ScreeningDecision; reason: string | null };
  batchId: Uuid | null;
}

/** Where a project file lives and what it is; returned when a project is opened. */
export interface ProjectSummary {
  path: string;
  name: string;
  projectId: Uuid;
  schemaVersion: number;
  createdAt: string;
  isDemo: boolean;
}

/**
 * The counts `realist info --json` prints and the start of the project view shows. The
 * key names are a public contract of the command line (documented in the README).
 */
export interface ProjectCounts {
  schemaVersion: number;
  records: number;
  documents: number;
  excerpts: number;
  codes: number;
  cmocs: number;
  coders: number;
  theoryVersions: number;
}

export interface ProjectInfo extends ProjectCounts {
  name: string;
  path: string;
  projectId: Uuid;
  isDemo: boolean;
}

export interface RecentProject {
  /** Stable id of the entry (from its path), for `project:openRecent`. */
  id: string;
  path: string;
  name: string;
  openedAt: string;
  /** False when the file has been moved or deleted since it was last opened. */
  exists: boolean;
}

export interface Coder {
  id: Uuid;
  name: string;
  color: string;
}

/** One line of the audit log: who changed what, and when. */
export interface AuditEntry {
  id: number;
  at: string;
  coder: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
}

/** Progress of long work, pushed to the UI as an event. */
export interface ProgressEvent {
  taskId: string;
  label: string;
  done: number;
  total: number | null;
  finished: boolean;
}
