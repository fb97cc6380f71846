/** `realist import` and `realist records`: the library, through `records:import` and `records:all`. */
import path from 'node:path';
import type { ImportSummary, RecordEntry } from '../../../shared/api/calls/records';
import { onePositional, optionalString, plural, printJson, UsageError, type Runner } from '../command';
import { IMPORT_FORMAT_CHOICES } from '../specs';
import { withProject } from '../session';

/** The records commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /**
   * Prints the ImportSummary as is with --json. Exits 1 when a file could not be read or was not
   * bibliographic (the other files are still imported), and when nothing at all was imported.
   */
  async import({ values, positionals, io }) {
    const [project, ...inputs] = positionals;
    if (!project || inputs.length === 0) throw new UsageError('expected a project file and at least one file to import');
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
