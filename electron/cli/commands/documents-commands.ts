/** `realist text`, `attach`, `search` and `documents`: full texts from the command line. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { detectKind, DocumentService, expandDocumentPaths, extractDocument, readFileInput } from '../../services/documents/document-service';
import { sharedPdfPool } from '../../services/documents/worker-pool';
import { jsonFlag, onePath, printJson, UsageError, withProject, type Command } from '../command';

export const documentsCommands: Record<string, Command> = {
  text: {
    summary: 'print the text of a PDF, .txt, .md or .docx file, page by page (no project needed)',
    usage: 'realist text DOCUMENT [--password P] [--json]',
    options: { password: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'document');
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `No such file: ${file}`);
      const bytes = new Uint8Array(fs.readFileSync(file));
      const kind = detectKind(file, bytes);
      if (!kind) throw new AppError('VALIDATION', `${path.basename(file)}: not a supported document (PDF, .txt, .md or .docx).`);
      const password = values.password === undefined ? {} : { password: String(values.password) };
      const r = await extractDocument(kind, bytes, password);
      if (r.status === 'encrypted' || r.status === 'damaged') {
        io.err(`realist text: ${path.basename(file)}: ${r.message}\n`);
        return 1;
      }
      const warnings = [...(r.status === 'no-text' && r.message ? [r.message] : []), ...r.warnings];
      if (values.json) {
        printJson(io, { pageCount: r.pages.length, pages: r.pages.map((p, index) => ({ index, text: p.text })), warnings });
      } else {
        r.pages.forEach((p, i) => io.out(`${i > 0 ? '\f' : ''}${p.text}\n`));
        for (const w of warnings) io.err(`warning: ${w}\n`);
      }
      return 0;
    },
  },
  attach: {
    summary: 'attach full texts (PDF, .txt, .md, .docx) to a project, matched to records by DOI or title',
    usage: 'realist attach FILE.realist INPUT... (files or folders) [--record ID] [--password P] [--json]',
    options: { record: { type: 'string' }, password: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const [project, ...inputs] = positionals;
      if (!project || inputs.length === 0) throw new UsageError('expected a project file and at least one document');
      const files = expandDocumentPaths(inputs);
      // The PDF workers start (and load pdf.js) while the project is opened and checked.
      if (files.some((f) => /\.pdf$/i.test(f))) sharedPdfPool().warmUp();
      const result = await withProject(path.resolve(project), (store) =>
        new DocumentService(store).attach(
          // Read the resolved path, report the path as the user typed it (folders expand to the documents inside).
          files.map((f) => ({ ...readFileInput(path.resolve(f)), file: f })),
          {
            ...(values.record ? { recordId: String(values.record) } : {}),
            ...(values.password !== undefined ? { password: String(values.password) } : {}),
          },
        ),
      );
      const { attached, errors } = result;
      if (values.json) {
        printJson(io, { attached: attached.map(({ file, documentId, recordId, match }) => ({ file, documentId, recordId, match })), errors });
      } else {
        for (const a of attached) io.out(`${a.file}: attached (${a.status}${a.recordId ? `, record ${a.recordId} by ${a.match}` : ', no record'})\n`);
        for (const e of errors) io.err(`${e.file}: ${e.message}\n`);
      }
      return errors.length > 0 && attached.length === 0 ? 1 : 0;
    },
  },
  search: {
    summary: 'search the full texts of a project (pages and excerpts); page numbers start at 1',
    usage: 'realist search FILE.realist "QUERY" [--limit N] [--json]',
    options: { limit: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      const [project, query] = positionals;
      if (!project || !query || positionals.length !== 2) throw new UsageError('expected a project file and one query');
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
      const hits = await withProject(path.resolve(project), (store) => new DocumentService(store).search(query, limit));
      const rows = hits.map((h) => ({ documentId: h.documentId, title: h.title, page: h.pageIndex + 1, snippet: h.snippet, ...(h.excerptId ? { excerptId: h.excerptId } : {}) }));
      if (values.json) printJson(io, rows);
      else for (const r of rows) io.out(`${r.title} (p. ${r.page}): ${r.snippet}\n`);
      return 0;
    },
  },
  documents: {
    summary: 'list the documents of a project with their extraction status',
    usage: 'realist documents FILE.realist [--json]',
    options: { json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const docs = await withProject(file, (store) => new DocumentService(store).list());
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
  },
};
