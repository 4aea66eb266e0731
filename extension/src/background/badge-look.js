// What the toolbar badge says and in which colour. Pure.
//   - captures and logged selections waiting in the outbox: their number (takes precedence);
//   - on a site with an open case: the days left of its refund window, e.g. "24d",
//     coloured by urgency (a tab's badge, over the global one below);
//   - else, globally: how many reminders are due today (a refund window's last day,
//     a follow-up due...).

import { formatDate } from '../shared/dates.js';
import { CLOSING_DAYS, daysLeftText } from '../shared/deadlines.js';
import { countText, total } from '../shared/outbox-words.js';

export const COLORS = Object.freeze({
  pending: '#1f4e99', // blue: waiting to be sent
  attention: '#b3261e', // red: refused by the server, needs the user
  open: '#1e6b3a', // green: more than 14 days left
  soon: '#8a5a00', // amber: 8 to 14 days left
  closing: '#b3261e', // red: 7 days or fewer, or closed
  unknown: '#5f6368', // grey: deadline not known
  due: '#b3261e', // red: reminders due today
});

/**
 * The badge for the outbox, or null when it is empty.
 * @param {{capture?: number, communication?: number}} pending waiting to be sent, by kind
 * @param {number} rejectedCount refused by the server, waiting for the user
 */
export function outboxBadge(pending, rejectedCount = 0) {
  const pendingCount = total(pending);
  const all = pendingCount + rejectedCount;
  if (all === 0) return null;
  const parts = [];
  if (pendingCount) parts.push(`${countText(pending)} waiting to be sent to Refund Tracker`);
  if (rejectedCount) parts.push(`${rejectedCount} refused by Refund Tracker: open the popup to fix or discard`);
  return {
    text: all > 999 ? '999+' : String(all),
    color: rejectedCount ? COLORS.attention : COLORS.pending,
    title: `Refund Tracker: ${parts.join('; ')}`,
  };
}

/** The badge for a site with open cases ({days_left, window_state, deadline, count}), or null. */
export function siteBadge(status) {
  if (!status) return null;
  const cases = status.count > 1 ? `${status.count} open cases here` : 'open case here';
  if (status.days_left === null || status.days_left === undefined) {
    return { text: '?', color: COLORS.unknown, title: `Refund Tracker: ${cases}, refund deadline not known` };
  }
  const days = status.days_left;
  let text;
  if (days < 0) text = 'exp';
  else text = days > 999 ? '999+' : `${days}d`;
  const color = days <= CLOSING_DAYS ? COLORS.closing : days <= 14 ? COLORS.soon : COLORS.open;
  const when = days < 0 ? `refund window ${daysLeftText(days)}` : `refundable until ${formatDate(status.deadline)}, ${daysLeftText(days)}`;
  return { text, color, title: `Refund Tracker: ${cases}, ${when}` };
}

/** The global badge for the reminders due today (their count), or null when none. */
export function remindersBadge(count) {
  if (!count) return null;
  return {
    text: count > 999 ? '999+' : String(count),
    color: COLORS.due,
    title: `Refund Tracker: ${count === 1 ? '1 reminder' : `${count} reminders`} due today: open the settings to see ${count === 1 ? 'it' : 'them'}`,
  };
}

/**
 * The tab badge on a look-alike of a catalog party's site (a lookalike.js verdict): a red "!"
 * that stays over the outbox count (`urgent`).
 */
export function lookalikeBadge(verdict) {
  const party = verdict.party || {};
  const official = (party.official_domains || []).slice(0, 3).join(', ');
  return {
    text: '!',
    color: COLORS.attention,
    title: `Refund Tracker: this is not ${party.name || 'the vendor'}’s site. ${verdict.domain} uses its name`
      + ` but is not one of its official domains${official ? ` (${official})` : ''}. Open the popup for the official channels.`,
    urgent: true,
  };
}
