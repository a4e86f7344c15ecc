// The collection engine: plans and runs a collection over many hosts, with its journal.
export { planCollection, runCollection } from './collection-engine';
export { COLLECTION_FILE, readCollection } from './collection-file';
export { LEFT_OUT_BY_USER } from './merge-items';
export type {
  CollectionRequest,
  CollectProgress,
  PlanCallbacks,
  RunCallbacks,
  RunningItem,
  RunRequest,
} from './collection-types';
