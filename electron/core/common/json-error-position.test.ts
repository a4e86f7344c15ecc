import { describe, expect, it } from 'vitest';
import { findJsonErrorOffset, positionOf } from './json-error-position';

describe('findJsonErrorOffset', () => {
  it('returns null for valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}} ', '"s"', '0']) {
      expect(findJsonErrorOffset(text), text).toBeNull();
    }
  });

  it('finds the offending character', () => {
    expect(findJsonErrorOffset('{"a": }')).toBe(6);
    expect(findJsonErrorOffset('[1, 2,]')).toBe(6);
    expect(findJsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(findJsonErrorOffset("{'a': 1}")).toBe(1);
    expect(findJsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(findJsonErrorOffset('{"a": 01}')).toBe(7);
    expect(findJsonErrorOffset('{"a": "tab\there"}')).toBe(10);
  });

  it('puts the end of input at the end of a truncated text', () => {
    expect(findJsonErrorOffset('{"a": [1, 2')).toBe(11);
  });

  it('gives up quietly on absurd nesting', () => {
    expect(findJsonErrorOffset('['.repeat(200_000))).toBeNull();
  });
});

describe('positionOf', () => {
  it('counts lines and columns from 1', () => {
    const text = 'ab\ncd\nef';
    expect(positionOf(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(text, 4)).toEqual({ line: 2, column: 2 });
    expect(positionOf(text, 6)).toEqual({ line: 3, column: 1 });
  });
});
