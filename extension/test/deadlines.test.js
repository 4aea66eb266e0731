// Dates and deadlines as the user reads them; never shifted by a timezone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysBetween, formatDate, isIsoDate, localToday, parseIsoDate } from '../src/shared/dates.js';
import { daysLeftText, deadlineSentence, policySentence, urgency, whoRefundsSentence } from '../src/shared/deadlines.js';

test('ISO dates are read as calendar days', () => {
  assert.deepEqual(parseIsoDate('2026-12-20'), { year: 2026, month: 12, day: 20 });
  for (const bad of ['2026-02-29', '2026-13-01', '20-12-2026', '2026-1-1', '', null]) assert.equal(isIsoDate(bad), false, String(bad));
  assert.equal(isIsoDate('2028-02-29'), true);
  assert.equal(formatDate('2026-12-20'), '20 Dec 2026');
  assert.equal(formatDate('2026-09-01'), '1 Sep 2026');
  assert.equal(daysBetween('2026-11-26', '2026-12-20'), 24);
  assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2, 'across a daylight-saving change');
  assert.equal(daysBetween('2026-12-20', '2026-11-26'), -24);
  assert.equal(localToday(new Date(2026, 10, 26, 23, 59)), '2026-11-26');
  assert.equal(localToday(new Date(2026, 0, 5, 0, 1)), '2026-01-05');
});

test('the deadline sentence the popup shows', () => {
  assert.equal(deadlineSentence({ deadline: '2026-12-20', days_left: 24, window_state: 'open' }), 'Refundable until 20 Dec 2026, 24 days left');
  assert.equal(deadlineSentence({ deadline: '2026-11-27', days_left: 1 }), 'Refundable until 27 Nov 2026, 1 day left');
  assert.equal(deadlineSentence({ deadline: '2026-11-26', days_left: 0 }), 'Refundable until 26 Nov 2026, last day today');
  assert.equal(deadlineSentence({ deadline: '2026-11-23', days_left: -3 }), 'The refund window closed on 23 Nov 2026 (3 days ago)');
  assert.equal(deadlineSentence({ deadline: '2026-11-25', days_left: -1 }), 'The refund window closed on 25 Nov 2026 (1 day ago)');
  assert.equal(deadlineSentence({ deadline: null }), 'No refund deadline known yet');
  assert.equal(daysLeftText(null), '');
  assert.equal(daysLeftText(-1), 'closed yesterday');
});

test('urgency follows the server, or days left when it says nothing', () => {
  assert.equal(urgency({ window_state: 'closing', days_left: 30 }), 'closing');
  assert.equal(urgency({ days_left: 7 }), 'closing');
  assert.equal(urgency({ days_left: 8 }), 'open');
  assert.equal(urgency({ days_left: -1 }), 'expired');
  assert.equal(urgency({}), 'unknown');
  assert.equal(urgency(null), 'unknown');
});

test('who refunds and which policy, in words', () => {
  const match = { policy: { name: 'Trend Micro', window_days: 30 }, who_refunds: { name: 'Digital River', why: '...' } };
  assert.equal(policySentence(match), 'Trend Micro: 30-day refund window');
  assert.equal(whoRefundsSentence(match), 'Refunds by Digital River');
  assert.equal(policySentence({ policy: { name: 'Shop', window_days: null } }), 'Shop: refund window not stated');
  assert.equal(whoRefundsSentence({}), '');
});

test('when nothing named the shop, who refunds is unknown, never the page\'s address', () => {
  // The server's answer for a page on 127.0.0.1 naming no shop or seller.
  const match = { who_refunds: { name: null, domain: null, why: 'Nothing on the order page names the shop or seller (only its address, 127.0.0.1), so who refunds is not known yet: add the shop\'s or seller\'s name.' } };
  assert.equal(whoRefundsSentence(match), 'Who refunds: unknown — add the shop or seller');
  assert.equal(whoRefundsSentence({ who_refunds: null }), '');
});
