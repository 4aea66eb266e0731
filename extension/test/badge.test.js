// The badge: the outbox count first; else the days left on a site with an
// open case, counted down from when the server said so. The same cache lists
// the open cases for the chooser while the server is not running.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLORS, outboxBadge, siteBadge } from '../src/background/badge-look.js';
import { SiteCaseStore, cachedOpenCases, hostMatches, hostOf, mergeCases, siteStatus } from '../src/background/site-cases.js';
import { countText } from '../src/shared/outbox-words.js';
import { MemoryArea } from './helpers.js';

const TREND = {
  id: 'A', product: 'Trend Micro Maximum Security', order_number: '1673', is_open: true,
  vendor: { name: 'Trend Micro', domain: 'trendmicro.com' }, seller: { name: 'Digital River', domain: 'digitalriver.com' },
  deadline: '2026-12-20', days_left: 24, window_state: 'open', status: 'captured', status_label: 'Captured',
  page_domain: 'trendmicro.com',
};
const NORTON = { id: 'B', product: 'Norton 360', is_open: true, vendor: { name: 'Norton', domain: 'norton.com' }, seller: null,
  deadline: '2026-11-30', days_left: 4, window_state: 'closing', page_domain: 'norton.com' };

test('the outbox badge: how many wait, of each kind, red when one was refused', () => {
  assert.equal(outboxBadge({ capture: 0, communication: 0 }, 0), null);
  assert.deepEqual(outboxBadge({ capture: 2 }, 0), { text: '2', color: COLORS.pending, title: 'Refund Tracker: 2 captures waiting to be sent to Refund Tracker' });
  assert.deepEqual(outboxBadge({ capture: 1, communication: 2 }, 0),
    { text: '3', color: COLORS.pending, title: 'Refund Tracker: 1 capture and 2 logged selections waiting to be sent to Refund Tracker' });
  const refused = outboxBadge({ communication: 1 }, 1);
  assert.equal(refused.text, '2');
  assert.equal(refused.color, COLORS.attention);
  assert.match(refused.title, /1 logged selection waiting.*1 refused/);
  assert.equal(outboxBadge({ capture: 1500 }).text, '999+');
});

test('what waits, in words', () => {
  assert.equal(countText({ capture: 1, communication: 0 }), '1 capture');
  assert.equal(countText({ capture: 0, communication: 1 }), '1 logged selection');
  assert.equal(countText({ capture: 3, communication: 2 }), '3 captures and 2 logged selections');
  assert.equal(countText({}), 'nothing');
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

test('open cases by site: vendor, seller and the order page site (page_domain); the most urgent wins', () => {
  let cache = mergeCases(null, [TREND, NORTON], { complete: true, today: '2026-11-26' });
  assert.equal(siteStatus(cache, 'store.trendmicro.com', '2026-11-26').days_left, 24);
  assert.equal(siteStatus(cache, 'checkout.digitalriver.com', '2026-11-26').label, 'Trend Micro Maximum Security (order 1673)');
  assert.equal(siteStatus(cache, 'example.com', '2026-11-26'), null);

  // Bought on a site the catalog does not name: the server's page_domain says where.
  const local = { ...NORTON, id: 'L', vendor: null, page_domain: '127.0.0.1', days_left: 20 };
  cache = mergeCases(cache, [local], { today: '2026-11-26' });
  assert.equal(siteStatus(cache, '127.0.0.1', '2026-11-26').days_left, 20);
  // Captured from a web mailbox: no page_domain, so the mailbox gets no badge.
  cache = mergeCases(cache, [{ ...local, page_domain: null, vendor: { name: 'Shop' } }], { today: '2026-11-26' });
  assert.equal(siteStatus(cache, '127.0.0.1', '2026-11-26'), null);
  assert.deepEqual(cache.cases.L.domains, []);
  // The domains are what the server says now, not everything ever seen.
  cache = mergeCases(cache, [{ ...TREND, page_domain: 'trendmicro.com' }, NORTON], { complete: true, today: '2026-11-27' });
  assert.deepEqual(cache.cases.A.domains, ['digitalriver.com', 'trendmicro.com']);
  // The refresh on the 27th said 24 days left; three days later, 21.
  const status = siteStatus(cache, 'trendmicro.com', '2026-11-30');
  assert.deepEqual([status.days_left, status.window_state], [21, 'open']);
});

test('the open cases as last listed, for the chooser while the server is not running', () => {
  const cache = mergeCases(null, [TREND, NORTON], { complete: true, today: '2026-11-26' });
  const rows = cachedOpenCases(cache, '2026-11-28');
  assert.deepEqual(rows.map((c) => [c.id, c.product, c.order_number, c.days_left, c.vendor.name, c.is_open]),
    [['A', 'Trend Micro Maximum Security', '1673', 22, 'Trend Micro', true], ['B', 'Norton 360', null, 2, 'Norton', true]]);
  assert.equal(rows[0].status_label, 'Captured');
  assert.equal(rows[0].domains, undefined);
  assert.deepEqual(cachedOpenCases(cache, '2026-11-28', { host: 'store.trendmicro.com' }).map((c) => c.id), ['A']);
  assert.deepEqual(cachedOpenCases(cache, '2026-11-28', { q: 'norton' }).map((c) => c.id), ['B']);
  assert.deepEqual(cachedOpenCases(cache, '2026-11-28', { q: 'digital river' }).map((c) => c.id), ['A']);
  assert.deepEqual(cachedOpenCases(null, '2026-11-28'), []);
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
  await store.remember([TREND], { today: '2026-11-26' });
  assert.deepEqual((await store.load()).cases.A.domains, ['digitalriver.com', 'trendmicro.com']);
  await store.forget('A');
  assert.deepEqual(await store.load(), { cases: {} });
});
