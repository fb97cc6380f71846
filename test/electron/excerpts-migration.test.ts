/**
 * Migration 3 (highlight colour) on a project written at schema 2: the excerpt made before the
 * upgrade comes through unchanged, with no colour, and a backup of the old file is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, ProjectStore } from '../../electron/services/store/project-store';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/services/store/migrations';
import { listExcerpts } from '../../electron/services/excerpts/excerpt-service';
import { useTempDir } from '../helpers/temp';

const DOC = '6f1c3d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f';
const EXCERPT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const PAGE = 'The case manager was easy to reach.\nPatients said they felt secure and trusted her.';

describe('migration 3: excerpt colour', () => {
  const tempDir = useTempDir();

  it('upgrades a schema-2 project, keeping its highlight and backing the file up first', () => {
    const file = path.join(tempDir(), 'old.realist');
    const db = new Database(file);
    db.transaction(() => {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      for (const m of MIGRATIONS.filter((m) => m.version <= 2)) m.up(db);
      db.pragma('user_version = 2');
      const at = '2026-11-01T09:00:00.000Z';
      db.prepare("INSERT INTO meta (key, value) VALUES ('name', 'old'), ('project_id', 'p-1')").run();
      db.prepare("INSERT INTO blobs (hash, size, mime, data, created_at) VALUES ('h1', 3, 'text/plain', x'616263', ?)").run(at);
      db.prepare("INSERT INTO documents (id, kind, title, file_name, blob_hash, page_count, status, created_at, updated_at) VALUES (?, 'text', 'Interview 3', 'i3.txt', 'h1', 1, 'ok', ?, ?)").run(DOC, at, at);
      db.prepare('INSERT INTO pages (document_id, page_index, text, text_offset) VALUES (?, 0, ?, 0)').run(DOC, PAGE);
      db.prepare(
        `INSERT INTO excerpts (id, document_id, page_index, start, end, quote, prefix, suffix, sort_key, created_at, updated_at)
         VALUES (?, ?, 0, 36, 83, 'Patients said they felt secure and trusted her.', 'The case manager was easy to reach.\n', '', '00000:0000000036', ?, ?)`,
      ).run(EXCERPT, DOC, at, at);
    })();
    db.close();

    const store = ProjectStore.open(file);
    try {
      expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(store.migration.from).toBe(2);
      expect(store.migration.backupPath && fs.existsSync(store.migration.backupPath)).toBe(true);
      const [e] = listExcerpts(store, DOC);
      // The unattributed highlight of schema 2 is in the consensus layer since schema 4.
      expect(e).toMatchObject({ id: EXCERPT, quote: 'Patients said they felt secure and trusted her.', start: 36, end: 83, color: null, anchorStatus: 'anchored', coderId: 'consensus', coderName: 'Consensus' });
      expect(PAGE.slice(36, 83)).toBe('Patients said they felt secure and trusted her.');
    } finally {
      store.close();
    }
  });
});
