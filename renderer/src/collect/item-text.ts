import type { CollectItem } from './collect-types';

/** What an item is, in the server's own words: the file, the command line, or its id. Untrusted: text only. */
export function itemWhat(item: CollectItem): string {
  return item.remotePath ?? item.command ?? item.id;
}
