import { describe, expect, it } from 'vitest';
import { caseIdSchema } from '../../shared/case-schemas';
import { jobIdSchema } from '../../shared/job-schemas';
import { compactDate, datedRandomId, randomBase32 } from './random-id';

describe('random ids', () => {
  it('formats the UTC date as yyyymmdd', () => {
    expect(compactDate(new Date('2025-03-01T23:30:00-05:00'))).toBe('20250302');
  });

  it('draws lower-case base32 characters', () => {
    const sample = randomBase32(4000);
    expect(sample).toMatch(/^[a-z2-7]{4000}$/);
    // Every one of the 32 symbols shows up in a sample this large (the chance of a miss is about 1e-54).
    expect(new Set(sample).size).toBe(32);
  });

  it('builds ids that match the contract', () => {
    const date = new Date('2025-03-01T10:00:00Z');
    const caseId = datedRandomId('c', date);
    expect(caseId).toMatch(/^c-20250301-[a-z2-7]{8}$/);
    expect(caseIdSchema.safeParse(caseId).success).toBe(true);
    expect(jobIdSchema.safeParse(datedRandomId('job', date)).success).toBe(true);
    expect(datedRandomId('c', date)).not.toBe(caseId);
  });
});
