/**
 * Database errors reach the user in words, never as INTERNAL or a stack trace: a project held
 * by another program gives PROJECT_LOCKED, a full disk (IO) and a read-only file (READ_ONLY) say
 * so, and nothing is half-saved. The errors are real SQLite errors: a second connection holding the write lock,
 * `max_page_count` standing in for a full disk, `query_only` for a read-only file.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApiService } from '../../electron/services/api-service';
import { fromDatabaseError } from '../../electron/services/store/sqlite-errors';
import { AppError } from '../../shared/api/errors';
import { apiAsCoder } from '../helpers/coder';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

async function openProject() {
  const dir = tempDir();
  const api = createApiService({ transport: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, appVersion: 't' });
  const file = path.join(dir, 'locked.realist');
  await api.call('project:create', { path: file, name: 'Locked' });
  await apiAsCoder(api);
  // Seconds of waiting on a lock would only slow the test; the outcome is the same.
  api.store!.db.pragma('busy_timeout = 50');
  return { api, file };
}

describe('database errors in words', () => {
  it('a project another program is writing gives PROJECT_LOCKED, and the write lands once it is free', async () => {
    const { api, file } = await openProject();
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const r = await api.dispatch('codes:create', { name: 'Trust', kind: 'context' }, { transport: 'web' });
    expect(r).toMatchObject({ ok: false, error: { code: 'PROJECT_LOCKED' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toContain('locked.realist is being written by another program');
    expect(message).not.toMatch(/SqliteError|at .*\.ts:\d+/);
    other.exec('ROLLBACK');
    other.close();
    expect(await api.dispatch('codes:create', { name: 'Trust', kind: 'context' }, { transport: 'web' })).toMatchObject({ ok: true });
    expect((await api.call('codes:list', {})).codes.map((c) => c.name)).toEqual(['Trust']);
    api.close();
  });

  it('a full disk and a read-only file are said as such, and nothing is saved', async () => {
    const { api } = await openProject();
    const db = api.store!.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 1}`);
    const full = await api.dispatch('memos:create', { targetType: 'project', body: 'x'.repeat(90_000) }, { transport: 'web' });
    expect(full).toMatchObject({ ok: false, error: { code: 'IO', message: expect.stringContaining('The disk is full') } });
    db.pragma('max_page_count = 1073741823');
    expect(await api.call('memos:list', {})).toEqual([]);

    db.pragma('query_only = 1');
    const readOnly = await api.dispatch('codes:create', { name: 'Trust', kind: 'context' }, { transport: 'web' });
    expect(readOnly).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.stringContaining('is read-only') } });
    db.pragma('query_only = 0');
    api.close();
  });

  it('maps each SQLite error family to a stable code', () => {
    const sqlite = (code: string) => Object.assign(new Error(`sqlite says ${code}`), { code });
    const codeOf = (code: string) => (fromDatabaseError(sqlite(code), '/p/review.realist') as AppError).code;
    expect(codeOf('SQLITE_BUSY')).toBe('PROJECT_LOCKED');
    expect(codeOf('SQLITE_BUSY_SNAPSHOT')).toBe('PROJECT_LOCKED');
    expect(codeOf('SQLITE_LOCKED_SHAREDCACHE')).toBe('PROJECT_LOCKED');
    expect(codeOf('SQLITE_FULL')).toBe('IO');
    expect(codeOf('SQLITE_READONLY_DIRECTORY')).toBe('READ_ONLY');
    expect(codeOf('SQLITE_IOERR_WRITE')).toBe('IO');
    expect(codeOf('SQLITE_CORRUPT')).toBe('PROJECT_CORRUPT');
    expect(codeOf('SQLITE_CONSTRAINT_FOREIGNKEY')).toBe('NOT_FOUND');
    expect(codeOf('SQLITE_CONSTRAINT_UNIQUE')).toBe('VALIDATION');
    expect((fromDatabaseError(sqlite('SQLITE_READONLY_DBMOVED'), '/p/review.realist') as AppError).message).toContain('review.realist was moved or deleted');
    // Other errors pass through untouched.
    const plain = new Error('not a database error');
    expect(fromDatabaseError(plain)).toBe(plain);
  });
});
