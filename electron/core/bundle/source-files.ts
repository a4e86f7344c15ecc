import { promises as fs, type Stats } from 'node:fs';
import { CasekitError } from '../../shared/error-codes';
import { errnoCode, errorMessage } from '../common/error-text';
import { classifyContent, SNIFF_BYTES } from '../redact/archive/content-kind';
import { walkInput, type InTreeLink } from '../redact/tree/input-walk';
import type { LeftOut } from '../redact/tree/task-types';

/** text: leak-checked as it is; archive: leak-checked through its members; binary: shipped only with consent. */
export type SourceKind = 'text' | 'archive' | 'binary';

export interface SourceFile {
  /** Relative to the source folder, `/`-separated: its path in the bundle. */
  rel: string;
  abs: string;
  size: number;
  /** As listed: archiver takes mode and mtime from it, and the tar header's size. */
  stats: Stats;
  kind: SourceKind;
  /** Binary files only: why it is binary (from its first bytes or its name). */
  reason: string | null;
  consented: boolean;
}

export interface SourceTree {
  root: string;
  files: SourceFile[];
  /** Links that stay inside the folder: kept as links. */
  links: InTreeLink[];
  /** Links out of the folder, sockets, devices: not packed, listed in the manifest. */
  leftOut: LeftOut[];
  bytes: number;
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** `./a\\b.log` → `a/b.log`, as consent paths are compared with the walk's. */
export function normalizeRel(text: string): string {
  return text
    .replaceAll('\\', '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/**
 * Lists the folder to pack and tells text, archives and binaries apart the
 * way `casekit redact` does (first 64 KiB and the name), consenting to
 * nothing: what the Ship screen shows before the user chooses.
 */
export async function walkSource(sourceDir: string): Promise<SourceTree> {
  const stat = await fs.stat(sourceDir).catch((error: unknown) => {
    const why = errnoCode(error) === 'ENOENT' ? 'it does not exist' : errorMessage(error);
    throw new CasekitError('INVALID_INPUT', `Cannot pack ${sourceDir}: ${why}. Name the redacted folder to pack.`);
  });
  if (!stat.isDirectory()) {
    throw new CasekitError(
      'INVALID_INPUT',
      `Cannot pack ${sourceDir}: it is not a folder. Name the redacted folder to pack.`,
    );
  }
  const tree = await walkInput(sourceDir);
  const files: SourceFile[] = [];
  for (const job of tree.jobs) {
    const info = await fs.stat(job.abs);
    const kind = classifyContent(job.rel, await readHead(job.abs));
    files.push({
      rel: job.rel,
      abs: job.abs,
      size: info.size,
      stats: info,
      kind: kind.kind === 'text' ? 'text' : kind.kind === 'binary' ? 'binary' : 'archive',
      reason: kind.kind === 'binary' ? kind.reason : null,
      consented: false,
    });
  }
  return {
    root: tree.root,
    files,
    links: tree.links,
    leftOut: tree.leftOut,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
  };
}

/**
 * `walkSource` with the user's consent applied: refuses a binary not
 * consented to (CONSENT_REQUIRED, naming every such file and why), and a
 * consent for a path that is not a file of the folder.
 */
export async function scanSource(sourceDir: string, consentedBinaries: readonly string[]): Promise<SourceTree> {
  const tree = await walkSource(sourceDir);
  const consented = new Set(consentedBinaries.map(normalizeRel));
  const unknown = [...consented].filter((rel) => !tree.files.some((file) => file.rel === rel));
  if (unknown.length > 0) {
    throw new CasekitError(
      'INVALID_INPUT',
      `Consent was given for ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a file in ${sourceDir}. Give paths relative to the folder (host/path/file).`,
    );
  }
  for (const file of tree.files) file.consented = file.kind === 'binary' && consented.has(file.rel);
  const refused = tree.files.filter((file) => file.kind === 'binary' && !file.consented);
  if (refused.length > 0) {
    throw new CasekitError(
      'CONSENT_REQUIRED',
      `${refused.length} binary file(s) cannot be redacted and need your consent to be shipped as they are: ${refused
        .map((file) => `${file.rel} (${file.reason ?? 'binary'})`)
        .join(', ')}. Consent to each (--allow-binary PATH) or remove it from the folder.`,
    );
  }
  return tree;
}

/** Top-level folders of the source: one per host, as `casekit collect` lays them out. */
export function hostsOf(tree: SourceTree): string[] {
  const hosts = new Set<string>();
  for (const file of tree.files) {
    const slash = file.rel.indexOf('/');
    if (slash > 0) hosts.add(file.rel.slice(0, slash));
  }
  return [...hosts].sort();
}
