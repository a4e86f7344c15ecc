import { detach } from './char-classes';

interface Entry<V> {
  readonly key: string;
  value: V;
  next: Entry<V> | undefined;
}

/**
 * A map from strings to values that can be asked about a substring of a
 * window without cutting it out: `get(text, start, end)` hashes the code units
 * in place and compares with startsWith. Cutting a string and hashing it for a
 * Map costs several times more, and the engine asks this for most spans of
 * most lines (the same addresses and names over and over).
 */
export class TextMap<V> {
  private readonly buckets = new Map<number, Entry<V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(text: string, start: number, end: number): V | undefined {
    for (let e = this.buckets.get(hashOf(text, start, end)); e !== undefined; e = e.next) {
      if (e.key.length === end - start && text.startsWith(e.key, start)) return e.value;
    }
    return undefined;
  }

  getKey(key: string): V | undefined {
    return this.get(key, 0, key.length);
  }

  /** Stores under text[start, end) (copied, so the window can go). */
  set(text: string, start: number, end: number, value: V): void {
    const hash = hashOf(text, start, end);
    const head = this.buckets.get(hash);
    for (let e = head; e !== undefined; e = e.next) {
      if (e.key.length === end - start && text.startsWith(e.key, start)) {
        e.value = value;
        return;
      }
    }
    this.buckets.set(hash, { key: detach(text.slice(start, end)), value, next: head });
    this.count++;
  }

  setKey(key: string, value: V): void {
    this.set(key, 0, key.length, value);
  }

  *entries(): IterableIterator<[string, V]> {
    for (const head of this.buckets.values()) {
      for (let e: Entry<V> | undefined = head; e !== undefined; e = e.next) yield [e.key, e.value];
    }
  }

  clear(): void {
    this.buckets.clear();
    this.count = 0;
  }
}

/** FNV-1a over the code units, cut to a small integer (a fast Map key). */
export function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}
