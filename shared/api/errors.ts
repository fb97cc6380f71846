/**
 * Errors cross every boundary (IPC, web bridge, command line) as data, never as thrown
 * exceptions, so the renderer can branch on a stable machine-readable `code` while the
 * `message` stays free to improve. Codes are part of the public contract: add new ones,
 * never rename or reuse old ones.
 */
export const ERROR_CODES = [
  'VALIDATION', // arguments did not match the call's schema
  'UNKNOWN_CHANNEL', // no such call in the contract
  'NO_PROJECT', // the call needs an open project and none is open
  'NOT_FOUND', // a file or an entity does not exist
  'FILE_EXISTS', // refusing to overwrite an existing file
  'NOT_A_PROJECT', // the file is not a Realist Workbench project
  'PROJECT_TOO_NEW', // written by a newer version of the app; opening it could lose data
  'PROJECT_CORRUPT', // SQLite integrity_check failed or the file is unreadable
  'PROJECT_LOCKED', // another process holds a write lock
  'UNSUPPORTED', // this transport cannot do it (e.g. native file dialogs in the browser build)
  'IO', // the operating system refused a read or write
  'UNAUTHORIZED', // the web bridge's token is missing or wrong (open the address the server printed)
  'FORBIDDEN', // the call is not allowed from this transport (e.g. a file path sent by the page)
  'TOO_LARGE', // a request or an upload is larger than the limit
  'INTERNAL', // a bug: the message says what happened, the log has the stack
  'CODER_REQUIRED', // a write needs a current coder and none is chosen
  'CONFLICT', // undo/redo (or a merge) cannot apply because the project changed since
  'READ_ONLY', // the project file or its folder cannot be written; it can still be read
  'DUPLICATE', // the same thing exists already (a second identical highlight); `details` names it
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Optional structured detail, e.g. the failing fields of a VALIDATION error. */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * The one exception type services throw on purpose. Anything else that escapes a handler is
 * reported as INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function toApiError(e: unknown): ApiError {
  if (isAppError(e)) {
    return e.details === undefined
      ? { code: e.code, message: e.message }
      : { code: e.code, message: e.message, details: e.details };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
