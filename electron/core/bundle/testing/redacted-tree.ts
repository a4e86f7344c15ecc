import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mergeOutcomes, newMapSnapshot, Redactor, saveMap, type MapSnapshot } from '../../redact/engine';
import { inThreadRunner, type PassRunner } from '../../redact/tree/pass-runner';
import { LeakChecker } from '../../redact/engine';
import type { PackOptions } from '../pack-types';

const CONFIG = { keywords: [], extraRules: [] };

/** Raw logs of two hosts, with names, addresses and a password the redaction replaces. */
export const RAW_FILES: Record<string, string> = {
  'mbx01.example.com/opt/zimbra/log/mailbox.log': [
    '2026-03-01 10:00:00,123 INFO  [qtp1-12:https://mbx01.example.com/service/soap/AuthRequest] [name=alice@example.com;ip=203.0.113.7;] account - authentication succeeded',
    '2026-03-01 10:00:01,456 WARN  [ImapServer-3] [name=bob@example.com;ip=198.51.100.23;] imap - FETCH failed',
    '',
  ].join('\n'),
  'mbx01.example.com/commands/zmlocalconfig.txt':
    'ldap_root_password = s3cr3tPassw0rd\nzimbra_server_hostname = mbx01.example.com\n',
  'mta01.example.com/var/log/zimbra.log':
    'Mar  1 10:00:02 mta01 postfix/smtpd[123]: connect from mail.example.com[203.0.113.9]\n',
};

async function engineText(text: string, stage: (input: Readable) => Promise<string>): Promise<string> {
  return stage(Readable.from([Buffer.from(text, 'utf8')]));
}

const collect = (into: Buffer[]) =>
  new Writable({
    write(chunk: Buffer, _encoding, callback) {
      into.push(chunk);
      callback();
    },
  });

/**
 * Redacts RAW_FILES with the real engine (learn, then redact, both hosts'
 * names in the folder names too) into `dir/redacted`, and saves the map to
 * `dir/map.json`: a folder as `casekit redact` leaves it, and the map its
 * leak check needs.
 */
export async function writeRedactedTree(
  dir: string,
): Promise<{ source: string; mapFile: string; map: MapSnapshot; files: string[] }> {
  let map = newMapSnapshot();
  const learner = new Redactor(map, CONFIG);
  for (const [rel, text] of Object.entries(RAW_FILES)) {
    await engineText(`${rel}\n${text}`, (input) => pipeline(input, learner.learn(rel)).then(() => ''));
  }
  map = mergeOutcomes(map, [learner.outcome()]);
  const redactor = new Redactor(map, CONFIG);
  const redact = (name: string, text: string) =>
    engineText(text, async (input) => {
      const chunks: Buffer[] = [];
      await pipeline(input, redactor.redact(name), collect(chunks));
      return Buffer.concat(chunks).toString('utf8');
    });
  const source = path.join(dir, 'redacted');
  const files: string[] = [];
  for (const [rel, text] of Object.entries(RAW_FILES)) {
    const shown = await redact('(names)', rel);
    await mkdir(path.dirname(path.join(source, shown)), { recursive: true });
    await writeFile(path.join(source, shown), await redact(rel, text));
    files.push(shown);
  }
  map = mergeOutcomes(map, [redactor.outcome()]);
  const mapFile = path.join(dir, 'map.json');
  await saveMap(mapFile, map);
  return { source, mapFile, map, files };
}

/** The leak check on the test's thread, with the real LeakChecker (worker threads need a build). */
export const testRunner = (): PassRunner<MapSnapshot> =>
  inThreadRunner<MapSnapshot>({
    createLeakChecker: (map, config) => new LeakChecker(map, config),
    createRedactor: (map, config) => new Redactor(map, config),
  });

/** Pack options for `fixture`'s folder into `dir/outDir`, 64 KiB parts, with `extra` on top. */
export function fixtureOptions(
  fixture: { source: string; mapFile: string },
  dir: string,
  outDir: string,
  extra: Partial<PackOptions> = {},
): PackOptions {
  return {
    sourceDir: fixture.source,
    outDir: path.join(dir, outDir),
    caseNumber: '00012345',
    format: 'tar.gz',
    partSize: 64 * 1024,
    appVersion: '1.2.3',
    mapFile: fixture.mapFile,
    consentedBinaries: [],
    ...extra,
  };
}
