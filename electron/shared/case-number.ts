/**
 * Zimbra case numbers are exactly 8 digits, leading zeros kept ("00012345").
 * Apart from case-schemas (which needs zod) so the CLI can check `--case` at
 * start-up without loading zod.
 */
export const CASE_NUMBER_PATTERN = /^\d{8}$/;
