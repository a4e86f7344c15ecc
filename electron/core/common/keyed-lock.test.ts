import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedLock', () => {
  it('runs tasks for the same key one after another, in call order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([lock.run('a', task('1')), lock.run('a', task('2')), lock.run('a', task('3'))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different keys run side by side', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    await Promise.all(
      ['a', 'b'].map((key) =>
        lock.run(key, async () => {
          log.push(`start ${key}`);
          await tick();
          log.push(`end ${key}`);
        }),
      ),
    );
    expect(log).toEqual(['start a', 'start b', 'end a', 'end b']);
  });

  it('keeps going after a task fails, passing the failure to its caller only', async () => {
    const lock = new KeyedLock();
    const failed = lock.run('a', async () => {
      throw new Error('boom');
    });
    const next = lock.run('a', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
