import { APP_CSP, extendCsp, formatCsp } from '../../shared/content-security-policy';

/** The desktop window's policy plus the event socket: 'self' does not cover ws: in every browser. */
export function serveContentSecurityPolicy(port: number): string {
  return formatCsp(extendCsp(APP_CSP, { 'connect-src': [`ws://127.0.0.1:${port}`] }));
}
