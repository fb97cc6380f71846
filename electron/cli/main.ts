/**
 * The `realist` command line. Commands live per domain in ./commands and are combined in
 * COMMANDS. With `--json` a command prints exactly one JSON document on stdout and nothing
 * else there; messages and errors go to stderr, and failures exit non-zero (1 for a failed
 * operation, 2 for a usage mistake).
 */
import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/api/errors';
import { fromDatabaseError } from '../services/store/sqlite-errors';
import { appVersion, UsageError, type CliIo, type Command } from './command';
import { projectCommands } from './commands/project-commands';
import { codingCommands } from './commands/coding-commands';
import { documentsCommands } from './commands/documents-commands';
import { recordsCommands } from './commands/records-commands';
import { excerptsCommands } from './commands/excerpts-commands';

export const COMMANDS: Record<string, Command> = {
  ...projectCommands,
  ...recordsCommands,
  ...documentsCommands,
  ...excerptsCommands,
  ...codingCommands,
};

const stdio: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

function helpText(): string {
  const lines = ['Realist Workbench command line', '', 'Usage: realist COMMAND [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`, `  ${''.padEnd(10)} ${c.usage}`);
  lines.push('', 'With --json a command prints one JSON document on stdout; errors go to stderr with a non-zero exit code.', '');
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${appVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`realist: unknown command "${name}". Run "realist --help".\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    const parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    return await command.run(parsed as { values: Record<string, unknown>; positionals: string[] }, io);
  } catch (caught) {
    const e = fromDatabaseError(caught);
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`realist ${name}: ${(e as Error).message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (isAppError(e)) {
      io.err(`realist ${name}: ${e.message} [${e.code}]\n`);
      return 1;
    }
    io.err(`realist ${name}: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
