import type { CollectItem } from '../../../shared/collect-schemas';
import type { ItemProgress } from '../collect-types';
import type { CollectProgress, RunningItem } from './collection-types';

/** Byte progress is passed on at most this often; starts and ends of items at once. */
const BYTES_EVERY_MS = 100;

interface Live extends RunningItem {
  label: string;
}

/** `host: item`, naming the item by its remote path, else its command id. */
export function itemLabel(item: CollectItem): string {
  return `${item.host}: ${item.remotePath ?? item.id.split('|').slice(2).join('|')}`;
}

/**
 * Sums the run's progress over every host: what this run set out to do, with
 * estimates replaced by real sizes as items finish, so that done reaches
 * total when the run ends, failures included.
 */
export class ProgressTracker {
  private readonly planned = new Map<string, number>();
  private readonly finished = new Map<string, number>();
  private readonly live = new Map<string, Live>();
  private lastEmitAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly listener?: (progress: CollectProgress) => void) {}

  schedule(items: readonly CollectItem[]): void {
    for (const item of items) this.planned.set(item.id, item.size ?? 0);
    this.emit();
  }

  start(item: CollectItem): void {
    this.live.delete(item.id); // re-inserted last: it becomes `current`
    const entry = { id: item.id, host: item.host, bytesDone: 0, bytesTotal: item.size, line: null };
    this.live.set(item.id, { ...entry, label: itemLabel(item) });
    this.emit();
  }

  update(id: string, progress: ItemProgress): void {
    const live = this.live.get(id);
    if (live === undefined) return;
    live.bytesDone = progress.bytesDone;
    if (progress.bytesTotal !== null) live.bytesTotal = progress.bytesTotal;
    if (progress.line !== undefined) live.line = progress.line;
    const wait = this.lastEmitAt + BYTES_EVERY_MS - Date.now();
    if (wait <= 0) this.emit();
    else this.timer ??= setTimeout(() => this.emit(), wait);
  }

  /** The item ended: `bytes` is what it finally counts for (its size when done, what arrived when not). */
  finish(id: string, bytes?: number): void {
    if (!this.planned.has(id)) return;
    const counted = bytes ?? this.live.get(id)?.bytesDone ?? 0;
    this.live.delete(id);
    this.finished.set(id, counted);
    this.emit();
  }

  /** The item stopped without ending (cancel): it stays to do. */
  stop(id: string): void {
    this.live.delete(id);
    this.emit();
  }

  snapshot(): CollectProgress {
    let bytesDone = 0;
    let bytesTotal = 0;
    for (const [id, planned] of this.planned) {
      const finished = this.finished.get(id);
      const live = this.live.get(id);
      if (finished !== undefined) {
        bytesDone += finished;
        bytesTotal += finished;
      } else {
        bytesDone += live?.bytesDone ?? 0;
        bytesTotal += Math.max(planned, live?.bytesTotal ?? 0, live?.bytesDone ?? 0);
      }
    }
    const running = [...this.live.values()];
    return {
      bytesDone,
      bytesTotal,
      itemsDone: this.finished.size,
      itemsTotal: this.planned.size,
      current: running.at(-1)?.label ?? null,
      running: running.map(({ label: _label, ...item }) => item),
    };
  }

  emit(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.lastEmitAt = Date.now();
    this.listener?.(this.snapshot());
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
