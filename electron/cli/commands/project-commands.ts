/** `realist init`, `info`, `demo` and `serve`. */
import path from 'node:path';
import { createApiService, defaultConfigDir, defaultProjectsDir } from '../../services/api-service';
import { EventHub } from '../../services/event-hub';
import { ProjectStore } from '../../services/store/project-store';

import { startWebServer } from '../../bridge/web-server';
import { ensureRendererBuilt } from '../renderer-build';
import { appVersion, jsonFlag, onePath, printJson, UsageError, withProject, type Command } from '../command';

export const projectCommands: Record<string, Command> = {
  init: {
    summary: 'create an empty project file',
    usage: 'realist init FILE.realist [--name NAME] [--json]',
    options: { name: { type: 'string' }, json: jsonFlag },
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
    options: { json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const { counts, summary } = await withProject(file, (s) => ({ counts: s.counts(), summary: s.summary() }));
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
    options: { json: jsonFlag },
    async run({ values, positionals }, io) {
      const file = onePath(positionals, 'project file');
      const service = createApiService({ transport: 'web', configDir: defaultConfigDir(), projectsDir: defaultProjectsDir(), appVersion: appVersion() });
      let counts;
      try {
        await service.call('demo:open', { path: file });
        counts = service.store!.counts();
      } finally {
        service.close();
      }
      if (values.json) printJson(io, { path: file, ...counts });
      else io.out(`Wrote the demo project to ${file} (${counts.records} records, ${counts.coders} coders).\n`);
      return 0;
    },
  },
  serve: {
    summary: 'serve the app in a browser on 127.0.0.1 (locked-down machines, tests)',
    usage: 'realist serve [FILE.realist] [--port N] [--json]',
    options: { port: { type: 'string' }, json: jsonFlag },
    async run({ values, positionals }, io) {
      if (positionals.length > 1) throw new UsageError('expected at most one project file');
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
      const staticDir = await ensureRendererBuilt((m) => io.err(`${m}\n`));
      const events = new EventHub();
      const service = createApiService({
        transport: 'web',
        configDir: process.env.REALIST_CONFIG_DIR || defaultConfigDir(),
        projectsDir: process.env.REALIST_PROJECTS_DIR || defaultProjectsDir(),
        appVersion: appVersion(),
        emit: (e, p) => events.emit(e, p),
      });
      if (positionals[0]) service.openProject(path.resolve(positionals[0]));
      const server = await startWebServer({ service, events, staticDir, port });
      if (values.json) printJson(io, { url: server.url, port: server.port });
      else io.out(`Realist Workbench is running at\n\n  ${server.url}\n\nOpen that address in a browser on this machine. Press Ctrl+C to stop.\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await server.close();
      service.close();
      return 0;
    },
  },
};
