/**
 * BibTeX and BibLaTeX importer: a small hand-written tokenizer (no TeX engine), because the
 * format is simple but its real files are not: `@string` macros with `#` concatenation,
 * parenthesis-delimited entries, quoted or braced values with nested braces, `crossref`
 * inheritance, and free text or `%` lines between entries. `@comment`, `@preamble` and
 * `@string` produce no records; nor does a biblatex `@set` (a grouping of other entries,
 * which are imported themselves).
 */
import { latexToUnicode } from './latex';
import { lineIndex } from './lines';
import { cleanText, extractYear, normaliseDoi, parsePersonName } from './normalise';
import { decisionFromNotes } from './screening-labels';
import { emptyRecord, type ParseError, type ParsedRecord, type ParseOutput } from './types';
import { admit, newSink } from './record-rule';
import type { PersonName } from '../domain/types';

/** One entry as written: fields by lower-cased name, values with macros expanded, LaTeX intact. */
export interface BibEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
  line: number;
  raw: string;
}

/** BibTeX's predefined month macros (plain BibTeX styles define them; biblatex too). */
const MONTHS: Record<string, string> = {
  jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June',
  jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December',
};

/** Entry types that never become records. */
const NOT_WORKS = new Set(['comment', 'preamble', 'string', 'set', 'xdata']);

class BibSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Reads every entry of a .bib text. Each broken entry becomes one located error, and reading
 * resumes at the next `@` that starts a line, so one bad brace costs one record, not the file.
 */
export function readBibEntries(text: string): { entries: BibEntry[]; errors: ParseError[] } {
  const lineAt = lineIndex(text);
  const macros = new Map<string, string>(Object.entries(MONTHS));
  const entries: BibEntry[] = [];
  const errors: ParseError[] = [];
  let pos = 0;
  for (;;) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    const head = /^@\s*([a-zA-Z][\w:-]*)\s*([{(])/.exec(text.slice(at, at + 200));
    if (!head) {
      // An "@" in free text between entries (an e-mail address, say) is a comment.
      pos = at + 1;
      continue;
    }
    const type = head[1]!.toLowerCase();
    const open = at + head[0].length - 1;
    const close = head[2] === '{' ? '}' : ')';
    try {
      if (type === 'comment' || type === 'preamble') {
        pos = skipBalanced(text, open, close);
        continue;
      }
      const reader = new EntryReader(text, open + 1, close, macros);
      if (type === 'string') {
        const [name, value] = reader.readField();
        macros.set(name, value);
        pos = reader.finish();
        continue;
      }
      const key = reader.readKey();
      const fields = new Map<string, string>();
      while (!reader.atEnd()) {
        const [name, value] = reader.readField();
        if (!fields.has(name)) fields.set(name, value);
      }
      pos = reader.finish();
      entries.push({ type, key, fields, line: lineAt(at), raw: text.slice(at, pos) });
    } catch (e) {
      const offset = e instanceof BibSyntaxError ? e.offset : at;
      errors.push({ line: lineAt(offset), message: `@${type} entry starting on line ${lineAt(at)}: ${(e as Error).message}` });
      const next = /\n[ \t]*@/g;
      next.lastIndex = at + 1;
      const m = next.exec(text);
      pos = m ? m.index + 1 : text.length;
    }
  }
  return { entries, errors };
}

/** Index just past the delimiter that closes the one at `open` (braces nest; parentheses count only at brace depth 0). */
function skipBalanced(text: string, open: number, close: string): number {
  let depth = 0;
  let parens = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (close === '}' && depth === 0) return i + 1;
    } else if (close === ')' && depth === 0) {
      if (c === '(') parens++;
      else if (c === ')' && --parens === 0) return i + 1;
    }
  }
  throw new BibSyntaxError(`no closing "${close}" before the end of the file`, open);
}

class EntryReader {
  private pos: number;
  constructor(
    private readonly text: string,
    start: number,
    private readonly close: string,
    private readonly macros: Map<string, string>,
  ) {
    this.pos = start;
  }

  readKey(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && !',\n'.includes(this.text[this.pos]!) && this.text[this.pos] !== this.close) this.pos++;
    const key = this.text.slice(start, this.pos).trim();
    this.skipSpace();
    if (this.text[this.pos] === ',') this.pos++;
    return key;
  }

  atEnd(): boolean {
    this.skipSpace();
    while (this.text[this.pos] === ',') {
      this.pos++;
      this.skipSpace();
    }
    if (this.pos >= this.text.length) throw new BibSyntaxError(`no closing "${this.close}" before the end of the file`, this.pos);
    return this.text[this.pos] === this.close;
  }

  finish(): number {
    if (!this.atEnd()) throw new BibSyntaxError(`expected "${this.close}"`, this.pos);
    return this.pos + 1;
  }

  /** `name = part # part ...`; returns the lower-cased name and the concatenated value. */
  readField(): [string, string] {
    this.skipSpace();
    const m = /^[^\s=,{}()"#]+/.exec(this.text.slice(this.pos, this.pos + 100));
    if (!m) throw new BibSyntaxError(`expected a field name, found "${this.text.slice(this.pos, this.pos + 20).split('\n')[0]}"`, this.pos);
    const name = m[0].toLowerCase();
    this.pos += m[0].length;
    this.skipSpace();
    if (this.text[this.pos] !== '=') throw new BibSyntaxError(`expected "=" after field "${name}"`, this.pos);
    this.pos++;
    let value = this.readPart();
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '#') break;
      this.pos++;
      value += this.readPart();
    }
    return [name, value];
  }

  private readPart(): string {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') {
      const end = this.groupEnd(this.pos, '{', '}');
      const v = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return v;
    }
    if (c === '"') {
      const end = this.groupEnd(this.pos, '"', '"');
      const v = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return v;
    }
    const m = /^[^\s,#{}()"=]+/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!m) throw new BibSyntaxError(`expected a value, found "${(c ?? 'end of file').replace('\n', '\\n')}"`, this.pos);
    this.pos += m[0].length;
    const word = m[0];
    if (/^\d+$/.test(word)) return word;
    // An undefined macro is kept as its own name: BibTeX warns and uses an empty string, but
    // the name is more useful to a reader than nothing.
    return this.macros.get(word.toLowerCase()) ?? word;
  }

  /** Index of the character that closes a group opened at `start` (a quote closes only at brace depth 0). */
  private groupEnd(start: number, open: string, close: string): number {
    let depth = 0;
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) {
          if (open === '{') return i;
          throw new BibSyntaxError('unbalanced "}" inside a quoted value', i);
        }
        depth--;
      } else if (c === close && depth === 0 && open === '"') return i;
      // A new entry at the start of a line inside a value means this value never closed.
      if (c === '\n' && /^[ \t]*@[a-zA-Z]+\s*[{(]/.test(this.text.slice(i + 1, i + 60)) && depth <= 1) {
        throw new BibSyntaxError(`value opened with ${open} is not closed before the next entry`, start);
      }
    }
    throw new BibSyntaxError(`value opened with ${open} is not closed before the end of the file`, start);
  }

  /** White space, and `%` comment lines between fields (biber accepts them; BibTeX would choke). */
  private skipSpace(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
      if (this.text[this.pos] !== '%') return;
      const eol = this.text.indexOf('\n', this.pos);
      this.pos = eol < 0 ? this.text.length : eol + 1;
    }
  }
}

/** Entry types that are a part of their crossref parent (biblatex's title -> booktitle inheritance). */
const PART_TYPES = new Set(['inproceedings', 'conference', 'incollection', 'inbook', 'bookinbook', 'suppbook', 'suppcollection', 'inreference']);

/**
 * Fills each entry's missing fields from its `crossref` parent (BibTeX's rule), plus
 * biblatex's one renaming that matters for us: the parent's `title` is the `booktitle` of a
 * child that is part of it (a paper in proceedings, a chapter in a collection).
 */
export function resolveCrossrefs(entries: BibEntry[]): void {
  const byKey = new Map(entries.map((e) => [e.key.toLowerCase(), e]));
  for (const entry of entries) {
    const parentKey = entry.fields.get('crossref');
    const parent = parentKey ? byKey.get(parentKey.trim().toLowerCase()) : undefined;
    if (!parent || parent === entry) continue;
    if (PART_TYPES.has(entry.type) && !entry.fields.has('booktitle') && parent.fields.has('title')) {
      entry.fields.set('booktitle', parent.fields.get('title')!);
    }
    for (const [name, value] of parent.fields) {
      if (name === 'crossref' || name === 'ids' || name === 'entryset') continue;
      if (!entry.fields.has(name)) entry.fields.set(name, value);
    }
  }
}

/** A field as plain text: LaTeX converted, white space collapsed; null when empty. */
function plain(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = cleanText(latexToUnicode(value));
  return v || null;
}

/** URLs and DOIs: only braces and escaped specials undone (`~` and `--` are literal there). */
function literal(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.replace(/\\url\{([^}]*)\}/g, '$1').replace(/\\([_%&#~$])/g, '$1').replace(/[{}]/g, '').trim();
  return v || null;
}

/** Splits an author field on " and " at brace depth 0 (a braced "{Barnes and Noble}" is one name). */
export function splitBibNames(value: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c!)) {
      const m = /^\s+and\s+/i.exec(value.slice(i));
      if (m) {
        names.push(value.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  names.push(value.slice(start));
  return names.map((n) => n.trim()).filter((n) => n && n.toLowerCase() !== 'others');
}

function toPerson(name: string): PersonName {
  // A name braced as a whole is a corporate author: never split it.
  if (/^\{[^{}]*\}$/.test(name)) return { family: cleanText(latexToUnicode(name)), given: '' };
  return parsePersonName(latexToUnicode(name));
}

/** Maps one entry to a record (fields after crossref resolution). */
export function fromBibEntry(entry: BibEntry): ParsedRecord {
  const f = entry.fields;
  const r = emptyRecord(entry.line, entry.raw);
  r.type = entry.type;
  r.title = plain(f.get('title')) ?? '';
  const names = f.get('author') ?? f.get('editor');
  r.authors = names ? splitBibNames(names).map(toPerson).filter((p) => p.family || p.given) : [];
  r.year = extractYear(plain(f.get('year'))) ?? extractYear(plain(f.get('date')));
  r.journal = plain(f.get('journal') ?? f.get('journaltitle') ?? f.get('booktitle'));
  r.volume = plain(f.get('volume'));
  r.issue = plain(f.get('number') ?? f.get('issue'));
  r.pages = plain(f.get('pages')?.replace(/\s*-+\s*/g, '-'))?.replace(/[–—]/g, '-') ?? null;
  r.doi = normaliseDoi(literal(f.get('doi')));
  const eprintType = f.get('eprinttype')?.trim().toLowerCase();
  r.pmid = literal(f.get('pmid')) ?? (eprintType === 'pubmed' ? literal(f.get('eprint')) : null);
  r.pmcid = literal(f.get('pmcid')) ?? (eprintType === 'pmc' ? literal(f.get('eprint')) : null);
  r.issn = literal(f.get('issn'));
  r.abstract = plain(f.get('abstract'));
  const keywords = f.get('keywords') ?? f.get('keyword');
  r.keywords = keywords ? keywords.split(/[,;]/).map((k) => plain(k) ?? '').filter(Boolean) : [];
  r.url = literal(f.get('url'));
  r.language = plain(f.get('language') ?? f.get('langid'));
  const notes = [f.get('note'), f.get('annote'), f.get('annotation')].filter(Boolean).join('\n');
  const screening = decisionFromNotes(notes);
  if (screening) r.screening = screening;
  return r;
}

/**
 * Parses a BibTeX/BibLaTeX text. Every work entry becomes a record, in file order, by the
 * importers' one rule (record-rule.ts): one without a title is kept with a warning (an
 * unpublished thesis with only an author, JabRef's entry holding only an abstract); an entry
 * with no content at all is a located error.
 */
export function parseBibtex(text: string): ParseOutput {
  const { entries, errors } = readBibEntries(text.replace(/^\uFEFF/, ''));
  resolveCrossrefs(entries);
  const sink = newSink();
  sink.errors.push(...errors);
  for (const entry of entries) {
    if (NOT_WORKS.has(entry.type)) continue;
    admit(sink, fromBibEntry(entry), `@${entry.type}{${entry.key}}`);
  }
  sink.errors.sort((a, b) => a.line - b.line);
  return sink;
}
