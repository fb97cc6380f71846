/** `realist import` and `realist records`: the library from the command line. */
import fs from 'node:fs';
import path from 'node:path';
import { IMPORT_FORMATS } from '../../../shared/api/calls/records';
import { AppError } from '../../../shared/api/errors';
import type { ImportFormat } from '../../../shared/import/types';
import { importRecords } from '../../services/import/import-service';
import { allRecords } from '../../services/import/library';
import { jsonFlag, printJson, UsageError, withProject, type Command } from '../command';

function parseFormat(value: unknown): ImportFormat | 'auto' {
  if (value === undefined) return 'auto';
  const v = String(value);
  if (v === 'auto' || (IMPORT_FORMATS as readonly string[]).includes(v)) return v as ImportFormat | 'auto';
  throw new UsageError(`unknown format "${v}"; use auto or one of ${IMPORT_FORMATS.join(', ')}`);
}

function projectFile(positional: string | undefined): string {
  if (!positional) throw new UsageError('expected a project file');
  const file = path.resolve(positional);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `No project file at ${file}. Create one first with "realist init ${positional}".`);
  return file;
}

/**
 * `import` prints the ImportSummary as is with --json, and exits 1 when a file could not be read
 * or was not bibliographic (the other files are still imported); `records` prints CliRecord[].
 */
export const recordsCommands: Record<string, Command> = {
  import: {
    summary: 'import screened records (RIS, MEDLINE/nbib, PubMed XML, BibTeX, EndNote, WoS, CSV, CSL-JSON, Ovid)',
    usage: `realist import FILE.realist INPUT... [--format auto|${IMPORT_FORMATS.join('|')}] [--label TEXT] [--json]`,
    options: { format: { type: 'string' }, label: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const [project, ...inputs] = positionals;
      if (inputs.length === 0) throw new UsageError('expected a project file and at least one file to import');
      const format = parseFormat(values.format);
      const file = projectFile(project);
      const summary = await withProject(file, (store) =>
        importRecords(
          store,
          inputs.map((name) => ({ name, path: path.resolve(name) })),
          {
            format,
            ...(values.label ? { label: String(values.label) } : {}),
            ...(values.json ? {} : { onProgress: (p) => p.finished || io.err(`${p.label}${p.total ? ` (${p.done}/${p.total})` : ''}\n`) }),
          },
        ),
      );
      if (values.json) {
        printJson(io, summary);
      } else {
        io.out(`Imported ${summary.imported} records (${summary.duplicates} duplicates kept and clustered, ${summary.skipped} skipped).\n`);
        for (const [name, f] of Object.entries(summary.formats)) io.out(`  ${name}: ${f}\n`);
        for (const e of summary.errors) io.err(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
        for (const w of summary.warnings) io.err(`${w.file}${w.line ? `:${w.line}` : ''}: warning: ${w.message}\n`);
      }
      // A file that could not be read or was not bibliographic fails the command (the other
      // files were still imported); problems inside records alone do not.
      const failedFile = inputs.some((name) => !(name in summary.formats));
      return failedFile ? 1 : 0;
    },
  },
  records: {
    summary: 'list the records of a project',
    usage: 'realist records FILE.realist [--json]',
    options: { json: jsonFlag },
    async run({ values, positionals }, io) {
      if (positionals.length !== 1) throw new UsageError('expected exactly one project file');
      const records = await withProject(projectFile(positionals[0]), (store) => allRecords(store));
      if (values.json) {
        printJson(io, records);
      } else {
        for (const r of records) {
          const first = r.authors[0]?.family ?? '';
          io.out(`${r.year ?? '----'}  ${first.padEnd(20).slice(0, 20)}  ${r.screening.decision ?? '-'}  ${r.title}\n`);
        }
        io.out(`${records.length} records\n`);
      }
      return 0;
    },
  },
};
