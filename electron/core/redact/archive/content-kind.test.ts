import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { classifyContent, innerName, isTarHeader } from './content-kind';

const text = (s: string) => Buffer.from(s, 'latin1');

describe('classifyContent', () => {
  it('calls a log with a few latin1 bytes, CRLF, tabs and colour codes text', () => {
    expect(classifyContent('mailbox.log', text('caf\xe9 \x1b[31mERROR\x1b[0m\tx\r\nna\xefve\n'))).toEqual({
      kind: 'text',
    });
    expect(classifyContent('empty.log', Buffer.alloc(0))).toEqual({ kind: 'text' });
  });

  it('calls NUL bytes or many control bytes binary, with the reason', () => {
    expect(classifyContent('x.log', Buffer.from([0x41, 0, 0x42]))).toEqual({
      kind: 'binary',
      reason: 'binary: it holds NUL bytes',
    });
    const noisy = Buffer.alloc(1000, 0x41);
    noisy.fill(0x01, 0, 200);
    expect(classifyContent('x.dat', noisy)).toMatchObject({ kind: 'binary', reason: expect.stringMatching(/20%/) });
  });

  it('knows compression and archives by their magic, whatever the name', () => {
    expect(classifyContent('mailbox.log.1', gzipSync('x'))).toEqual({ kind: 'gzip' });
    expect(classifyContent('a.bz2', Buffer.from('BZh91AY&SY\0\0'))).toEqual({ kind: 'bzip2' });
    expect(classifyContent('a.bz2', Buffer.from('BZh9 not really'))).toEqual({ kind: 'text' });
    expect(classifyContent('a.zip', Buffer.from('PK\x03\x04rest'))).toEqual({ kind: 'zip' });
    expect(classifyContent('a.jar', Buffer.from('PK\x03\x04rest'))).toMatchObject({ kind: 'binary' });
    expect(classifyContent('a.log.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0]))).toMatchObject({
      kind: 'binary',
      reason: expect.stringMatching(/compressed with xz/),
    });
  });

  it('recognises tar headers by checksum', () => {
    const header = Buffer.alloc(512);
    header.write('file.txt', 0);
    header.write('0000644\0', 100);
    header.write('00000000001\0', 124);
    header.write('ustar\0', 257);
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(isTarHeader(header)).toBe(true);
    expect(classifyContent('anything', header)).toEqual({ kind: 'tar' });
    header[0] = 0x47;
    expect(isTarHeader(header)).toBe(false);
  });

  it('uses names for dumps and images when the magic says nothing', () => {
    expect(classifyContent('java_pid12.hprof', text('plain'))).toMatchObject({ kind: 'binary' });
    expect(classifyContent('core', text('plain'))).toMatchObject({ kind: 'binary' });
    expect(classifyContent('core.4242', text('plain'))).toMatchObject({ kind: 'binary' });
    expect(classifyContent('core.log', text('plain'))).toEqual({ kind: 'text' });
    expect(classifyContent('logo.PNG', text('plain'))).toMatchObject({ kind: 'binary', reason: 'binary: an image' });
    expect(classifyContent('x', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2]))).toMatchObject({
      reason: 'binary: an ELF file (program or core dump)',
    });
    expect(classifyContent('heap', text('JAVA PROFILE 1.0.2\0'))).toMatchObject({ reason: 'binary: a Java heap dump' });
  });

  it('names what a compressed file holds', () => {
    expect(innerName('mailbox.log.1.gz')).toBe('mailbox.log.1');
    expect(innerName('b.tgz')).toBe('b.tar');
    expect(innerName('b.tar.bz2')).toBe('b.tar');
    expect(innerName('b.tbz2')).toBe('b.tar');
  });
});
