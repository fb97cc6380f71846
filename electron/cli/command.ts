/**
 * What a command-line command is, and the small helpers every command shares: reading options,
 * checking file arguments, printing JSON. The command table itself is ./specs.ts; each domain's
 * commands run in ./commands/<domain>-commands.ts, which reach the project only through
 * ./session.ts (the one dispatcher of electron/services/api-service.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';

/** Where a command writes: stdout (results) and stderr (messages). Tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A mistake in how the command was called: exit code 2 and the usage line. */
export class UsageError extends Error {}

/** Parsed options: strings, booleans, or lists of strings for repeatable options. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What a command's runner gets: its parsed options and positionals, and where to print. */
export interface RunArgs {
  values: OptionValues;
  positionals: string[];
  io: CliIo;
}

/** Runs one command; resolves to its exit code (0 done, 1 failed). */
export type Runner = (args: RunArgs) => Promise<number>;

/** Prints exactly one JSON document on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** A string option, trimmed; undefined when absent or blank. */
export function optionalString(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** A string option the command cannot do without (a usage error when missing). */
export function requiredString(values: OptionValues, name: string): string {
  const v = optionalString(values, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

/** A repeatable option's values (blank ones dropped). */
export function strings(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (v === undefined || typeof v === 'boolean') return [];
  return (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean);
}

/** A whole-number option from `min` to `max`, or `fallback` when absent. */
export function wholeNumber(values: OptionValues, name: string, fallback: number, min: number, max: number): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${String(v)}"`);
  }
  return n;
}

/** The one positional argument a command takes (a project file, a document). */
export function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  return positionals[0]!;
}

/**
 * An existing file the command reads, as an absolute path. A folder or a missing file is
 * refused here in words (never as EISDIR or ENOENT from deeper down).
 */
export function existingFile(given: string, what: string, hint = ''): string {
  const abs = path.resolve(given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new AppError('NOT_FOUND', `No ${what} at ${abs}.${hint ? ` ${hint}` : ''}`);
  }
  if (stat.isDirectory()) throw new AppError('VALIDATION', `${abs} is a folder; give a ${what} instead.`);
  return abs;
}

/** A project file and the files SQLite keeps beside it: never an export's target. */
const PROJECT_FILE = /\.realist(?:-wal|-shm|-journal)?$/i;

/**
 * A file the command will write: refused when it is a folder, or when it exists and `force`
 * is not given (FILE_EXISTS, exit 1).
 */
export function outputFile(given: string, force: boolean): string {
  const abs = path.resolve(given);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(abs);
  } catch {
    stat = null;
  }
  if (stat?.isDirectory()) throw new AppError('VALIDATION', `${abs} is a folder; give the name of the file to write (--out FOLDER/NAME).`);
  if (PROJECT_FILE.test(abs)) throw new AppError('VALIDATION', `${path.basename(abs)} is a project file name; an export never writes over a project. Choose another name.`);
  if (stat && !force) throw new AppError('FILE_EXISTS', `${abs} already exists; pass --force to replace it.`);
  return abs;
}

/**
 * Writes `data` to `file` through a temporary file beside it, so a failed write leaves the
 * previous file as it was. Errors name `file` and the reason in words, never the temporary name.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.part-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('IO', `Cannot write ${file}: ${fsReason(e)}.`);
  }
}

/** Why the operating system refused a file operation, in words and without the path it named. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ? `the system said ${code}` : 'unknown error';
  }
}

/** "1 record", "2 records". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
