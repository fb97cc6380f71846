/**
 * The command table of `realist`: every command's summary, usage line and options, and which
 * module under ./commands runs it. This file imports nothing at run time, so `realist --help`
 * and the option checks cost only this table; a command's module (and the services behind it)
 * is loaded only when that command runs (see ./main.ts).
 *
 * The README's command table is checked against this table by test/cli/readme-table.test.ts:
 * a command or option added here and not there (or the other way round) fails the tests.
 */

/** One option as node:util's parseArgs takes it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** The values the option accepts (checked before anything runs; a near miss is suggested). */
  choices?: readonly string[];
}

/** The modules under ./commands, loaded on demand. */
export type CommandModule = 'project' | 'records' | 'documents' | 'excerpts' | 'coding' | 'history' | 'team';

/** One command: what `--help` says about it, its options, and the module that runs it. */
export interface CommandSpec {
  summary: string;
  /** The usage line `--help` prints and the README repeats. */
  usage: string;
  options: Record<string, OptionSpec>;
  module: CommandModule;
}

/** `--json`: one JSON document on stdout and nothing else there. */
const json: OptionSpec = { type: 'boolean' };
/** `--coder NAME`: who makes the change (REALIST_CODER when left out); created on first use. */
const coder: OptionSpec = { type: 'string' };
/** `--layer own|consensus`: the coder's own layer (the default) or the consensus layer. */
const layer: OptionSpec = { type: 'string', choices: ['own', 'consensus'] };
/** `--force`: replace an existing output file (never a project). */
const force: OptionSpec = { type: 'boolean' };

/** Import formats, as `records:import` accepts them (a test checks them against the contract). */
export const IMPORT_FORMAT_CHOICES = ['auto', 'ris', 'nbib', 'pubmed-xml', 'bibtex', 'endnote-xml', 'enw', 'wos', 'csv', 'csl-json', 'ovid'] as const;
/** What `coding:export` exports and in which formats (a test checks them against the contract). */
export const EXPORT_WHAT_CHOICES = ['cmocs', 'codebook', 'excerpts'] as const;
/** Export formats (which `--what` comes in which format is the service's rule). */
export const EXPORT_FORMAT_CHOICES = ['csv', 'xlsx', 'docx', 'json', 'qdc'] as const;
/** What `theory:export` exports and in which formats (checked against the contract too). */
export const THEORY_WHAT_CHOICES = ['theory', 'refinement'] as const;
export const THEORY_FORMAT_CHOICES = ['svg', 'png', 'pdf', 'graphml', 'mermaid', 'json'] as const;
/** The review report's formats and reference styles (`report:export`, checked against the contract too). */
export const REPORT_FORMAT_CHOICES = ['html', 'docx'] as const;
export const REPORT_STYLE_CHOICES = ['vancouver', 'apa'] as const;

/** Every command, in the order `--help` lists them. */
export const COMMANDS: Record<string, CommandSpec> = {
  init: {
    summary: 'create an empty project file (.realist is added when missing)',
    usage: 'realist init FILE.realist [--name NAME] [--json]',
    options: { name: { type: 'string' }, json },
    module: 'project',
  },
  info: {
    summary: 'print what a project holds (schema version and counts)',
    usage: 'realist info FILE.realist [--json]',
    options: { json },
    module: 'project',
  },
  demo: {
    summary: 'write the demo project (case management for frequent users)',
    usage: 'realist demo FILE.realist [--json]',
    options: { json },
    module: 'project',
  },
  serve: {
    summary: 'serve the app in a browser on 127.0.0.1 (locked-down machines, tests)',
    usage: 'realist serve [FILE.realist] [--port N] [--json]',
    options: { port: { type: 'string' }, json },
    module: 'project',
  },
  import: {
    summary: 'import screened records (RIS, MEDLINE/nbib, PubMed XML, BibTeX, EndNote, WoS, CSV, CSL-JSON, Ovid), or a REFI-QDA project (.qdpx)',
    usage: `realist import FILE.realist INPUT... [--format ${IMPORT_FORMAT_CHOICES.join('|')}] [--label TEXT] [--coder NAME] [--json]`,
    options: { format: { type: 'string', choices: IMPORT_FORMAT_CHOICES }, label: { type: 'string' }, coder, json },
    module: 'records',
  },
  records: {
    summary: 'list the records of a project',
    usage: 'realist records FILE.realist [--json]',
    options: { json },
    module: 'records',
  },
  text: {
    summary: 'print the text of a PDF, .txt, .md or .docx file, page by page (no project needed)',
    usage: 'realist text DOCUMENT [--password P] [--json]',
    options: { password: { type: 'string' }, json },
    module: 'documents',
  },
  attach: {
    summary: 'attach full texts (PDF, .txt, .md, .docx; files or folders), matched to records by DOI or title',
    usage: 'realist attach FILE.realist INPUT... [--record ID] [--password P] [--coder NAME] [--json]',
    options: { record: { type: 'string' }, password: { type: 'string' }, coder, json },
    module: 'documents',
  },
  documents: {
    summary: 'list the documents of a project with their extraction status',
    usage: 'realist documents FILE.realist [--json]',
    options: { json },
    module: 'documents',
  },
  search: {
    summary: 'search the whole project as the search box does (records, pages, excerpts, codes, CMOCs, memos)',
    usage: 'realist search FILE.realist QUERY [--limit N] [--json]',
    options: { limit: { type: 'string' }, json },
    module: 'documents',
  },
  highlight: {
    summary: 'highlight a quote in a document (anchored as the reader does)',
    usage: 'realist highlight FILE.realist --document ID --quote TEXT [--page N] [--note TEXT] [--color #RRGGBB] [--coder NAME] [--layer own|consensus] [--json]',
    options: { document: { type: 'string' }, quote: { type: 'string' }, page: { type: 'string' }, note: { type: 'string' }, color: { type: 'string' }, coder, layer, json },
    module: 'excerpts',
  },
  excerpts: {
    summary: 'list highlights in reading order, re-anchored against the current text',
    usage: 'realist excerpts FILE.realist [--document ID] [--json]',
    options: { document: { type: 'string' }, json },
    module: 'excerpts',
  },
  'export-annotations': {
    summary: 'write highlights as W3C Web Annotations (JSON-LD)',
    usage: 'realist export-annotations FILE.realist [--document ID] --out PATH [--force] [--json]',
    options: { document: { type: 'string' }, out: { type: 'string' }, force, json },
    module: 'excerpts',
  },
  code: {
    summary: 'code an excerpt (creates the code if needed)',
    usage: 'realist code FILE.realist --excerpt ID --code NAME [--kind KIND] [--coder NAME] [--layer own|consensus] [--json]',
    options: { excerpt: { type: 'string' }, code: { type: 'string' }, kind: { type: 'string' }, coder, layer, json },
    module: 'coding',
  },
  cmoc: {
    summary: 'create a CMOC from code names, with its evidence, in one step',
    usage:
      'realist cmoc FILE.realist [--statement TEXT] [--label TEXT] [--context CODE] [--mechanism CODE] [--resource CODE] [--response CODE] [--outcome CODE] ' +
      '[--evidence EXCERPT_ID:supports|refutes|refines] [--coder NAME] [--layer own|consensus] [--json]',
    options: {
      statement: { type: 'string' },
      label: { type: 'string' },
      context: { type: 'string', multiple: true },
      mechanism: { type: 'string', multiple: true },
      resource: { type: 'string', multiple: true },
      response: { type: 'string', multiple: true },
      outcome: { type: 'string', multiple: true },
      evidence: { type: 'string', multiple: true },
      coder,
      layer,
      json,
    },
    module: 'coding',
  },
  export: {
    summary: 'export CMOCs, the codebook, the excerpts, a program theory diagram, a refinement, the whole project as REFI-QDA (.qdpx), or the review report (HTML, DOCX)',
    usage: `realist export FILE.realist --what ${[...EXPORT_WHAT_CHOICES, ...THEORY_WHAT_CHOICES, 'qdpx', 'report'].join('|')} [--format ${[...new Set([...EXPORT_FORMAT_CHOICES, ...THEORY_FORMAT_CHOICES, ...REPORT_FORMAT_CHOICES])].join('|')}] [--version NAME] [--from NAME --to NAME] [--style colour|print] [--dpi N] [--citations vancouver|apa] [--title TEXT] --out PATH [--force] [--json]`,
    options: {
      what: { type: 'string', choices: [...EXPORT_WHAT_CHOICES, ...THEORY_WHAT_CHOICES, 'qdpx', 'report'] },
      format: { type: 'string', choices: [...new Set([...EXPORT_FORMAT_CHOICES, ...THEORY_FORMAT_CHOICES, ...REPORT_FORMAT_CHOICES])] },
      out: { type: 'string' },
      version: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      style: { type: 'string', choices: ['colour', 'print'] },
      citations: { type: 'string', choices: [...REPORT_STYLE_CHOICES] },
      dpi: { type: 'string' },
      title: { type: 'string' },
      force,
      json,
    },
    module: 'coding',
  },
  undo: {
    summary: 'undo the last change to the project (any kind, by anyone), as Ctrl+Z does',
    usage: 'realist undo FILE.realist [--coder NAME] [--json]',
    options: { coder, json },
    module: 'history',
  },
  redo: {
    summary: 'redo the change undone last',
    usage: 'realist redo FILE.realist [--coder NAME] [--json]',
    options: { coder, json },
    module: 'history',
  },
  log: {
    summary: "the project's change log, newest first",
    usage: 'realist log FILE.realist [--limit N] [--json]',
    options: { limit: { type: 'string' }, json },
    module: 'history',
  },
  agreement: {
    summary: 'agreement statistics from a neutral JSON file (ratings, counts or spans), to check against R or Python',
    usage: 'realist agreement --input FILE.json [--json]',
    options: { input: { type: 'string' }, json },
    module: 'team',
  },
  package: {
    summary: "write a coder's package: the project for one coder to take to their own machine",
    usage: 'realist package FILE.realist --coder NAME --out PACKAGE.realist [--blind] [--json]',
    options: { coder, out: { type: 'string' }, blind: { type: 'boolean' }, json },
    module: 'team',
  },
  merge: {
    summary: "merge a coder's package back into the project (idempotent; conflicts are listed)",
    usage: 'realist merge FILE.realist PACKAGE.realist [--coder NAME] [--json]',
    options: { coder, json },
    module: 'team',
  },
};
