/**
 * `realist import` and `realist records`: the library, through `records:import` and
 * `records:all`; a REFI-QDA project archive (.qdpx, told by its content) through `qdpx:import`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { QdpxImportResult } from '../../../shared/api/calls/interchange';
import { isQdpx, isZipStart } from '../../../shared/interchange/qdpx-detect';
import type { ImportSummary, RecordEntry } from '../../../shared/api/calls/records';
import { onePositional, optionalString, plural, printJson, UsageError, type Runner } from '../command';
import { IMPORT_FORMAT_CHOICES } from '../specs';
import { withProject } from '../session';

/** True when `file` is a zip holding a .qde (read only when its first bytes say zip). */
function looksLikeQdpx(file: string): boolean {
  try {
    // Only a regular file is opened: opening a pipe waits for a writer (the records import
    // refuses pipes, devices and folders in words).
    const st = fs.statSync(file);
    if (!st.isFile() || st.size < 4 || st.size > 1024 ** 3) return false;
    const fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(4);
    try {
      fs.readSync(fd, head, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
    return isZipStart(head) && isQdpx(new Uint8Array(fs.readFileSync(file)));
  } catch {
    return false; // the records import reports the unreadable file
  }
}

/** `qdpx:import` of one archive; JSON: QdpxImportResult. Exits 1 when nothing was imported. */
async function importQdpx(project: string, file: string, values: Parameters<Runner>[0]['values'], io: Parameters<Runner>[0]['io']): Promise<number> {
  const r: QdpxImportResult = await withProject(project, values, io, (api) => api.call('qdpx:import', { path: file }), { writes: true });
  if (values.json) {
    printJson(io, r);
  } else {
    io.out(`Imported REFI-QDA project ${path.basename(file)}: ${plural(r.codes.created, 'code')}, ${plural(r.documents.created, 'document')}, ${plural(r.excerpts, 'excerpt')}, ${plural(r.codings, 'coding')}, ${plural(r.memos, 'memo')}, ${plural(r.cmocs, 'CMOC')}.\n`);
    for (const w of r.warnings) io.err(`${w}\n`);
  }
  return r.codes.created + r.documents.created + r.excerpts + r.codings + r.memos === 0 && r.codes.reused + r.documents.reused === 0 ? 1 : 0;
}

/** The records commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /**
   * Prints the ImportSummary as is with --json. Exits 1 when a file could not be read or was not
   * bibliographic (the other files are still imported), and when nothing at all was imported.
   */
  async import({ values, positionals, io }) {
    const [project, ...inputs] = positionals;
    if (!project || inputs.length === 0) throw new UsageError('expected a project file and at least one file to import');
    const archives = inputs.filter(looksLikeQdpx);
    if (archives.length > 0) {
      if (inputs.length > 1) throw new UsageError('a REFI-QDA project (.qdpx) is imported on its own: give it as the only file');
      return importQdpx(project, inputs[0]!, values, io);
    }
    const format = (optionalString(values, 'format') ?? 'auto') as (typeof IMPORT_FORMAT_CHOICES)[number];
    const label = optionalString(values, 'label');
    const summary: ImportSummary = await withProject(
      project,
      values,
      io,
      // Paths as typed: the summary's `formats` and `errors` name the files the way the user did.
      (api) => api.call('records:import', { paths: inputs, format, ...(label ? { label } : {}) }),
      { writes: true, progress: !values.json },
    );
    if (values.json) {
      printJson(io, summary);
    } else {
      io.out(`Imported ${plural(summary.imported, 'record')} (${summary.duplicates} duplicates kept and clustered, ${summary.skipped} skipped).\n`);
      for (const [name, f] of Object.entries(summary.formats)) io.out(`  ${name}: ${f}\n`);
      for (const e of summary.errors) io.err(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
    }
    if (summary.imported === 0) {
      const read = inputs.filter((name) => name in summary.formats).map((f) => path.basename(f));
      io.err(`realist import: nothing was imported${read.length ? ` (no records found in ${read.join(', ')})` : ''}.\n`);
      return 1;
    }
    // A file that could not be read or was not bibliographic fails the command (the other files
    // were still imported); problems inside records alone do not.
    return inputs.some((name) => !(name in summary.formats)) ? 1 : 0;
  },

  /** `records:all`, a window at a time; JSON: RecordEntry[]. */
  async records({ values, positionals, io }) {
    const records = await withProject(onePositional(positionals, 'project file'), values, io, async (api) => {
      const all: RecordEntry[] = [];
      for (;;) {
        const page = await api.call('records:all', { offset: all.length });
        all.push(...page.items);
        if (page.items.length === 0 || all.length >= page.total) return all;
      }
    });
    if (values.json) {
      printJson(io, records);
    } else {
      for (const r of records) {
        const first = r.authors[0]?.family ?? '';
        io.out(`${r.year ?? '----'}  ${first.padEnd(20).slice(0, 20)}  ${r.screening.decision ?? '-'}  ${r.title}\n`);
      }
      io.out(`${plural(records.length, 'record')}\n`);
    }
    return 0;
  },
};
