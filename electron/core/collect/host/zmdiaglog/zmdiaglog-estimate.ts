import type { ZmdiaglogRequest } from './zmdiaglog-args';
import { PLANNED_BYTES_PER_SECOND } from '../plan-items';

const MIB = 1024 * 1024;
// Ten rounds of thread dumps, top, ps and netstat 5 s apart, three pstacks, the
// database statistics and Zimbra's own tools (each a Java start): 3-5 minutes on a real server.
const BASE_SECONDS = 240;
// Everything besides the logs: thread dumps, lsof, configuration, statistics.
const OTHER_BYTES = 20 * MIB;
// A live heap dump holds the reachable objects: about half the heap on a server in use.
const HEAP_DUMP_SHARE = 0.5;
// bzip2 makes text logs about a tenth of their size, a heap dump about a third.
const TEXT_ARCHIVED = 0.12;
const HEAP_ARCHIVED = 0.35;
// jmap writes about this much per second; bzip2 -9 reads about this much per second.
const HEAP_DUMP_RATE = 100 * MIB;
const BZIP2_RATE = 10 * MIB;

export interface ZmdiaglogEstimate {
  bytes: number;
  seconds: number;
}

/**
 * The plan's guess for one run: it copies today's logs (`todaysLogBytes`,
 * from the listing) and, with -a or -c, a heap dump (from `heapBytes`, the
 * Java heap); with -z/-Z bzip2 shrinks it and takes its time doing so.
 */
export function estimateZmdiaglog(
  request: ZmdiaglogRequest,
  todaysLogBytes: number,
  heapBytes: number | null,
): ZmdiaglogEstimate {
  const text = todaysLogBytes + OTHER_BYTES;
  const heap = request.heapDump || request.fromCore ? Math.round((heapBytes ?? 0) * HEAP_DUMP_SHARE) : 0;
  const archived = request.archive !== null;
  const bytes = Math.round(archived ? text * TEXT_ARCHIVED + heap * HEAP_ARCHIVED : text + heap);
  const seconds =
    BASE_SECONDS +
    heap / HEAP_DUMP_RATE +
    (archived ? (text + heap) / BZIP2_RATE : 0) +
    bytes / PLANNED_BYTES_PER_SECOND;
  return { bytes, seconds: Math.ceil(seconds) };
}
