/**
 * V8 flags every Casekit Node process starts with (the CLI's shebang line in
 * bin/casekit.mjs carries them; a test keeps the two equal).
 *
 * Why: loading our modules (zod, commander, ssh2) makes V8 run a first full
 * garbage collection early, after which it sizes the old generation to the few
 * MB then alive. A copy over SSH then promotes a little of every scavenge, and
 * V8 ran a full collection every ~100 ms: 27 of them for 512 MiB, a third more
 * CPU for the whole copy (1.57 instead of 1.08 CPU-s, measured with
 * `--trace-gc`). Starting with a 64 MB old generation, it runs one or none,
 * and peak memory stays about the same (105–110 MB). V8 reads the flag only
 * when the process starts, so it cannot be set from inside: Electron's main
 * process takes V8 flags only on its command line, so the desktop app's long
 * transfers belong in a process it starts with them (Electron's
 * utilityProcess takes `execArgv`), which the collect jobs will use.
 */
export const NODE_HEAP_FLAGS = ['--initial-old-space-size=64'] as const;
