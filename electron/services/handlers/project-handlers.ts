/** Handlers for the project, demo and host calls. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { projectRequests } from '../../../shared/api/calls/project';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { checkPageProjectPath, fromPage, type CallContext } from '../files/page-paths';
import type { HandlerContext, HandlersFor } from './context';

export function projectHandlers(ctx: HandlerContext): HandlersFor<keyof typeof projectRequests> {
  const { options } = ctx;
  return {
    'app:info': () => ({ version: options.appVersion, schemaVersion: LATEST_SCHEMA_VERSION, transport: options.transport }),
    'project:create': (req, call) => ctx.adopt(ctx.openStore(projectTarget(req, 'create', call), true, req.name)),
    'project:open': (req, call) => ctx.adopt(ctx.openStore(projectTarget(req, 'open', call), false)),
    'project:openRecent': (req) => {
      const entry = ctx.recent.find(req.id);
      if (!entry) throw new AppError('NOT_FOUND', 'That project is no longer in the recent list.');
      return ctx.adopt(ctx.openStore(entry.path, false));
    },
    'project:close': () => {
      ctx.closeProject();
      return null;
    },
    'project:current': () => ctx.currentStore()?.summary() ?? null,
    'project:info': () => {
      const s = ctx.requireStore();
      const summary = s.summary();
      return { ...s.counts(), name: summary.name, path: summary.path, projectId: summary.projectId, isDemo: summary.isDemo };
    },
    'project:recent': () => ctx.recent.list(),
    'project:forgetRecent': (req) => ctx.recent.forget(req.path),
    'project:suggestPath': (req) => ({ path: uniquePath(path.join(options.projectsDir, `${safeFileName(req.name)}.realist`)) }),
    'demo:open': async (req, call) => {
      // The demo's data is loaded only when a demo is made (the command line starts faster).
      const { buildDemo, DEMO_NAME } = await import('../demo/build-demo.js');
      const file = req.path || req.grant ? projectTarget(req, 'create', call) : uniquePath(path.join(options.projectsDir, 'Demo - case management.realist'));
      const demo = ctx.openStore(file, true, DEMO_NAME);
      // Announced only once built, so a window never shows the demo half made.
      ctx.adopt(demo, { announce: false });
      try {
        await buildDemo(demo, ctx.call);
      } catch (e) {
        ctx.closeProject();
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
        throw e;
      }
      const summary = demo.summary();
      options.emit?.('project:changed', { path: summary.path });
      return summary;
    },
    'host:pickPath': async (req) => {
      if (!options.host?.pickPath) {
        throw new AppError('UNSUPPORTED', 'Native file dialogs are only available in the desktop app; use the file chooser of the page.');
      }
      const kind = req.kind ?? 'project';
      const chosen = await options.host.pickPath({
        mode: req.mode,
        kind,
        multiple: req.mode === 'open' && req.multiple === true,
        ...(req.suggestedName !== undefined ? { suggestedName: req.suggestedName } : {}),
      });
      return {
        files: chosen.map((file) => {
          const g = ctx.files.grantPath(file, req.mode === 'save' ? 'write' : 'read');
          return { grant: g.id, name: g.name, path: g.path };
        }),
      };
    },
  };

  /**
   * The project file a create/open/demo call names: a grant's path (a native dialog asked the
   * user), a path from the command line as given, or a path from the page within the limits of
   * checkPageProjectPath.
   */
  function projectTarget(req: { path?: string | undefined; grant?: string | undefined }, mode: 'create' | 'open', call: CallContext): string {
    if (req.grant) {
      const g = ctx.files.take(req.grant, mode === 'create' ? 'write' : 'read');
      return mode === 'create' ? withExtension(g.path) : g.path;
    }
    const file = mode === 'create' ? withExtension(req.path!) : req.path!;
    return fromPage(call) ? checkPageProjectPath(file, mode, options.projectsDir) : file;
  }
}

function withExtension(file: string): string {
  return /\.realist$/i.test(file) ? file : `${file}.realist`;
}

function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > 0 ? cleaned.slice(0, 120) : 'Untitled review';
}

/** `name.realist`, or `name 2.realist`, ... : never suggests a file that exists. */
function uniquePath(file: string): string {
  if (!fs.existsSync(file)) return file;
  const ext = path.extname(file);
  const stem = file.slice(0, -ext.length);
  for (let i = 2; ; i++) {
    const candidate = `${stem} ${i}${ext}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}
