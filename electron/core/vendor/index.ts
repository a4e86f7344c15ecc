export { jsonPath, loadVendorProfile, vendorProfileFile } from './load-vendor-profile';
export { resolveResourcesDir, type ResolveResourcesDirOptions } from './resources-dir';
export {
  DEFAULT_VENDOR_ID,
  VENDOR_ID_PATTERN,
  vendorProfileSchema,
  type PortalProfile,
  type VendorProfile,
} from './vendor-profile-schema';
export {
  collectProfileSchema,
  runAsSchema,
  type CollectCommandProfile,
  type CollectLogProfile,
  type CollectProfile,
  type RunAs,
} from './collect-profile-schema';
export { supportProfileSchema, type SupportProfile } from './support-profile-schema';
