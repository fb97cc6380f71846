/**
 * The architecture's boundaries are lint rules (eslint.config.mjs); this checks that the
 * rules really fire, and that the tree obeys them.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint rules that hold the architecture', () => {
  it('keep shared/ pure TypeScript', async () => {
    expect(await ruleIds("import fs from 'node:fs';\nexport const x = fs;\n", 'shared/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'shared/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import Database from 'better-sqlite3';\nexport const x = Database;\n", 'shared/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds('export const w = window.innerWidth;\n', 'shared/probe.ts')).toContain('no-restricted-globals');
    expect(await ruleIds('export const e = process.env;\n', 'shared/probe.ts')).toContain('no-restricted-globals');
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'shared/probe.ts')).toEqual([]);
  });

  it('keep Electron out of the services and Node out of the renderer', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'electron/services/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import fs from 'node:fs';\nexport const x = fs;\n", 'renderer/src/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'electron/shell/probe.ts')).toEqual([]);
  });

  it('keep the command line on the one dispatcher (no store, no service function)', async () => {
    const probe = (line: string) => ruleIds(`${line}\nexport const x = probe;\n`, 'electron/cli/commands/probe.ts');
    // Each of these would be a second way into the project, beside dispatch.
    expect(await probe("import { ProjectStore as probe } from '../../services/store/project-store';")).toContain('no-restricted-imports');
    expect(await probe("import { searchAll as probe } from '../../services/coding/search';")).toContain('no-restricted-imports');
    expect(await probe("import { allRecords as probe } from '../../services/import/library.js';")).toContain('no-restricted-imports');
    expect(await probe("import { codingServiceFor as probe } from '../../services/coding/coding-service';")).toContain('no-restricted-imports');
    // The dispatcher itself, and the event hub `realist serve` hands to the web bridge, are the door.
    expect(await probe("import { createApiService as probe } from '../../services/api-service';")).toEqual([]);
    expect(await probe("import { EventHub as probe } from '../../services/event-hub';")).toEqual([]);
    expect(await probe("import { AppError as probe } from '../../../shared/api/errors';")).toEqual([]);
    // The rule is the command line's alone: the web bridge and the services import services freely.
    expect(await ruleIds("import { ProjectStore } from '../services/store/project-store';\nexport const x = ProjectStore;\n", 'electron/bridge/probe.ts')).toEqual([]);
  }, 120_000);

  it('find no violation in the tree', async () => {
    const results = await eslint.lintFiles(['shared', 'electron', 'renderer/src', 'test']);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
    // Linting the whole tree takes a while on a busy machine: not a speed check.
  }, 180_000);
});
