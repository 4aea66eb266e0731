// Reminders from the server (`GET /api/v1/reminders`): which ones to show as
// browser notifications, which ones were shown already, what the badge counts
// and where a click on one leads. Pure, except for ReminderStore, which keeps
// its state in a storage area (chrome.storage.local, or a Map-backed one in
// the tests).
//
// A reminder (the server's): {id, case_id, kind, date, days_left, title,
// message, days_before?, notify_on?}. kind: refund_deadline | follow_up |
// renewal | dispute_deadline; days_left 0 means today, negative overdue.
// The server gives each step of a date's schedule (7, 3, 1 and 0 days before
// a refund deadline...) its own id, so remembering the ids shown makes each
// step show once.
//
// Stored in storage.local:
//   "reminders"       {as_of, as_of_day, checked_at, reminders: [...]}: the last list
//                     (as_of: the server's day; as_of_day: this browser's day then)
//   "reminders_shown" {<reminder id>: {case_id, date, shown_at}}: notified already
//                     (the newest SHOWN_LIMIT, none about a date more than
//                     SHOWN_KEEP_DAYS ago)

import { daysBetween, isIsoDate } from '../shared/dates.js';

export { reminderTarget, caseOfHash } from '../shared/reminder-links.js';

export const REMINDERS_KEY = 'reminders';
export const SHOWN_KEY = 'reminders_shown';
export const SHOWN_LIMIT = 500;
export const SHOWN_KEEP_DAYS = 60;
// How far ahead to ask: the longest lead of the server's schedules (a renewal's and a
// dispute's 14 days), so every step that has begun is in the answer.
export const WITHIN_DAYS = 14;
export const NOTIFICATION_PREFIX = 'reminder:';

const KINDS = new Set(['refund_deadline', 'follow_up', 'renewal', 'dispute_deadline']);

/** The reminders of an answer that are well formed (anything else is ignored). */
export function validReminders(body) {
  const list = body && Array.isArray(body.reminders) ? body.reminders : [];
  return list.filter((r) => r && typeof r.id === 'string' && r.id && typeof r.case_id === 'string' && r.case_id
    && KINDS.has(r.kind) && isIsoDate(r.date) && Number.isInteger(r.days_left)
    && typeof r.title === 'string' && typeof r.message === 'string');
}

/**
 * True when the reminder's step has begun: the server lists dates up to `within` days
 * ahead, and a date 10 days away is at its 7-day step only from 7 days before. Without
 * the step (days_before) in the answer, only what is due today or overdue.
 */
export function hasBegun(reminder) {
  const lead = Number.isInteger(reminder.days_before) ? reminder.days_before : 0;
  return reminder.days_left <= lead;
}

/** The reminders to notify now: begun and not shown before. */
export function newReminders(reminders, shown) {
  const seen = shown || {};
  return reminders.filter((r) => hasBegun(r) && !Object.hasOwn(seen, r.id));
}

/**
 * `shown` with `reminders` added (as shown at `now`, ms), pruned: nothing about a date more
 * than SHOWN_KEEP_DAYS before `today` (YYYY-MM-DD), and only the newest SHOWN_LIMIT.
 */
export function rememberShown(shown, reminders, { today, now, limit = SHOWN_LIMIT, keepDays = SHOWN_KEEP_DAYS }) {
  const next = { ...(shown || {}) };
  for (const r of reminders) next[r.id] = { case_id: r.case_id, date: r.date, shown_at: now };
  const kept = Object.entries(next).filter(([, entry]) => {
    const age = entry && isIsoDate(entry.date) ? daysBetween(entry.date, today) : null;
    return age !== null && age <= keepDays;
  });
  kept.sort(([idA, a], [idB, b]) => (b.shown_at - a.shown_at) || b.date.localeCompare(a.date) || idA.localeCompare(idB));
  return Object.fromEntries(kept.slice(0, limit));
}

/** The stored list's reminders, their days left counted down from the day it was fetched. */
export function currentReminders(stored, today) {
  if (!stored || !Array.isArray(stored.reminders)) return [];
  const elapsed = (stored.as_of_day && daysBetween(stored.as_of_day, today)) || 0;
  return stored.reminders
    .map((r) => ({ ...r, days_left: r.days_left - Math.max(elapsed, 0) }))
    // A deadline that has passed is no longer something to do; an overdue follow-up still is.
    .filter((r) => r.days_left >= 0 || r.kind === 'follow_up');
}

/** The reminders due today (days_left <= 0), from the stored list: what the badge counts. */
export function dueToday(stored, today) {
  return currentReminders(stored, today).filter((r) => r.days_left <= 0);
}

/** What the options page lists: every reminder whose step has begun, by date. */
export function dueNow(stored, today) {
  return currentReminders(stored, today).filter(hasBegun);
}

export function notificationId(reminder) {
  return `${NOTIFICATION_PREFIX}${reminder.id}`;
}

/** The reminder id of one of this extension's notification ids, or null. */
export function reminderIdOf(notificationId) {
  const id = String(notificationId ?? '');
  return id.startsWith(NOTIFICATION_PREFIX) && id.length > NOTIFICATION_PREFIX.length ? id.slice(NOTIFICATION_PREFIX.length) : null;
}

/** What notifications.create gets for a reminder. */
export function notificationOptions(reminder, iconUrl) {
  return { type: 'basic', iconUrl, title: reminder.title || 'Refund Tracker', message: reminder.message || '' };
}

/** The stored list and the ids shown, in a storage area. */
export class ReminderStore {
  constructor(area) {
    this.area = area;
  }

  async load() {
    const found = await this.area.get(REMINDERS_KEY);
    return found[REMINDERS_KEY] || null;
  }

  async save(body, { today, now }) {
    const stored = {
      as_of: body && typeof body.as_of === 'string' ? body.as_of : null,
      as_of_day: today,
      checked_at: now,
      reminders: validReminders(body),
    };
    await this.area.set({ [REMINDERS_KEY]: stored });
    return stored;
  }

  async shown() {
    const found = await this.area.get(SHOWN_KEY);
    return found[SHOWN_KEY] || {};
  }

  async markShown(reminders, options) {
    const next = rememberShown(await this.shown(), reminders, options);
    await this.area.set({ [SHOWN_KEY]: next });
    return next;
  }

  /** Unpaired: the list goes (the badge with it); what was shown stays shown. */
  async clearList() {
    await this.area.remove(REMINDERS_KEY);
  }
}
