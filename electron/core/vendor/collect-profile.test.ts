import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPath, vendorProfileSchema } from './index';

const zimbraFile = path.resolve(import.meta.dirname, '../../../resources/vendors/zimbra.json');

type Json = Record<string, unknown> & { collect: Record<string, unknown>; support: Record<string, unknown> };
const zimbraJson = async (): Promise<Json> => JSON.parse(await readFile(zimbraFile, 'utf8')) as Json;

/** The JSON path of the first field the schema refuses after `change`, or null if it accepts. */
async function refusedAt(change: (json: Json) => void): Promise<string | null> {
  const json = await zimbraJson();
  change(json);
  const result = vendorProfileSchema.safeParse(json);
  return result.success ? null : jsonPath(result.error.issues[0]?.path ?? []);
}

describe("the Zimbra profile's collect and support sections", () => {
  it('hold what the issue names: root, rotated mailbox logs, syslog files, zmdiaglog, commands as the right user', async () => {
    const { collect, support } = vendorProfileSchema.parse(await zimbraJson());
    expect(collect.root).toBe('/opt/zimbra');
    expect(collect.logs.find((log) => log.id === 'mailbox')).toMatchObject({ dir: '{root}/log', keptDays: 8 });
    expect(collect.logs.filter((log) => log.dir === '/var/log').map((log) => log.current)).toEqual([
      'zimbra.log',
      'zimbra-stats.log',
    ]);
    expect(collect.crashFiles.patterns).toContain('hs_err_pid*');
    expect(collect.zmdiaglog).toMatchObject({ path: '{root}/libexec/zmdiaglog', defaultDest: '{root}/data/tmp' });
    const runAs = Object.fromEntries(collect.commands.map((entry) => [entry.argv.join(' '), entry.runAs]));
    expect(runAs).toMatchObject({
      'zmcontrol -v': 'service',
      'zmcontrol status': 'service',
      'zmprov -l gs {host}': 'service',
      zmlocalconfig: 'service',
      'df -h': 'login',
      'free -m': 'login',
      uptime: 'login',
    });
    expect(support.severities[0]).toMatchObject({ level: 1, openThrough: ['portal'] });
    expect(support.channels.filter((channel) => !channel.opensCase).map((channel) => channel.id)).toEqual([
      'social',
      'personal',
    ]);
    expect(new RegExp(support.followUpSubject, 'i').exec('Re: Case 00012345 logs')?.[1]).toBe('00012345');
  });

  it('refuses paths that could name something else, and patterns that reach another folder', async () => {
    expect(await refusedAt((json) => ((json.collect.logs as { dir: string }[])[0]!.dir = '{root}/../etc'))).toBe(
      'collect.logs[0].dir',
    );
    expect(await refusedAt((json) => ((json.collect.logs as { dir: string }[])[0]!.dir = 'log'))).toBe(
      'collect.logs[0].dir',
    );
    expect(
      await refusedAt((json) => ((json.collect.crashFiles as { patterns: string[] }).patterns = ['../hs_err*'])),
    ).toBe('collect.crashFiles.patterns[0]');
    expect(await refusedAt((json) => (json.collect.root = '{root}'))).toBe('collect.root');
  });

  it('refuses severities out of order, an unknown run-as, and a misspelt key', async () => {
    expect(await refusedAt((json) => (json.support.severities as unknown[]).reverse())).toBe('support.severities');
    expect(await refusedAt((json) => ((json.collect.commands as { runAs: string }[])[0]!.runAs = 'zimbra'))).toBe(
      'collect.commands[0].runAs',
    );
    expect(await refusedAt((json) => (json.collect.logfiles = []))).toBe('collect');
  });
});
