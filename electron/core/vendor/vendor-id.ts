// Apart from vendor-profile-schema (which needs zod) so the CLI can define --vendor at start-up.

/** A vendor id, also the profile's file name: `resources/vendors/<id>.json`. Kept to safe names so it never walks out of the folder. */
export const VENDOR_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The profile used when nobody names one: Casekit is a Zimbra support tool first. */
export const DEFAULT_VENDOR_ID = 'zimbra';
