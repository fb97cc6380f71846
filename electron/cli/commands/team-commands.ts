/**
 * `realist agreement`, `package` and `merge`: working as a team, through the agreement and
 * packages calls. `agreement --input FILE.json` computes the statistics from a neutral file
 * (ratings, a count table, or spans: the shapes of shared/agreement/schema.ts), so anyone can
 * check them against R or Python; no project is needed.
 */
import fs from 'node:fs';
import { AppError } from '../../../shared/api/errors';
import { existingFile, onePositional, optionalString, printJson, requiredString, UsageError, type Runner } from '../command';
import { newService, withProject } from '../session';

/** The most a neutral input file may hold (the schema limits its contents further). */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** The team commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /** `agreement:compute` on a neutral JSON file; JSON: {statistics, byCode, undefined}. */
  async agreement({ values, positionals, io }) {
    const input = optionalString(values, 'input');
    if (!input) throw new UsageError('give the statistics input with --input FILE.json (the agreement of a project itself comes from the Agreement section)');
    if (positionals.length > 0) throw new UsageError('with --input, no project file is needed');
    const file = existingFile(input, 'input file');
    if (fs.statSync(file).size > MAX_INPUT_BYTES) throw new AppError('VALIDATION', `${file} is larger than 64 MB: split the data into several files.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new AppError('VALIDATION', `${file} is not valid JSON (${(e as Error).message}).`);
    }
    const api = newService(io);
    try {
      const out = await api.call('agreement:compute', { input: parsed as never });
      if (values.json) printJson(io, out);
      else {
        for (const [name, value] of Object.entries(out.statistics)) io.out(`${name.padEnd(28)} ${value === null ? 'undefined' : String(value)}\n`);
        for (const u of out.undefined) io.out(`undefined: ${u.statistic} (${u.scope}): ${u.reason}\n`);
      }
      return 0;
    } finally {
      api.close();
    }
  },

  /** `packages:export`: a package (a new .realist file) for one coder. */
  async package({ values, positionals, io }) {
    const file = onePositional(positionals, 'project file');
    const coder = requiredString(values, 'coder');
    const out = requiredString(values, 'out');
    const info = await withProject(file, values, io, async (api) => {
      const found = (await api.call('coders:list', {})).find((c) => c.kind === 'person' && c.name.toLowerCase() === coder.toLowerCase());
      if (!found) throw new AppError('NOT_FOUND', `No coder called "${coder}" in this project.`);
      return api.call('packages:export', { coderId: found.id, path: out, ...(values.blind === true ? { blind: true } : {}) });
    });
    if (values.json) printJson(io, info);
    else io.out(`Wrote the package for ${info.coder} to ${info.path}${info.blind ? ' (blind: nothing of the other coders)' : ''}.\n`);
    return 0;
  },

  /** `packages:merge`; JSON: MergeReport. Exits 1 when conflicts wait for a decision. */
  async merge({ values, positionals, io }) {
    if (positionals.length !== 2) throw new UsageError('expected the project file and the package file');
    const [file, pkg] = positionals as [string, string];
    const report = await withProject(file, values, io, (api) => api.call('packages:merge', { path: existingFile(pkg, 'package file') }), { writes: true });
    if (values.json) printJson(io, report);
    else {
      io.out(`Merged ${report.added} change${report.added === 1 ? '' : 's'}${report.coders.length ? ` by ${report.coders.join(', ')}` : ''}; ${report.alreadyMerged} already merged before.\n`);
      for (const c of report.newConflicts) io.out(`conflict: ${c.summary}\n`);
      if (report.openConflicts > 0) io.out(`${report.openConflicts} conflict${report.openConflicts === 1 ? '' : 's'} wait for a decision.\n`);
    }
    return 0;
  },
};
