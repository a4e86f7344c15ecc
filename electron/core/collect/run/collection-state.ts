import type { CollectHost, CollectItem, Collection } from '../../../shared/collect-schemas';
import type { CollectionRequest } from './collection-types';
import { CollectionJournal } from './collection-file';

/**
 * The collection in memory while it is planned or run: every change goes
 * through here, which stamps it, schedules the journal write and tells the
 * caller (a copy, so what the caller keeps never changes under it).
 */
export class CollectionState {
  readonly journal: CollectionJournal;
  private readonly collection: Collection;
  private readonly byId = new Map<string, CollectItem>();

  constructor(
    earlier: Collection | null,
    request: CollectionRequest,
    private readonly onUpdate?: (collection: Collection) => void,
  ) {
    const now = new Date().toISOString();
    const hosts = earlier?.hosts.map((host) => ({ ...host })) ?? [];
    for (const target of request.targets) {
      if (!hosts.some((host) => host.target === target)) {
        hosts.push({ target, host: null, services: [], status: 'pending', error: null });
      }
    }
    this.collection = {
      schemaVersion: 1,
      case: request.caseNumber ?? earlier?.case ?? null,
      vendor: request.vendor,
      since: request.options.since.toISOString(),
      groups: [...request.options.groups],
      createdAt: earlier?.createdAt ?? now,
      updatedAt: now,
      hosts,
      items: earlier?.items.map((item) => ({ ...item })) ?? [],
    };
    this.reindex();
    this.journal = new CollectionJournal(request.outDir, () => this.collection);
  }

  private reindex(): void {
    this.byId.clear();
    for (const item of this.collection.items) this.byId.set(item.id, item);
  }

  snapshot(): Collection {
    return structuredClone(this.collection);
  }

  host(target: string): CollectHost {
    const found = this.collection.hosts.find((host) => host.target === target);
    if (found === undefined) throw new Error(`no host entry for ${target}`);
    return found;
  }

  /** The items recorded for the server that calls itself `hostname`. */
  itemsOf(hostname: string): CollectItem[] {
    return this.collection.items.filter((item) => item.host === hostname);
  }

  /** The hostname another target of this collection already has, for telling two names of one server apart. */
  targetNamed(hostname: string, except: string): string | null {
    return this.collection.hosts.find((host) => host.host === hostname && host.target !== except)?.target ?? null;
  }

  updateHost(target: string, patch: Partial<CollectHost>): void {
    Object.assign(this.host(target), patch);
    this.changed();
  }

  /** Puts a host's new item list where its old one was, so the file keeps hosts together. */
  replaceItems(hostname: string, items: readonly CollectItem[]): void {
    const all = this.collection.items;
    const first = all.findIndex((item) => item.host === hostname);
    const others = all.filter((item) => item.host !== hostname);
    const at = first === -1 ? others.length : all.slice(0, first).filter((item) => item.host !== hostname).length;
    others.splice(at, 0, ...items.map((item) => ({ ...item })));
    this.collection.items = others;
    this.reindex();
    this.changed();
  }

  item(id: string): CollectItem {
    const found = this.byId.get(id);
    if (found === undefined) throw new Error(`no item ${id}`);
    return found;
  }

  updateItem(id: string, patch: Partial<CollectItem>): void {
    Object.assign(this.item(id), patch);
    this.changed();
  }

  /** Several updates as one change: one journal write, one update to the caller. */
  batch(change: () => void): void {
    const inner = this.changed;
    this.changed = () => undefined;
    try {
      change();
    } finally {
      this.changed = inner;
    }
    this.changed();
  }

  private changed = (): void => {
    this.collection.updatedAt = new Date().toISOString();
    this.journal.touch();
    this.onUpdate?.(this.snapshot());
  };
}
