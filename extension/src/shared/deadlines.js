// Words for refund deadlines, shared by the popup, the chooser and the badge.
// They read the server's answers (a policy match or a case), which carry
// `deadline` (YYYY-MM-DD), `days_left` and `window_state`
// (open | closing | expired | unknown); nothing here computes a deadline.

import { formatDate } from './dates.js';

// A deadline at most this many days away is closing: the server's window_state rule
// (server/policies/clocks.py CLOSING_DAYS; tests/server/test_parity.py).
export const CLOSING_DAYS = 7;

/** "24 days left", "1 day left", "last day today", "closed 3 days ago". */
export function daysLeftText(daysLeft) {
  if (daysLeft === null || daysLeft === undefined) return '';
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return '1 day left';
  if (daysLeft === 0) return 'last day today';
  if (daysLeft === -1) return 'closed yesterday';
  return `closed ${-daysLeft} days ago`;
}

/**
 * The deadline in one sentence, e.g. "Refundable until 20 Dec 2026, 24 days left".
 * @param {{deadline?: string|null, days_left?: number|null, window_state?: string}} view
 */
export function deadlineSentence(view) {
  if (!view || !view.deadline) return 'No refund deadline known yet';
  const date = formatDate(view.deadline);
  if (view.days_left !== null && view.days_left !== undefined && view.days_left < 0) {
    return `The refund window closed on ${date} (${-view.days_left} ${view.days_left === -1 ? 'day' : 'days'} ago)`;
  }
  return `Refundable until ${date}, ${daysLeftText(view.days_left)}`;
}

/** open | closing | expired | unknown, from the server's window_state (or days_left when absent). */
export function urgency(view) {
  if (!view) return 'unknown';
  if (view.window_state) return view.window_state;
  if (view.days_left === null || view.days_left === undefined) return 'unknown';
  if (view.days_left < 0) return 'expired';
  return view.days_left <= CLOSING_DAYS ? 'closing' : 'open';
}

/**
 * "Refunds by Digital River" (who takes the refund request: the merchant of record when there
 * is one), or, when the server knows no one (nothing on the page named the shop: its address is
 * no name), what to add. '' without an answer.
 */
export function whoRefundsSentence(view) {
  const who = view && view.who_refunds;
  if (!who) return '';
  if (!who.name) return 'Who refunds: unknown — add the shop or seller';
  return `Refunds by ${who.name}`;
}

/** "Trend Micro: 30-day refund window" from a policy match's policy, or '' when none. */
export function policySentence(view) {
  const policy = view && view.policy;
  if (!policy || !policy.name) return '';
  const days = policy.window_days;
  const window = days !== null && days !== undefined ? `${days}-day refund window` : 'refund window not stated';
  return `${policy.name}: ${window}`;
}
