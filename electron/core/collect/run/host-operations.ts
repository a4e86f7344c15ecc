import { CasekitError } from '../../../shared/error-codes';
import type { HostPlanner, ItemRunner } from '../collect-types';
import type { CollectionRequest } from './collection-types';

/** The request's planner and runner (the SSH host operations become the default once they are in). */
export function hostOperations(request: CollectionRequest): { planner: HostPlanner; runner: ItemRunner } {
  if (request.planner === undefined || request.runner === undefined) {
    throw new CasekitError('INTERNAL', 'The collection needs a planner and an item runner.');
  }
  return { planner: request.planner, runner: request.runner };
}
