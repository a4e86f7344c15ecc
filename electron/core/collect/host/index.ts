// What happens on one host of a collection: the CollectHost over SSH, listing, the plan and each item.
export { sshCollectHost, type SshCollectHostParams } from './ssh-collect-host';
export { planHost } from './plan-host';
export { runItem } from './run-item';
export { discoverInstallation, type DiscoveredServer, type Discovery } from './discovery';
export { listRemoteFiles, type ListOptions, type RemoteEntry } from './remote-listing';
export { parseZmdiaglogArgs, describeZmdiaglogArgs, type ZmdiaglogRequest } from './zmdiaglog/zmdiaglog-args';
export { itemId, parseItemId } from './plan-items';
export { DUMP_CONSENT_REASON } from './dump-items';
export { hostNameProblem } from './host-names';
export { showsLocalconfigSecrets } from './zmlocalconfig-guard';
