/**
 * The item groups a user (or `--items`) chooses; `cores` covers crash files,
 * heap and core dumps. Apart from collect-schemas (which needs zod) so the CLI
 * can define `--items` at start-up without loading zod.
 */
export const COLLECT_ITEM_GROUPS = ['zmdiaglog', 'logs', 'commands', 'cores'] as const;
export type CollectItemGroup = (typeof COLLECT_ITEM_GROUPS)[number];
export const DEFAULT_ITEM_GROUPS: readonly CollectItemGroup[] = ['zmdiaglog', 'logs', 'commands'];
