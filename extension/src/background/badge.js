// The toolbar badge, set through the action API (see badge-look.js for what
// it shows). The outbox count (captures and logged selections) is the global
// badge; else the number of reminders due today (reminders.js). A site's days
// left is a per-tab badge over the reminders' count (not over the outbox's),
// remembered in storage.session ("tab_badges") so it comes back once the
// outbox is empty. Browsers drop a tab's badge when the tab navigates;
// forgetTab() forgets it then.

import { ext } from '../shared/browser-api.js';
import { localToday } from '../shared/dates.js';
import { outboxBadge, remindersBadge, siteBadge } from './badge-look.js';
import { countByKind } from './outbox.js';
import { ReminderStore, dueToday } from './reminders.js';

const TAB_BADGES_KEY = 'tab_badges';
const DEFAULT_TITLE = 'Refund Tracker';
const reminders = new ReminderStore(ext.storage.local);

async function loadTabBadges() {
  const found = await ext.storage.session.get(TAB_BADGES_KEY);
  return found[TAB_BADGES_KEY] || {};
}

async function saveTabBadges(badges) {
  await ext.storage.session.set({ [TAB_BADGES_KEY]: badges });
}

/** Sets text, colour and title, globally (tabId null) or for one tab; false when the tab is gone. */
async function paint(tabId, { text, color, title }) {
  const where = tabId === null ? {} : { tabId: Number(tabId) };
  try {
    await ext.action.setBadgeText({ ...where, text });
    if (color) await ext.action.setBadgeBackgroundColor({ ...where, color });
    if (color && ext.action.setBadgeTextColor) await ext.action.setBadgeTextColor({ ...where, color: '#ffffff' });
    if (title) await ext.action.setTitle({ ...where, title });
    return true;
  } catch {
    return false; // the tab was closed meanwhile
  }
}

async function outboxLook(outbox) {
  const entries = await outbox.list();
  const rejected = entries.filter((e) => e.state === 'rejected').length;
  return outboxBadge(countByKind(entries.filter((e) => e.state !== 'rejected')), rejected);
}

async function remindersLook() {
  return remindersBadge(dueToday(await reminders.load(), localToday()).length);
}

/**
 * Repaints everything: the outbox count when non-zero, else each tab's site badge over the
 * global count of reminders due today.
 */
export async function refreshBadges(outbox) {
  const look = await outboxLook(outbox);
  const tabs = await loadTabBadges();
  await paint(null, look || (await remindersLook()) || { text: '', color: '#1f4e99', title: DEFAULT_TITLE });
  let changed = false;
  for (const [tabId, tabLook] of Object.entries(tabs)) {
    // text null: the tab shows the global badge (the outbox count) again; a warning stays.
    const ok = await paint(tabId, look && !tabLook.urgent ? { text: null, color: look.color, title: look.title } : tabLook);
    if (!ok) {
      delete tabs[tabId];
      changed = true;
    }
  }
  if (changed) await saveTabBadges(tabs);
}

/** Shows a site's open-case status (from site-cases.js siteStatus) on a tab; null clears it. */
export async function showSiteOnTab(tabId, status, outbox) {
  if (tabId === null || tabId === undefined || tabId < 0) return;
  const look = siteBadge(status);
  const tabs = await loadTabBadges();
  if (look) tabs[tabId] = look;
  else delete tabs[tabId];
  await saveTabBadges(tabs);
  const pending = await outboxLook(outbox);
  if (pending) await paint(tabId, { text: null, color: pending.color, title: pending.title });
  else await paint(tabId, look || { text: null, title: ((await remindersLook()) || {}).title || DEFAULT_TITLE });
}

/** A warning for a tab (badge-look.js lookalikeBadge): shown over the outbox count too. */
export async function showWarningOnTab(tabId, look) {
  if (tabId === null || tabId === undefined || tabId < 0) return;
  const tabs = await loadTabBadges();
  tabs[tabId] = look;
  await saveTabBadges(tabs);
  await paint(tabId, look);
}

/** A tab started loading another page or was closed: its site badge no longer applies. */
export async function forgetTab(tabId) {
  const tabs = await loadTabBadges();
  if (!(tabId in tabs)) return;
  delete tabs[tabId];
  await saveTabBadges(tabs);
}
