/**
 * The project file: one SQLite database (`*.realist`) holding everything a review team makes,
 * full texts included, so it can be copied, backed up and sent as it is.
 *
 * Opening is careful, because a project holds years of work:
 *  1. the file must be SQLite and carry our application id (else NOT_A_PROJECT);
 *  2. `PRAGMA integrity_check` must say ok (else PROJECT_CORRUPT, and nothing is written);
 *  3. a file from a newer schema is refused (PROJECT_TOO_NEW) rather than half-understood;
 *  4. an older schema is first copied beside the file (`VACUUM INTO`), then every pending
 *     migration runs in one transaction, so a failure leaves the original untouched.
 *
 * This module never imports `electron`: the command line, the web bridge and tests run it in
 * plain Node. Electron passes the path of an Electron-ABI build of better-sqlite3 through
 * `nativeBinding`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { AuditEntry, ProjectCounts, ProjectSummary } from '../../../shared/domain/types';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

/** "REAL" in ASCII: marks a SQLite file as a Realist Workbench project (PRAGMA application_id). */
export const APPLICATION_ID = 0x5245414c;
const SQLITE_HEADER = 'SQLite format 3\0';
/** How long a write waits for another connection's lock unless told otherwise (see OpenOptions). */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** Create a new project; refuses to overwrite an existing file. */
  create?: boolean;
  /** Name stored in a new project's metadata. */
  name?: string;
  /** Path to a better-sqlite3 `.node` build for the running ABI (Electron). */
  nativeBinding?: string;
  /** Clock, for tests. */
  now?: () => Date;
  /**
   * How long a write waits for another connection's write lock before failing with
   * PROJECT_LOCKED. The command line waits (5 s by default); the app passes a short wait, because
   * its calls run on the thread that serves every request and a long wait would freeze them all.
   */
  busyTimeoutMs?: number;
}

export interface MigrationReport {
  from: number;
  to: number;
  backupPath: string | null;
}

export class ProjectStore {
  readonly db: Database.Database;
  readonly path: string;
  readonly migration: MigrationReport;
  private readonly now: () => Date;

  private constructor(db: Database.Database, file: string, migration: MigrationReport, now: () => Date) {
    this.db = db;
    this.path = file;
    this.migration = migration;
    this.now = now;
  }

  /** Opens (or with `create`, creates) a project file. Throws AppError with a stable code. */
  static open(file: string, options: OpenOptions = {}): ProjectStore {
    const abs = path.resolve(file);
    const now = options.now ?? (() => new Date());
    const exists = fs.existsSync(abs);
    if (options.create && exists) {
      throw new AppError('FILE_EXISTS', `A file already exists at ${abs}; choose another name.`);
    }
    if (!options.create && !exists) {
      throw new AppError('NOT_FOUND', `No project file at ${abs}.`);
    }
    if (exists) assertSqliteHeader(abs);
    if (options.create) {
      try {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
      } catch (e) {
        throw new AppError('IO', `Cannot create the folder for ${abs}: ${(e as Error).message}`);
      }
    }

    let db: Database.Database;
    try {
      db = new Database(abs, {
        fileMustExist: !options.create,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
    } catch (e) {
      throw fromSqliteError(e, abs);
    }

    try {
      if (exists) checkIntegrity(db, abs);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);

      const version = db.pragma('user_version', { simple: true }) as number;
      const appId = db.pragma('application_id', { simple: true }) as number;
      if (exists && appId !== APPLICATION_ID) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (appId !== 0 || tables.n > 0 || version > 0) {
          throw new AppError('NOT_A_PROJECT', `${abs} is a SQLite database, but not a Realist Workbench project.`);
        }
      }
      if (version > LATEST_SCHEMA_VERSION) {
        throw new AppError(
          'PROJECT_TOO_NEW',
          `${path.basename(abs)} was written by a newer version of Realist Workbench (project schema ${version}; ` +
            `this version understands up to ${LATEST_SCHEMA_VERSION}). Update the app to open it; the file was not changed.`,
          { fileVersion: version, supportedVersion: LATEST_SCHEMA_VERSION },
        );
      }
      const migration = migrate(db, abs, version, now);
      const store = new ProjectStore(db, abs, migration, now);
      if (version === 0) store.initialiseMeta(options.name ?? path.basename(abs).replace(/\.realist$/i, ''));
      return store;
    } catch (e) {
      db.close();
      if (options.create && !exists) removeProjectFiles(abs);
      throw e instanceof AppError ? e : fromSqliteError(e, abs);
    }
  }

  /**
   * A second connection to a project another connection (the app's) already opened and
   * upgraded: for a worker thread that writes (a large import) while the app keeps answering
   * on its own connection. No integrity check, no migration: the file must already carry our
   * application id and exactly this version's schema, else NOT_A_PROJECT / PROJECT_TOO_NEW.
   * It waits up to `busyTimeoutMs` (5 s) for the write lock, since it runs off the app's thread.
   */
  static connect(file: string, options: Pick<OpenOptions, 'nativeBinding' | 'now' | 'busyTimeoutMs'> = {}): ProjectStore {
    const abs = path.resolve(file);
    let db: Database.Database;
    try {
      db = new Database(abs, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    } catch (e) {
      throw fromSqliteError(e, abs);
    }
    try {
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
      if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
        throw new AppError('NOT_A_PROJECT', `${abs} is not a Realist Workbench project.`);
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version !== LATEST_SCHEMA_VERSION) {
        throw new AppError('PROJECT_TOO_NEW', `${path.basename(abs)} has project schema ${version}; this worker expects ${LATEST_SCHEMA_VERSION}. Open it in the app first.`);
      }
      return new ProjectStore(db, abs, { from: version, to: version, backupPath: null }, options.now ?? (() => new Date()));
    } catch (e) {
      db.close();
      throw e instanceof AppError ? e : fromSqliteError(e, abs);
    }
  }

  close(): void {
    if (this.db.open) {
      // Fold the WAL back into the main file so the project is one self-contained file again.
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        /* a checkpoint failure must not stop the close; SQLite recovers the WAL next time */
      }
      this.db.close();
    }
  }

  /** Runs `fn` in one transaction: all of it lands, or none of it. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  isoNow(): string {
    return this.now().toISOString();
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  summary(): ProjectSummary {
    return {
      path: this.path,
      name: this.getMeta('name') ?? path.basename(this.path),
      projectId: this.getMeta('project_id') ?? '',
      schemaVersion: this.schemaVersion(),
      createdAt: this.getMeta('created_at') ?? '',
      isDemo: this.getMeta('is_demo') === '1',
    };
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** The counts printed by `realist info --json`; soft-deleted rows are not counted. */
  counts(): ProjectCounts {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return {
      schemaVersion: this.schemaVersion(),
      records: count('SELECT count(*) AS n FROM records r LEFT JOIN import_batches b ON b.id = r.batch_id WHERE b.undone_at IS NULL'),
      documents: count('SELECT count(*) AS n FROM documents WHERE deleted_at IS NULL'),
      excerpts: count('SELECT count(*) AS n FROM excerpts WHERE deleted_at IS NULL'),
      codes: count('SELECT count(*) AS n FROM codes WHERE deleted_at IS NULL'),
      cmocs: count('SELECT count(*) AS n FROM cmocs WHERE deleted_at IS NULL'),
      coders: count('SELECT count(*) AS n FROM coders'),
      theoryVersions: count('SELECT count(*) AS n FROM theory_versions'),
    };
  }

  /** Returns the id of the coder with this name, creating the coder if needed. */
  ensureCoder(name: string, color?: string): string {
    const found = this.db.prepare('SELECT id FROM coders WHERE name = ?').get(name) as { id: string } | undefined;
    if (found) return found.id;
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO coders (id, name, color, created_at) VALUES (?, ?, ?, ?)')
      .run(id, name, color ?? '#4c6ef5', this.isoNow());
    this.audit({ coderId: id, action: 'create', entityType: 'coder', entityId: id, detail: { name } });
    return id;
  }

  /** Appends a line to the audit log. Call inside the transaction that makes the change. */
  audit(entry: { coderId?: string | null; action: string; entityType: string; entityId?: string | null; detail?: unknown }): void {
    this.db
      .prepare('INSERT INTO audit_log (at, coder_id, action, entity_type, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        this.isoNow(),
        entry.coderId ?? null,
        entry.action,
        entry.entityType,
        entry.entityId ?? null,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      );
  }

  auditLog(limit: number): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.at, c.name AS coder, a.action, a.entity_type, a.entity_id
         FROM audit_log a LEFT JOIN coders c ON c.id = a.coder_id ORDER BY a.id DESC LIMIT ?`,
      )
      .all(limit) as Array<{ id: number; at: string; coder: string | null; action: string; entity_type: string; entity_id: string | null }>;
    return rows.map((r) => ({ id: r.id, at: r.at, coder: r.coder, action: r.action, entityType: r.entity_type, entityId: r.entity_id }));
  }

  private initialiseMeta(name: string): void {
    this.transaction(() => {
      this.setMeta('project_id', randomUUID());
      this.setMeta('name', name);
      this.setMeta('created_at', this.isoNow());
      this.audit({ action: 'create', entityType: 'project', detail: { name } });
    });
  }
}

function assertSqliteHeader(file: string): void {
  let header = '';
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(16);
      const n = fs.readSync(fd, buf, 0, 16, 0);
      if (n === 0) return; // an empty file: SQLite treats it as a new database
      header = buf.subarray(0, n).toString('latin1');
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new AppError('IO', `Cannot read ${file}: ${(e as Error).message}`);
  }
  if (header !== SQLITE_HEADER) {
    throw new AppError('NOT_A_PROJECT', `${file} is not a Realist Workbench project (it is not a SQLite database).`);
  }
}

function checkIntegrity(db: Database.Database, file: string): void {
  let rows: Array<{ integrity_check: string }>;
  try {
    rows = db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>;
  } catch (e) {
    throw fromSqliteError(e, file);
  }
  const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
  if (problems.length > 0) {
    throw new AppError(
      'PROJECT_CORRUPT',
      `${path.basename(file)} is damaged (SQLite integrity check failed). It was not changed. ` +
        `Restore it from a backup (a copy ending in .backup-* is made beside the file before every upgrade). ` +
        `First problem: ${problems[0]}`,
      { problems },
    );
  }
}

function migrate(db: Database.Database, file: string, from: number, now: () => Date): MigrationReport {
  const pending = MIGRATIONS.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupPath: null };
  let backupPath: string | null = null;
  if (from > 0) {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    backupPath = `${file}.backup-v${from}-${stamp}`;
    try {
      db.prepare('VACUUM INTO ?').run(backupPath);
    } catch (e) {
      throw new AppError('IO', `Could not back up ${file} before upgrading it: ${(e as Error).message}. Nothing was changed.`);
    }
  }
  const to = pending[pending.length - 1]!.version;
  db.transaction(() => {
    if (from === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const step of pending) step.up(db);
    db.pragma(`user_version = ${to}`);
  })();
  return { from, to, backupPath };
}

function fromSqliteError(e: unknown, file: string): AppError {
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError('PROJECT_CORRUPT', `${path.basename(file)} is damaged and cannot be read (${err.message}). Restore it from a backup.`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('PROJECT_LOCKED', `${path.basename(file)} is in use by another program; close it there and try again.`);
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR')) {
    return new AppError('IO', `Cannot open ${file}: ${err.message}`);
  }
  if (e instanceof AppError) return e;
  return new AppError('INTERNAL', `Unexpected database error on ${file}: ${err.message ?? String(e)}`);
}

/**
 * SQLite's "busy" and "locked" errors (another connection holds the write lock longer than the
 * busy timeout) as PROJECT_LOCKED, in words; null for any other error. Used where the app's
 * calls are answered, so a lock wait ends in a clear answer rather than INTERNAL.
 */
export function fromLockError(e: unknown): AppError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return null;
  return new AppError(
    'PROJECT_LOCKED',
    'The project is busy: another task (such as a large import) is writing to it, or another program has it open. Try again when that has finished.',
  );
}

function removeProjectFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.rmSync(f, { force: true });
    } catch {
      /* best effort: a leftover empty file is harmless and reported by the next create */
    }
  }
}
