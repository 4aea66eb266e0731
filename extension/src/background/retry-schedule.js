// When to try again to deliver an outbox item (a capture, a logged selection), and whether to try at all.
// Pure: the outbox and the tests use it with their own clock.

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Waits after the 1st, 2nd, ... failed attempt. The first is 30 s because
 * Chrome fires alarms no sooner than that for installed extensions; the
 * last repeats (every 30 minutes) until the server acknowledges.
 */
export const RETRY_DELAYS_MS = Object.freeze([30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE]);

/** Milliseconds to wait after `failures` failed attempts (1 = the first failure). */
export function retryDelayMs(failures) {
  const index = Math.min(Math.max(failures, 1), RETRY_DELAYS_MS.length) - 1;
  return RETRY_DELAYS_MS[index];
}

/**
 * 'reject' when the server refused the item as given: a validation error
 * (400, 409, 413, 415, 422: ServerError kind 'rejected') or 404, the case a
 * communication was for is not there. Sending it again cannot succeed, so the
 * user must see it and fix it (or pick another case) or discard it.
 * 'retry' for everything else: not running, not paired yet, failed the
 * identity check, overloaded, a server error.
 * @param {{kind?: string, status?: number}} error a ServerError (or any error)
 */
export function failureAction(error) {
  return error && (error.kind === 'rejected' || error.status === 404) ? 'reject' : 'retry';
}
