/** Handlers for the project, demo and host calls. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { projectRequests } from '../../../shared/api/calls/project';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import type { HandlerContext, HandlersFor } from './context';

export function projectHandlers(ctx: HandlerContext): HandlersFor<keyof typeof projectRequests> {
  const { options } = ctx;
  return {
    'app:info': () => ({ version: options.appVersion, schemaVersion: LATEST_SCHEMA_VERSION, transport: options.transport }),
    'project:create': (req) => ctx.adopt(ctx.openStore(withExtension(req.path), true, req.name)),
    'project:open': (req) => ctx.adopt(ctx.openStore(req.path, false)),
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
    'demo:open': async (req) => {
      // The demo's data is loaded only when a demo is made (the command line starts faster).
      const { buildDemo, DEMO_NAME } = await import('../demo/build-demo.js');
      const file = req.path ? withExtension(req.path) : uniquePath(path.join(options.projectsDir, 'Demo - case management.realist'));
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
        throw new AppError('UNSUPPORTED', 'Native file dialogs are only available in the desktop app; type a path instead.');
      }
      return { path: await options.host.pickPath(req.mode, req.suggestedName, req.kind) };
    },
  };
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
