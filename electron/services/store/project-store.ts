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
 * Nothing is written to the file (not even the switch to WAL mode) until all of these checks
 * pass, so a refused file is left byte for byte as it was. A project in a folder that cannot be
 * written is opened read-only: it can be read, and every write is refused with READ_ONLY.
 *
 * Every write to an open project is an action of the change log (see ./action-log.ts), made by
 * the session's current coder into the session's layer (`act`, `layerCoderId`).
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
import { CONSENSUS_CODER_ID, type WorkingLayer } from '../../../shared/coders/types';
import type { ProjectCounts, ProjectSummary } from '../../../shared/domain/types';
import { ActionLog, type ActionMeta, type ImportedAction } from './action-log';
import { installChangeLog, NO_ACTION_MARKER } from './change-log';
import { CHANGE_LOG_SCHEMA_VERSION, LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { fromDatabaseError } from './sqlite-errors';

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

/** Who is writing, and into which layer; set by the session calls, never by a request. */
export interface StoreSession {
  coderId: string | null;
  layer: WorkingLayer;
}

export class ProjectStore {
  readonly db: Database.Database;
  readonly path: string;
  readonly migration: MigrationReport;
  readonly readOnly: boolean;
  readonly log: ActionLog;
  readonly session: StoreSession = { coderId: null, layer: 'own' };
  private readonly now: () => Date;

  private constructor(db: Database.Database, file: string, migration: MigrationReport, now: () => Date, readOnly: boolean) {
    this.db = db;
    this.path = file;
    this.migration = migration;
    this.now = now;
    this.readOnly = readOnly;
    this.log = new ActionLog(db, now);
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

    // A project in a folder we cannot write is read-only: SQLite could not make its -wal file.
    const readOnly = exists && !options.create && !canWrite(abs);
    let db: Database.Database;
    try {
      db = new Database(abs, {
        fileMustExist: !options.create,
        readonly: readOnly,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      });
    } catch (e) {
      throw fromSqliteError(e, abs);
    }

    try {
      // Checks first: none of them writes, so a refused file stays byte for byte as it was.
      if (exists) checkIntegrity(db, abs);
      const version = db.pragma('user_version', { simple: true }) as number;
      const appId = db.pragma('application_id', { simple: true }) as number;
      if (exists && appId !== APPLICATION_ID) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (appId !== 0 || tables.n > 0 || version > 0) {
          throw new AppError('NOT_A_PROJECT', `${abs} is a SQLite database, but not a Realist Workbench project.`);
        }
        if (!options.create) {
          throw new AppError('NOT_A_PROJECT', `${abs} is an empty file, not a Realist Workbench project. Create a project with "New project" (or realist init).`);
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
      if (readOnly && version < LATEST_SCHEMA_VERSION) {
        throw new AppError(
          'READ_ONLY',
          `${path.basename(abs)} needs upgrading to this version's project format, but its folder cannot be written. Copy it to a folder you can write to and open the copy.`,
        );
      }
      if (!readOnly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
      }
      db.pragma('foreign_keys = ON');
      const migration = readOnly ? { from: version, to: version, backupPath: null } : migrate(db, abs, version, now);
      const store = new ProjectStore(db, abs, migration, now, readOnly);
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
      return new ProjectStore(db, abs, { from: version, to: version, backupPath: null }, options.now ?? (() => new Date()), false);
    } catch (e) {
      db.close();
      throw e instanceof AppError ? e : fromSqliteError(e, abs);
    }
  }

  close(): void {
    if (this.db.open && this.readOnly) {
      this.db.close();
      return;
    }
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

  /** Runs `fn` in one transaction: all of it lands, or none of it. Writes need `act`. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The current coder's id; CODER_REQUIRED when nobody has been chosen. */
  requireCoder(): string {
    if (!this.session.coderId) {
      throw new AppError('CODER_REQUIRED', 'Choose who is coding before changing the project (the coder picker in the window, or --coder NAME / REALIST_CODER on the command line).');
    }
    return this.session.coderId;
  }

  /** The layer the next write goes to: the current coder's own, or the consensus layer. */
  layerCoderId(): string {
    const coder = this.requireCoder();
    return this.session.layer === 'consensus' ? CONSENSUS_CODER_ID : coder;
  }

  /** A project setting (the `settings` table, written through actions); null when unset. */
  getSetting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Whether blind coding is on: each coder then sees only the layer they write to. */
  isBlind(): boolean {
    return this.getSetting('blind') === '1';
  }

  /**
   * The layers the current coder may see: null (every layer) unless blind coding is on, then
   * only the layer they write to (their own, or consensus while reconciling).
   */
  visibleLayers(): string[] | null {
    if (!this.isBlind()) return null;
    const coder = this.session.coderId;
    if (!coder) return [];
    return [this.session.layer === 'consensus' ? CONSENSUS_CODER_ID : coder];
  }

  /**
   * A SQL condition keeping the rows of a layered table (`column` is its coder_id, e.g.
   * "e.coder_id") that the current coder may see; "1" when every layer is visible. The ids are
   * inlined as escaped literals so callers can drop it into any query.
   */
  layerFilter(column: string): string {
    const layers = this.visibleLayers();
    if (layers === null) return '1';
    if (layers.length === 0) return '0';
    return `${column} IN (${layers.map((l) => `'${l.replace(/'/g, "''")}'`).join(', ')})`;
  }

  /**
   * Runs `fn` as one action of the change log, by the current coder (or `actor`), in one
   * transaction: every row it writes is recorded for undo, redo and the audit view. A write
   * made inside another action joins it.
   */
  act<T>(meta: ActionMeta, fn: () => T, actor?: string, imported?: ImportedAction): T {
    if (this.readOnly) {
      throw new AppError('READ_ONLY', `${path.basename(this.path)} is open read-only (its folder cannot be written); copy it somewhere writable to change it.`);
    }
    const who = actor ?? (this.log.inAction ? (this.session.coderId ?? '') : this.requireCoder());
    try {
      return this.log.run(who, meta, fn, imported);
    } catch (e) {
      if (e instanceof Error && e.message.includes(NO_ACTION_MARKER)) {
        throw new AppError('INTERNAL', `A change was attempted outside the change log: ${e.message}`);
      }
      throw e instanceof AppError ? e : fromSqliteError(e, this.path);
    }
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
      excerpts: count(`SELECT count(*) AS n FROM excerpts WHERE deleted_at IS NULL AND ${this.layerFilter('coder_id')}`),
      codes: count('SELECT count(*) AS n FROM codes WHERE deleted_at IS NULL'),
      cmocs: count(`SELECT count(*) AS n FROM cmocs WHERE deleted_at IS NULL AND ${this.layerFilter('coder_id')}`),
      coders: count("SELECT count(*) AS n FROM coders WHERE kind = 'person'"),
      theoryVersions: count('SELECT count(*) AS n FROM theory_versions'),
    };
  }

  private initialiseMeta(name: string): void {
    this.transaction(() => {
      this.setMeta('project_id', randomUUID());
      this.setMeta('name', name);
      this.setMeta('created_at', this.isoNow());
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
      // A backup that failed part-way must not look like a backup.
      try {
        fs.rmSync(backupPath, { force: true });
      } catch {
        /* nothing was written */
      }
      throw new AppError('IO', `Could not back up ${file} before upgrading it: ${(e as Error).message}. Nothing was changed.`);
    }
  }
  const to = pending[pending.length - 1]!.version;
  // A step that rebuilds tables needs foreign keys off (they cannot change inside a transaction);
  // every reference is checked before the upgrade commits.
  const keysOff = pending.some((m) => m.foreignKeysOff);
  if (keysOff) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      if (from === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      for (const step of pending) step.up(db);
      if (keysOff) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new AppError('PROJECT_CORRUPT', `Upgrading ${path.basename(file)} would leave ${broken.length} broken reference(s); the file was not changed.`, { broken: broken.slice(0, 20) });
      }
      if (to >= CHANGE_LOG_SCHEMA_VERSION) installChangeLog(db);
      db.pragma(`user_version = ${to}`);
    })();
  } catch (e) {
    if (backupPath) removeIfEmpty(backupPath);
    throw e;
  } finally {
    if (keysOff) db.pragma('foreign_keys = ON');
  }
  return { from, to, backupPath };
}

/** Whether the file and its folder can be written (the folder holds the -wal and -shm files). */
function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function removeIfEmpty(file: string): void {
  try {
    if (fs.statSync(file).size === 0) fs.rmSync(file, { force: true });
  } catch {
    /* nothing there */
  }
}

/** SQLite's errors in words (the mapping lives in ./sqlite-errors, shared with the dispatcher). */
function fromSqliteError(e: unknown, file: string): AppError {
  const mapped = fromDatabaseError(e, file);
  if (mapped instanceof AppError) return mapped;
  return new AppError('INTERNAL', `Unexpected error while opening ${file}: ${(e as Error)?.message ?? String(e)}`);
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
