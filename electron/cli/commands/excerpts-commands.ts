/**
 * `realist highlight`, `excerpts` and `export-annotations`: highlights from the command line.
 *
 * `highlight` anchors a quote the way the reader does (the shared anchoring maths: exact,
 * then whitespace/ligature/hyphen-normalised, then fuzzy) and stores it through the same
 * service as `excerpts:create`. Pages on the command line are ONE-based, as a PDF viewer
 * numbers them (`--page 2` is the second page, and the printed `page` is too); the printed
 * `pageIndex` is the zero-based index the API uses. `start`/`end` are offsets in the
 * document's extracted text (pages joined by the page separator).
 *
 * The W3C export is its own command (`export-annotations`) rather than a format of a general
 * `realist export`, which does not exist yet; it can fold into one later.
 */
import path from 'node:path';
import { documentsWithExcerpts, listExcerpts } from '../../services/excerpts/excerpt-service';
import { highlightQuote } from '../../services/excerpts/highlight-quote';
import { exportW3c } from '../../services/excerpts/w3c-export';
import { writeExportFile } from '../../services/exports/safe-write';
import { jsonFlag, onePath, printJson, UsageError, withProject, type Command } from '../command';

/** The highlight commands, spread into the CLI's COMMANDS. */
export const excerptsCommands: Record<string, Command> = {
  highlight: {
    summary: 'highlight a quote in a document (anchored as the reader does)',
    usage: 'realist highlight FILE.realist --document ID --quote TEXT [--page N] [--coder NAME] [--note TEXT] [--color #RRGGBB] [--json]',
    options: {
      document: { type: 'string' },
      quote: { type: 'string' },
      page: { type: 'string' },
      coder: { type: 'string' },
      note: { type: 'string' },
      color: { type: 'string' },
      json: jsonFlag,
    },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const documentId = requireString(values.document, '--document');
      const quote = requireString(values.quote, '--quote');
      const page = values.page === undefined ? undefined : Number(values.page);
      if (page !== undefined && (!Number.isInteger(page) || page < 1)) throw new UsageError('--page must be a page number from 1');
      const out = await withProject(file, (store) =>
        highlightQuote(store, {
          documentId,
          quote,
          ...(page !== undefined ? { pageIndex: page - 1 } : {}),
          ...(typeof values.coder === 'string' ? { coder: values.coder } : {}),
          ...(typeof values.note === 'string' ? { note: values.note } : {}),
          ...(typeof values.color === 'string' ? { color: values.color } : {}),
        }),
      );
      if (values.json) printJson(io, out);
      else io.out(`Highlighted page ${out.page}, characters ${out.start}-${out.end} (${out.match}): ${out.excerptId}\n`);
      return 0;
    },
  },
  excerpts: {
    summary: 'list highlights in reading order, re-anchored against the current text',
    usage: 'realist excerpts FILE.realist [--document ID] [--json]',
    options: { document: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const list = await withProject(file, (store) => {
        const ids = typeof values.document === 'string' ? [values.document] : documentsWithExcerpts(store);
        return ids.flatMap((id) => listExcerpts(store, id));
      });
      if (values.json) printJson(io, list);
      else {
        for (const e of list) {
          io.out(`${e.id}  p.${e.pageIndex + 1}  ${e.anchorStatus.padEnd(8)}  ${oneLine(e.quote, 70)}\n`);
        }
        io.out(`${list.length} highlight${list.length === 1 ? '' : 's'}\n`);
      }
      return 0;
    },
  },
  'export-annotations': {
    summary: 'write highlights as W3C Web Annotations (JSON-LD)',
    usage: 'realist export-annotations FILE.realist [--document ID] --out PATH [--force] [--json]',
    options: { document: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const outPath = path.resolve(requireString(values.out, '--out'));
      const collection = await withProject(file, (store) =>
        exportW3c(store, typeof values.document === 'string' ? values.document : undefined),
      );
      writeExportFile(outPath, `${JSON.stringify(collection, null, 2)}\n`, { overwrite: values.force === true, projectPath: file });
      if (values.json) printJson(io, { path: outPath, total: collection.total });
      else io.out(`Wrote ${collection.total} annotation${collection.total === 1 ? '' : 's'} to ${outPath}\n`);
      return 0;
    },
  },
};

function requireString(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`${flag} is required`);
  return value;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
