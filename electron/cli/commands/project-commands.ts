/** `realist init`, `info`, `demo` and `serve`: project files, through the contract's project calls. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { EventHub } from '../../services/event-hub';
import { createApiService, defaultConfigDir, defaultProjectsDir } from '../../services/api-service';
import { onePositional, optionalString, printJson, UsageError, wholeNumber, type Runner } from '../command';
import { newService, withProject } from '../session';
import { appVersion } from '../repo-root';

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

const COUNT_KEYS = ['records', 'documents', 'excerpts', 'codes', 'cmocs', 'coders', 'theoryVersions'] as const;

/** The project commands, by name (their options are in ../specs.ts). */
export const runners: Record<string, Runner> = {
  /** `project:create`; JSON: the ProjectSummary. */
  async init({ values, positionals, io }) {
    const file = path.resolve(onePositional(positionals, 'project file'));
    if (isFolder(file)) throw new AppError('VALIDATION', `${file} is a folder; give the name of the project file to create (${path.join(file, 'NAME.realist')}).`);
    const name = optionalString(values, 'name');
    const api = newService(io);
    let summary;
    try {
      summary = await api.call('project:create', { path: file, ...(name ? { name } : {}) });
    } finally {
      api.close();
    }
    if (values.json) printJson(io, summary);
    else io.out(`Created ${summary.path} (project schema ${summary.schemaVersion}).\n`);
    return 0;
  },

  /** `project:info`; JSON: the ProjectInfo (counts, then name, path, projectId, isDemo). */
  async info({ values, positionals, io }) {
    const info = await withProject(onePositional(positionals, 'project file'), values, io, (api) => api.call('project:info', {}));
    if (values.json) {
      printJson(io, info);
    } else {
      io.out(`${info.name}\n  file: ${info.path}\n  schema: ${info.schemaVersion}\n`);
      for (const key of COUNT_KEYS) io.out(`  ${key}: ${info[key]}\n`);
    }
    return 0;
  },

  /** `demo:open`, then `project:info` for the counts. */
  async demo({ values, positionals, io }) {
    const file = path.resolve(onePositional(positionals, 'project file'));
    if (isFolder(file)) throw new AppError('VALIDATION', `${file} is a folder; give the name of the demo project file to write (${path.join(file, 'demo.realist')}).`);
    const api = newService(io);
    let info;
    try {
      await api.call('demo:open', { path: file });
      info = await api.call('project:info', {});
    } finally {
      api.close();
    }
    const { name: _name, projectId: _id, isDemo: _demo, ...counts } = info;
    if (values.json) printJson(io, counts);
    else io.out(`Wrote the demo project to ${info.path} (${info.records} records, ${info.coders} coders).\n`);
    return 0;
  },

  /** The web bridge over the same service (it remembers recent projects and coders, as the app does). */
  async serve({ values, positionals, io }) {
    if (positionals.length > 1) throw new UsageError('expected at most one project file');
    const port = wholeNumber(values, 'port', 0, 0, 65535);
    const project = positionals[0] ? path.resolve(positionals[0]) : null;
    const [{ startWebServer }, { ensureRendererBuilt }] = await Promise.all([import('../../bridge/web-server.js'), import('../renderer-build.js')]);
    const staticDir = await ensureRendererBuilt((m) => io.err(`${m}\n`));
    const events = new EventHub();
    const service = createApiService({
      transport: 'web',
      configDir: process.env.REALIST_CONFIG_DIR || defaultConfigDir(),
      projectsDir: process.env.REALIST_PROJECTS_DIR || defaultProjectsDir(),
      appVersion: appVersion(),
      emit: (e, p) => events.emit(e, p),
    });
    if (project) await service.call('project:open', { path: project });
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
};
