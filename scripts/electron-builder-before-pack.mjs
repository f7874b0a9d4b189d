// electron-builder's beforePack hook (electron-builder.yml): builds the store's native module
// for the Electron being packaged, into out/electron-native/<platform>-<arch>/, from where
// `extraResources` copies it to resources/native/ in the app. electron-builder's own rebuild
// (`npmRebuild`) is switched off because it rebuilds the project's node_modules in place,
// which would break the `custodian` command and the tests (they need the Node build).

import builder from 'electron-builder';
import { buildElectronNative } from './electron-native.mjs';

export default async function beforePack(context) {
  const arch = builder.Arch[context.arch];
  if (arch === 'universal') {
    throw new Error(
      'could not build the native module for Electron: a universal macOS app is not supported; package x64 and arm64 separately.',
    );
  }
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  await buildElectronNative({ platform, arch, electronVersion: context.packager.info.framework.version });
}
