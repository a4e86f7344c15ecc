import { describe, expect, it } from 'vitest';
import { newMapSnapshot } from './map-snapshot';
import { Pseudonymizer } from './pseudonymizer';

const TAG = '[a-z2-7]{10}';

describe('pseudonyms', () => {
  it('are functions of the key and the value: two instances of one map agree, another map differs', () => {
    const map = newMapSnapshot();
    const [a, b, c] = [new Pseudonymizer(map), new Pseudonymizer(map), new Pseudonymizer(newMapSnapshot())];
    for (const p of [a, b]) expect(p.email('jdoe@example.com')).toBe(a.email('jdoe@example.com'));
    expect(b.name('mbx01.example.com')).toBe(a.name('mbx01.example.com'));
    expect(b.address('ipv4', '10.1.2.3')).toBe(a.address('ipv4', '10.1.2.3'));
    expect(c.email('jdoe@example.com')).not.toBe(a.email('jdoe@example.com'));
  });

  it('keep shapes: addresses, hosts under their domain, users, devices, keywords', () => {
    const p = new Pseudonymizer(newMapSnapshot());
    const domain = p.name('example.com');
    expect(domain).toMatch(new RegExp(`^d-${TAG}\\.invalid$`));
    expect(p.name('mbx01.example.com')).toMatch(new RegExp(`^h-${TAG}\\.${domain.replace('.', '\\.')}$`));
    expect(p.name('a.b.example.co.uk')).toMatch(new RegExp(`^h-${TAG}\\.h-${TAG}\\.d-${TAG}\\.invalid$`));
    expect(p.shortHost('mbx01')).toBe(p.name('mbx01.example.com').split('.')[0]);
    expect(p.email('jdoe@example.com')).toBe(`${p.user('jdoe')}@${domain}`);
    expect(p.device('appl123')).toMatch(new RegExp(`^dev-${TAG}$`));
    expect(p.keyword('acme')).toMatch(new RegExp(`^kw-${TAG}$`));
    expect(p.custom('project', 'apollo')).toMatch(new RegExp(`^project-${TAG}$`));
  });

  it('leave public names as they are', () => {
    const p = new Pseudonymizer(newMapSnapshot());
    expect(p.name('www.zimbra.com')).toBe('www.zimbra.com');
    expect(p.email('someone@gmail.com')).toBe(`${p.user('someone')}@gmail.com`);
  });

  it('keep loopback, 0/8 and 255/8, and never map another address into them', () => {
    const p = new Pseudonymizer(newMapSnapshot());
    for (const kept of ['127.0.0.1', '0.0.0.0', '255.255.255.0', '::1', '::']) {
      expect(p.address(kept.includes(':') ? 'ipv6' : 'ipv4', kept)).toBe(kept);
    }
    for (let i = 1; i < 255; i++) {
      const first = Number(p.address('ipv4', `${i}.1.2.3`).split('.')[0]);
      if (i !== 127) expect([0, 127, 255]).not.toContain(first);
    }
  });

  it('write MAC addresses as locally administered unicast, in the separator and case of the original', () => {
    const p = new Pseudonymizer(newMapSnapshot());
    const lower = p.address('mac', '00:1a:2b:3c:4d:5e');
    expect(p.address('mac', '00-1A-2B-3C-4D-5E')).toBe(lower.toUpperCase().replace(/:/g, '-'));
    expect(parseInt(lower.slice(0, 2), 16) & 0x03).toBe(0x02);
    expect(p.address('mac', 'ff:ff:ff:ff:ff:ff')).toBe('ff:ff:ff:ff:ff:ff');
  });

  it('record what they hand out, once, as new entries', () => {
    const map = newMapSnapshot();
    map.entries.user.known = 'user-aaaaaaaaaa';
    const p = new Pseudonymizer(map);
    expect(p.user('known')).toBe('user-aaaaaaaaaa');
    p.email('jdoe@mbx01.example.com');
    p.address('ipv4', '10.1.2.3');
    const entries = p.newEntries();
    expect(Object.keys(entries.user)).toEqual([]);
    expect(Object.keys(entries.email)).toEqual(['jdoe@mbx01.example.com']);
    expect(Object.keys(entries.domain)).toEqual(['example.com']);
    expect(Object.keys(entries.host)).toEqual(['mbx01.example.com']);
    expect(Object.keys(entries.ipv4)).toEqual(['10.1.2.3']);
  });
});
