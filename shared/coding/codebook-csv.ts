/**
 * The codebook as CSV, for people who keep their codebook in a spreadsheet. One row per code:
 *
 *   id, parent_id, path, kind, name, description, color
 *
 * `path` is the names from the top, joined by " / ", so a sheet written by hand can give the
 * hierarchy without ids: on import a row's parent is its `parent_id` when that id is in the
 * file, else the row whose path is this path minus its last part. Rows are written parents
 * first, so a sheet is readable top to bottom. A row without a name is reported with its line
 * and skipped; the rest still imports.
 */
import Papa from 'papaparse';
import { FORMULA_START, fromSafeCell } from '../security/spreadsheet-cells';
import { buildCodeTree, type CodeTreeNode } from './codebook';
import type { CodeNode } from './types';

/** The header row, in order (a public format: add columns at the end, never rename). */
export const CODEBOOK_CSV_COLUMNS = ['id', 'parent_id', 'path', 'kind', 'name', 'description', 'color'] as const;
const PATH_SEPARATOR = ' / ';

/** Writes the codebook; the text ends with a newline and uses CRLF, as spreadsheet programs expect. */
export function toCodebookCsv(codes: readonly CodeNode[]): string {
  const rows: string[][] = [];
  const walk = (node: CodeTreeNode, path: string[]) => {
    const here = [...path, node.code.name];
    const c = node.code;
    rows.push([c.id, c.parentId ?? '', here.join(PATH_SEPARATOR), c.kind, c.name, c.description, c.color ?? '']);
    for (const child of node.children) walk(child, here);
  };
  for (const root of buildCodeTree(codes)) walk(root, []);
  return `${Papa.unparse({ fields: [...CODEBOOK_CSV_COLUMNS], data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START })}\r\n`;
}

/** What `fromCodebookCsv` read. */
export interface CodebookCsvImport {
  codes: CodeNode[];
  /** "line N: message" for every skipped or corrected row. */
  problems: string[];
}

/**
 * Reads a codebook CSV (the columns above; only `name` is required, `kind` defaults to
 * `defaultKind`). Ids are kept when they look like ids, else made with `newId`.
 */
export function fromCodebookCsv(text: string, options: { defaultKind: string; knownKinds: readonly string[]; newId: () => string }): CodebookCsvImport {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
    // Undo the formula neutralising of our own export (see shared/security/spreadsheet-cells.ts).
    transform: (value) => fromSafeCell(value),
  });
  const problems: string[] = parsed.errors.map((e) => `line ${(e.row ?? 0) + 2}: ${e.message}`);
  if (!parsed.meta.fields?.includes('name')) {
    return { codes: [], problems: [...problems, 'line 1: the header has no "name" column'] };
  }
  const codes: CodeNode[] = [];
  const byFileId = new Map<string, string>();
  const byPath = new Map<string, string>();
  const pending: Array<{ code: CodeNode; fileParent: string; path: string; line: number }> = [];
  const known = new Set(options.knownKinds);
  parsed.data.forEach((row, i) => {
    const line = i + 2; // line 1 is the header
    const name = (row.name ?? '').replace(/\s+/g, ' ').trim();
    if (!name) {
      problems.push(`line ${line}: no name; row skipped`);
      return;
    }
    let kind = (row.kind ?? '').trim() || options.defaultKind;
    if (!known.has(kind)) {
      problems.push(`line ${line}: unknown kind "${kind}"; "${options.defaultKind}" used`);
      kind = options.defaultKind;
    }
    const fileId = (row.id ?? '').trim();
    const id = /^[0-9a-f-]{36}$/i.test(fileId) && !byFileId.has(fileId) ? fileId.toLowerCase() : options.newId();
    if (fileId) byFileId.set(fileId, id);
    const color = (row.color ?? '').trim();
    const code: CodeNode = {
      id,
      parentId: null,
      kind,
      name,
      description: (row.description ?? '').trim(),
      color: /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : null,
      sort: i,
    };
    const path = (row.path ?? '').trim() || name;
    byPath.set(path, id);
    pending.push({ code, fileParent: (row.parent_id ?? '').trim(), path, line });
    codes.push(code);
  });
  for (const p of pending) {
    let parent = p.fileParent ? byFileId.get(p.fileParent) : undefined;
    if (!parent && p.path.includes(PATH_SEPARATOR)) parent = byPath.get(p.path.slice(0, p.path.lastIndexOf(PATH_SEPARATOR)));
    if (p.fileParent && !parent) problems.push(`line ${p.line}: parent ${p.fileParent} is not in the file; the code is placed at the top`);
    p.code.parentId = parent && parent !== p.code.id ? parent : null;
  }
  // A sheet edited by hand can loop (A under B under A): such a code is lifted to the top.
  const parentOf = new Map(codes.map((c) => [c.id, c]));
  for (const p of pending) {
    const seen = new Set<string>([p.code.id]);
    for (let at = p.code.parentId; at; at = parentOf.get(at)?.parentId ?? null) {
      if (seen.has(at)) {
        problems.push(`line ${p.line}: its parent chain loops back to itself; the code is placed at the top`);
        p.code.parentId = null;
        break;
      }
      seen.add(at);
    }
  }
  return { codes, problems };
}
