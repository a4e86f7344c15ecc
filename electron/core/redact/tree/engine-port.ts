import type { Transform, Writable } from 'node:stream';
import type { LeakFinding, RedactConfig, RedactOutcome, ReportCounts } from '../engine/types';

/** The engine's Redactor as the file tasks use it (redact-api.md). */
export interface RedactorPort {
  learn(file: string): Writable;
  redact(file: string): Transform;
  scanBinary(file: string): Writable;
  outcome(): RedactOutcome;
}

export interface LeakCheckerPort {
  scan(file: string): Writable;
  findings(): LeakFinding[];
}

/** What a worker builds from the map of the current pass. `M` is the engine's map snapshot. */
export interface WorkerEngine<M> {
  createRedactor(map: M, config: RedactConfig): RedactorPort;
  createLeakChecker(map: M, config: RedactConfig): LeakCheckerPort;
}

/** What the orchestrator does with the map on the main thread. */
export interface MapEngine<M> {
  loadMap(file: string): Promise<M>;
  saveMap(file: string, map: M): Promise<void>;
  mergeOutcomes(map: M, outcomes: RedactOutcome[]): M;
  mergeCounts(outcomes: RedactOutcome[]): ReportCounts;
  /** Names and messages with what they hold redacted (see redact-text.ts), for paths and the report. */
  redactNames(
    map: M,
    config: RedactConfig,
    texts: readonly string[],
  ): Promise<{ texts: string[]; outcome: RedactOutcome }>;
}
