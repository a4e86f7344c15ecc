import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupStaleZimbraHosts, createHostNetwork, ip, STATE_DIR } from './host-network';
import { startZimbraHosts, type TestZimbraHost } from './index';

// The fixture itself, against the real thing: the system ssh client reaches
// three namespaced sshds forming one Zimbra installation, and the stand-ins
// behave like the real tools.
const SPECS = [
  { hostname: 'mbx01.example.test', users: [{ name: 'admin', uid: 2301, sudo: 'nopasswd' as const }] },
  { hostname: 'mbx02.example.test', services: ['mailbox', 'logger', 'stats'] },
  { hostname: 'mta01.example.test', services: ['mta', 'amavis', 'antispam', 'antivirus'] },
];

let hosts: TestZimbraHost[] = [];
beforeAll(async () => {
  hosts = await startZimbraHosts(SPECS);
}, 30_000);
afterAll(async () => {
  await Promise.all(hosts.map((host) => host.stop()));
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const sshArgs = (host: TestZimbraHost, user: string, command: string, connectTimeout = 5) => [
  '-F',
  '/dev/null',
  '-i',
  host.clientKeyPath,
  '-o',
  'BatchMode=yes',
  '-o',
  'StrictHostKeyChecking=no',
  '-o',
  'UserKnownHostsFile=/dev/null',
  '-o',
  'LogLevel=ERROR',
  '-o',
  `ConnectTimeout=${connectTimeout}`,
  `${user}@${host.address}`,
  command,
];

function ssh(host: TestZimbraHost, command: string, user = 'root', connectTimeout = 5): Promise<Result> {
  return new Promise((resolve) => {
    execFile('ssh', sshArgs(host, user, command, connectTimeout), { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const asZimbra = (host: TestZimbraHost, command: string) => ssh(host, `su - zimbra -c '${command}'`);

describe('test Zimbra hosts', () => {
  it('start as separate machines the system ssh client logs in to as root', async () => {
    const names = await Promise.all(hosts.map((host) => ssh(host, 'hostname; id -un')));
    expect(names.map((r) => r.stdout)).toEqual(SPECS.map((s) => `${s.hostname}\nroot\n`));
    expect(new Set(hosts.map((h) => h.address)).size).toBe(3);
    for (const host of hosts) expect(host.address).toMatch(/^10\.77\.\d+\.\d+$/);
  });

  it('refuse zmcontrol as root and answer as zimbra', async () => {
    const [mbx] = hosts;
    const [asRoot, version, status] = await Promise.all([
      ssh(mbx!, '/opt/zimbra/bin/zmcontrol -v'),
      asZimbra(mbx!, 'zmcontrol -v'),
      asZimbra(hosts[2]!, 'zmcontrol status'),
    ]);
    expect(asRoot).toMatchObject({ code: 1, stdout: '', stderr: 'Error: must be run as zimbra user\n' });
    expect(version).toMatchObject({
      code: 0,
      stdout: 'Release 10.1.5.GA.4655.UBUNTU22_64 UBUNTU22_64 NETWORK edition.\n',
    });
    expect(status.stdout).toBe(
      'Host mta01.example.test\n' +
        ['amavis', 'antispam', 'antivirus', 'mta', 'zmconfigd']
          .map((s) => `\t${s.padEnd(20)} ${'Running'.padStart(10)}\n`)
          .join(''),
    );
  });

  it('list the installation’s servers with zmprov, the same from every host', async () => {
    const [gs, missing, ...lists] = await Promise.all([
      asZimbra(hosts[0]!, 'zmprov -l gs mta01.example.test'),
      asZimbra(hosts[0]!, 'zmprov -l gs nosuch.example.test'),
      ...hosts.map((host) => asZimbra(host, 'zmprov -l gas')),
    ]);
    for (const list of lists) expect(list.stdout).toBe(SPECS.map((s) => `${s.hostname}\n`).join(''));
    expect(gs.stdout).toMatch(/^# name mta01\.example\.test\n/);
    expect(gs.stdout).toContain('zimbraServiceEnabled: mta\n');
    expect(gs.stdout).not.toContain('zimbraServiceEnabled: mailbox\n');
    expect(missing).toMatchObject({
      code: 2,
      stderr: 'ERROR: account.NO_SUCH_SERVER (no such server: nosuch.example.test)\n',
    });
  });

  it('answer zmlocalconfig, hiding secrets unless -s', async () => {
    const [mbx] = hosts;
    const [plain, value, secret] = await Promise.all([
      ssh(mbx!, '/opt/zimbra/bin/zmlocalconfig'),
      ssh(mbx!, '/opt/zimbra/bin/zmlocalconfig -m nokey zimbra_server_hostname'),
      ssh(mbx!, '/opt/zimbra/bin/zmlocalconfig -s -m nokey zimbra_ldap_password'),
    ]);
    expect(plain.stdout).toContain('mailboxd_java_heap_size = 1024\n');
    expect(plain.stdout).toContain('zimbra_ldap_password = *\n');
    expect(value.stdout).toBe('mbx01.example.test\n');
    expect(secret.stdout).toBe(`${mbx!.secrets.zimbra_ldap_password}\n`);
    expect(secret.stdout).toMatch(/^TEST-SECRET-/);
  });

  it('keep Zimbra’s log tree with rotated days as real gzip, mtimes at the next midnight', async () => {
    const [mbx] = hosts;
    const listing = await ssh(mbx!, 'cd /opt/zimbra/log && ls && stat -c "%U %n" mailbox.log');
    expect(listing.stdout).toContain('zimbra mailbox.log\n');
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    const day = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`;
    const rotated = await ssh(
      mbx!,
      `zcat /opt/zimbra/log/mailbox.log.${day}.gz | head -n 1; date -r /opt/zimbra/log/mailbox.log.${day}.gz '+%F %T'`,
    );
    const [firstLine, mtime] = rotated.stdout.split('\n');
    expect(firstLine).toMatch(new RegExp(`^${day} \\d\\d:\\d\\d:\\d\\d,\\d{3} (INFO |WARN ) \\[`));
    const midnight = new Date(yesterday.getFullYear(), yesterday.getMonth(), yesterday.getDate() + 1);
    expect(mtime).toBe(
      `${midnight.getFullYear()}-${String(midnight.getMonth() + 1).padStart(2, '0')}-${String(midnight.getDate()).padStart(2, '0')} 00:00:00`,
    );
    const var_ = await ssh(mbx!, 'ls /var/log /var/crash');
    expect(var_.stdout).toContain('zimbra.log.1\n');
    expect(var_.stdout).toContain('zimbra.log.2.gz\n');
    expect(var_.stdout).toMatch(/\.crash\n/);
    expect(readFileSync(mbx!.localPathOf('/opt/zimbra/log/mailbox.log'), 'utf8')).toMatch(/ INFO {2}\[/);
  });

  it('runs zmdiaglog as root only, and -z leaves the folder and an archive named by its md5', async () => {
    const [mbx] = hosts;
    const refused = await ssh(mbx!, '/opt/zimbra/libexec/zmdiaglog -z', 'admin');
    // like the real one, it reads localconfig (and fails to) before it checks who runs it
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\nzmdiaglog needs to be run as root\n$/);
    const run = await ssh(mbx!, '/opt/zimbra/libexec/zmdiaglog -z');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Collecting thread stats/stacks: 10 of 10\n');
    const archive =
      /\*\*\*Archive (\/opt\/zimbra\/data\/tmp\/zmdiaglog-mbx01\.example\.test\.\d{8}-\d{6}\.\d+)-([0-9a-f]{32})\.tar\.bz2 complete\./.exec(
        run.stdout,
      );
    expect(archive).not.toBeNull();
    const [, folder, md5] = archive!;
    const bytes = readFileSync(mbx!.localPathOf(`${folder}-${md5}.tar.bz2`));
    expect(createHash('md5').update(bytes).digest('hex')).toBe(md5);
    const inside = await ssh(mbx!, `ls ${folder}/logs; tar tjf ${folder}-${md5}.tar.bz2 | head -n 1`);
    expect(inside.stdout).toContain('mailbox.log\n');
    expect(inside.stdout).toContain(`${folder!.split('/').pop()}/\n`);
  });

  it('hangs in zmdiaglog "hang" mode until the process is killed', async () => {
    const mta = hosts[2]!;
    mta.setZmdiaglog('hang');
    const child: ChildProcess = spawn('ssh', sshArgs(mta, 'root', 'echo $$; exec /opt/zimbra/libexec/zmdiaglog'));
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while (!out.includes('Collecting top/ps/netstat: 1 of 10')) await new Promise((r) => setTimeout(r, 50));
    const pid = Number(out.split('\n')[0]);
    expect(await ssh(mta, `kill -0 ${pid} && kill ${pid}`)).toMatchObject({ code: 0 });
    await exited;
    expect((await ssh(mta, `kill -0 ${pid}`)).code).not.toBe(0);
    mta.setZmdiaglog('ok');
  });

  it('goes down (connects time out) and comes back up', async () => {
    const mbx2 = hosts[1]!;
    mbx2.down();
    const started = Date.now();
    const down = await ssh(mbx2, 'true', 'root', 2);
    expect(down.code).toBe(255);
    expect(down.stderr).toMatch(/timed out/i);
    expect(Date.now() - started).toBeLessThan(4_000);
    mbx2.up();
    expect((await ssh(mbx2, 'hostname')).stdout).toBe('mbx02.example.test\n');
  });

  it('kills sshd (connections refused) and restarts it with the same host key', async () => {
    const mbx2 = hosts[1]!;
    await mbx2.killSshd();
    const refused = await ssh(mbx2, 'true');
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/Connection refused/);
    await mbx2.restartSshd();
    const key = await new Promise<string>((resolve) =>
      execFile('ssh-keyscan', ['-t', 'ed25519', mbx2.address], (_error, stdout) => resolve(stdout)),
    );
    expect(key.trim()).toBe(mbx2.knownHostsLine);
    expect((await ssh(mbx2, 'hostname')).stdout).toBe('mbx02.example.test\n');
  });

  it('removes the namespace of a run whose test process died', async () => {
    const network = createHostNetwork([]);
    const dead = spawnSync('true').pid!;
    const stateFile = `${STATE_DIR}/${network.namespace}.json`;
    writeFileSync(stateFile, JSON.stringify({ ...JSON.parse(readFileSync(stateFile, 'utf8')), ownerPid: dead }));
    const removed = await cleanupStaleZimbraHosts();
    expect(removed).toContain(network.namespace);
    expect(removed).not.toContain(hosts[0]!.namespace);
    expect(ip('netns', 'list')).not.toContain(network.namespace);
    expect(ip('-o', 'link')).not.toContain(network.hostVeth);
  });

  it('leaves no namespace or link behind once stopped', async () => {
    const last = hosts[2]!;
    await last.stop();
    expect(ip('netns', 'list')).not.toContain(last.namespace);
    expect(ip('-o', 'link')).not.toContain(`ckzh${last.namespace.slice(4)}`);
  });
});
