/**
 * The `realist` command line. Each command is one entry in COMMANDS with its usage text; later
 * capabilities add theirs. With `--json` a command prints exactly one JSON document on stdout
 * and nothing else there; messages and errors go to stderr, and failures exit non-zero
 * (1 for a failed operation, 2 for a usage mistake).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isAppError } from '../../shared/api/errors';
import { createApiService, defaultConfigDir, defaultProjectsDir, type ApiService } from '../services/api-service';
import { EventHub } from '../services/event-hub';
import { ProjectStore } from '../services/store/project-store';
import { buildDemo, DEMO_NAME } from '../services/demo/build-demo';
import { startWebServer } from '../bridge/web-server';
import { ensureRendererBuilt, REPO_ROOT } from './renderer-build';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo): Promise<number>;
}

const json = { type: 'boolean' } as const;

function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

function onePath(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  return path.resolve(positionals[0]!);
}

/** Opens a project for one command and always closes it. */
function withProject<T>(file: string, fn: (store: ProjectStore) => T): T {
  const store = ProjectStore.open(file);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

function serviceFor(events?: EventHub): ApiService {
  return createApiService({
    transport: 'web',
    configDir: process.env.REALIST_CONFIG_DIR || defaultConfigDir(),
    projectsDir: process.env.REALIST_PROJECTS_DIR || defaultProjectsDir(),
    appVersion: appVersion(),
    ...(events ? { emit: (e, p) => events.emit(e, p) } : {}),
  });
}

export const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'create an empty project file',
    usage: 'realist init FILE.realist [--name NAME] [--json]',
    options: { name: { type: 'string' }, json },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const store = ProjectStore.open(file, { create: true, ...(values.name ? { name: String(values.name) } : {}) });
      const summary = store.summary();
      store.close();
      if (values.json) printJson(io, summary);
      else io.out(`Created ${summary.path} (project schema ${summary.schemaVersion}).\n`);
      return 0;
    },
  },
  info: {
    summary: 'print what a project holds (schema version and counts)',
    usage: 'realist info FILE.realist [--json]',
    options: { json },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const { counts, summary } = withProject(file, (s) => ({ counts: s.counts(), summary: s.summary() }));
      if (values.json) {
        printJson(io, { ...counts, name: summary.name, projectId: summary.projectId, path: summary.path });
      } else {
        io.out(`${summary.name}\n  file: ${summary.path}\n  schema: ${counts.schemaVersion}\n`);
        for (const key of ['records', 'documents', 'excerpts', 'codes', 'cmocs', 'coders', 'theoryVersions'] as const) {
          io.out(`  ${key}: ${counts[key]}\n`);
        }
      }
      return 0;
    },
  },
  demo: {
    summary: 'write the demo project (case management for frequent users)',
    usage: 'realist demo FILE.realist [--json]',
    options: { json },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const store = ProjectStore.open(file, { create: true, name: DEMO_NAME });
      try {
        buildDemo(store);
      } catch (e) {
        store.close();
        fs.rmSync(file, { force: true });
        throw e;
      }
      const counts = store.counts();
      store.close();
      if (values.json) printJson(io, { path: file, ...counts });
      else io.out(`Wrote the demo project to ${file} (${counts.records} records, ${counts.coders} coders).\n`);
      return 0;
    },
  },
  serve: {
    summary: 'serve the app in a browser on 127.0.0.1 (locked-down machines, tests)',
    usage: 'realist serve [FILE.realist] [--port N] [--json]',
    options: { port: { type: 'string' }, json },
    async run({ values, positionals }, io) {
      if (positionals.length > 1) throw new UsageError('expected at most one project file');
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
      const staticDir = await ensureRendererBuilt((m) => io.err(`${m}\n`));
      const events = new EventHub();
      const service = serviceFor(events);
      if (positionals[0]) service.openProject(path.resolve(positionals[0]));
      const server = await startWebServer({ service, events, staticDir, port });
      if (values.json) printJson(io, { url: server.url, port: server.port });
      else io.out(`Realist Workbench is running at\n\n  ${server.url}\n\nOpen that address in a browser on this machine. Press Ctrl+C to stop.\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      service.close();
      return 0;
    },
  },
};

function helpText(): string {
  const lines = ['Realist Workbench command line', '', 'Usage: realist COMMAND [options]', '', 'Commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(8)} ${c.summary}`, `           ${c.usage}`);
  lines.push('', 'With --json a command prints one JSON document on stdout; errors go to stderr with a non-zero exit code.', '');
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
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
  } catch (e) {
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

