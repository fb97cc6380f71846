import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, ProjectStore } from '../../electron/services/store/project-store';
import { LATEST_SCHEMA_VERSION } from '../../electron/services/store/migrations';
import { migration001 } from '../../electron/services/store/migrations/001-initial';
import { useTempDir } from '../helpers/temp';
import { asCoder, setupWrites } from '../helpers/coder';

const tempDir = useTempDir();
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function expectCode(fn: () => unknown, code: string): string {
  try {
    fn();
  } catch (e) {
    expect((e as { code: string }).code).toBe(code);
    return (e as Error).message;
  }
  throw new Error(`expected an error with code ${code}`);
}

describe('ProjectStore: a new project', () => {
  it('is a SQLite file at the latest schema with zero counts, WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'review.realist');
    const store = ProjectStore.open(file, { create: true, name: 'My review' });
    expect(store.counts()).toEqual({
      schemaVersion: LATEST_SCHEMA_VERSION,
      records: 0,
      documents: 0,
      excerpts: 0,
      codes: 0,
      cmocs: 0,
      coders: 0,
      theoryVersions: 0,
    });
    expect(store.summary().name).toBe('My review');
    expect(store.summary().projectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    // The seven code kinds of CMO / ICAMO coding come with every project.
    expect((store.db.prepare('SELECT count(*) AS n FROM code_kinds').get() as { n: number }).n).toBe(7);
    store.close();
    expect(fs.readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('refuses to overwrite an existing file', () => {
    const file = path.join(tempDir(), 'a.realist');
    ProjectStore.open(file, { create: true }).close();
    expectCode(() => ProjectStore.open(file, { create: true }), 'FILE_EXISTS');
  });

  it('says NOT_FOUND for a missing file and NOT_A_PROJECT for other files', () => {
    const dir = tempDir();
    expectCode(() => ProjectStore.open(path.join(dir, 'missing.realist')), 'NOT_FOUND');
    const text = path.join(dir, 'notes.realist');
    fs.writeFileSync(text, 'these are my notes, not a database');
    expectCode(() => ProjectStore.open(text), 'NOT_A_PROJECT');
    const other = path.join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const message = expectCode(() => ProjectStore.open(other), 'NOT_A_PROJECT');
    expect(message).toContain('not a Realist Workbench project');
  });

  it('keeps the whole domain: ids are UUIDs and foreign keys are enforced', () => {
    const store = ProjectStore.open(path.join(tempDir(), 'fk.realist'), { create: true });
    const now = store.isoNow();
    const coder = asCoder(store, 'Reviewer A');
    expect(asCoder(store, 'Reviewer A')).toBe(coder);
    expect(() =>
      setupWrites(store, () =>
        store.db.prepare('INSERT INTO codings (id, excerpt_id, code_id, coder_id, created_at) VALUES (?, ?, ?, ?, ?)').run(randomUUID(), randomUUID(), randomUUID(), coder, now),
      ),
    ).toThrow(/FOREIGN KEY/);
    // People are counted; the consensus layer's row is not a person.
    expect(store.counts().coders).toBe(1);
    expect(store.log.list({ limit: 10, offset: 0 }).actions.map((a) => [a.label, a.coder])).toEqual([['Add coder "Reviewer A"', 'Reviewer A']]);
    store.close();
  });
});

describe('ProjectStore: versions', () => {
  it('refuses a project written by a newer schema and leaves it unchanged', () => {
    const file = path.join(tempDir(), 'future.realist');
    ProjectStore.open(file, { create: true }).close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha(file);
    const message = expectCode(() => ProjectStore.open(file), 'PROJECT_TOO_NEW');
    expect(message).toContain(`project schema ${LATEST_SCHEMA_VERSION + 5}`);
    expect(message).toContain('Update the app');
    expect(sha(file)).toBe(before);
  });

  it('migrates a schema-1 project with data, after backing it up, and indexes the old rows', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.realist');
    // Build the file exactly as version 1 of the app wrote it.
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      migration001.up(db);
      db.pragma('user_version = 1');
    })();
    const now = new Date().toISOString();
    const recordId = randomUUID();
    db.prepare("INSERT INTO meta (key, value) VALUES ('name', 'Old review'), ('project_id', ?)").run(randomUUID());
    db.prepare('INSERT INTO records (id, title, abstract, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      recordId,
      'Case management for frequent users of primary care',
      'Nurse case managers built trusting relationships.',
      now,
      now,
    );
    db.prepare("INSERT INTO blobs (hash, size, mime, data, created_at) VALUES ('h1', 3, 'text/plain', x'616263', ?)").run(now);
    const docId = randomUUID();
    db.prepare("INSERT INTO documents (id, kind, title, file_name, blob_hash, created_at, updated_at) VALUES (?, 'text', 'Interview 1', 'i1.txt', 'h1', ?, ?)").run(docId, now, now);
    db.prepare("INSERT INTO pages (document_id, page_index, text, text_offset) VALUES (?, 0, 'The nurse was always reachable by telephone.', 0)").run(docId);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    const store = ProjectStore.open(file, { now: () => new Date('2026-11-23T10:00:00Z') });
    expect(store.migration.from).toBe(1);
    expect(store.migration.to).toBe(LATEST_SCHEMA_VERSION);
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    // The old rows are still there and now searchable.
    expect(store.counts().records).toBe(1);
    const hit = store.db.prepare("SELECT r.id FROM records_fts f JOIN records r ON r.rowid = f.rowid WHERE records_fts MATCH 'frequent'").get() as { id: string };
    expect(hit.id).toBe(recordId);
    const page = store.db.prepare("SELECT count(*) AS n FROM pages_fts WHERE pages_fts MATCH 'telephone'").get() as { n: number };
    expect(page.n).toBe(1);
    store.close();

    // The backup is the untouched version-1 file.
    const backup = store.migration.backupPath!;
    expect(path.basename(backup)).toBe('old.realist.backup-v1-2026-11-23T10-00-00-000Z');
    const b = new Database(backup, { readonly: true });
    expect(b.pragma('user_version', { simple: true })).toBe(1);
    expect((b.prepare('SELECT title FROM records').get() as { title: string }).title).toBe('Case management for frequent users of primary care');
    b.close();
  });

  it('rolls a failing migration back completely', async () => {
    const { MIGRATIONS } = await import('../../electron/services/store/migrations');
    const file = path.join(tempDir(), 'half.realist');
    const db = new Database(file);
    db.transaction(() => {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      migration001.up(db);
      db.pragma('user_version = 1');
    })();
    // A table that makes migration 2 fail part-way (its first statement creates records_fts).
    db.exec('CREATE TABLE pages_fts (x)');
    db.close();
    expect(() => ProjectStore.open(file)).toThrow();
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    const names = (after.prepare("SELECT name FROM sqlite_master WHERE name = 'records_fts'").all() as unknown[]).length;
    expect(names).toBe(0);
    after.close();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});

describe('ProjectStore: damage and crashes', () => {
  it('reports a corrupted file clearly', () => {
    const file = path.join(tempDir(), 'broken.realist');
    const store = ProjectStore.open(file, { create: true });
    const insert = store.db.prepare('INSERT INTO records (id, title, abstract, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    setupWrites(store, () => {
      for (let i = 0; i < 300; i++) insert.run(randomUUID(), `Title ${i}`, 'x'.repeat(400), store.isoNow(), store.isoNow());
    });
    store.close();
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the middle pages (b-tree pages of the records table), keeping the header valid.
    for (let p = 6; p < 12; p++) bytes.fill(0x5a, p * pageSize, p * pageSize + pageSize);
    fs.writeFileSync(file, bytes);
    const message = expectCode(() => ProjectStore.open(file), 'PROJECT_CORRUPT');
    expect(message).toMatch(/damaged/);
  });

  it('leaves the file valid and unchanged when the process dies inside a transaction', () => {
    const file = path.join(tempDir(), 'crash.realist');
    const store = ProjectStore.open(file, { create: true });
    setupWrites(store, () =>
      store.db.prepare('INSERT INTO records (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(randomUUID(), 'Committed before the crash', store.isoNow(), store.isoNow()),
    );
    store.close();

    const script = path.resolve(__dirname, 'fixtures/crash-in-transaction.ts');
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, file], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');

    const reopened = ProjectStore.open(file);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const titles = reopened.db.prepare('SELECT title FROM records').all() as Array<{ title: string }>;
    expect(titles.map((t) => t.title)).toEqual(['Committed before the crash']);
    reopened.close();
  });
});
