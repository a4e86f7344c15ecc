import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuitHandler } from './quit-handler';

function quitEvent() {
  return { preventDefault: vi.fn<() => void>() };
}

describe('createQuitHandler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds the quit until the core has closed, then quits for real', async () => {
    let finishClose: () => void = () => undefined;
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const quit = vi.fn<() => void>();
    const onWillQuit = createQuitHandler(close, quit);

    const first = quitEvent();
    onWillQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(close).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();

    finishClose();
    await vi.advanceTimersByTimeAsync(0);
    expect(quit).toHaveBeenCalledOnce();

    // app.quit() emits will-quit again: this time it goes through.
    const second = quitEvent();
    onWillQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
  });

  it('closes once when quit is asked for twice', async () => {
    const close = vi.fn(() => new Promise<void>(() => undefined));
    const onWillQuit = createQuitHandler(close, vi.fn<() => void>(), 1000);
    onWillQuit(quitEvent());
    const again = quitEvent();
    onWillQuit(again);
    await vi.advanceTimersByTimeAsync(0);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
  });

  it('quits anyway when closing hangs past the timeout', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const quit = vi.fn<() => void>();
    createQuitHandler(() => new Promise<void>(() => undefined), quit, 1000)(quitEvent());
    await vi.advanceTimersByTimeAsync(999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('quits anyway when closing fails, or throws outright', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const quit = vi.fn<() => void>();
    createQuitHandler(() => Promise.reject(new Error('disk gone')), quit)(quitEvent());
    createQuitHandler(() => {
      throw new Error('sync');
    }, quit)(quitEvent());
    await vi.advanceTimersByTimeAsync(0);
    expect(quit).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
