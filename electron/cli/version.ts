declare const __CASEKIT_VERSION__: string;

/** Baked in at build time (vite.cli.config.ts) so the CLI needs no package.json at run time. */
export const CASEKIT_VERSION: string = __CASEKIT_VERSION__;
