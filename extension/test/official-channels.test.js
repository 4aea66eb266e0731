// What the popup lists of a party's official channels, and the look-alike badge.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from './helpers.js';
import { channelLines, countryOfLanguage, forCountry } from '../src/shared/official-channels.js';
import { lookalikeBadge } from '../src/background/badge-look.js';
import { checkPage } from '../src/shared/lookalike.js';
import { isStale, MAX_AGE_MS } from '../src/background/official-table.js';

const { parties } = JSON.parse(readFileSync(join(EXTENSION_DIR, 'test', 'fixtures', 'official-table.json'), 'utf8'));
const byId = Object.fromEntries(parties.map((p) => [p.id, p]));

test('the browser language gives the country', () => {
  assert.equal(countryOfLanguage('en-US'), 'US');
  assert.equal(countryOfLanguage('de'), null);
  assert.equal(countryOfLanguage('zh-Hant-TW'), 'TW');
});

test("the user's country first, then anywhere, then other countries", () => {
  const channels = [{ label: 'DE', countries: ['DE'] }, { label: 'any' }, { label: 'US', countries: ['US'] }];
  assert.deepEqual(forCountry(channels, 'US').map((c) => c.label), ['US', 'any', 'DE']);
  assert.deepEqual(forCountry(channels, 'FR').map((c) => c.label), ['any', 'DE', 'US']);
});

test('Bitdefender: its US phone line first for a US user, with its source', () => {
  const lines = channelLines(byId.bitdefender, 'US');
  assert.equal(lines[0].kind, 'Phone');
  assert.equal(lines[0].value, '+1 800 804 4602');
  assert.equal(lines[0].href, 'tel:+18008044602');
  assert.match(lines[0].source, /^https:\/\/www\.bitdefender\.com\//);
  assert.ok(!channelLines(byId.bitdefender, 'DE').slice(0, 1).some((l) => l.kind === 'Phone'));
});

test('Trend Micro lists no number: "Phone: see" its official contact page', () => {
  const lines = channelLines(byId['trend-micro'], 'US');
  const last = lines.at(-1);
  assert.deepEqual([last.kind, last.label, last.value], ['Phone', 'see the official contact page', byId['trend-micro'].contact_page]);
  assert.ok(lines.some((l) => l.kind === 'Refund form' && l.source));
  // Its merchant of record's channel says whose it is.
  assert.ok(lines.some((l) => l.kind === 'Order lookup' && l.party === 'Digital River'));
});

test('the look-alike badge is a red "!" naming the vendor and its real domains, over the outbox count', () => {
  const verdict = checkPage('https://trendmicrocustomersupport.com/', parties, 'refund policy: call us');
  const look = lookalikeBadge(verdict);
  assert.equal(look.text, '!');
  assert.equal(look.urgent, true);
  assert.match(look.title, /not Trend Micro’s site/);
  assert.match(look.title, /trendmicrocustomersupport\.com/);
  assert.match(look.title, /trendmicro\.com/);
});

test('the cached table is asked again once stale', () => {
  assert.equal(isStale(null, 0), true);
  assert.equal(isStale({ parties: [], fetched_at: 1000 }, 1000 + MAX_AGE_MS - 1), false);
  assert.equal(isStale({ parties: [], fetched_at: 1000 }, 1000 + MAX_AGE_MS), true);
});
