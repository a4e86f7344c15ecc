import { CasekitError } from '../../../shared/error-codes';
import { errorMessage } from '../../common/error-text';
import type { CollectProfile } from '../../vendor';
import type { CollectHost } from '../collect-host';
import { hostNameProblem, shown } from './host-names';

export interface DiscoveredServer {
  /** As the installation names it; validated as a host name unless `error` says it is not one. */
  name: string;
  /** The enabled services (mailbox, mta, ldap, proxy, …), sorted. */
  services: string[];
  /** Why this server could not be described; the others still are. */
  error: { code: string; message: string } | null;
}

export interface Discovery {
  servers: DiscoveredServer[];
}

const TIMEOUT_MS = 180_000;
// zmprov is a Java program: each start costs seconds and memory on the server.
const AT_ONCE = 3;

/** Server names from `zmprov -l gas`: one per line, blanks ignored, duplicates once. */
export function parseServerList(output: string): string[] {
  const names = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return [...new Set(names)];
}

/** Values of `attribute` in `zmprov gs` output (`attribute: value` lines; a value may repeat). */
export function parseAttributeValues(output: string, attribute: string): string[] {
  const values = new Set<string>();
  for (const line of output.split('\n')) {
    const at = line.indexOf(': ');
    if (at <= 0 || line.slice(0, at) !== attribute) continue;
    const value = line.slice(at + 2).trim();
    if (value !== '') values.add(value);
  }
  return [...values].sort();
}

/**
 * Lists every server of the installation from one server (`zmprov -l gas`,
 * then `zmprov -l gs <name>` for each, as the service user) with its enabled
 * services. A name that is not a host name, or a server that cannot be
 * described, is listed with its error instead of failing the whole discovery.
 */
export async function discoverInstallation(
  host: Pick<CollectHost, 'run'>,
  profile: Pick<CollectProfile, 'discovery'>,
  signal?: AbortSignal,
): Promise<Discovery> {
  const { listServers, describeServer, serviceAttribute } = profile.discovery;
  const listed = await host.run(listServers, 'service', { signal, timeoutMs: TIMEOUT_MS });
  const said = listed.stderr.toString('utf8').trim();
  if (listed.exitCode !== 0)
    throw new CasekitError(
      'IO_ERROR',
      `Listing the installation's servers (${listServers.join(' ')}) failed with exit status ${listed.exitCode}${said ? `: ${said.slice(0, 300)}` : ''}. Check that Zimbra's LDAP is running (zmcontrol status), then try again.`,
    );
  const names = parseServerList(listed.stdout.toString('utf8'));
  const describe = async (name: string): Promise<DiscoveredServer> => {
    const problem = hostNameProblem(name);
    if (problem !== null)
      return failed(
        name,
        new CasekitError(
          'INVALID_INPUT',
          `The server list named ${shown(name)}, which is not a host name (${problem}); it was left out.`,
        ),
      );
    try {
      const argv = describeServer.map((word) => word.replaceAll('{host}', name));
      const result = await host.run(argv, 'service', { signal, timeoutMs: TIMEOUT_MS });
      if (result.exitCode !== 0) {
        const text = result.stderr.toString('utf8').trim() || result.stdout.toString('utf8').trim();
        return failed(
          name,
          new CasekitError(
            'IO_ERROR',
            `${argv.join(' ')} failed with exit status ${result.exitCode}${text ? `: ${text.slice(0, 300)}` : ''}.`,
          ),
        );
      }
      return { name, services: parseAttributeValues(result.stdout.toString('utf8'), serviceAttribute), error: null };
    } catch (err) {
      if (signal?.aborted) throw err;
      return failed(name, err);
    }
  };
  return { servers: await mapLimited(names, AT_ONCE, describe) };
}

function failed(name: string, err: unknown): DiscoveredServer {
  const code = err instanceof CasekitError ? err.code : 'INTERNAL';
  return { name, services: [], error: { code, message: errorMessage(err) } };
}

/** `fn` over `items`, at most `limit` at once, results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
