/**
 * Writing an export file without destroying anything: every export (CMOCs, codebook, excerpts,
 * W3C annotations), from every transport, ends here.
 *
 * Refused always, whatever `overwrite` says:
 *  - a `.realist` file, its `-wal`, `-shm` or `-journal`, and any file that is a Realist
 *    Workbench project by its content (SQLite header and our application id), so a project
 *    renamed `notes.csv` is safe too;
 *  - the open project and its `-wal`/`-shm`, compared by real path (symlinks resolved) and by
 *    device and inode (hard links);
 *  - anything that is not a regular file (a folder, a device, a pipe).
 * An existing file is replaced only with `overwrite: true` (the desktop app's save dialog asked
 * the user; the command line passes `--force`); without it the answer is FILE_EXISTS. The bytes
 * go to a temporary file beside the target first and are then moved into place, so a failed
 * write leaves the previous file as it was; without `overwrite` the move is a hard link, which
 * fails if a file appeared meanwhile, rather than a rename, which would replace it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';

/** "REAL" in ASCII at offset 68 of a SQLite header: a Realist Workbench project (see project-store). */
const PROJECT_APPLICATION_ID = 0x5245414c;
const SQLITE_MAGIC = 'SQLite format 3\0';

/** File names an export never takes: a project and the files SQLite keeps beside it. */
const PROJECT_NAME = /\.realist(?:-wal|-shm|-journal)?$/i;

export interface SafeWriteOptions {
  /** Replace an existing file (never a project). */
  overwrite?: boolean;
  /** The project file open in this process: it and its -wal/-shm are never written. */
  projectPath?: string | null;
}

/** The real path of `file`, or of its folder joined with its name when it does not exist yet. */
function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
}

/** True when the first 72 bytes say "SQLite database with Realist Workbench's application id". */
function isProjectByContent(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(72);
    const n = fs.readSync(fd, head, 0, 72, 0);
    return n === 72 && head.subarray(0, 16).toString('latin1') === SQLITE_MAGIC && head.readUInt32BE(68) === PROJECT_APPLICATION_ID;
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function sameFile(a: fs.Stats | null, b: fs.Stats | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

/**
 * Checks that `file` may receive an export; throws FILE_EXISTS (an existing file without
 * `overwrite`) or VALIDATION (a project, the open project, a folder or a device) in words.
 * Returns the absolute path to write.
 */
export function checkExportTarget(file: string, options: SafeWriteOptions = {}): string {
  const abs = path.resolve(file);
  const real = realTarget(abs);
  const name = path.basename(abs);
  if (PROJECT_NAME.test(name) || PROJECT_NAME.test(path.basename(real))) {
    throw new AppError('VALIDATION', `${name} is a project file name: an export never writes over a project. Choose a name ending in the export's own extension.`);
  }
  const target = statOrNull(abs);
  if (options.projectPath) {
    const project = path.resolve(options.projectPath);
    const projectReal = realTarget(project);
    for (const suffix of ['', '-wal', '-shm']) {
      if (real === projectReal + suffix || sameFile(target, statOrNull(project + suffix))) {
        throw new AppError('VALIDATION', `${name} is the open project${suffix ? `'s ${suffix.slice(1)} file` : ''}: an export never writes over it.`);
      }
    }
  }
  if (target === null) return abs;
  if (!target.isFile()) {
    throw new AppError('VALIDATION', `${abs} is ${target.isDirectory() ? 'a folder' : 'not a regular file'}; give the path of a file to write.`);
  }
  if (isProjectByContent(abs)) {
    throw new AppError('VALIDATION', `${name} is a Realist Workbench project (whatever its name says): an export never writes over a project.`);
  }
  if (!options.overwrite) {
    throw new AppError('FILE_EXISTS', `${abs} already exists. Choose another name, or confirm that it may be replaced (--force on the command line).`);
  }
  return abs;
}

/**
 * Writes `data` to `file` after `checkExportTarget`, through a temporary file beside it (see the
 * module comment). Returns the absolute path written.
 */
export function writeExportFile(file: string, data: Uint8Array | string, options: SafeWriteOptions = {}): string {
  const abs = checkExportTarget(file, options);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(6).toString('hex')}.part`);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(tmp, data, { flag: 'wx' });
    if (options.overwrite) {
      fs.renameSync(tmp, abs);
    } else {
      try {
        fs.linkSync(tmp, abs);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('FILE_EXISTS', `${abs} already exists. Choose another name, or confirm that it may be replaced.`);
        // A file system without hard links (FAT on a USB stick): copy, refusing an existing file.
        fs.copyFileSync(tmp, abs, fs.constants.COPYFILE_EXCL);
      }
      fs.rmSync(tmp, { force: true });
    }
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') throw new AppError('FILE_EXISTS', `${abs} already exists. Choose another name, or confirm that it may be replaced.`);
    const why =
      err.code === 'ENOSPC'
        ? 'the disk is full'
        : err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS'
          ? 'the folder cannot be written (read-only or no permission)'
          : err.code === 'ENOENT'
            ? 'the folder does not exist'
            : err.message;
    throw new AppError('IO', `Cannot write ${abs}: ${why}.`);
  }
  return abs;
}
