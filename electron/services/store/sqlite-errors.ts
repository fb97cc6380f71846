/**
 * The one place where SQLite's error codes become errors a person can act on. Every transport
 * passes what escapes a handler through `fromDatabaseError` (the dispatcher, the command line),
 * and the project store uses it when opening a file, so a full disk, a read-only folder or a
 * project held by another program never reaches the user as a stack trace or as INTERNAL.
 *
 * Codes are better-sqlite3's `SqliteError.code`: the primary code (`SQLITE_FULL`) or an
 * extended one (`SQLITE_IOERR_WRITE`, `SQLITE_READONLY_DBMOVED`, `SQLITE_CONSTRAINT_UNIQUE`);
 * see https://www.sqlite.org/rescode.html. A changed row never half-lands: every write runs in a
 * transaction, which SQLite rolls back when the statement fails, so the messages can say that
 * nothing was saved.
 */
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';

/** True for an error thrown by better-sqlite3 (its `code` starts with SQLITE_). */
export function isSqliteError(e: unknown): e is Error & { code: string } {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * The AppError for a SQLite error met while working on `file` (the project, when known). Any
 * other error is returned as it is: AppErrors keep their code, and the dispatcher reports the
 * rest as INTERNAL.
 */
export function fromDatabaseError(e: unknown, file?: string | null): unknown {
  if (!isSqliteError(e)) return e;
  const name = file ? path.basename(file) : 'The project';
  const code = e.code;
  const primary = code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
  switch (primary) {
    case 'SQLITE_FULL':
      return new AppError('IO', `The disk is full: ${name} could not be saved. Nothing was changed; free some space and try again.`, { sqlite: code });
    case 'SQLITE_READONLY':
      return new AppError(
        'READ_ONLY',
        code === 'SQLITE_READONLY_DBMOVED'
          ? `${name} was moved or deleted while it was open; nothing was saved. Close it and open it from its new place.`
          : `${name} is read-only: the file or its folder cannot be written, so nothing was saved. Check its permissions, or copy it to a folder you can write to.`,
        { sqlite: code },
      );
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new AppError(
        'PROJECT_LOCKED',
        `${name} is being written by another program (or another Realist Workbench window, or a large import still running), so nothing was saved. Wait a moment and try again; if it persists, close the other program.`,
        { sqlite: code },
      );
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new AppError('PROJECT_CORRUPT', `${name} is damaged and cannot be read (${e.message}). Restore it from a backup.`, { sqlite: code });
    case 'SQLITE_CANTOPEN':
      return new AppError('IO', `${name} cannot be opened: the file or its folder is missing, or it cannot be read. (${e.message})`, { sqlite: code });
    case 'SQLITE_IOERR':
      return new AppError('IO', `The operating system refused to read or write ${name} (${e.message}). Nothing was changed; check the disk and try again.`, { sqlite: code });
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return new AppError('READ_ONLY', `Permission denied on ${name}; nothing was saved.`, { sqlite: code });
    case 'SQLITE_NOMEM':
      return new AppError('IO', `Out of memory while working on ${name}; nothing was changed. Close other programs and try again.`, { sqlite: code });
    case 'SQLITE_TOOBIG':
      return new AppError('VALIDATION', `A value is too large to store in ${name}; nothing was saved.`, { sqlite: code });
    case 'SQLITE_CONSTRAINT':
      return code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
        ? new AppError('NOT_FOUND', `The change refers to something that no longer exists in ${name} (deleted meanwhile?); nothing was saved. (${e.message})`, { sqlite: code })
        : new AppError('VALIDATION', `The change conflicts with what ${name} already holds (${e.message}); nothing was saved.`, { sqlite: code });
    default:
      // SQLITE_ERROR and the rest are programming errors: still in words, with the code for the log.
      return new AppError('INTERNAL', `The project database refused an operation (${code}: ${e.message}). Nothing was changed.`, { sqlite: code });
  }
}
