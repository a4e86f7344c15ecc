import type { ComponentType } from 'react';
import type { CaseRecord } from '../../../electron/shared/case-schemas';
import { CollectScreen } from '../collect/collect-screen';
import { ShipScreen } from '../ship/ship-screen';
import { StepPage } from './step-page';
import type { StepId } from './steps';

/** The screens of built steps (BUILT_STEPS lists the same ones; a test keeps them in step). */
export const STEP_SCREENS: { readonly [S in StepId]?: ComponentType<{ record: CaseRecord }> } = {
  collect: CollectScreen,
  ship: ShipScreen,
};

/** A built step's own screen, or the page that says the step is not built yet. */
export function StepScreen({ record, step }: { record: CaseRecord; step: StepId }) {
  const Screen = STEP_SCREENS[step];
  return Screen === undefined ? <StepPage caseId={record.id} step={step} /> : <Screen record={record} />;
}
