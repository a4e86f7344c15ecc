export { shipPortal } from './ship-portal';
export {
  checkCaseNumber,
  checkPortalUrl,
  PORTAL_DEFAULTS,
  type PortalFields,
  type RetryPolicy,
  type ShipPortalOptions,
} from './portal-options';
export { multipartOverhead } from './multipart-body';
export { journalPath } from './portal-journal';
export { portalTokenRef, readPortalToken, savePortalToken } from './portal-token';
