import { detach } from './char-classes';
import { TextMap } from './text-map';
import { isCustomerDomainName, isDistinctiveHostLabel, isShortHostName, registrableRoot } from './names';
import type { Vocabulary } from './types';

/** What pass 1 learns, as sets of lower-case strings. */
export class VocabularyBuilder {
  readonly domains = new Set<string>();
  readonly hosts = new Set<string>();
  readonly users = new Set<string>();
  readonly devices = new Set<string>();
  // What was already looked at, by position in the window (most values repeat line after line).
  private readonly seenNames = new TextMap<true>();
  private readonly seenUsers = new TextMap<true>();
  private readonly seenDevices = new TextMap<true>();

  /** A name at lower[start, end): `addName` unless it was seen before. */
  addNameAt(lower: string, start: number, end: number): void {
    if (this.seenNames.get(lower, start, end) !== undefined) return;
    this.seenNames.set(lower, start, end, true);
    this.addName(lower.slice(start, end));
  }

  addUserAt(lower: string, start: number, end: number): void {
    if (this.seenUsers.get(lower, start, end) !== undefined) return;
    this.seenUsers.set(lower, start, end, true);
    this.users.add(detach(lower.slice(start, end)));
  }

  addDeviceAt(lower: string, start: number, end: number): void {
    if (this.seenDevices.get(lower, start, end) !== undefined) return;
    this.seenDevices.set(lower, start, end, true);
    this.devices.add(detach(lower.slice(start, end)));
  }

  /**
   * A DNS name of the customer: its registrable root becomes a domain; a name
   * under it a host, and its first label a short host name when it is
   * distinctive (`mbx01`, not `mail`).
   */
  addName(name: string): void {
    if (this.hosts.has(name) || this.domains.has(name) || !isCustomerDomainName(name)) return;
    name = detach(name);
    const root = registrableRoot(name);
    this.domains.add(root);
    if (name === root) return;
    this.hosts.add(name);
    const label = name.slice(0, name.indexOf('.'));
    if (isDistinctiveHostLabel(label)) this.hosts.add(label);
  }

  /** A host name seen without a domain where only a host can be (a syslog header, a host-name setting). */
  addShortHost(name: string): void {
    if (!this.hosts.has(name) && isShortHostName(name)) this.hosts.add(detach(name));
  }

  /** Everything learned that `known` does not hold yet. */
  newSince(known: Vocabulary): Vocabulary {
    const fresh = (set: Set<string>, old: string[]): string[] => {
      const had = new Set(old);
      return [...set].filter((item) => !had.has(item)).sort();
    };
    return {
      domains: fresh(this.domains, known.domains),
      hosts: fresh(this.hosts, known.hosts),
      users: fresh(this.users, known.users),
      devices: fresh(this.devices, known.devices),
    };
  }
}

/** `a` and `b` together, sorted and without repeats. */
export function mergeVocabulary(a: Vocabulary, b: Vocabulary): Vocabulary {
  const union = (x: string[], y: string[]): string[] => [...new Set([...x, ...y])].sort();
  return {
    domains: union(a.domains, b.domains),
    hosts: union(a.hosts, b.hosts),
    users: union(a.users, b.users),
    devices: union(a.devices, b.devices),
  };
}
