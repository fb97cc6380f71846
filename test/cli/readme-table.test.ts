/**
 * The README's command table, `realist --help` and the command line's own option definitions
 * (electron/cli/specs.ts) say the same thing: every command and every option appears in all
 * three, in the same words. The option values the command line checks itself match the contract.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../shared/api/contract';
import { COMMANDS, EXPORT_FORMAT_CHOICES, EXPORT_WHAT_CHOICES, IMPORT_FORMAT_CHOICES, REPORT_FORMAT_CHOICES, REPORT_STYLE_CHOICES, THEORY_FORMAT_CHOICES, THEORY_WHAT_CHOICES } from '../../electron/cli/specs';
import { REPO_ROOT, realist, run, SLOW } from './cli-helpers';

/** The README's rows: the usage in the first cell (table escapes undone), by command name. */
function readmeRows(): Map<string, string> {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The command line'), readme.indexOf('\n## ', readme.indexOf('## The command line') + 5));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `(realist [^`]*)` \|/.exec(line);
    if (!m) continue;
    const usage = m[1]!.replace(/\\\|/g, '|');
    rows.set(usage.split(' ')[1]!, usage);
  }
  return rows;
}

const optionsIn = (usage: string) => [...new Set(usage.match(/--[a-z][a-z-]*/g) ?? [])].sort();
const optionsOf = (name: string) => Object.keys(COMMANDS[name]!.options).map((o) => `--${o}`).sort();

describe('the README command table', { timeout: SLOW }, () => {
  const rows = readmeRows();

  it('has a row for every command, and no row for a command that does not exist', () => {
    const documented = [...rows.keys()].filter((k) => k !== '--help').sort();
    expect(documented).toEqual(Object.keys(COMMANDS).sort());
    expect(rows.get('--help')).toBe('realist --help');
  });

  it('gives each command the usage line that --help prints, with exactly its options', () => {
    for (const [name, spec] of Object.entries(COMMANDS)) {
      expect(rows.get(name), name).toBe(spec.usage);
      expect(optionsIn(spec.usage), name).toEqual(optionsOf(name));
    }
  });

  it('matches what `realist --help` prints, option for option', () => {
    const help = realist(['--help']);
    expect(help.code).toBe(0);
    const printed = help.stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('realist '));
    expect(printed).toHaveLength(Object.keys(COMMANDS).length);
    for (const usage of printed) {
      const name = usage.split(' ')[1]!;
      expect(rows.get(name), name).toBe(usage);
      expect(optionsIn(usage), name).toEqual(optionsOf(name));
    }
  });

  it('says on `realist COMMAND --help` the same usage line', async () => {
    const r = await run('cmoc', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: ${COMMANDS.cmoc!.usage}`);
  });
});

describe('option values the command line checks before any call', () => {
  const enumOf = (channel: keyof typeof requestSchemas, field: string): string[] => {
    const schema = requestSchemas[channel] as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } };
    const shape = schema.shape ?? schema.def?.in?.shape;
    let s = shape![field] as { options?: string[]; def?: { innerType?: unknown } };
    while (!s.options && s.def?.innerType) s = s.def.innerType as typeof s;
    return [...s.options!].sort();
  };

  it('are the values the contract accepts', () => {
    expect([...IMPORT_FORMAT_CHOICES].sort()).toEqual(enumOf('records:import', 'format'));
    expect([...EXPORT_WHAT_CHOICES].sort()).toEqual(enumOf('coding:export', 'what'));
    expect([...EXPORT_FORMAT_CHOICES].sort()).toEqual(enumOf('coding:export', 'format'));
    expect([...THEORY_WHAT_CHOICES].sort()).toEqual(enumOf('theory:export', 'what'));
    expect([...THEORY_FORMAT_CHOICES].sort()).toEqual(enumOf('theory:export', 'format'));
    expect([...REPORT_FORMAT_CHOICES].sort()).toEqual(enumOf('report:export', 'format'));
    expect([...REPORT_STYLE_CHOICES].sort()).toEqual(enumOf('report:export', 'style'));
    expect(['consensus', 'own']).toEqual(enumOf('session:setLayer', 'layer'));
  });
});
