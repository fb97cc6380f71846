/**
 * Schema 1: the whole domain of a realist synthesis, so that later capabilities add
 * behaviour rather than upheaval. Never edit this file once it has shipped: add a new
 * numbered migration instead.
 *
 * Conventions: ids are UUID text (coders on different machines merge their work); times are
 * ISO-8601 UTC text; lists and free-form structures are JSON text; `deleted_at` marks soft
 * deletes so undo and merging can bring things back. Tables are STRICT so a wrong type is an
 * error, not silent coercion.
 */
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'initial domain schema',
  up: (db) => {
    db.exec(`
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE coders (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  color TEXT NOT NULL DEFAULT '#4c6ef5',
  created_at TEXT NOT NULL
) STRICT;

-- One import of one or more files; undone as a whole.
CREATE TABLE import_batches (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  files TEXT NOT NULL DEFAULT '[]',          -- JSON [{file, format, records, errors}]
  coder_id TEXT REFERENCES coders(id),
  created_at TEXT NOT NULL,
  undone_at TEXT
) STRICT;

-- A group of records judged to be the same work.
CREATE TABLE duplicate_clusters (
  id TEXT PRIMARY KEY,
  reason TEXT NOT NULL,                      -- 'doi' | 'pmid' | 'fuzzy' | 'manual'
  score REAL,
  status TEXT NOT NULL DEFAULT 'open',       -- 'open' | 'merged' | 'dismissed'
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE records (
  id TEXT PRIMARY KEY,
  batch_id TEXT REFERENCES import_batches(id) ON DELETE CASCADE,
  type TEXT,
  title TEXT NOT NULL DEFAULT '',
  authors TEXT NOT NULL DEFAULT '[]',        -- JSON [{family, given}]
  year INTEGER,
  journal TEXT,
  volume TEXT,
  issue TEXT,
  pages TEXT,
  doi TEXT,                                  -- normalised: lower case, no resolver prefix
  pmid TEXT,
  pmcid TEXT,
  issn TEXT,
  abstract TEXT,
  keywords TEXT NOT NULL DEFAULT '[]',       -- JSON [string]
  url TEXT,
  language TEXT,
  screening_decision TEXT CHECK (screening_decision IN ('included','excluded','maybe')),
  screening_reason TEXT,
  source_file TEXT,
  source_line INTEGER,
  source_format TEXT,
  raw TEXT,                                  -- the record as it was in the export
  tags TEXT NOT NULL DEFAULT '[]',           -- JSON [string]
  cluster_id TEXT REFERENCES duplicate_clusters(id) ON DELETE SET NULL,
  merged_into TEXT REFERENCES records(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX records_batch ON records(batch_id);
CREATE INDEX records_doi ON records(doi) WHERE doi IS NOT NULL;
CREATE INDEX records_pmid ON records(pmid) WHERE pmid IS NOT NULL;
CREATE INDEX records_cluster ON records(cluster_id) WHERE cluster_id IS NOT NULL;

-- File contents, stored once, addressed by their SHA-256, so the project is complete alone.
CREATE TABLE blobs (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- A full text: an article PDF, or a transcript / field note (which may have no record).
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  record_id TEXT REFERENCES records(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pdf','text','markdown','docx')),
  title TEXT NOT NULL,
  file_name TEXT NOT NULL,
  blob_hash TEXT NOT NULL REFERENCES blobs(hash),
  page_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','ok','no-text','encrypted','damaged')),
  status_message TEXT,
  match_kind TEXT,                           -- how it was matched to its record: 'doi' | 'title' | 'manual' | 'none'
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX documents_record ON documents(record_id);

-- Extracted text of each page, with item positions for anchoring highlights.
CREATE TABLE pages (
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page_index INTEGER NOT NULL,
  text TEXT NOT NULL,
  text_offset INTEGER NOT NULL,              -- where this page starts in the document's text
  width REAL,
  height REAL,
  rotation INTEGER NOT NULL DEFAULT 0,
  items TEXT,                                -- JSON text items with positions
  UNIQUE (document_id, page_index)
) STRICT;

-- A highlighted passage with redundant selectors (W3C Web Annotation style).
CREATE TABLE excerpts (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  coder_id TEXT REFERENCES coders(id),
  page_index INTEGER,
  start INTEGER NOT NULL,                    -- TextPosition within the document's text
  end INTEGER NOT NULL,
  quote TEXT NOT NULL,                       -- TextQuote exact
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  rects TEXT NOT NULL DEFAULT '[]',          -- JSON [{page, x1, y1, x2, y2}] in PDF points
  sort_key TEXT NOT NULL DEFAULT '',         -- reading order
  note TEXT,
  anchor_status TEXT NOT NULL DEFAULT 'anchored' CHECK (anchor_status IN ('anchored','fuzzy','orphaned')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  CHECK (end >= start)
) STRICT;
CREATE INDEX excerpts_document ON excerpts(document_id, sort_key);

-- The kinds of code a project uses (CMO, ICAMO, ...), editable per project.
CREATE TABLE code_kinds (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  color TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO code_kinds (id, label, color, sort) VALUES
  ('context', 'Context', '#2f9e44', 1),
  ('mechanism-resource', 'Mechanism: resource', '#1c7ed6', 2),
  ('mechanism-response', 'Mechanism: response', '#7048e8', 3),
  ('outcome', 'Outcome', '#e8590c', 4),
  ('intervention', 'Intervention', '#0c8599', 5),
  ('actor', 'Actor', '#c2255c', 6),
  ('other', 'Other', '#868e96', 7);

CREATE TABLE codes (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES codes(id) ON DELETE SET NULL,
  kind TEXT NOT NULL REFERENCES code_kinds(id) ON UPDATE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  inclusion TEXT NOT NULL DEFAULT '',
  exclusion TEXT NOT NULL DEFAULT '',
  synonyms TEXT NOT NULL DEFAULT '[]',       -- JSON [string]
  color TEXT,                                -- overrides the kind's colour
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX codes_parent ON codes(parent_id);

-- A code given to an excerpt by a coder.
CREATE TABLE codings (
  id TEXT PRIMARY KEY,
  excerpt_id TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  coder_id TEXT REFERENCES coders(id),
  created_at TEXT NOT NULL,
  UNIQUE (excerpt_id, code_id, coder_id)
) STRICT;
CREATE INDEX codings_code ON codings(code_id);

-- A context-mechanism-outcome configuration, proposed by a coder or agreed in consensus.
CREATE TABLE cmocs (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL DEFAULT '',
  statement TEXT NOT NULL DEFAULT '',        -- the if-then-because sentence
  coder_id TEXT REFERENCES coders(id),
  layer TEXT NOT NULL DEFAULT 'coder' CHECK (layer IN ('coder','consensus')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;

CREATE TABLE cmoc_codes (
  cmoc_id TEXT NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
  role TEXT NOT NULL,                        -- a code kind id: context, mechanism-resource, ...
  sort INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (cmoc_id, code_id, role)
) STRICT;

CREATE TABLE evidence_links (
  id TEXT PRIMARY KEY,
  cmoc_id TEXT NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
  excerpt_id TEXT NOT NULL REFERENCES excerpts(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('supports','refutes','refines')),
  note TEXT,
  coder_id TEXT REFERENCES coders(id),
  created_at TEXT NOT NULL,
  UNIQUE (cmoc_id, excerpt_id, role)
) STRICT;

-- Relevance and rigour appraisal of a document, as realist reviews do.
CREATE TABLE appraisals (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  coder_id TEXT REFERENCES coders(id),
  relevance TEXT CHECK (relevance IN ('high','moderate','low')),
  relevance_note TEXT NOT NULL DEFAULT '',
  rigour TEXT CHECK (rigour IN ('high','moderate','low')),
  rigour_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (document_id, coder_id)
) STRICT;

CREATE TABLE memos (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('project','record','document','excerpt','code','cmoc','theory_version')),
  target_id TEXT,
  coder_id TEXT REFERENCES coders(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX memos_target ON memos(target_type, target_id);

-- Initial, intermediate and refined program theories.
CREATE TABLE theory_versions (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('initial','intermediate','refined')),
  parent_id TEXT REFERENCES theory_versions(id) ON DELETE SET NULL,
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

-- Which CMOCs a theory version holds, and how each came to be.
CREATE TABLE theory_version_cmocs (
  version_id TEXT NOT NULL REFERENCES theory_versions(id) ON DELETE CASCADE,
  cmoc_id TEXT NOT NULL REFERENCES cmocs(id) ON DELETE CASCADE,
  change TEXT NOT NULL CHECK (change IN ('kept','modified','split','merged','dropped','added')),
  derived_from TEXT NOT NULL DEFAULT '[]',   -- JSON [cmoc id] in the parent version
  rationale TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (version_id, cmoc_id)
) STRICT;

-- Decisions taken when reconciling independent coders into the consensus layer.
CREATE TABLE consensus_decisions (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  decision TEXT NOT NULL,
  rationale TEXT NOT NULL DEFAULT '',
  decided_by TEXT REFERENCES coders(id),
  created_at TEXT NOT NULL
) STRICT;

-- Who changed what, and when.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  coder_id TEXT REFERENCES coders(id),
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT,
  detail TEXT                                -- JSON {before, after} or a summary
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity_type, entity_id);
`);
  },
};
