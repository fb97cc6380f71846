/**
 * `realist highlight`, `excerpts` and `export-annotations`: highlights, through the excerpts
 * calls.
 *
 * `highlight` is `excerpts:highlightQuote`: the quote is anchored the way the reader anchors
 * (exact, then whitespace/ligature/hyphen-normalised, then fuzzy) and stored as `excerpts:create`
 * stores a selection. Pages on the command line are ONE-based, as a PDF viewer numbers them
 * (`--page 2` is the second page, and the printed `page` is too); the printed `pageIndex` is the
 * zero-based index the API uses. `start`/`end` are offsets in the document's extracted text.
 */
import type { Excerpt } from '../../../shared/api/calls/excerpts';
import { onePositional, optionalString, outputFile, plural, printJson, requiredString, wholeNumber, type Runner } from '../command';
import { withProject } from '../session';

/** The highlight commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /** `excerpts:highlightQuote`; JSON: HighlightOutput. A quote that is not found exits 1 (NOT_FOUND). */
  async highlight({ values, positionals, io }) {
    const file = onePositional(positionals, 'project file');
    const documentId = requiredString(values, 'document');
    // The quote as typed (not trimmed here: the service trims and says so if it is empty).
    const quote = typeof values.quote === 'string' ? values.quote : requiredString(values, 'quote');
    const page = values.page === undefined ? undefined : wholeNumber(values, 'page', 1, 1, 1_000_000);
    const note = typeof values.note === 'string' ? values.note : undefined;
    const color = optionalString(values, 'color');
    const out = await withProject(
      file,
      values,
      io,
      (api) =>
        api.call('excerpts:highlightQuote', {
          documentId,
          quote,
          ...(page !== undefined ? { pageIndex: page - 1 } : {}),
          ...(note !== undefined ? { note } : {}),
          ...(color !== undefined ? { color } : {}),
        }),
      { writes: true },
    );
    if (values.json) printJson(io, out);
    else io.out(`Highlighted page ${out.page}, characters ${out.start}-${out.end} (${out.match}): ${out.excerptId}\n`);
    return 0;
  },

  /** `excerpts:list` for one document, or for every document (in the order `documents:list` gives). */
  async excerpts({ values, positionals, io }) {
    const document = optionalString(values, 'document');
    const list = await withProject(onePositional(positionals, 'project file'), values, io, async (api) => {
      const ids = document ? [document] : (await api.call('documents:list', {})).map((d) => d.id);
      const all: Excerpt[] = [];
      for (const id of ids) all.push(...(await api.call('excerpts:list', { documentId: id })));
      return all;
    });
    if (values.json) {
      printJson(io, list);
    } else {
      for (const e of list) io.out(`${e.id}  p.${e.pageIndex + 1}  ${e.anchorStatus.padEnd(8)}  ${oneLine(e.quote, 70)}\n`);
      io.out(`${plural(list.length, 'highlight')}\n`);
    }
    return 0;
  },

  /** `excerpts:exportW3c`, written to --out (an existing file only with --force). */
  async 'export-annotations'({ values, positionals, io }) {
    const file = onePositional(positionals, 'project file');
    const out = outputFile(requiredString(values, 'out'), values.force === true);
    const document = optionalString(values, 'document');
    // The service writes the file, with the checks every export has (never over a project, by any name).
    const collection = await withProject(file, values, io, (api) =>
      api.call('excerpts:exportW3c', { ...(document ? { documentId: document } : {}), path: out, overwrite: values.force === true }),
    );
    if (values.json) printJson(io, { path: out, total: collection.total });
    else io.out(`Wrote ${plural(collection.total, 'annotation')} to ${out}\n`);
    return 0;
  },
};

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
