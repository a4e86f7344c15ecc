import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectHost } from '../../electron/core/collect/collect-host';
import { discoverInstallation } from '../../electron/core/collect/host/index';
import type { CollectProfile } from '../../electron/core/vendor';
import { startZimbraHosts, type TestZimbraHost } from '../support/zimbra-host';
import { collectHostOn, zimbraProfile } from './collect-host-support';

let hosts: TestZimbraHost[] = [];
let sessions: CollectHost[] = [];
let profile: CollectProfile;

beforeAll(async () => {
  profile = await zimbraProfile();
  hosts = await startZimbraHosts([
    { hostname: 'ldap01.example.test', services: ['ldap', 'logger', 'snmp'] },
    { hostname: 'mbx01.example.test', services: ['mailbox', 'stats', 'service', 'zimbra', 'zimbraAdmin'] },
    { hostname: 'mta01.example.test', services: ['mta', 'amavis', 'antispam', 'antivirus'] },
  ]);
  sessions = await Promise.all(hosts.map((host) => collectHostOn(host)));
}, 30_000);
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
  await Promise.all(hosts.map((host) => host.stop()));
});

describe('sshCollectHost', () => {
  it('knows each server by the name it gives itself', () => {
    expect(sessions.map((session) => session.hostname)).toEqual(hosts.map((host) => host.hostname));
    expect(sessions[0]?.sessionUser).toBe('root');
  });

  it("runs the service user's tools as that user, root as root, the login as itself", async () => {
    const [session] = sessions as [CollectHost];
    const service = await session.run(['id', '-un'], 'service');
    expect(service.stdout.toString()).toBe('zimbra\n');
    // zimbra's login environment: its tools are on PATH.
    expect((await session.run('zmcontrol -v', 'service')).stdout.toString()).toContain('Release 10.1.5.GA');
    expect((await session.run(['id', '-un'], 'root')).stdout.toString()).toBe('root\n');
    expect((await session.run(['id', '-un'], 'login')).stdout.toString()).toBe('root\n');
    // The stand-ins refuse root, as Zimbra's tools do.
    const asRoot = await session.run(['/opt/zimbra/bin/zmprov', '-l', 'gas'], 'root');
    expect(asRoot.exitCode).toBe(1);
  });
});

describe('discoverInstallation', () => {
  it('lists every server of the installation with its enabled services, from any one of them', async () => {
    for (const session of [sessions[1], sessions[2]] as CollectHost[]) {
      const found = await discoverInstallation(session, profile);
      expect(found.servers).toEqual([
        { name: 'ldap01.example.test', services: ['ldap', 'logger', 'snmp'], error: null },
        {
          name: 'mbx01.example.test',
          services: ['mailbox', 'service', 'stats', 'zimbra', 'zimbraAdmin'],
          error: null,
        },
        { name: 'mta01.example.test', services: ['amavis', 'antispam', 'antivirus', 'mta'], error: null },
      ]);
    }
  });

  it('lists a server that cannot be described, or whose name is not a host name, with its error; the others still', async () => {
    const [session] = sessions as [CollectHost];
    const withGhost = {
      discovery: {
        ...profile.discovery,
        // The real list, plus a server LDAP does not know and a name that is not a host name.
        listServers: ['sh', '-c', "zmprov -l gas; echo ghost.example.test; echo '../../etc'"],
      },
    };
    const found = await discoverInstallation(session, withGhost);
    expect(found.servers.map((server) => server.name)).toEqual([
      'ldap01.example.test',
      'mbx01.example.test',
      'mta01.example.test',
      'ghost.example.test',
      '../../etc',
    ]);
    expect(found.servers[0]?.error).toBeNull();
    expect(found.servers[3]).toMatchObject({ services: [], error: { code: 'IO_ERROR' } });
    expect(found.servers[3]?.error?.message).toContain('NO_SUCH_SERVER');
    expect(found.servers[4]).toMatchObject({ services: [], error: { code: 'INVALID_INPUT' } });
  });

  it('fails as a whole, saying why, when the server list cannot be had', async () => {
    const [session] = sessions as [CollectHost];
    const broken = { discovery: { ...profile.discovery, listServers: ['zmprov', '-l', 'nosuchcommand'] } };
    await expect(discoverInstallation(session, broken)).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});
