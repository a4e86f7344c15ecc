import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../remote-listing';
import { parseDfAvailable } from './heap-space';
import { LineSplitter, findRunOutput, printedPaths } from './zmdiaglog-output';

const DEST = '/opt/zimbra/data/tmp';
const node = (name: string, type: 'file' | 'folder'): RemoteEntry => ({
  path: `${DEST}/${name}`,
  name,
  dir: DEST,
  size: 10,
  modifiedAt: new Date(0),
  type,
  problem: null,
});
const OLD = 'zmdiaglog-mbx.example.test.20260309-101010.4242';
const RUN = 'zmdiaglog-mbx.example.test.20260310-090000.777';
const MD5 = '0123456789abcdef0123456789abcdef';

describe('findRunOutput', () => {
  const before = [node(OLD, 'folder'), node(`${OLD}-${'f'.repeat(32)}.tar.bz2`, 'file')];

  it('finds the folder and the archive this run made, never an older run', () => {
    const after = [
      ...before,
      node(RUN, 'folder'),
      node(`${RUN}-${MD5}.tar.bz2`, 'file'),
      node('zmdiaglog-junk', 'folder'),
    ];
    const found = findRunOutput(before, after, { folder: null, archive: null });
    expect(found.folder?.name).toBe(RUN);
    expect(found.archive).toMatchObject({ name: `${RUN}-${MD5}.tar.bz2`, md5: MD5 });
  });

  it('with -Z (folder removed) takes the archive zmdiaglog named; an older .zip name is understood', () => {
    const zip = `${RUN}-${MD5}.zip`;
    const other = `zmdiaglog-mbx.example.test.20260310-090001.778-${'a'.repeat(32)}.tar.bz2`;
    const after = [...before, node(zip, 'file'), node(other, 'file')];
    const found = findRunOutput(before, after, { folder: null, archive: `${DEST}/${zip}` });
    expect(found.folder).toBeNull();
    expect(found.archive).toMatchObject({ name: zip, md5: MD5 });
  });

  it('finds nothing when the run made nothing new', () => {
    expect(findRunOutput(before, before, { folder: null, archive: null })).toEqual({ folder: null, archive: null });
  });
});

describe('printedPaths', () => {
  it('reads where zmdiaglog said it wrote', () => {
    const output = [
      "No '-a' argument, skipping heap/coredump collection.",
      `Saving diagnostic logging output to: ${DEST}/${RUN}`,
      '',
      `***Archive ${DEST}/${RUN}-${MD5}.tar.bz2 complete.`,
    ].join('\n');
    expect(printedPaths(output)).toEqual({ folder: `${DEST}/${RUN}`, archive: `${DEST}/${RUN}-${MD5}.tar.bz2` });
  });
});

describe('LineSplitter', () => {
  it('gives whole lines across chunks, a UTF-8 character split between chunks included', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const text = Buffer.from('Collecting thread stats/stacks: 1 of 10\n\tDB Stats: zmmytop 1 of 10\nżółw\npartial');
    splitter.push(text.subarray(0, 20));
    splitter.push(text.subarray(20, 62));
    splitter.push(text.subarray(62));
    expect(lines).toEqual(['Collecting thread stats/stacks: 1 of 10', 'DB Stats: zmmytop 1 of 10', 'żółw']);
  });
});

describe('parseDfAvailable', () => {
  it('reads the available KiB of POSIX df output, a mount point with spaces included', () => {
    const output =
      'Filesystem     1024-blocks     Used Available Capacity Mounted on\n/dev/sda1   100000 40000 60000 40% /opt/my disk\n';
    expect(parseDfAvailable(output)).toBe(60000 * 1024);
    expect(parseDfAvailable('df: /x: No such file or directory\n')).toBeNull();
  });
});
