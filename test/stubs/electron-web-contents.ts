/** Fakes of WebContents and WebFrameMain: enough to exercise guards and sender checks. */
import { FakeEmitter } from './electron-emitter';

export class FakeWebFrame {
  destroyed = false;
  detached = false;
  readonly frames: FakeWebFrame[] = [];

  constructor(
    public url: string,
    readonly parent: FakeWebFrame | null = null,
  ) {
    parent?.frames.push(this);
  }
  get top(): FakeWebFrame {
    return this.parent === null ? this : this.parent.top;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

type WindowOpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => {
  action: string;
};

let nextId = 1;

export function resetWebContentsIds(): void {
  nextId = 1;
}

export class FakeWebContents extends FakeEmitter {
  readonly id = nextId++;
  mainFrame = new FakeWebFrame('about:blank');
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly loadedUrls: string[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    // A load replaces the main document, and with it the main frame's URL.
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.mainFrame.destroyed = true;
  }
}
