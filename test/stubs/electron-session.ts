/** A fake Session: records the permission and request handlers installed on it. */
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string) => boolean;
type DeviceHandler = (details: unknown) => boolean;
type DisplayMediaHandler = (request: unknown, callback: (streams: unknown) => void) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  devicePermissionHandler: DeviceHandler | null = null;
  displayMediaRequestHandler: DisplayMediaHandler | null = null;
  readonly webRequest = {
    headersReceived: null as HeadersListener | null,
    onHeadersReceived: (listener: HeadersListener | null): void => {
      this.webRequest.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DeviceHandler | null): void {
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: DisplayMediaHandler | null): void {
    this.displayMediaRequestHandler = handler;
  }
}
