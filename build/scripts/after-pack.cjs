/**
 * electron-builder's afterPack hook: flips the Electron fuses of the packaged binary, before
 * it is signed, so that the shipped app cannot be turned into a general-purpose Node runtime or
 * made to load code from outside its archive (https://www.electronjs.org/docs/latest/tutorial/fuses):
 *  - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 "Realist Workbench" evil.js` does not run a script;
 *  - EnableNodeOptionsEnvironmentVariable off: NODE_OPTIONS (e.g. --require) is ignored;
 *  - EnableNodeCliInspectArguments off: --inspect cannot attach a debugger to the main process;
 *  - EnableEmbeddedAsarIntegrityValidation on: a modified app.asar is refused (macOS, Windows);
 *  - OnlyLoadAppFromAsar on: the app is loaded only from app.asar, not from a folder beside it;
 *  - GrantFileProtocolExtraPrivileges off: the page comes from app://, file: needs no privileges;
 *  - EnableCookieEncryption on, LoadBrowserProcessSpecificV8Snapshot off (the defaults we want).
 * Every fuse is given a value (strictlyRequireAllFuses), so an Electron upgrade that adds one
 * fails the build until someone decides it.
 *
 * `fuses` is injectable so a test can check the configuration without an Electron binary.
 */
const path = require('node:path');

/** Where electron-builder put the Electron binary of this platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** The fuse settings (see the comment above). */
function fuseConfig(fuses, context) {
  const { FuseV1Options, FuseVersion } = fuses;
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping fuses breaks the ad-hoc signature of an arm64 macOS build; re-sign it ad hoc.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 /* Arch.arm64 */,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

async function afterPack(context, fuses = require('@electron/fuses')) {
  await fuses.flipFuses(electronBinary(context), fuseConfig(fuses, context));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.electronBinary = electronBinary;
module.exports.fuseConfig = fuseConfig;
