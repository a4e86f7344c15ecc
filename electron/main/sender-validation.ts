import { hasOriginIn } from './url-origin';

/** The part of WebFrameMain the check reads; a real WebFrameMain fits. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
  readonly detached?: boolean;
  isDestroyed?(): boolean;
}

/** The part of IpcMainInvokeEvent the check reads; a real IpcMainInvokeEvent fits. */
export interface SenderEvent {
  readonly senderFrame: SenderFrame | null;
  readonly sender: { readonly mainFrame: SenderFrame };
}

/**
 * Whether an IPC call comes from our own page: the sending frame still exists,
 * is the top frame of the sending web contents (an iframe, even one of ours,
 * never speaks for the app), and its URL is on one of `trustedOrigins`.
 */
export function isTrustedSender(event: SenderEvent, trustedOrigins: readonly string[]): boolean {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return false;
    if (frame.detached === true || frame.isDestroyed?.() === true) return false;
    // Both: a top frame, and this web contents' current main frame rather than
    // a document the main frame has since navigated away from.
    if (frame.parent !== null || frame !== event.sender.mainFrame) return false;
    return hasOriginIn(frame.url, trustedOrigins);
  } catch {
    // Electron throws from these getters once the frame or web contents is gone.
    return false;
  }
}
