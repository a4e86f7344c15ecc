import { describe, expect, it } from 'vitest';
import { TextMap } from './text-map';

describe('TextMap', () => {
  it('finds a value by a substring of any text, and keeps keys apart that share a hash bucket', () => {
    const map = new TextMap<number>();
    const text = 'ip=10.1.2.3 and 10.1.2.3 and 10.1.2.30';
    map.set(text, 3, 11, 1);
    expect(map.get(text, 16, 24)).toBe(1);
    expect(map.getKey('10.1.2.3')).toBe(1);
    expect(map.get(text, 29, 38)).toBeUndefined();
    for (let i = 0; i < 5000; i++) map.setKey(`k${i}`, i);
    for (let i = 0; i < 5000; i++) expect(map.getKey(`k${i}`)).toBe(i);
    map.set(text, 3, 11, 2);
    expect(map.getKey('10.1.2.3')).toBe(2);
    expect(map.size).toBe(5001);
    expect([...map.entries()].find(([key]) => key === '10.1.2.3')).toEqual(['10.1.2.3', 2]);
    map.clear();
    expect(map.size).toBe(0);
  });
});
