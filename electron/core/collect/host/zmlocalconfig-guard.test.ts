import { describe, expect, it } from 'vitest';
import { showsLocalconfigSecrets } from './zmlocalconfig-guard';

describe('showsLocalconfigSecrets', () => {
  it.each([
    [['zmlocalconfig', '-s']],
    [['zmlocalconfig', '--show']],
    [['/opt/zimbra/bin/zmlocalconfig', '-x', '-s', '-m', 'nokey', 'zimbra_ldap_password']],
    [['zmlocalconfig', '-xs']],
    [['sh', '-c', 'zmlocalconfig -s']],
    ['zmlocalconfig -s zimbra_mysql_password'],
    ["true; '/opt/zimbra/bin/zmlocalconfig' --show=1"],
  ])('refuses %j', (what) => expect(showsLocalconfigSecrets(what)).toBe(true));

  it.each([
    [['zmlocalconfig']],
    [['zmlocalconfig', '-m', 'nokey', 'mailboxd_java_heap_size']],
    [['zmlocalconfig', '-n']],
    ['zmlocalconfig -x; ls -s'],
    [['ls', '-s']],
  ])('allows %j', (what) => expect(showsLocalconfigSecrets(what)).toBe(false));
});
