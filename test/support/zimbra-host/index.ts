export { cleanupStaleZimbraHosts, TEST_RANGE } from './host-network';
export { ALL_SERVICES, DEFAULT_RELEASE, type ZmdiaglogBehaviour, type ZmdiaglogMode } from './installation';
export {
  startZimbraHosts,
  type TestZimbraHost,
  type ZimbraHostSpec,
  type ZimbraHostsOptions,
} from './start-zimbra-hosts';
export { MAILBOXD_PID, ZIMBRA_UID } from './zimbra-tree';
