import { describe, expect, it } from 'vitest';
import { parseCaseNumber, titleError } from './case-validation';

describe('case form validation', () => {
  it('accepts exactly 8 digits, keeps leading zeros, and treats empty as none', () => {
    expect(parseCaseNumber(' 00012345 ')).toEqual({ ok: true, value: '00012345' });
    expect(parseCaseNumber('')).toEqual({ ok: true, value: null });
    for (const bad of ['1234567', '123456789', '1234 5678', 'abcdefgh', '１２３４５６７８']) {
      expect(parseCaseNumber(bad).ok, bad).toBe(false);
    }
  });

  it('needs a title of at most 200 characters', () => {
    expect(titleError('   ')).toBe('validation.titleRequired');
    expect(titleError('x'.repeat(201))).toBe('validation.titleTooLong');
    expect(titleError(' Mail down ')).toBeNull();
  });
});
