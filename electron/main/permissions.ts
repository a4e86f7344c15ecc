/**
 * The part of Electron's Session the guards use; a real Session fits.
 * setDisplayMediaRequestHandler is optional because a fake, or an older
 * Electron, may lack it; then there is nothing to grant screen capture anyway.
 */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setDisplayMediaRequestHandler?(handler: (request: unknown, callback: (streams: null) => void) => void): void;
}

/**
 * Casekit needs no browser permission (camera, notifications, USB, screen
 * capture, clipboard read, …), so every request and every check is refused.
 * Electron's default would be to grant most of them.
 */
export function installPermissionGuards(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Calling back with null refuses the capture request.
  session.setDisplayMediaRequestHandler?.((_request, callback) => callback(null));
}
