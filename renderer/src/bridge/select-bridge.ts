import type { CasekitApi } from '../../../electron/shared/api-contract';
import { createWebBridge } from './web-bridge';

/**
 * The one place that knows there are two bridges. Everything else in the
 * renderer receives a `CasekitApi` and cannot tell which one it got.
 */
export function selectBridge(): CasekitApi {
  return window.casekit ?? createWebBridge();
}
