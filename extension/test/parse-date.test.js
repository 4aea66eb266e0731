import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate, findDates, dateOrderFor, slashDateOrderIn, isoDate } from '../src/extract/parse/date.js';

test('common written forms', () => {
  const cases = {
    '2026-11-20': '2026-11-20',
    '2026-11-14T09:11:52+01:00': '2026-11-14',
    '2026/11/20': '2026-11-20',
    'November 20, 2026': '2026-11-20',
    'Nov. 20 2026': '2026-11-20',
    'Nov 3, 2026': '2026-11-03',
    '20 Nov 2026': '2026-11-20',
    '20 Nov, 2026 @ 9:14am': '2026-11-20',
    'Sat, 14 Nov 2026 09:12': '2026-11-14',
    '20th November 2026': '2026-11-20',
    '20. November 2026': '2026-11-20',
    '3. März 2026': '2026-03-03',
    '20 novembre 2026': '2026-11-20',
    '1er mars 2026': '2026-03-01',
    '20 de noviembre de 2026': '2026-11-20',
    '20 november 2026': '2026-11-20',
    '14 augusti 2026': '2026-08-14',
    '5 déc. 2026': '2026-12-05',
    '20.11.2026': '2026-11-20',
    '20-11-2026': '2026-11-20',
    '2026年11月20日': '2026-11-20',
    'Ordered on 18 November 2026': '2026-11-18',
  };
  for (const [input, expected] of Object.entries(cases)) assert.equal(parseDate(input), expected, input);
});

test('slash dates follow the page order when ambiguous', () => {
  assert.equal(parseDate('03/04/2026', { order: 'dmy' }), '2026-04-03');
  assert.equal(parseDate('03/04/2026', { order: 'mdy' }), '2026-03-04');
  // a number above 12 settles it whatever the page says
  assert.equal(parseDate('20/11/2026', { order: 'mdy' }), '2026-11-20');
  assert.equal(parseDate('11/20/2026', { order: 'dmy' }), '2026-11-20');
  assert.equal(parseDate('05/11/26', { order: 'dmy' }), '2026-11-05');
  const [hit] = findDates('03/04/2026', { order: 'dmy' });
  assert.equal(hit.ambiguous, true);
});

test('day/month order from locale and currency', () => {
  assert.equal(dateOrderFor({ language: 'en', region: 'US' }), 'mdy');
  assert.equal(dateOrderFor({ language: 'en', region: 'GB' }), 'dmy');
  assert.equal(dateOrderFor({ language: 'en', region: 'CA' }), 'mdy');
  assert.equal(dateOrderFor({ language: 'fr', region: 'CA' }), 'dmy');
  assert.equal(dateOrderFor({ language: 'de', region: null }), 'dmy');
  assert.equal(dateOrderFor({ language: 'en', region: null }, 'USD'), 'mdy');
  assert.equal(dateOrderFor({ language: 'en', region: null }, 'EUR'), 'dmy');
  assert.equal(dateOrderFor({ language: 'en', region: null }, null), 'mdy');
});

test('an unambiguous slash date elsewhere on the page settles the order', () => {
  assert.equal(slashDateOrderIn('Ordered 03/04/2026, renews 25/04/2027'), 'dmy');
  assert.equal(slashDateOrderIn('Ordered 03/04/2026, renews 04/25/2027'), 'mdy');
  assert.equal(slashDateOrderIn('Ordered 03/04/2026'), null);
});

test('impossible or implausible dates are rejected', () => {
  assert.equal(parseDate('2026-02-30'), null);
  assert.equal(parseDate('31/04/2026', { order: 'dmy' }), null);
  assert.equal(parseDate('1850-01-01'), null);
  assert.equal(isoDate(2028, 2, 29), '2028-02-29');
  assert.equal(isoDate(2026, 2, 29), null);
  assert.equal(parseDate('build 2.10.2026.1'), null);
  assert.equal(parseDate('no date here'), null);
  assert.equal(parseDate('Order 16739482210'), null);
});

test('several dates in a sentence, in order', () => {
  const dates = findDates('Placed November 20, 2026; renews on 20 Nov 2027 (or 2027-11-05).');
  assert.deepEqual(dates.map((d) => d.iso), ['2026-11-20', '2027-11-20', '2027-11-05']);
});
