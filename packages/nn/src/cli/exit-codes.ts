/**
 * The `weightnorm` CLI's exit statuses, so scripts can tell what went wrong without parsing text.
 * 0 success · 1 unexpected internal error (a bug: please report it) · 2 usage error (unknown
 * command or option, missing argument, bad option value) · 3 a file cannot be read or written ·
 * 4 the input is not a valid checkpoint, or cannot be folded (message names the problem).
 */
export const EXIT = { ok: 0, internal: 1, usage: 2, io: 3, badCheckpoint: 4 } as const;
