/**
 * What the desktop package ships, checked without an Electron binary (none can run here): the
 * fuses flipped by the afterPack hook, and no source maps in the renderer or main-process build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(__filename);
const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { build: { afterPack: string; files: string[]; asar: boolean } };

type AfterPack = ((context: unknown, fuses?: unknown) => Promise<void>) & { fuseConfig: (fuses: unknown, context: unknown) => Record<string, unknown> };
const afterPack = require(path.join(ROOT, pkg.build.afterPack)) as AfterPack;
const realFuses = require('@electron/fuses') as { FuseV1Options: Record<string, number>; FuseVersion: { V1: string } };

/** The real enums, with flipFuses recording what it was asked to do. */
function recordingFuses() {
  const calls: Array<{ binary: string; config: Record<string, unknown> }> = [];
  return { calls, fuses: { ...realFuses, flipFuses: async (binary: string, config: Record<string, unknown>) => (calls.push({ binary, config }), 1) } };
}

const context = (platform: string, arch: number) => ({
  electronPlatformName: platform,
  arch,
  appOutDir: '/build/release/linux-unpacked',
  packager: { appInfo: { productFilename: 'Realist Workbench' }, executableName: 'realist-workbench' },
});

describe('Electron fuses', () => {
  it('are flipped by the afterPack hook that electron-builder runs, with every fuse decided', async () => {
    expect(pkg.build.afterPack).toBe('build/scripts/after-pack.cjs');
    expect(pkg.build.asar).toBe(true);
    const { calls, fuses } = recordingFuses();
    await afterPack(context('linux', 1), fuses);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.binary).toBe('/build/release/linux-unpacked/realist-workbench');
    const o = realFuses.FuseV1Options;
    const config = calls[0]!.config;
    expect(config).toMatchObject({ version: realFuses.FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: false });
    expect({
      RunAsNode: config[o.RunAsNode!],
      EnableNodeOptionsEnvironmentVariable: config[o.EnableNodeOptionsEnvironmentVariable!],
      EnableNodeCliInspectArguments: config[o.EnableNodeCliInspectArguments!],
      EnableEmbeddedAsarIntegrityValidation: config[o.EnableEmbeddedAsarIntegrityValidation!],
      OnlyLoadAppFromAsar: config[o.OnlyLoadAppFromAsar!],
      GrantFileProtocolExtraPrivileges: config[o.GrantFileProtocolExtraPrivileges!],
    }).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    // Every fuse this version of @electron/fuses knows has a value.
    const numeric = Object.values(o).filter((v) => typeof v === 'number');
    for (const fuse of numeric) expect(typeof config[fuse], `fuse ${fuse}`).toBe('boolean');
  });

  it('finds the binary on each platform and re-signs an arm64 Mac build ad hoc', async () => {
    const { calls, fuses } = recordingFuses();
    await afterPack(context('darwin', 3), fuses);
    await afterPack(context('win32', 1), fuses);
    expect(calls.map((c) => c.binary)).toEqual(['/build/release/linux-unpacked/Realist Workbench.app', '/build/release/linux-unpacked/Realist Workbench.exe']);
    expect(calls.map((c) => c.config.resetAdHocDarwinSignature)).toEqual([true, false]);
  });
});

describe('no source maps ship', () => {
  it('in the renderer build, the main-process build, or the package', async () => {
    const vite = ((await import(path.join(ROOT, 'vite.config.mts'))) as { default: unknown }).default as { build: { sourcemap: unknown } };
    expect(vite.build.sourcemap).toBe(false);
    const tsBuild = JSON.parse(fs.readFileSync(path.join(ROOT, 'electron/tsconfig.build.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    for (const options of [tsBuild.compilerOptions, base.compilerOptions]) {
      expect(options.sourceMap ?? false).toBe(false);
      expect(options.inlineSourceMap ?? false).toBe(false);
      expect(options.declarationMap ?? false).toBe(false);
    }
    expect(pkg.build.files).toContain('!**/*.map');
    // The browser tests check the fresh build they make (test/e2e/start-screen.test.ts).
  });
});
