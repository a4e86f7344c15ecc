import type { CasekitApi } from '../../../electron/shared/api-contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the UI is served by `casekit serve`. */
    readonly casekit: CasekitApi | undefined;
  }
}

export {};
