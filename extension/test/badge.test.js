// The badge: the outbox count first; else the days left on a site with an
// open case, counted down from when the server said so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLORS, outboxBadge, siteBadge } from '../src/background/badge-look.js';
import { SiteCaseStore, hostMatches, hostOf, mergeCases, siteStatus } from '../src/background/site-cases.js';
import { MemoryArea } from './helpers.js';

const TREND = {
  id: 'A', product: 'Trend Micro Maximum Security', order_number: '1673', is_open: true,
  vendor: { name: 'Trend Micro', domain: 'trendmicro.com' }, seller: { name: 'Digital River', domain: 'digitalriver.com' },
  deadline: '2026-12-20', days_left: 24, window_state: 'open',
};
const NORTON = { id: 'B', product: 'Norton 360', is_open: true, vendor: { name: 'Norton', domain: 'norton.com' }, seller: null,
  deadline: '2026-11-30', days_left: 4, window_state: 'closing' };

test('the outbox badge: how many wait, red when one was refused', () => {
  assert.equal(outboxBadge(0, 0), null);
  assert.deepEqual(outboxBadge(2, 0), { text: '2', color: COLORS.pending, title: 'Refund Tracker: 2 captures waiting to be sent to Refund Tracker' });
  const refused = outboxBadge(1, 1);
  assert.equal(refused.text, '2');
  assert.equal(refused.color, COLORS.attention);
  assert.match(refused.title, /1 capture waiting.*1 refused/);
  assert.equal(outboxBadge(1500).text, '999+');
});

test('the site badge: days left, coloured by urgency', () => {
  assert.deepEqual(siteBadge({ count: 1, days_left: 24, deadline: '2026-12-20' }),
    { text: '24d', color: COLORS.open, title: 'Refund Tracker: open case here, refundable until 20 Dec 2026, 24 days left' });
  assert.equal(siteBadge({ count: 1, days_left: 14, deadline: '2026-12-10' }).color, COLORS.soon);
  assert.equal(siteBadge({ count: 1, days_left: 7, deadline: '2026-12-03' }).color, COLORS.closing);
  assert.equal(siteBadge({ count: 1, days_left: 0, deadline: '2026-11-26' }).text, '0d');
  assert.deepEqual(siteBadge({ count: 2, days_left: -2, deadline: '2026-11-24' }),
    { text: 'exp', color: COLORS.closing, title: 'Refund Tracker: 2 open cases here, refund window closed 2 days ago' });
  assert.equal(siteBadge({ count: 1, days_left: null }).text, '?');
  assert.equal(siteBadge(null), null);
});

test('hosts match their domain and its subdomains only', () => {
  assert.equal(hostOf('https://Store.TrendMicro.com/x?y'), 'store.trendmicro.com');
  assert.equal(hostOf('chrome://extensions'), null);
  assert.equal(hostOf('not a url'), null);
  assert.ok(hostMatches('store.trendmicro.com', 'trendmicro.com'));
  assert.ok(hostMatches('trendmicro.com', 'trendmicro.com'));
  assert.ok(!hostMatches('nottrendmicro.com', 'trendmicro.com'));
  assert.ok(!hostMatches('trendmicro.com.evil.example', 'trendmicro.com'));
});

test('open cases by site: vendor, seller and the pages they were seen on; the most urgent wins', () => {
  let cache = mergeCases(null, [TREND, NORTON], { complete: true, today: '2026-11-26' });
  assert.equal(siteStatus(cache, 'store.trendmicro.com', '2026-11-26').days_left, 24);
  assert.equal(siteStatus(cache, 'checkout.digitalriver.com', '2026-11-26').label, 'Trend Micro Maximum Security (order 1673)');
  assert.equal(siteStatus(cache, 'example.com', '2026-11-26'), null);

  // Looked up (or captured) on a page whose host the server does not name: remembered.
  cache = mergeCases(cache, [TREND], { host: '127.0.0.1', today: '2026-11-26' });
  assert.equal(siteStatus(cache, '127.0.0.1', '2026-11-26').days_left, 24);
  // ...and kept when the full list is fetched again.
  cache = mergeCases(cache, [TREND, NORTON], { complete: true, today: '2026-11-27' });
  // The refresh on the 27th said 24 days left; three days later, 21.
  const status = siteStatus(cache, '127.0.0.1', '2026-11-30');
  assert.deepEqual([status.days_left, status.window_state], [21, 'open']);
});

test('days left count down between refreshes; closed cases drop out', () => {
  let cache = mergeCases(null, [TREND, NORTON], { complete: true, today: '2026-11-26' });
  cache = mergeCases(cache, [{ ...NORTON, id: 'C', vendor: { domain: 'trendmicro.com' }, days_left: 40 }], { today: '2026-11-26' });
  const later = siteStatus(cache, 'trendmicro.com', '2026-12-15');
  assert.deepEqual([later.count, later.days_left, later.window_state], [2, 5, 'closing']);
  assert.equal(siteStatus(cache, 'trendmicro.com', '2026-12-22').window_state, 'expired');
  cache = mergeCases(cache, [{ ...TREND, is_open: false }], { today: '2026-11-27' });
  assert.equal(siteStatus(cache, 'trendmicro.com', '2026-11-27').count, 1);
  cache = mergeCases(cache, [NORTON], { complete: true, today: '2026-11-27' });
  assert.equal(siteStatus(cache, 'trendmicro.com', '2026-11-27'), null);
});

test('the cache lives in a storage area', async () => {
  const store = new SiteCaseStore(new MemoryArea());
  assert.deepEqual(await store.load(), { cases: {} });
  await store.remember([TREND], { host: 'localhost', today: '2026-11-26' });
  assert.deepEqual((await store.load()).cases.A.domains, ['digitalriver.com', 'localhost', 'trendmicro.com']);
  await store.forget('A');
  assert.deepEqual(await store.load(), { cases: {} });
});
