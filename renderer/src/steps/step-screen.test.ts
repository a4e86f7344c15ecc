import { describe, expect, it } from 'vitest';
import { STEP_SCREENS } from './step-screen';
import { BUILT_STEPS, STEP_IDS } from './steps';

describe('built steps', () => {
  it('are exactly the steps with a screen of their own, so none is marked "coming" while built or the reverse', () => {
    expect(Object.keys(STEP_SCREENS).sort()).toEqual([...BUILT_STEPS].sort());
    expect([...BUILT_STEPS].every((step) => STEP_IDS.includes(step))).toBe(true);
    expect(BUILT_STEPS.has('ship')).toBe(true);
  });
});
