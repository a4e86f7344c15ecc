import type { CallInput, CallOutput } from '../../../electron/shared/api-contract';
import type { CollectItem, Collection } from '../../../electron/shared/collect-schemas';

/** The Collect screen's view of the contract, named once. */
export type { CollectItem, Collection };
export type CollectRequest = CallInput<'planCollection'>;
export type StartCollectionInput = CallInput<'startCollection'>;
export type CollectionPlan = CallOutput<'planCollection'>;
export type PlanTotals = CollectionPlan['totals'];
export type Discovery = CallOutput<'discoverServers'>;
export type DiscoveredServer = Discovery['servers'][number];
export type ItemGroup = Collection['groups'][number];
