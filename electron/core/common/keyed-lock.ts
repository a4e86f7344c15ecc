/**
 * Runs tasks one at a time per key. Stores read a document, change it and
 * write it back; two such updates of the same document running interleaved
 * would lose one of the changes.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => turn);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Forget the key once nobody queued behind us, so the map does not grow with every id ever used.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
