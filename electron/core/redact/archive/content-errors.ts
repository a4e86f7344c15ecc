/**
 * Content we will not or cannot rewrite: an archive with an entry that could
 * escape where it is unpacked, or data a decoder rejects. Such content is left
 * out with this message as the reason; any other error (disk full, a bug,
 * cancel) fails the work instead.
 */
export class UnusableContent extends Error {
  constructor(
    readonly kind: 'refused' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'UnusableContent';
  }
}

export const refused = (message: string): UnusableContent => new UnusableContent('refused', message);

export const damaged = (message: string): UnusableContent => new UnusableContent('damaged', message);

export function isUnusableContent(error: unknown): error is UnusableContent {
  return error instanceof UnusableContent;
}

/** Wraps whatever a decoder threw as damaged content, naming the format and what broke. */
export function asDamaged(format: string, error: unknown): Error {
  if (error instanceof UnusableContent) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  // A failing disk or a closed file is not the data's fault.
  if (error instanceof Error && 'syscall' in error) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return damaged(`damaged ${format} data (${detail})`);
}
