import type { Readable } from 'node:stream';
import { damaged } from './content-errors';
import { classifyContent, SNIFF_BYTES, type ContentKind } from './content-kind';
import { peek } from './peek';
import { MAX_NESTING } from './read-context';

/**
 * What a file or member at nesting `depth` holds, and the stream to read it
 * from (its first bytes put back). Both passes decide by this one function,
 * so they cannot disagree about a file that did not change.
 */
export async function sniffContent(
  name: string,
  input: Readable,
  depth: number,
): Promise<{ kind: ContentKind; stream: Readable }> {
  if (depth > MAX_NESTING) {
    input.destroy();
    throw damaged(`archives nested more than ${MAX_NESTING} deep`);
  }
  const { head, stream } = await peek(input, SNIFF_BYTES);
  return { kind: classifyContent(name, head), stream };
}
