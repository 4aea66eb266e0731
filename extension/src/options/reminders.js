// The settings page's "Due now" section: the reminders due as the extension last heard them
// from Refund Tracker, with the case a notification was about (`#case=<id>`) highlighted
// and focused. Shown only when something is due or a case was asked for.

import { ask, MSG } from '../shared/messages.js';
import { el, fill } from '../shared/dom.js';
import { formatDate } from '../shared/dates.js';
import { daysLeftText } from '../shared/deadlines.js';
import { caseOfHash } from '../shared/reminder-links.js';

const $ = (id) => document.getElementById(id);

function when(reminder) {
  if (reminder.days_left === 0) return `today, ${formatDate(reminder.date)}`;
  if (reminder.days_left < 0) return `since ${formatDate(reminder.date)}`;
  return `${formatDate(reminder.date)}, ${daysLeftText(reminder.days_left)}`;
}

async function showReminders() {
  const caseId = caseOfHash(location.hash);
  let answer;
  try {
    answer = await ask(MSG.REMINDERS);
  } catch {
    answer = { reminders: [] };
  }
  const list = answer.reminders || [];
  const section = $('reminders-section');
  section.hidden = list.length === 0 && !caseId;
  if (section.hidden) return;
  const forCase = caseId ? list.filter((r) => r.case_id === caseId).length : 0;
  let text = list.length ? `${list.length === 1 ? '1 reminder' : `${list.length} reminders`} from Refund Tracker.` : 'Nothing is due now.';
  if (caseId && !forCase && list.length) text += ' Nothing is due now for the case you opened.';
  $('reminders-text').textContent = text;
  let first = null;
  fill($('reminders-list'), list.map((r) => {
    const current = r.case_id === caseId;
    const item = el('li', { className: current ? 'current' : '', 'aria-current': current ? 'true' : null, tabindex: current ? '-1' : null,
      'data-case-id': r.case_id },
    el('strong', {}, r.title), ': ', r.message, ' ', el('span', { className: 'when' }, `(${when(r)})`));
    if (current && !first) first = item;
    return item;
  }));
  if (first) {
    first.scrollIntoView({ block: 'center' });
    first.focus();
  }
}

export function startReminders() {
  window.addEventListener('hashchange', () => showReminders());
  showReminders();
}
