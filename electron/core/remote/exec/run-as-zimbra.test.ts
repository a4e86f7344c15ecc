import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import {
  CASEKIT_PASSWORD,
  startExecTestServer,
  type ExecTestServer,
} from '../../../../test/support/sshd/exec-test-server';
import { runAsZimbra } from './privilege';

let withZimbra: ExecTestServer;
let withoutZimbra: ExecTestServer;

beforeAll(async () => {
  [withZimbra, withoutZimbra] = await Promise.all([
    startExecTestServer({ zimbra: true }),
    startExecTestServer({ zimbra: false }),
  ]);
});
afterAll(() => Promise.all([withZimbra.stop(), withoutZimbra.stop()]));

const sudoPassword = () => Promise.resolve(CASEKIT_PASSWORD);

describe('runAsZimbra', () => {
  it('runs as zimbra with its login environment when the session user is root', async () => {
    const result = await runAsZimbra(await withZimbra.as('root'), 'root', 'id -un; pwd; echo "$HOME|$CASEKIT_X"', {
      env: { CASEKIT_X: "a 'b'" },
    });
    const home = `${withZimbra.sshd.dir}/home/zimbra`;
    // `su -`: a login shell that starts in zimbra's home, with zimbra's HOME.
    expect(result.stdout.toString()).toBe(`zimbra\n${home}\n${home}|a 'b'\n`);
  });

  it('goes through sudo for a NOPASSWD user', async () => {
    const result = await runAsZimbra(await withZimbra.as('nopass'), 'nopass', ['id', '-un']);
    expect(result.stdout.toString()).toBe('zimbra\n');
  });

  it('goes through sudo with a password, and delivers stdin to the zimbra command', async () => {
    const result = await runAsZimbra(await withZimbra.as('casekit'), 'casekit', 'id -un; cat', {
      sudoPassword,
      stdin: 'to zimbra',
    });
    expect(result.stdout.toString()).toBe('zimbra\nto zimbra');
    expect(result.stderr.toString()).toBe('');
  });

  it('passes the exit status of the zimbra command through su and sudo', async () => {
    const result = await runAsZimbra(await withZimbra.as('casekit'), 'casekit', 'exit 5', { sudoPassword });
    expect(result.exitCode).toBe(5);
  });

  it('says ZIMBRA_USER_MISSING where the server has no zimbra user', async () => {
    const error = await caught(runAsZimbra(await withoutZimbra.as('root'), 'root', ['id', '-un']));
    expect(error.code).toBe('ZIMBRA_USER_MISSING');
    expect(error.message).toContain('no zimbra user');
  });

  it('checks for the zimbra user before asking for a sudo password', async () => {
    let asked = 0;
    const error = await caught(
      runAsZimbra(await withoutZimbra.as('casekit'), 'casekit', ['id'], {
        sudoPassword: () => Promise.resolve(String(++asked)),
      }),
    );
    expect(error.code).toBe('ZIMBRA_USER_MISSING');
    expect(asked).toBe(0);
  });
});
