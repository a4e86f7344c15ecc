import { caseIdSchema } from '../../../electron/shared/case-schemas';
import { isStepId, type StepId } from '../steps/steps';

export type Route =
  | { name: 'list' }
  | { name: 'case'; caseId: string }
  | { name: 'step'; caseId: string; step: StepId }
  | { name: 'notFound' };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** `#/`, `#/cases/<id>`, `#/cases/<id>/<step>`; anything else is "not found". */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { name: 'list' };
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== 'cases' || parts.length > 4) return { name: 'notFound' };
  const caseId = decode(parts[2] ?? '');
  if (caseId === null || !caseIdSchema.safeParse(caseId).success) return { name: 'notFound' };
  const step = parts[3];
  if (step === undefined || step === '') return { name: 'case', caseId };
  return isStepId(step) ? { name: 'step', caseId, step } : { name: 'notFound' };
}

export const listHref = (): string => '#/';
export const caseHref = (caseId: string): string => `#/cases/${encodeURIComponent(caseId)}`;
export const stepHref = (caseId: string, step: StepId): string => `${caseHref(caseId)}/${step}`;
