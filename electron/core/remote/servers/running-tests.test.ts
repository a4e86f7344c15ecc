import { describe, expect, it } from 'vitest';
import { caught } from '../../testing/caught';
import { RunningTests } from './running-tests';

/** Work that waits until its signal aborts, then rejects with the signal's reason. */
const untilAborted = (signal: AbortSignal): Promise<string> =>
  new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));

describe('RunningTests', () => {
  it('cancels a running test by its id, once', async () => {
    const tests = new RunningTests();
    const running = tests.run('t-aaaaaaaa', undefined, untilAborted);
    expect(tests.size).toBe(1);
    expect(tests.cancel('t-aaaaaaaa')).toBe(true);
    expect((await caught(running)).code).toBe('CANCELLED');
    expect(tests.cancel('t-aaaaaaaa')).toBe(false);
    expect(tests.size).toBe(0);
  });

  it('forgets a test that ended, so a late cancel finds nothing', async () => {
    const tests = new RunningTests();
    expect(await tests.run('t-bbbbbbbb', undefined, async () => 'done')).toBe('done');
    expect(tests.cancel('t-bbbbbbbb')).toBe(false);
  });

  it('refuses a second test under an id that is still running, leaving the first alone', async () => {
    const tests = new RunningTests();
    const first = tests.run('t-cccccccc', undefined, untilAborted);
    expect((await caught(tests.run('t-cccccccc', undefined, async () => 'second'))).code).toBe('INVALID_INPUT');
    expect(tests.size).toBe(1);
    tests.cancel('t-cccccccc');
    await caught(first);
  });

  it('aborts on the caller’s own signal too, and runs tests without an id', async () => {
    const tests = new RunningTests();
    const outer = new AbortController();
    const running = tests.run(undefined, outer.signal, untilAborted);
    expect(tests.size).toBe(0);
    outer.abort(new Error('shutting down'));
    await expect(running).rejects.toThrow('shutting down');
  });
});
