import { describe, expect, it } from 'vitest';
import { currentHop, hopAt } from './chain-hop';

const bastion = { host: 'bastion.example.com', port: 22 };
const inner = { host: '10.0.0.5', port: 2222 };
const target = { host: 'mbx01.internal', port: 22 };

describe('hopAt', () => {
  it('numbers jump hosts from 1 and puts the target after them', () => {
    expect(hopAt(0, 3)).toEqual({ role: 'jump', position: 1, jumpHosts: 2 });
    expect(hopAt(1, 3)).toEqual({ role: 'jump', position: 2, jumpHosts: 2 });
    expect(hopAt(2, 3)).toEqual({ role: 'target', position: 3, jumpHosts: 2 });
  });

  it('calls a direct connection the target, with no jump hosts', () => {
    expect(hopAt(0, 1)).toEqual({ role: 'target', position: 1, jumpHosts: 0 });
  });

  it('keeps an index outside the chain inside it', () => {
    expect(hopAt(-1, 2)).toEqual({ role: 'jump', position: 1, jumpHosts: 1 });
    expect(hopAt(7, 2)).toEqual({ role: 'target', position: 2, jumpHosts: 1 });
  });
});

describe('currentHop', () => {
  const chain = [bastion, inner, target];

  it('is the hop whose host key was checked last', () => {
    expect(currentHop(chain, [bastion])).toEqual({ role: 'jump', position: 1, jumpHosts: 2 });
    expect(currentHop(chain, [bastion, inner])).toEqual({ role: 'jump', position: 2, jumpHosts: 2 });
    expect(currentHop(chain, [bastion, inner, target])).toEqual({ role: 'target', position: 3, jumpHosts: 2 });
  });

  it('trusts the address over the count when the two disagree', () => {
    expect(currentHop(chain, [bastion, bastion, inner])).toEqual({ role: 'jump', position: 2, jumpHosts: 2 });
  });

  it('tells apart two hops on the same host by their port', () => {
    const sameHost = [bastion, { host: bastion.host, port: 2200 }, target];
    expect(currentHop(sameHost, [bastion, { host: bastion.host, port: 2200 }])).toEqual({
      role: 'jump',
      position: 2,
      jumpHosts: 2,
    });
  });
});
