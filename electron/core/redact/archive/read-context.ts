import type { Writable } from 'node:stream';
import type { UnusableContent } from './content-errors';
import type { Spool } from './spool';

/** Archives inside archives deeper than this are left out: real bundles nest two or three levels. */
export const MAX_NESTING = 8;

/** What a read-only walk (learning pass, leak check) does with what it finds. */
export interface ReadVisitor {
  /** Where the bytes of a text file or member go. */
  text(path: string): Writable;
  /** A binary file or member; its bytes are skipped. */
  binary(path: string, reason: string): void;
  /**
   * A member (nested archive or compressed file) that cannot be used. Returns
   * true when it was recorded to be left out and the walk goes on; false
   * fails the whole file.
   */
  unusable(path: string, error: UnusableContent): boolean;
  /** Every entry of an archive (files, folders, links), by name, as it is met; the leak check reads names too. */
  entry?(archive: string, name: string, linkTarget: string | null): void;
}

export interface ContentContext {
  spool: Spool;
  signal?: AbortSignal;
}

/** `outer.tar.bz2` + `logs/a.log` -> `outer.tar.bz2!/logs/a.log`: where a member is, for reports. */
export const memberPath = (archivePath: string, member: string): string => `${archivePath}!/${member}`;
