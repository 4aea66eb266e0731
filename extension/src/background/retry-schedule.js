// When to try again to deliver a capture, and whether to try at all.
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
 * 'reject' when the server refused the capture as given (a validation error:
 * sending it again cannot succeed, so the user must see it and fix or
 * discard it); 'retry' for everything else: not running, not paired yet,
 * failed the identity check, overloaded, a server error.
 * @param {{kind?: string}} error a ServerError (or any error)
 */
export function failureAction(error) {
  return error && error.kind === 'rejected' ? 'reject' : 'retry';
}
