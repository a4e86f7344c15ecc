import type { HostPlanner, ItemRunner } from '../collect-types';
import { planHost, runItem } from '../host/index';
import type { CollectionRequest } from './collection-types';

/** The request's planner and runner, else the real per-host operations over SSH. */
export function hostOperations(request: CollectionRequest): { planner: HostPlanner; runner: ItemRunner } {
  return { planner: request.planner ?? planHost, runner: request.runner ?? runItem };
}
