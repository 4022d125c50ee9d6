// Input limits both processes need at run time. Kept free of zod so the renderer can import them
// without pulling the whole contract into its bundle; contract.ts builds its schemas from them.

/** NIST 800-63B: length rules only, no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const IDLE_LOCK_SECONDS = { min: 5, max: 24 * 3600 } as const;
export const SESSION_LIFETIME_HOURS = { min: 1, max: 24 * 14 } as const;

/**
 * Files sent from a window in chunks (uploads.begin): what one user may have in flight, the room
 * kept free on the disk beyond the announced size, and how long an untouched upload is kept.
 */
export const UPLOAD_LIMITS = {
  maxPerUser: 4,
  maxBytesPerUser: 8 * 1024 ** 3,
  freeSpaceMarginBytes: 512 * 1024 ** 2,
  idleMs: 30 * 60 * 1000,
  sweepEveryMs: 60 * 1000,
} as const;

/**
 * The deepest nesting accepted in any JSON Vigil reads: a call's input and an imported record alike.
 * Real alerts and calls nest a handful of levels; walking a hostile 100k-deep value recursively
 * would overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** The most rows one export file holds (exports.*, `vigil export`): above it, the user narrows the filter or takes the newest. */
export const EXPORT_ROW_CAP = 200_000;

/** The most search hits of each kind an export of search results holds (the search's own page limit). */
export const SEARCH_EXPORT_PER_KIND = 200;
