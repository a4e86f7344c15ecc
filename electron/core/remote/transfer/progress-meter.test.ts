import { describe, expect, it } from 'vitest';
import { ProgressMeter, type TransferProgress } from './progress-meter';

function meterWithClock(total: number, already = 0) {
  let now = 0;
  const reports: TransferProgress[] = [];
  const meter = new ProgressMeter(
    total,
    already,
    (p) => reports.push(p),
    () => now,
  );
  return { meter, reports, advance: (ms: number) => (now += ms) };
}

describe('ProgressMeter', () => {
  it('smooths the rate and derives the ETA from it', () => {
    const { meter, reports, advance } = meterWithClock(100_000_000);
    meter.flush();
    expect(reports[0]).toEqual({ bytesDone: 0, bytesTotal: 100_000_000, rate: 0, eta: null });
    for (let i = 0; i < 8; i += 1) {
      advance(250);
      meter.add(2_500_000); // 10 MB/s
    }
    const last = reports.at(-1)!;
    expect(last.bytesDone).toBe(20_000_000);
    expect(last.rate).toBeCloseTo(10_000_000, -3);
    expect(last.eta).toBeCloseTo(8, 1);
  });

  it('follows a link that slows down without jumping', () => {
    const { meter, reports, advance } = meterWithClock(1e9);
    for (let i = 0; i < 20; i += 1) {
      advance(250);
      meter.add(2_500_000);
    }
    advance(250);
    meter.add(250_000); // suddenly 1 MB/s
    const rate = reports.at(-1)!.rate;
    expect(rate).toBeLessThan(10_000_000);
    expect(rate).toBeGreaterThan(1_000_000);
  });

  it('counts bytes from an earlier attempt as done but not in the rate', () => {
    const { meter, reports, advance } = meterWithClock(1000, 600);
    advance(500);
    meter.add(100);
    expect(reports.at(-1)).toMatchObject({ bytesDone: 700, rate: 200 });
  });

  it('throttles reports, yet reports the last bytes before a stall', async () => {
    const reports: TransferProgress[] = [];
    const meter = new ProgressMeter(1000, 0, (p) => reports.push(p));
    meter.add(10);
    meter.add(10);
    meter.add(10);
    expect(reports.map((r) => r.bytesDone)).toEqual([10]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reports.map((r) => r.bytesDone)).toEqual([10, 30]);
    meter.add(5);
    meter.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reports.map((r) => r.bytesDone)).toEqual([10, 30]);
  });
});
