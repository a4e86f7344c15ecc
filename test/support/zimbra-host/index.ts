export { cleanupStaleZimbraHosts, TEST_RANGE } from './host-network';
export { ALL_SERVICES, DEFAULT_RELEASE, type ZmdiaglogBehaviour, type ZmdiaglogMode } from './installation';
export { startZimbraHosts } from './start-zimbra-hosts';
export type { TestZimbraHost, ZimbraHostSpec, ZimbraHostsOptions } from './zimbra-host-types';
export { MAILBOXD_PID, ZIMBRA_UID } from './zimbra-tree';
