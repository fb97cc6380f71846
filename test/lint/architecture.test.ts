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

  it('find no violation in the tree', async () => {
    const results = await eslint.lintFiles(['shared', 'electron', 'renderer/src', 'test']);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
  });
});
