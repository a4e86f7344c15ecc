import { caseIdSchema } from '../../../electron/shared/case-schemas';
import { isStepId, type StepId } from '../steps/steps';

export type Route =
  | { name: 'list' }
  | { name: 'servers' }
  | { name: 'case'; caseId: string }
  | { name: 'caseServers'; caseId: string }
  | { name: 'step'; caseId: string; step: StepId }
  | { name: 'notFound' };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** `#/`, `#/servers`, `#/cases/<id>`, `#/cases/<id>/<step>`, `#/cases/<id>/servers`; anything else is "not found". */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { name: 'list' };
  if (path === '/servers' || path === '/servers/') return { name: 'servers' };
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== 'cases' || parts.length > 4) return { name: 'notFound' };
  const caseId = decode(parts[2] ?? '');
  if (caseId === null || !caseIdSchema.safeParse(caseId).success) return { name: 'notFound' };
  const step = parts[3];
  if (step === undefined || step === '') return { name: 'case', caseId };
  if (step === SERVERS_SEGMENT) return { name: 'caseServers', caseId };
  return isStepId(step) ? { name: 'step', caseId, step } : { name: 'notFound' };
}

const SERVERS_SEGMENT = 'servers';

export const listHref = (): string => '#/';
export const serversHref = (): string => `#/${SERVERS_SEGMENT}`;
export const caseHref = (caseId: string): string => `#/cases/${encodeURIComponent(caseId)}`;
export const stepHref = (caseId: string, step: StepId): string => `${caseHref(caseId)}/${step}`;
export const caseServersHref = (caseId: string): string => `${caseHref(caseId)}/${SERVERS_SEGMENT}`;
