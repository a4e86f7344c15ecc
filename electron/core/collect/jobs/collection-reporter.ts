import type { CollectionChanged, ItemLive } from '../../../shared/collect-api-schemas';
import type { Collection } from '../../../shared/collect-schemas';
import { PROGRESS_EVENTS_PER_SECOND } from '../../../shared/job-schemas';
import { ProgressThrottle } from '../../jobs/progress-throttle';
import type { CollectProgress, RunningItem } from '../run/index';

const MIN_INTERVAL_MS = 1000 / PROGRESS_EVENTS_PER_SECOND;
const MAX_LINE_LENGTH = 500;

/**
 * Turns the engine's stream of collection snapshots and running items into
 * `collectionChanged` events, a few a second at most, each running item with
 * its own smoothed rate and time left. The last state is always sent.
 */
export class CollectionReporter {
  private collection: Collection | null = null;
  private running: RunningItem[] = [];
  private readonly meters = new Map<string, ProgressThrottle>();
  private timer: NodeJS.Timeout | null = null;
  // The first change goes out at once.
  private lastEmitAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly caseId: string,
    private readonly jobId: string,
    private readonly emit: (payload: CollectionChanged) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  update(collection: Collection): void {
    this.collection = collection;
    this.schedule();
  }

  progress(progress: CollectProgress): void {
    this.running = progress.running;
    const ids = new Set(progress.running.map((item) => item.id));
    for (const id of this.meters.keys()) if (!ids.has(id)) this.meters.delete(id);
    for (const item of progress.running) {
      let meter = this.meters.get(item.id);
      if (meter === undefined) {
        meter = new ProgressThrottle({ clock: this.clock });
        this.meters.set(item.id, meter);
      }
      meter.record({
        bytesDone: item.bytesDone,
        bytesTotal: item.bytesTotal,
        itemsDone: 0,
        itemsTotal: null,
        current: null,
      });
    }
    this.schedule();
  }

  /** Sends the last state now, with nothing running: call when the run ended, however it ended. */
  finish(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = [];
    this.meters.clear();
    this.send();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastEmitAt + MIN_INTERVAL_MS - this.clock());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, wait);
  }

  private send(): void {
    if (this.collection === null) return;
    this.lastEmitAt = this.clock();
    const running = new Set(this.collection.items.filter((item) => item.status === 'running').map((item) => item.id));
    const live: ItemLive[] = this.running
      .filter((item) => running.has(item.id))
      .map((item) => {
        const reading = this.meters.get(item.id)?.current();
        return {
          id: item.id,
          bytesDone: item.bytesDone,
          bytesTotal: item.bytesTotal,
          rate: reading?.rate ?? 0,
          eta: reading?.eta ?? null,
          // One line is shown; a long one would bloat every event.
          line: item.line === null ? null : item.line.slice(0, MAX_LINE_LENGTH),
        };
      });
    this.emit({ caseId: this.caseId, jobId: this.jobId, collection: this.collection, live });
  }
}
