// The background worker: a service worker in Chrome, an event page in
// Firefox (manifest "background": service_worker / scripts). Either may be
// stopped whenever idle, so nothing lives in globals: the outbox, settings,
// site cases and badges are in extension storage, and every listener is
// registered here, at the top level, on every start.

import { ext } from '../shared/browser-api.js';
import {
  onMessage, deliverOutbox, scheduleRetry, refreshSiteCases, showSiteBadgeFor, outbox,
  RETRY_ALARM, SITE_REFRESH_ALARM,
} from './handlers.js';
import { refreshBadges, forgetTab } from './badge.js';
import { createSelectionMenu, onSelectionMenuClicked, MENU_ID } from './selection-menu.js';
import { checkReminders, onReminderClicked, scheduleReminders, REMINDERS_ALARM } from './reminder-alerts.js';

// Server not running, browser not paired: the normal state of things, shown in the popup, not logged.
const EXPECTED = new Set(['offline', 'not_paired']);

function report(what) {
  return (error) => {
    if (error && EXPECTED.has(error.kind)) return;
    console.warn(`Refund Tracker: ${what} failed:`, error && error.message ? error.message : error);
  };
}

ext.runtime.onMessage.addListener(onMessage);

ext.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETRY_ALARM) deliverOutbox().catch(report('retrying the outbox'));
  else if (alarm.name === SITE_REFRESH_ALARM) refreshSiteCases().catch(report('refreshing open cases'));
  else if (alarm.name === REMINDERS_ALARM) checkReminders().catch(report('checking reminders'));
});

// A reminder's notification: the settings page on its case.
// (No notifications API, as in some Firefox builds: reminders show on the badge and in the settings.)
if (ext.notifications) ext.notifications.onClicked.addListener((id) => onReminderClicked(id).catch(report('opening a reminder')));

// Paired (or unpaired) from the settings: what is due now, or no more reminders.
ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.pairing) checkReminders().catch(report('checking reminders'));
});

ext.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID) onSelectionMenuClicked(info, tab).catch(report('logging the selection'));
});

// A tab's site badge belongs to the page it was set for.
ext.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'loading') forgetTab(tabId).catch(report('clearing a tab badge'));
  // The address is there only for sites the extension may read (loopback, or granted in the options).
  if (change.status === 'complete' && tab && tab.url) showSiteBadgeFor(tabId, tab.url).catch(report('showing a site badge'));
});
ext.tabs.onRemoved.addListener((tabId) => forgetTab(tabId).catch(report('forgetting a tab badge')));
// Site badges turned on in the settings: learn the open cases now rather than within the hour.
ext.permissions.onAdded.addListener(() => refreshSiteCases().catch(report('refreshing open cases')));

async function browserStarted() {
  await createSelectionMenu();
  await ext.alarms.create(SITE_REFRESH_ALARM, { periodInMinutes: 60 });
  await scheduleReminders();
  // What came due while the browser was closed is shown now, once.
  checkReminders().catch(report('checking reminders'));
  // Captures left waiting when the browser closed go now (also: Firefox does not keep alarms).
  await deliverOutbox({ force: true });
  await refreshSiteCases();
}

ext.runtime.onInstalled.addListener(() => browserStarted().catch(report('starting')));
ext.runtime.onStartup.addListener(() => browserStarted().catch(report('starting')));

// Every time the worker starts: the retry alarm is set if anything waits, and the badge is right.
scheduleRetry().catch(report('scheduling a retry'));
refreshBadges(outbox).catch(report('painting the badge'));

// For tests and debugging from the worker's console: the handler a click on the context menu
// runs, so a test can log a selection without a native menu. It reads nothing the extension
// could not read anyway, and web pages cannot reach this global.
// checkReminders: what the "reminders" alarm runs, so a test need not wait an hour;
// openReminder: what a click on a reminder's notification runs (its notification id).
globalThis.refundTrackerDebug = Object.freeze({ logSelection: onSelectionMenuClicked, checkReminders, openReminder: onReminderClicked });
