/**
 * Hypothesised CMOCs from text: an if-then-because sentence read into its parts, a pasted list
 * of such sentences (one a line), and a CSV of them. This is how an initial program theory is
 * written directly, pasted from a protocol, imported, or drafted from stakeholders' notes.
 *
 * Reading a sentence: the words "if", "then" and "because" (any case, anywhere in the
 * sentence, in any order) cut it into context, outcome and mechanism. The mechanism clause is
 * cut once more into resource and response at the first "leads to", "lead to", "makes",
 * "make", "so that" or "which", the verbs the statement generator and most reviewers use
 * ("because a reachable nurse makes them feel secure"). A mechanism that cannot be cut is a
 * response (the reasoning), unless it reads "because of X", which names a resource. A
 * sentence without "if" and "then" has no structure to read: it is kept whole as the
 * statement, with no parts, and the reviewer adds them.
 *
 * A CSV has a header row. Columns are found by name (case-insensitive): `statement`, or the
 * parts `context`, `mechanism` / `resource` / `response`, `outcome`; plus optional `label` and
 * `source` (provenance). A row that gives neither a statement nor an outcome is a located
 * error (its 1-based physical line); every other row is imported.
 */
import Papa from 'papaparse';
import { generateStatement } from '../coding/statement';
import { lineIndex } from '../import/lines';
import type { TheoryPart, TheoryRole } from './types';

/** A CMOC read from text, before it is stored. */
export interface DraftCmoc {
  label: string;
  statement: string;
  parts: TheoryPart[];
  provenance: string;
  /** 1-based line it came from (pasted text or CSV). */
  line: number;
}

/** A row or line that could not be read, and why. */
export interface DraftError {
  line: number;
  message: string;
}

export interface DraftResult {
  cmocs: DraftCmoc[];
  errors: DraftError[];
}

/** The most rows one import reads (an initial theory has tens of CMOCs, not thousands). */
export const MAX_DRAFT_ROWS = 5000;

const KEYWORD = /\b(if|then|because)\b/gi;
const MECHANISM_CUT = /\s+(?:leads? to|makes?|so that|which)\s+/i;

function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.–—-]+|[\s,;:.–—-]+$/g, '')
    .trim();
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/** Cuts a mechanism clause into resource and response parts (see the module comment). */
export function splitMechanism(clause: string): TheoryPart[] {
  const text = tidy(clause);
  if (!text) return [];
  const of = /^of\s+(.+)$/i.exec(text);
  if (of) return [{ role: 'mechanism-resource', text: capitalise(tidy(of[1]!)), codeId: null }];
  const m = MECHANISM_CUT.exec(text);
  if (m && m.index > 0) {
    const resource = tidy(text.slice(0, m.index));
    // "makes them feel secure": the response is theirs ("They feel secure").
    const response = tidy(text.slice(m.index + m[0].length)).replace(/^(them|him|her)\b/i, (w) => ({ them: 'they', him: 'he', her: 'she' })[w.toLowerCase()]!);
    const parts: TheoryPart[] = [];
    if (resource) parts.push({ role: 'mechanism-resource', text: capitalise(resource), codeId: null });
    if (response) parts.push({ role: 'mechanism-response', text: capitalise(response), codeId: null });
    return parts;
  }
  return [{ role: 'mechanism-response', text: capitalise(text), codeId: null }];
}

/**
 * Reads one if-then-because sentence into parts (see the module comment); `parts` is empty
 * when the sentence has no "if ... then" structure.
 */
export function parseStatement(sentence: string): { statement: string; parts: TheoryPart[] } {
  const statement = sentence.replace(/\s+/g, ' ').trim();
  const marks: Array<{ word: string; start: number; end: number }> = [];
  for (const m of statement.matchAll(KEYWORD)) {
    const word = m[1]!.toLowerCase();
    // The first of each keyword counts; a later "if" inside a clause is part of the clause.
    if (marks.some((k) => k.word === word)) continue;
    marks.push({ word, start: m.index!, end: m.index! + m[0].length });
  }
  const has = (w: string) => marks.some((k) => k.word === w);
  if (!has('if') || !has('then')) return { statement, parts: [] };
  marks.sort((a, b) => a.start - b.start);
  const clause = (w: string) => {
    const i = marks.findIndex((k) => k.word === w);
    if (i < 0) return '';
    const end = i + 1 < marks.length ? marks[i + 1]!.start : statement.length;
    return tidy(statement.slice(marks[i]!.end, end));
  };
  const parts: TheoryPart[] = [];
  const context = clause('if');
  if (context) parts.push({ role: 'context', text: capitalise(context), codeId: null });
  parts.push(...splitMechanism(clause('because')));
  const outcome = clause('then');
  if (outcome) parts.push({ role: 'outcome', text: capitalise(outcome), codeId: null });
  return { statement, parts };
}

/** A statement written from parts, for a row that gives parts and no sentence. */
export function statementFromParts(parts: readonly TheoryPart[]): string {
  const of = (role: TheoryRole) => parts.filter((p) => p.role === role).map((p) => p.text);
  return generateStatement({ contexts: of('context'), resources: of('mechanism-resource'), responses: of('mechanism-response'), outcomes: of('outcome') });
}

/**
 * A pasted list: one statement a line; blank lines and lines starting with "#" are skipped; a
 * leading "1.", "-" or "•" is dropped. A line of more than 5,000 characters is an error.
 */
export function parseStatementLines(text: string, provenance = ''): DraftResult {
  const cmocs: DraftCmoc[] = [];
  const errors: DraftError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.replace(/^\s*(?:\d+[.)]|[-*•])\s+/, '').trim();
    if (!s || s.startsWith('#')) return;
    if (s.length > 5000) {
      errors.push({ line, message: `the statement is ${s.length.toLocaleString('en')} characters long; the most is 5,000` });
      return;
    }
    if (cmocs.length >= MAX_DRAFT_ROWS) {
      if (!errors.some((e) => e.message.startsWith('more than'))) errors.push({ line, message: `more than ${MAX_DRAFT_ROWS.toLocaleString('en')} statements; the rest were not read` });
      return;
    }
    const { statement, parts } = parseStatement(s);
    cmocs.push({ label: '', statement, parts, provenance, line });
  });
  return { cmocs, errors };
}

const CSV_COLUMNS: Record<string, readonly string[]> = {
  statement: ['statement', 'if-then-because', 'if then because', 'cmoc', 'configuration', 'hypothesis'],
  label: ['label', 'name', 'id', 'cmoc label'],
  context: ['context', 'contexts', 'c'],
  mechanism: ['mechanism', 'mechanisms', 'm'],
  resource: ['resource', 'mechanism resource', 'mechanism-resource', 'mechanism: resource', 'm-resource', 'intervention resource'],
  response: ['response', 'mechanism response', 'mechanism-response', 'mechanism: response', 'm-response', 'reasoning'],
  outcome: ['outcome', 'outcomes', 'o'],
  source: ['source', 'provenance', 'from', 'stakeholder', 'stakeholders', 'reference'],
};

function columnIndex(header: readonly string[]): Partial<Record<keyof typeof CSV_COLUMNS, number>> {
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const out: Partial<Record<keyof typeof CSV_COLUMNS, number>> = {};
  for (const [field, aliases] of Object.entries(CSV_COLUMNS)) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i >= 0) out[field] = i;
  }
  return out;
}

/** Reads a CSV of if-then-because statements (see the module comment). */
export function parseStatementCsv(text: string, provenance = ''): DraftResult {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lineAt = lineIndex(body);
  const rows: Array<{ cells: string[]; start: number; problems: string[] }> = [];
  let rowStart = 0;
  // The header names the delimiter: papaparse's guess looks at whole rows, and one quoted
  // statement full of commas can outvote a semicolon-separated file.
  const head = body.slice(0, body.indexOf('\n') >= 0 ? body.indexOf('\n') : body.length);
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: head.split(d).length })).sort((a, b) => b.n - a.n)[0]!;
  Papa.parse<string[]>(body, {
    delimiter: delimiter.n > 1 ? delimiter.d : ',',
    skipEmptyLines: false,
    step: (result) => {
      const problems = result.errors.filter((e) => e.type !== 'Delimiter').map((e) => e.message);
      rows.push({ cells: result.data, start: rowStart, problems });
      rowStart = result.meta.cursor;
    },
  });
  for (const row of rows) if (body[row.start] === '\n') row.start++;
  const errors: DraftError[] = [];
  const header = rows.shift();
  if (!header || header.cells.every((c) => !c.trim())) return { cmocs: [], errors: [{ line: 1, message: 'the file is empty: no header row' }] };
  const col = columnIndex(header.cells);
  if (col.statement === undefined && col.outcome === undefined) {
    return {
      cmocs: [],
      errors: [{ line: 1, message: `no "statement" column and no "outcome" column in the header (${header.cells.slice(0, 8).join(', ')})` }],
    };
  }
  const cmocs: DraftCmoc[] = [];
  for (const row of rows) {
    if (row.cells.every((c) => !c.trim())) continue;
    const line = lineAt(row.start);
    if (row.problems.length > 0) {
      errors.push({ line, message: `CSV: ${row.problems.join('; ')}` });
      continue;
    }
    if (cmocs.length >= MAX_DRAFT_ROWS) {
      errors.push({ line, message: `more than ${MAX_DRAFT_ROWS.toLocaleString('en')} rows; the rest were not read` });
      break;
    }
    const cell = (f: keyof typeof CSV_COLUMNS) => {
      const i = col[f];
      return i === undefined ? '' : (row.cells[i] ?? '').replace(/\s+/g, ' ').trim();
    };
    const tooLong = Object.keys(CSV_COLUMNS).find((f) => cell(f).length > 5000);
    if (tooLong) {
      errors.push({ line, message: `the ${tooLong} cell is longer than 5,000 characters` });
      continue;
    }
    const parts: TheoryPart[] = [];
    if (cell('context')) parts.push({ role: 'context', text: cell('context'), codeId: null });
    if (cell('resource')) parts.push({ role: 'mechanism-resource', text: cell('resource'), codeId: null });
    if (cell('response')) parts.push({ role: 'mechanism-response', text: cell('response'), codeId: null });
    if (!cell('resource') && !cell('response') && cell('mechanism')) parts.push(...splitMechanism(cell('mechanism')));
    if (cell('outcome')) parts.push({ role: 'outcome', text: cell('outcome'), codeId: null });
    let statement = cell('statement');
    if (!statement && parts.length === 0) {
      errors.push({ line, message: 'the row has neither a statement nor an outcome' });
      continue;
    }
    if (statement && parts.length === 0) parts.push(...parseStatement(statement).parts);
    if (!statement) statement = statementFromParts(parts);
    cmocs.push({ label: cell('label'), statement, parts: sortParts(parts), provenance: cell('source') || provenance, line });
  }
  errors.sort((a, b) => a.line - b.line);
  return { cmocs, errors };
}

const ROLE_ORDER: Record<TheoryRole, number> = { context: 0, 'mechanism-resource': 1, 'mechanism-response': 2, outcome: 3 };

/** Parts in layer order (context first), keeping the order within a layer. */
export function sortParts(parts: readonly TheoryPart[]): TheoryPart[] {
  return parts
    .map((p, i) => ({ p, i }))
    .sort((a, b) => ROLE_ORDER[a.p.role] - ROLE_ORDER[b.p.role] || a.i - b.i)
    .map((x) => x.p);
}

/**
 * Ties free-text parts to codes of the codebook by name (case, spacing and a final full stop
 * ignored): "trust in the case manager" becomes the code "Trust in the case manager". A part
 * that names no code stays free text. A phrase listing several codes ("A and B", "A, B and C")
 * becomes one part per code when every piece names a code.
 */
export function matchPartsToCodes(parts: readonly TheoryPart[], codes: ReadonlyArray<{ id: string; name: string }>): TheoryPart[] {
  const key = (s: string) => s.toLocaleLowerCase().replace(/\s+/g, ' ').replace(/[.;:,]+$/, '').trim();
  const byName = new Map(codes.map((c) => [key(c.name), c]));
  const out: TheoryPart[] = [];
  for (const p of parts) {
    if (p.codeId) {
      out.push(p);
      continue;
    }
    const whole = byName.get(key(p.text));
    if (whole) {
      out.push({ role: p.role, text: whole.name, codeId: whole.id });
      continue;
    }
    const pieces = p.text.split(/\s*,\s*|\s+and\s+/i).map(key).filter(Boolean);
    const found = pieces.map((x) => byName.get(x));
    if (pieces.length > 1 && found.every((c) => c !== undefined)) {
      for (const c of found) out.push({ role: p.role, text: c!.name, codeId: c!.id });
      continue;
    }
    out.push(p);
  }
  return out;
}
