/**
 * The `realist` command line: parses the arguments against the command table (./specs.ts),
 * loads the one module that runs the command (a lazy `import()`, so `--help` loads no service
 * and `info` none of the importers, extractors or exporters), and turns failures into plain
 * words and exit codes.
 *
 * With `--json` a command prints exactly one JSON document on stdout and nothing else there;
 * messages and errors go to stderr. Exit codes: 0 done, 1 failed (the error's code in brackets,
 * as the services name it), 2 wrong usage (with the usage line). A reader that stops early
 * (`realist records P --json | head`) ends the output quietly rather than crashing on EPIPE.
 */
import { parseArgs } from 'node:util';
import { isErrorCode } from '../../shared/api/errors';
import { fsReason, UsageError, type CliIo, type OptionValues, type Runner } from './command';
import { COMMANDS, type CommandModule, type CommandSpec } from './specs';
import { nearest } from './suggest';

/** The command modules, loaded only when one of their commands runs. */
const MODULES: Record<CommandModule, () => Promise<{ runners: Record<string, Runner> }>> = {
  project: () => import('./commands/project-commands.js'),
  records: () => import('./commands/records-commands.js'),
  documents: () => import('./commands/documents-commands.js'),
  excerpts: () => import('./commands/excerpts-commands.js'),
  coding: () => import('./commands/coding-commands.js'),
  history: () => import('./commands/history-commands.js'),
  team: () => import('./commands/team-commands.js'),
};

/** What a write without a coder says on the command line (the service's CODER_REQUIRED). */
const CODER_REQUIRED = 'this command changes the project, so it needs to know who is making the change: pass --coder NAME or set REALIST_CODER=NAME.';

/** `realist --help`: every command with its summary and usage line. */
export function helpText(): string {
  const lines = ['Realist Workbench command line', '', 'Usage: realist COMMAND [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(18)} ${c.summary}`, `  ${''.padEnd(18)} ${c.usage}`);
  lines.push(
    '',
    'Commands that change a project take --coder NAME (or REALIST_CODER=NAME): who makes the change, created on first use.',
    'With --json a command prints one JSON document on stdout; errors go to stderr with exit code 1 (failed) or 2 (wrong usage).',
    '',
  );
  return lines.join('\n');
}

function appVersionLazy(): Promise<string> {
  return import('./repo-root.js').then((m) => m.appVersion());
}

/**
 * Checks the options before parsing, so that a mistyped one is named with the nearest real one
 * ("unknown option --colour; did you mean --color?"). Values of string options are skipped.
 */
function checkOptionNames(spec: CommandSpec, args: readonly string[]): void {
  const names = Object.keys(spec.options);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return;
    if (!arg.startsWith('-') || arg === '-') continue;
    if (!arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}${suggestion(arg.replace(/^-+/, ''), names)}`);
    }
    const [name, inline] = [arg.slice(2).split('=')[0]!, arg.includes('=')];
    const option = spec.options[name];
    if (!option) throw new UsageError(`unknown option --${name}${suggestion(name, names)}`);
    if (option.type === 'string' && !inline) i++;
  }
}

function suggestion(typed: string, names: readonly string[]): string {
  const near = nearest(typed, names);
  return near ? `; did you mean --${near}?` : ` (this command takes ${names.map((n) => `--${n}`).join(', ')})`;
}

/** Checks the options that take one of a few values. */
function checkChoices(spec: CommandSpec, values: OptionValues): void {
  for (const [name, option] of Object.entries(spec.options)) {
    if (!option.choices) continue;
    const given = values[name];
    for (const v of Array.isArray(given) ? given : typeof given === 'string' ? [given] : []) {
      if (option.choices.includes(v)) continue;
      const near = nearest(v, option.choices);
      throw new UsageError(`--${name} must be one of ${option.choices.join(', ')}; not "${v}"${near ? ` (did you mean ${near}?)` : ''}`);
    }
  }
}

/** node:util's parse errors, in the command line's words. */
function parseErrorMessage(e: Error & { code?: string }): string {
  const option = /'(--?[a-z][a-z-]*)/i.exec(e.message)?.[1] ?? 'an option';
  if (/does not take an argument/.test(e.message)) return `${option} takes no value`;
  if (/argument is ambiguous/.test(e.message)) return `${option} needs a value; to give one that starts with "-", write ${option}=VALUE`;
  if (/argument missing/.test(e.message)) return `${option} needs a value`;
  return e.message;
}

/** Turns what a command threw into a message on stderr and an exit code. */
function report(name: string, spec: CommandSpec, e: unknown, io: CliIo): number {
  const err = e as Error & { code?: unknown; path?: unknown };
  if (e instanceof UsageError || (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS'))) {
    const message = e instanceof UsageError ? e.message : parseErrorMessage(err as Error & { code?: string });
    io.err(`realist ${name}: ${message}\nUsage: ${spec.usage}\n`);
    return 2;
  }
  // The services' errors (AppError, also after crossing the dispatcher): words and a stable code.
  if (e instanceof Error && isErrorCode(err.code)) {
    io.err(`realist ${name}: ${err.code === 'CODER_REQUIRED' ? CODER_REQUIRED : err.message} [${err.code}]\n`);
    return 1;
  }
  // The operating system's errors, should one escape: the file and the reason, in words.
  if (e instanceof Error && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
    io.err(`realist ${name}: ${typeof err.path === 'string' ? `${err.path}: ` : ''}${fsReason(e)}\n`);
    return 1;
  }
  const detail = process.env.REALIST_DEBUG ? `\n${(e as Error)?.stack ?? String(e)}` : ' (run again with REALIST_DEBUG=1 to see where it happened)';
  io.err(`realist ${name}: unexpected error: ${e instanceof Error ? e.message : String(e)}${detail}\n`);
  return 1;
}

/** Runs one command line; resolves to the exit code. `io` defaults to stdout and stderr. */
export async function main(argv: string[], io: CliIo = stdio()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) return commandHelp(topic, COMMANDS[topic], io);
    (name ? io.out : io.err)(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${await appVersionLazy()}\n`);
    return 0;
  }
  const spec = COMMANDS[name];
  if (!spec) {
    const near = nearest(name, Object.keys(COMMANDS));
    io.err(`realist: unknown command "${name}"${near ? `; did you mean "${near}"?` : '.'} Run "realist --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) return commandHelp(name, spec, io);
  try {
    checkOptionNames(spec, rest);
    const parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
    const values = parsed.values as OptionValues;
    checkChoices(spec, values);
    const { runners } = await MODULES[spec.module]();
    const run = runners[name];
    if (!run) throw new Error(`the command "${name}" has no runner in its module (${spec.module})`);
    return await run({ values, positionals: parsed.positionals, io });
  } catch (e) {
    return report(name, spec, e, io);
  }
}

function commandHelp(name: string, spec: CommandSpec, io: CliIo): number {
  io.out(`realist ${name}: ${spec.summary}\n\nUsage: ${spec.usage}\n`);
  return 0;
}

/**
 * stdout and stderr for a real process. When the reader goes away (a pipe into `head`), the
 * next write fails with EPIPE: from then on output is dropped and the command finishes normally
 * (closing its project), instead of the process dying with a stack trace.
 */
export function stdio(): CliIo {
  const closed = { out: false, err: false };
  const watch = (stream: NodeJS.WriteStream, key: 'out' | 'err') =>
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed[key] = true;
      else throw e;
    });
  watch(process.stdout, 'out');
  watch(process.stderr, 'err');
  return {
    out: (t) => {
      if (!closed.out && !process.stdout.destroyed) process.stdout.write(t);
    },
    err: (t) => {
      if (!closed.err && !process.stderr.destroyed) process.stderr.write(t);
    },
  };
}
