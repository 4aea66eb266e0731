// Reminders as browser notifications: which are new, what is remembered as shown (and for
// how long), what the badge counts, where a click leads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLORS, remindersBadge } from '../src/background/badge-look.js';
import {
  ReminderStore, SHOWN_KEY, caseOfHash, currentReminders, dueNow, dueToday, hasBegun, newReminders, notificationId,
  notificationOptions, reminderIdOf, reminderTarget, rememberShown, validReminders,
} from '../src/background/reminders.js';
import { MemoryArea } from './helpers.js';

function reminder(caseId, kind, date, daysLeft, daysBefore, extra = {}) {
  return {
    id: `${caseId}:${kind}:${date}:${daysBefore}`, case_id: caseId, kind, date, days_left: daysLeft, days_before: daysBefore,
    title: `Shop ${caseId}`, message: `${daysLeft} days left to ask for a refund`, ...extra,
  };
}

const TODAY = '2026-12-02';
const DUE_TODAY = reminder('A', 'refund_deadline', '2026-12-02', 0, 0);
const IN_3_DAYS = reminder('B', 'refund_deadline', '2026-12-05', 3, 3);
const IN_10_DAYS = reminder('C', 'refund_deadline', '2026-12-12', 10, 7); // its 7-day step begins on the 5th
const OVERDUE_FOLLOW_UP = reminder('D', 'follow_up', '2026-11-30', -2, 0);

test('only well-formed reminders are taken from an answer', () => {
  const answer = { reminders: [DUE_TODAY, { ...IN_3_DAYS, kind: 'party' }, { ...IN_3_DAYS, id: '' }, null,
    { ...IN_3_DAYS, date: '2026-13-01' }, { ...IN_3_DAYS, days_left: '3' }, { ...IN_3_DAYS, title: null }, IN_10_DAYS] };
  assert.deepEqual(validReminders(answer).map((r) => r.case_id), ['A', 'C']);
  assert.deepEqual(validReminders(null), []);
  assert.deepEqual(validReminders({ reminders: 'no' }), []);
});

test('a reminder is shown once its step has begun, and only once', () => {
  assert.ok(hasBegun(DUE_TODAY));
  assert.ok(hasBegun(IN_3_DAYS));
  assert.ok(!hasBegun(IN_10_DAYS));
  assert.ok(hasBegun(OVERDUE_FOLLOW_UP));
  // Without the step in the answer: only what is due today or overdue.
  const { days_before: _, ...noStep } = IN_3_DAYS;
  assert.ok(!hasBegun(noStep));
  assert.ok(hasBegun({ ...noStep, days_left: 0 }));

  const all = [DUE_TODAY, IN_3_DAYS, IN_10_DAYS, OVERDUE_FOLLOW_UP];
  assert.deepEqual(newReminders(all, {}).map((r) => r.case_id), ['A', 'B', 'D']);
  const shown = rememberShown({}, newReminders(all, {}), { today: TODAY, now: 1000 });
  assert.deepEqual(newReminders(all, shown), []);
  assert.deepEqual(newReminders(all, null).length, 3);
  // The next step of the same date is another reminder (its id names the step).
  const oneDayLeft = reminder('B', 'refund_deadline', '2026-12-05', 1, 1);
  assert.deepEqual(newReminders([oneDayLeft], shown), [oneDayLeft]);
});

test('the ids shown are kept for 60 days after their date, and only the newest 500', () => {
  const shown = rememberShown({}, [DUE_TODAY, IN_3_DAYS], { today: TODAY, now: 5 });
  assert.deepEqual(shown[DUE_TODAY.id], { case_id: 'A', date: '2026-12-02', shown_at: 5 });
  // 60 days after a date it is still known; 61 days after, forgotten.
  assert.ok(rememberShown(shown, [], { today: '2027-01-31', now: 6 })[DUE_TODAY.id]);
  const later = rememberShown(shown, [], { today: '2027-02-01', now: 6 });
  assert.equal(later[DUE_TODAY.id], undefined);
  assert.ok(later[IN_3_DAYS.id]);
  // Entries without a usable date go.
  assert.deepEqual(rememberShown({ x: { date: 'soon' }, y: null }, [], { today: TODAY, now: 1 }), {});

  let many = {};
  for (let i = 0; i < 510; i += 1) many = rememberShown(many, [reminder(`C${i}`, 'follow_up', TODAY, 0, 0)], { today: TODAY, now: i });
  const ids = Object.keys(many);
  assert.equal(ids.length, 500);
  assert.ok(!ids.includes(`C0:follow_up:${TODAY}:0`));
  assert.ok(ids.includes(`C509:follow_up:${TODAY}:0`));
  assert.equal(Object.keys(rememberShown(many, [], { today: TODAY, now: 600, limit: 10 })).length, 10);
});

test('the badge counts the reminders due today, counted down from when they were heard', () => {
  const stored = { as_of_day: TODAY, reminders: [DUE_TODAY, IN_3_DAYS, IN_10_DAYS, OVERDUE_FOLLOW_UP] };
  assert.deepEqual(dueToday(stored, TODAY).map((r) => r.case_id), ['A', 'D']);
  // Three days later, without a new check: B's last day is today, A's window has closed.
  assert.deepEqual(dueToday(stored, '2026-12-05').map((r) => [r.case_id, r.days_left]), [['B', 0], ['D', -5]]);
  assert.deepEqual(currentReminders(stored, '2026-12-05').map((r) => r.case_id), ['B', 'C', 'D']);
  assert.deepEqual(dueNow(stored, TODAY).map((r) => r.case_id), ['A', 'B', 'D']);
  assert.deepEqual(dueToday(null, TODAY), []);
  assert.deepEqual(dueToday({ reminders: [] }, TODAY), []);

  assert.equal(remindersBadge(0), null);
  assert.deepEqual(remindersBadge(2),
    { text: '2', color: COLORS.due, title: 'Refund Tracker: 2 reminders due today: open the settings to see them' });
  assert.match(remindersBadge(1).title, /1 reminder due today/);
  assert.equal(remindersBadge(1200).text, '999+');
});

test('a notification per reminder, and a click leads to the settings on its case', () => {
  assert.equal(notificationId(DUE_TODAY), 'reminder:A:refund_deadline:2026-12-02:0');
  assert.equal(reminderIdOf('reminder:A:refund_deadline:2026-12-02:0'), DUE_TODAY.id);
  assert.equal(reminderIdOf('reminder:'), null);
  assert.equal(reminderIdOf('something-else'), null);
  assert.equal(reminderIdOf(undefined), null);
  assert.deepEqual(notificationOptions(DUE_TODAY, 'chrome-extension://x/icons/icon-128.png'),
    { type: 'basic', iconUrl: 'chrome-extension://x/icons/icon-128.png', title: 'Shop A', message: '0 days left to ask for a refund' });

  assert.equal(reminderTarget('c_01HX-9'), 'src/options/options.html#case=c_01HX-9');
  assert.equal(reminderTarget('a b&c'), 'src/options/options.html#case=a%20b%26c');
  assert.equal(reminderTarget(null), 'src/options/options.html#reminders');
  assert.equal(caseOfHash('#case=a%20b%26c'), 'a b&c');
  assert.equal(caseOfHash('case=c1'), 'c1');
  assert.equal(caseOfHash('#reminders'), null);
  assert.equal(caseOfHash('#case='), null);
  assert.equal(caseOfHash('#case=%E0%A4%A'), null);
  assert.equal(caseOfHash(''), null);
});

test('the store keeps the last list and the ids shown', async () => {
  const area = new MemoryArea();
  const store = new ReminderStore(area);
  assert.equal(await store.load(), null);
  assert.deepEqual(await store.shown(), {});
  const stored = await store.save({ reminders: [DUE_TODAY, { bad: true }], as_of: TODAY }, { today: TODAY, now: 7 });
  assert.deepEqual(stored, { as_of: TODAY, as_of_day: TODAY, checked_at: 7, reminders: [DUE_TODAY] });
  assert.deepEqual(await store.load(), stored);
  await store.markShown([DUE_TODAY], { today: TODAY, now: 8 });
  assert.deepEqual(Object.keys((await area.get(SHOWN_KEY))[SHOWN_KEY]), [DUE_TODAY.id]);
  await store.clearList();
  assert.equal(await store.load(), null);
  assert.deepEqual(Object.keys(await store.shown()), [DUE_TODAY.id], 'unpairing does not make them new again');
});
