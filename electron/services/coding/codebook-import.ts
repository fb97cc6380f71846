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

/**
 * Imports the codebook in `file` as one undoable action; `warnings` lists what was skipped or
 * changed (with CSV line numbers), so a partly malformed file still imports the rest.
 */
export function importCodebookFile(svc: CodingService, file: string, format?: 'qdc' | 'csv'): { created: number; reused: number; warnings: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError((e as { code?: string }).code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `Cannot read ${file}: ${(e as Error).message}`);
  }
  const kinds = svc.listKinds();
  const asCsv = format ? format === 'csv' : /\.csv$/i.test(file);
  if (asCsv) {
    const read = fromCodebookCsv(text, { defaultKind: 'other', knownKinds: kinds.map((k) => k.id), newId: randomUUID });
    const result = svc.importCodebook(read.codes, [], path.basename(file));
    return { ...result, warnings: read.problems.map((p) => `${path.basename(file)} ${p}`) };
  }
  let read;
  try {
    read = fromQdc(text, { knownKinds: kinds, defaultKind: 'other', newId: randomUUID });
  } catch (e) {
    throw new AppError('VALIDATION', `${path.basename(file)}: ${(e as Error).message}`);
  }
  return { ...svc.importCodebook(read.codes, read.kinds, path.basename(file)), warnings: read.warnings };
}
