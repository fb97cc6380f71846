/**
 * Schema 8: program theory versions that hold their own CMOCs.
 *
 * Schema 1 had `theory_versions` and `theory_version_cmocs` (a version as references to coded
 * CMOCs). A version must be a record that does not move: the initial theory a team registered
 * cannot change when a consensus CMOC is edited later, and a hypothesis from stakeholders has
 * no coded CMOC at all. So a version's CMOCs are now rows of their own (`theory_cmocs`), with
 * their parts (codes of the codebook, or free text), where they came from, the coded CMOC they
 * were built from (whose evidence is theirs, read live), and the CMOCs of earlier versions they
 * descend from. `theory_version_cmocs` was never written by any version of the app; it stays,
 * empty, since a shipped migration is not edited.
 *
 * Also: evidence linked to a hypothesis directly (`theory_cmoc_evidence`), links between a
 * version's CMOCs (chains, shared mechanisms), themes and middle-range theories, and the
 * refinement mapping between two versions (`theory_changes`), each change with its kind,
 * rationale and the evidence that drove it. Every table is written through the change log.
 *
 * Self-contained SQL (no other migration's names), so it can be renumbered on merge.
 */
import type { Migration } from './types';

export const migration008Theory: Migration = {
  version: 8,
  name: 'program theory versions, links, refinement mapping',
  up: (db) => {
    db.exec(`
ALTER TABLE theory_versions ADD COLUMN basis TEXT NOT NULL DEFAULT 'empty';   -- 'empty' | 'layer:<coder id>' | 'version:<id>'
ALTER TABLE theory_versions ADD COLUMN sort INTEGER NOT NULL DEFAULT 0;      -- timeline position
ALTER TABLE theory_versions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';

CREATE TABLE theory_cmocs (
  id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES theory_versions(id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  statement TEXT NOT NULL DEFAULT '',
  parts TEXT NOT NULL DEFAULT '[]',            -- JSON [{role, text, codeId}]
  origin TEXT NOT NULL CHECK (origin IN ('hypothesised','stakeholder','imported','coded')),
  provenance TEXT NOT NULL DEFAULT '',
  source_cmoc_id TEXT REFERENCES cmocs(id) ON DELETE SET NULL,
  derived_from TEXT NOT NULL DEFAULT '[]',     -- JSON [theory_cmocs.id] of earlier versions
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX theory_cmocs_version ON theory_cmocs(version_id, sort);
CREATE INDEX theory_cmocs_source ON theory_cmocs(source_cmoc_id) WHERE source_cmoc_id IS NOT NULL;

CREATE TABLE theory_cmoc_evidence (
  theory_cmoc_id TEXT NOT NULL REFERENCES theory_cmocs(id) ON DELETE CASCADE,
  excerpt_id TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('supports','refutes','refines')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (theory_cmoc_id, excerpt_id, role)
) STRICT;

CREATE TABLE theory_links (
  id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES theory_versions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('chain','shared-mechanism')),
  from_cmoc_id TEXT NOT NULL REFERENCES theory_cmocs(id) ON DELETE CASCADE,
  to_cmoc_id TEXT NOT NULL REFERENCES theory_cmocs(id) ON DELETE CASCADE,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (kind, from_cmoc_id, to_cmoc_id)
) STRICT;
CREATE INDEX theory_links_version ON theory_links(version_id);

CREATE TABLE theory_groups (
  id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES theory_versions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('theme','middle-range')),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  cmoc_ids TEXT NOT NULL DEFAULT '[]',         -- JSON [theory_cmocs.id]
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX theory_groups_version ON theory_groups(version_id);

CREATE TABLE theory_changes (
  id TEXT PRIMARY KEY,
  from_version_id TEXT NOT NULL REFERENCES theory_versions(id) ON DELETE CASCADE,
  to_version_id TEXT NOT NULL REFERENCES theory_versions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('kept','modified','split','merged','dropped','added')),
  from_cmoc_ids TEXT NOT NULL DEFAULT '[]',    -- JSON [theory_cmocs.id]
  to_cmoc_ids TEXT NOT NULL DEFAULT '[]',
  rationale TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '[]',         -- JSON [{kind: 'excerpt'|'document', id}]
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('proposed','confirmed')),
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX theory_changes_pair ON theory_changes(from_version_id, to_version_id, sort);
`);
  },
};
