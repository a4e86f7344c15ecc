import type { Hop } from '../../../shared/server-schemas';

interface Address {
  host: string;
  port: number;
}

/** The hop at `index` (0-based) of a chain of `length` servers, the last being the target. */
export function hopAt(index: number, length: number): Hop {
  const jumpHosts = Math.max(0, length - 1);
  const clamped = Math.min(Math.max(0, index), jumpHosts);
  return { role: clamped === jumpHosts ? 'target' : 'jump', position: clamped + 1, jumpHosts };
}

/**
 * Which hop of `chain` (jump hosts in order, then the target) is talking now,
 * given the host keys checked so far, in order: each hop shows its key once,
 * in its handshake, before it asks anything. The count says where we are; the
 * address confirms it, and wins if a re-key of an earlier hop added a check.
 */
export function currentHop(chain: readonly Address[], seen: readonly Address[]): Hop {
  const last = seen.at(-1);
  const byCount = seen.length - 1;
  const same = (a: Address | undefined, b: Address) => a !== undefined && a.host === b.host && a.port === b.port;
  if (last === undefined || same(chain[byCount], last)) return hopAt(byCount, chain.length);
  const byAddress = chain.findIndex((hop) => same(hop, last));
  return hopAt(byAddress === -1 ? byCount : byAddress, chain.length);
}
