// Browser notifications for what is due: on the "reminders" alarm (hourly), at browser
// start and after pairing, the worker asks the server for its reminders
// (`GET /api/v1/reminders`, after the identity check like every call), shows one
// notification per reminder it has not shown before, and keeps the list for the badge
// (the count due today) and the settings page (the "Due now" section). A click on a
// notification opens the settings on its case.
// A server that is not running, a browser not paired (or any other failure to ask):
// nothing is shown and nothing is said; the next alarm tries again.

import { ext } from '../shared/browser-api.js';
import { localToday } from '../shared/dates.js';
import { connect, outbox } from './handlers.js';
import { refreshBadges } from './badge.js';
import { ServerError } from './server-client.js';
import {
  ReminderStore, WITHIN_DAYS, newReminders, notificationId, notificationOptions, reminderIdOf, reminderTarget,
} from './reminders.js';

export const REMINDERS_ALARM = 'reminders';
export const REMINDERS_PERIOD_MINUTES = 60;

export const reminders = new ReminderStore(ext.storage.local);

// The pairing is gone or not accepted: the list it gave is not this browser's to show.
const NOT_PAIRED = new Set(['not_paired', 'unknown_pairing', 'unauthorized']);

// One check at a time: the alarm, the browser start and a pairing may coincide, and a
// reminder must not be shown twice.
let chain = Promise.resolve();

function oneAtATime(task) {
  const run = chain.then(task, task);
  chain = run.catch(() => {});
  return run;
}

/** The list from the server, stored; throws the ServerError when it cannot be asked. */
async function fetchReminders() {
  const client = await connect();
  const { body } = await client.request('GET', '/api/v1/reminders', { query: { within: WITHIN_DAYS } });
  return reminders.save(body, { today: localToday(), now: Date.now() });
}

async function show(reminder) {
  if (!ext.notifications) return false;
  try {
    await ext.notifications.create(notificationId(reminder),
      notificationOptions(reminder, ext.runtime.getURL('icons/icon-128.png')));
    return true;
  } catch {
    return false; // notifications turned off for the browser: tried again at the next check
  }
}

/**
 * Asks the server, keeps the list and notifies what has not been shown. Returns
 * {shown: [ids], reminders: n} or {shown: [], error}: it never throws a ServerError (a server
 * that is down or a browser not paired is no error here).
 */
export function checkReminders() {
  return oneAtATime(async () => {
    let stored;
    try {
      stored = await fetchReminders();
    } catch (error) {
      if (!(error instanceof ServerError)) throw error;
      if (NOT_PAIRED.has(error.kind)) {
        await reminders.clearList();
        await refreshBadges(outbox);
      }
      return { shown: [], error: error.toJSON() };
    }
    const shown = [];
    const fresh = newReminders(stored.reminders, await reminders.shown());
    for (const reminder of fresh) if (await show(reminder)) shown.push(reminder);
    // Also when nothing is new: the ids shown are pruned at every check.
    await reminders.markShown(shown, { today: localToday(), now: Date.now() });
    await refreshBadges(outbox);
    return { shown: shown.map((r) => r.id), reminders: stored.reminders.length };
  });
}

/** The hourly alarm (alarms persist in Chromium; Firefox forgets them at restart: set at every start). */
export async function scheduleReminders() {
  const existing = await ext.alarms.get(REMINDERS_ALARM);
  if (!existing) await ext.alarms.create(REMINDERS_ALARM, { periodInMinutes: REMINDERS_PERIOD_MINUTES });
}

/** A click on one of the reminders' notifications: the settings page on its case. */
export async function onReminderClicked(id) {
  const reminderId = reminderIdOf(id);
  if (reminderId === null) return;
  const shown = await reminders.shown();
  const caseId = Object.hasOwn(shown, reminderId) ? shown[reminderId].case_id : null;
  await ext.notifications.clear(id);
  await ext.tabs.create({ url: ext.runtime.getURL(reminderTarget(caseId)) });
}
