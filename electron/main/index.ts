/**
 * The main process entry, built to out/main/index.js. Only real dependencies
 * are chosen here; start-app.ts puts them together.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../core/api/create-core';
import { resolveDataDir } from '../core/common/data-dir';
import { startApp } from './start-app';

startApp({
  createCore: async (options) => {
    // Packaged, resources/ may be copied into Electron's resources folder; unpacked it sits beside out/.
    const core = await createCore({ ...options, resourcesPath: process.resourcesPath });
    // createCore registers the pack and ship kinds; any other kind is registered
    // here, before resuming, so jobs cut short by the last shutdown carry on.
    await core.jobs.resumeInterrupted();
    return core;
  },
  resolveHome: () =>
    resolveDataDir({ env: process.env, platform: process.platform, homedir: homedir(), appName: 'Casekit' }),
  // electron-vite builds main to out/main, preload to out/preload, renderer to out/renderer.
  // import.meta.dirname: main is ESM ("type": "module"); electron-vite maps it to __dirname for CJS.
  rendererRoot: join(import.meta.dirname, '../renderer'),
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  readFile: (filePath) => readFile(filePath),
  env: process.env,
});
