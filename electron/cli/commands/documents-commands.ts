/**
 * `realist text`, `attach`, `documents` and `search`: full texts, through the documents calls
 * and `search:all` (the search box's own search, so the command line finds what the app finds).
 */
import path from 'node:path';
import type { SearchKind, SearchResults } from '../../../shared/coding/types';
import { existingFile, onePositional, optionalString, plural, printJson, UsageError, wholeNumber, type Runner } from '../command';
import { newService, withProject } from '../session';

/** How `realist search` names each group of hits, in the order the search box shows them. */
const SEARCH_GROUPS: Array<[SearchKind, string]> = [
  ['record', 'Records'],
  ['page', 'Pages'],
  ['excerpt', 'Excerpts'],
  ['code', 'Codes'],
  ['cmoc', 'CMOCs'],
  ['memo', 'Memos'],
];

/** The documents commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /** `documents:extractText`; JSON: {pageCount, pages: [{index, text}], warnings}. */
  async text({ values, positionals, io }) {
    const file = existingFile(onePositional(positionals, 'document'), 'document');
    const password = typeof values.password === 'string' ? values.password : undefined;
    const api = newService(io);
    let r;
    try {
      r = await api.call('documents:extractText', { path: file, ...(password !== undefined ? { password } : {}) });
    } finally {
      api.close();
    }
    if (r.status === 'encrypted' || r.status === 'damaged') {
      io.err(`realist text: ${path.basename(file)}: ${r.message}\n`);
      return 1;
    }
    if (values.json) {
      printJson(io, { pageCount: r.pageCount, pages: r.pages, warnings: r.warnings });
    } else {
      r.pages.forEach((p, i) => io.out(`${i > 0 ? '\f' : ''}${p.text}\n`));
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
    }
    return 0;
  },

  /** `documents:attach` with the paths as typed (folders expand to the documents inside). */
  async attach({ values, positionals, io }) {
    const [project, ...inputs] = positionals;
    if (!project || inputs.length === 0) throw new UsageError('expected a project file and at least one document or folder');
    const recordId = optionalString(values, 'record');
    const password = typeof values.password === 'string' ? values.password : undefined;
    const { attached, errors } = await withProject(
      project,
      values,
      io,
      (api) => api.call('documents:attach', { paths: inputs, ...(recordId ? { recordId } : {}), ...(password !== undefined ? { password } : {}) }),
      { writes: true, progress: !values.json },
    );
    if (values.json) {
      printJson(io, { attached: attached.map(({ file, documentId, recordId: r, match }) => ({ file, documentId, recordId: r, match })), errors });
    } else {
      for (const a of attached) io.out(`${a.file}: attached (${a.status}${a.recordId ? `, record ${a.recordId} by ${a.match}` : ', no record'})\n`);
      for (const e of errors) io.err(`${e.file}: ${e.message}\n`);
    }
    return errors.length > 0 && attached.length === 0 ? 1 : 0;
  },

  /** `documents:list`. */
  async documents({ values, positionals, io }) {
    const docs = await withProject(onePositional(positionals, 'project file'), values, io, (api) => api.call('documents:list', {}));
    if (values.json) {
      printJson(
        io,
        docs.map((d) => ({ id: d.id, recordId: d.recordId, kind: d.kind, title: d.title, fileName: d.fileName, pageCount: d.pageCount, status: d.status, statusMessage: d.statusMessage, match: d.match })),
      );
    } else {
      for (const d of docs) io.out(`${d.id}  ${d.kind.padEnd(8)} ${String(d.pageCount).padStart(4)} pp  ${d.status.padEnd(9)} ${d.title}\n`);
    }
    return 0;
  },

  /** `search:all`, as the search box asks it; JSON: SearchResults ({record, page, excerpt, code, cmoc, memo}). */
  async search({ values, positionals, io }) {
    const [project, query] = positionals;
    if (!project || !query || positionals.length !== 2) throw new UsageError('expected a project file and one query (quote a query of several words)');
    const limit = wholeNumber(values, 'limit', 20, 1, 200);
    const results: SearchResults = await withProject(project, values, io, (api) => api.call('search:all', { query, limit }));
    if (values.json) {
      printJson(io, results);
      return 0;
    }
    let total = 0;
    for (const [kind, heading] of SEARCH_GROUPS) {
      const hits = results[kind];
      if (hits.length === 0) continue;
      total += hits.length;
      io.out(`${heading} (${hits.length})\n`);
      for (const h of hits) io.out(`  ${h.title}: ${h.snippet}\n`);
    }
    if (total === 0) io.out(`Nothing matches "${query}".\n`);
    else io.out(`${plural(total, 'match', 'matches')}\n`);
    return 0;
  },
};
