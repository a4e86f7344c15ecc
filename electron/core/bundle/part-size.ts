// Apart from bundle-names (which loads zod through CasekitError) so the CLI can define --part-size at start-up.

/** 9.5 MiB: a part and its form-data envelope stay under a portal's 10 MB (10,000,000 bytes). */
export const DEFAULT_PART_SIZE = 9.5 * 1024 * 1024;

/** Smaller parts would only make thousands of files for support to put back together. */
export const MIN_PART_SIZE = 1024;
