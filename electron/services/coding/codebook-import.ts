/**
 * Reads a codebook file and adds it to the project: REFI-QDA `.qdc` (or a `.qde` project's
 * CodeBook) by default, CSV when the name ends in .csv or the caller says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { fromCodebookCsv } from '../../../shared/coding/codebook-csv';
import { fromQdc } from '../../../shared/coding/qdc';
import type { CodingService } from './coding-service';

/** A codebook of 100,000 codes with long descriptions is a few MB; 50 MB is a bound, not a size. */
export const MAX_CODEBOOK_BYTES = 50 * 1024 * 1024;

/**
 * Imports the codebook in `file` as one undoable action; `warnings` lists what was skipped or
 * changed (with CSV line numbers), so a partly malformed file still imports the rest. `name`
 * is the file's name as the user knows it (an upload is stored under another), which also
 * decides CSV or REFI-QDA when `format` is not given.
 */
export function importCodebookFile(svc: CodingService, file: string, format?: 'qdc' | 'csv', name = path.basename(file)): { created: number; reused: number; warnings: string[] } {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new AppError('VALIDATION', `${name} is not a file.`);
    if (stat.size > MAX_CODEBOOK_BYTES) throw new AppError('VALIDATION', `${name} is ${Math.round(stat.size / 1024 / 1024)} MB: far too large for a codebook (the limit is ${MAX_CODEBOOK_BYTES / 1024 / 1024} MB).`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError((e as { code?: string }).code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `Cannot read ${name}: ${(e as Error).message}`);
  }
  return importCodebookText(svc, text, name, format);
}

/** Imports a codebook from its text (see `importCodebookFile`); `name` is the file's name. */
export function importCodebookText(svc: CodingService, text: string, name: string, format?: 'qdc' | 'csv'): { created: number; reused: number; warnings: string[] } {
  const kinds = svc.listKinds();
  const asCsv = format ? format === 'csv' : /\.csv$/i.test(name);
  if (asCsv) {
    const read = fromCodebookCsv(text, { defaultKind: 'other', knownKinds: kinds.map((k) => k.id), newId: randomUUID });
    const { created, reused } = svc.importCodebook(read.codes, [], name);
    return { created, reused, warnings: read.problems.map((p) => `${name} ${p}`) };
  }
  let read;
  try {
    read = fromQdc(text, { knownKinds: kinds, defaultKind: 'other', newId: randomUUID });
  } catch (e) {
    throw new AppError('VALIDATION', `${name}: ${(e as Error).message}`);
  }
  const { created, reused } = svc.importCodebook(read.codes, read.kinds, name);
  return { created, reused, warnings: read.warnings };
}
