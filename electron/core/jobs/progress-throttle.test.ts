import { describe, expect, it } from 'vitest';
import { PROGRESS_EVENTS_PER_SECOND } from '../../shared/job-schemas';
import { ProgressThrottle, type ProgressCounters } from './progress-throttle';

function harness(opts: { smoothingMs?: number } = {}) {
  let ms = 0;
  const throttle = new ProgressThrottle({ clock: () => ms, ...opts });
  return {
    throttle,
    advance: (by: number) => {
      ms += by;
    },
  };
}

const counters = (bytesDone: number, bytesTotal: number | null = 10_000): ProgressCounters => ({
  bytesDone,
  bytesTotal,
  itemsDone: 0,
  itemsTotal: null,
  current: null,
});

describe('ProgressThrottle emission', () => {
  it(`emits at most ${PROGRESS_EVENTS_PER_SECOND} readings a second however often it is fed`, () => {
    const { throttle, advance } = harness();
    let emitted = 0;
    for (let i = 0; i < 1000; i++) {
      if (throttle.record(counters(i * 10)) !== null) emitted++;
      advance(1);
    }
    expect(emitted).toBe(PROGRESS_EVENTS_PER_SECOND);
  });

  it('emits the first reading at once and the next once the interval has passed', () => {
    const { throttle, advance } = harness();
    expect(throttle.record(counters(1))).not.toBeNull();
    advance(249);
    expect(throttle.record(counters(2))).toBeNull();
    advance(1);
    expect(throttle.record(counters(3))).toMatchObject({ bytesDone: 3 });
  });

  it('hands over the held-back final reading on flush, once', () => {
    const { throttle, advance } = harness();
    throttle.record(counters(1));
    advance(10);
    expect(throttle.record(counters(10_000))).toBeNull();
    expect(throttle.flush()).toMatchObject({ bytesDone: 10_000, eta: 0 });
    expect(throttle.flush()).toBeNull();
  });

  it('has nothing to flush when the last reading was already emitted', () => {
    const { throttle } = harness();
    throttle.record(counters(5));
    expect(throttle.flush()).toBeNull();
    expect(throttle.current()).toMatchObject({ bytesDone: 5 });
  });

  it('is not muted for good by a clock that goes backwards', () => {
    const { throttle, advance } = harness();
    advance(10_000);
    throttle.record(counters(1));
    advance(-5_000);
    expect(throttle.record(counters(2))).not.toBeNull();
  });
});

describe('ProgressThrottle rate and ETA', () => {
  it('knows neither rate nor ETA from a single sample', () => {
    const { throttle } = harness();
    expect(throttle.record(counters(500))).toMatchObject({ rate: 0, eta: null });
  });

  it('measures a steady rate exactly and derives the ETA from it', () => {
    const { throttle, advance } = harness();
    for (let i = 0; i <= 10; i++) {
      throttle.record(counters(i * 100));
      advance(100);
    }
    // 100 bytes every 100 ms; 1000 of 10 000 bytes done.
    expect(throttle.current()?.rate).toBeCloseTo(1000, 6);
    expect(throttle.current()?.eta).toBeCloseTo(9, 6);
  });

  it('smooths a sudden change instead of jumping to it', () => {
    const { throttle, advance } = harness({ smoothingMs: 3000 });
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      throttle.record(counters(bytes, null));
      bytes += 100;
      advance(100);
    }
    expect(throttle.current()?.rate).toBeCloseTo(1000, 6);
    bytes += 900; // ten times faster for one sample
    throttle.record(counters(bytes, null));
    const rate = throttle.current()?.rate ?? 0;
    expect(rate).toBeGreaterThan(1000);
    expect(rate).toBeLessThan(2000);
  });

  it('merges samples closer together than the sample window', () => {
    const { throttle, advance } = harness();
    throttle.record(counters(0));
    advance(1);
    throttle.record(counters(1000)); // 1 ms later: far too short to say anything about speed
    expect(throttle.current()?.rate).toBe(0);
    advance(199);
    throttle.record(counters(2000));
    expect(throttle.current()?.rate).toBeCloseTo(10_000, 6);
  });

  it('has no ETA without a total, and zero once the total is reached', () => {
    const { throttle, advance } = harness();
    throttle.record(counters(0, null));
    advance(500);
    expect(throttle.record(counters(500, null))).toMatchObject({ rate: 1000, eta: null });
    advance(500);
    expect(throttle.record(counters(10_000))).toMatchObject({ eta: 0 });
  });

  it('starts measuring afresh when the byte counter goes back', () => {
    const { throttle, advance } = harness();
    throttle.record(counters(5000));
    advance(1000);
    throttle.record(counters(6000));
    advance(1000);
    throttle.record(counters(0)); // e.g. a retried file starting over
    expect(throttle.current()?.rate).toBeCloseTo(1000, 6);
    advance(1000);
    throttle.record(counters(1000));
    expect(throttle.current()?.rate).toBeCloseTo(1000, 6);
  });
});
