import { describe, expect, it } from 'vitest';
import {
  isCustomerDomainName,
  isDistinctiveHostLabel,
  isDistinctiveWord,
  isPublicName,
  registrableRoot,
} from './names';

describe('names', () => {
  it('finds the registrable root, also under two-part suffixes', () => {
    expect(registrableRoot('mbx01.example.com')).toBe('example.com');
    expect(registrableRoot('a.b.example.co.uk')).toBe('example.co.uk');
    expect(registrableRoot('mail.firma.com.pl')).toBe('firma.com.pl');
    expect(registrableRoot('example.com')).toBe('example.com');
  });

  it('knows public names and leaves them out of the customer names', () => {
    expect(isPublicName('www.w3.org')).toBe(true);
    expect(isPublicName('zimbra.com')).toBe(true);
    expect(isCustomerDomainName('mail.acme-logistik.de')).toBe(true);
    for (const name of [
      'www.zimbra.com',
      'mailbox.log',
      'com.zimbra.cs.Mailbox',
      'x.invalid',
      'co.uk',
      'localhost',
      'a..b.com',
      '10.0.0.1',
    ]) {
      expect(isCustomerDomainName(name.toLowerCase()), name).toBe(false);
    }
  });

  it('tells distinctive words from common ones', () => {
    expect(isDistinctiveWord('jkowalski')).toBe(true);
    for (const word of ['info', 'zimbra', 'admin', 'jd', '12345']) expect(isDistinctiveWord(word), word).toBe(false);
    expect(isDistinctiveHostLabel('mbx01')).toBe(true);
    expect(isDistinctiveHostLabel('mail')).toBe(false);
  });
});
