import type { ShipProgress, ShipProgressListener } from '../ship-types';

/**
 * Progress of a shipment with several files in flight: finished files count
 * whole, files on the wire count what the socket took. A retry starts its file
 * from zero again, so the bar may step back: it shows bytes really sent.
 */
export function createShipProgress(
  files: { size: number; done: boolean }[],
  listener: ShipProgressListener | undefined,
) {
  const sent = new Map<number, number>();
  let doneBytes = 0;
  let filesDone = 0;
  for (const file of files) {
    if (file.done) {
      doneBytes += file.size;
      filesDone += 1;
    }
  }
  const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
  const report = (current: string | null) => {
    if (listener === undefined) return;
    let inFlight = 0;
    for (const bytes of sent.values()) inFlight += bytes;
    const progress: ShipProgress = {
      file: current,
      bytesDone: doneBytes + inFlight,
      bytesTotal,
      filesDone,
      filesTotal: files.length,
    };
    listener(progress);
  };
  report(null);
  return {
    sending(index: number, name: string, bytes: number): void {
      sent.set(index, bytes);
      report(name);
    },
    finished(index: number): void {
      sent.delete(index);
      doneBytes += files[index]?.size ?? 0;
      filesDone += 1;
      report(null);
    },
  };
}
