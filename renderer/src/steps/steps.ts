/** The seven steps of a case, in the order the user works through them. */
export const STEP_IDS = ['contact', 'describe', 'severity', 'collect', 'review', 'ship', 'expect'] as const;
export type StepId = (typeof STEP_IDS)[number];

export function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

/** Steps whose screens exist; every other one is marked as coming, in the nav and on its page. */
export const BUILT_STEPS: ReadonlySet<StepId> = new Set<StepId>(['collect', 'ship']);
