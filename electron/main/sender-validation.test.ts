import { describe, expect, it } from 'vitest';
import { FakeWebContents, FakeWebFrame } from '../../test/stubs/electron';
import type { SenderEvent, SenderFrame } from './sender-validation';
import { isTrustedSender } from './sender-validation';

const PROD = ['app://casekit'];

function fromMainFrame(url = 'app://casekit/index.html'): { event: SenderEvent; contents: FakeWebContents } {
  const contents = new FakeWebContents();
  contents.mainFrame.url = url;
  return { event: { sender: contents, senderFrame: contents.mainFrame }, contents };
}

describe('isTrustedSender', () => {
  it('trusts our main frame on app://casekit', () => {
    expect(isTrustedSender(fromMainFrame().event, PROD)).toBe(true);
  });

  it('trusts the dev server origin only when it is the trusted one', () => {
    const { event } = fromMainFrame('http://localhost:5173/');
    expect(isTrustedSender(event, ['http://localhost:5173'])).toBe(true);
    expect(isTrustedSender(event, PROD)).toBe(false);
  });

  it('rejects a subframe, even one on our origin', () => {
    const { contents } = fromMainFrame();
    const child = new FakeWebFrame('app://casekit/index.html', contents.mainFrame);
    expect(isTrustedSender({ sender: contents, senderFrame: child }, PROD)).toBe(false);
  });

  it('rejects a main frame that sits inside another frame (a guest page)', () => {
    const host = new FakeWebFrame('app://casekit/index.html');
    const contents = new FakeWebContents();
    contents.mainFrame = new FakeWebFrame('app://casekit/index.html', host);
    expect(isTrustedSender({ sender: contents, senderFrame: contents.mainFrame }, PROD)).toBe(false);
  });

  it('rejects a top frame that is not the sender’s main frame', () => {
    const { contents } = fromMainFrame();
    const stale = new FakeWebFrame('app://casekit/index.html');
    expect(isTrustedSender({ sender: contents, senderFrame: stale }, PROD)).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'app://evil/index.html',
    'app://casekit.evil/index.html',
    'app://casekit:1/index.html',
    'file:///opt/casekit/out/renderer/index.html',
    'about:blank',
    'data:text/html,x',
    '',
  ])('rejects our main frame showing %s', (url) => {
    expect(isTrustedSender(fromMainFrame(url).event, PROD)).toBe(false);
  });

  it('rejects a missing frame', () => {
    const { contents } = fromMainFrame();
    expect(isTrustedSender({ sender: contents, senderFrame: null }, PROD)).toBe(false);
  });

  it('rejects a destroyed or detached frame', () => {
    const destroyed = fromMainFrame();
    destroyed.contents.mainFrame.destroyed = true;
    expect(isTrustedSender(destroyed.event, PROD)).toBe(false);
    const detached = fromMainFrame();
    detached.contents.mainFrame.detached = true;
    expect(isTrustedSender(detached.event, PROD)).toBe(false);
  });

  it('rejects, rather than throws, when Electron throws from the frame getter', () => {
    const { contents } = fromMainFrame();
    const event = {
      sender: contents,
      get senderFrame(): SenderFrame | null {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(event, PROD)).toBe(false);
  });

  it('trusts nothing when no origin is trusted', () => {
    expect(isTrustedSender(fromMainFrame().event, [])).toBe(false);
  });
});
