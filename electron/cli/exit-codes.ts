/** The exit codes of ../shared/CLI.md; scripts depend on them. */
export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  PARTIAL: 3,
  REFUSED: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by commands to end with a specific code and a message for stderr. */
export class CliExit extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}
