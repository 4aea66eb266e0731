// The popup's line when a capture of an already tracked order states facts otherwise than its case.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differencesSentence } from '../src/shared/differences.js';

test('no differences, no line', () => {
  assert.equal(differencesSentence([]), null);
  assert.equal(differencesSentence(undefined), null);
});

test('a different amount is shown with the currency', () => {
  assert.equal(differencesSentence([{ field: 'amount', case: '49.95', capture: '59.95' }], { caseCurrency: 'USD', pageCurrency: 'USD' }),
    'Already tracked. The case keeps the amount 49.95 USD; this page says 59.95 USD — change it in Refund Tracker if the page is right.');
});

test('amount and currency differing count as one, with each side\'s currency', () => {
  const line = differencesSentence([
    { field: 'amount', case: '49.95', capture: '59.95' },
    { field: 'currency', case: 'USD', capture: 'EUR' },
  ], { caseCurrency: 'USD', pageCurrency: 'EUR' });
  assert.equal(line, 'Already tracked. The case keeps the amount 49.95 USD; this page says 59.95 EUR — change it in Refund Tracker if the page is right.');
});

test('two differences are both named; dates and yes/no read as words', () => {
  const line = differencesSentence([
    { field: 'order_date', case: '2026-11-20', capture: '2026-11-19' },
    { field: 'auto_renews', case: true, capture: false },
  ]);
  assert.equal(line, 'Already tracked. The case keeps the order date 20 Nov 2026 (this page says 19 Nov 2026) and '
    + 'the automatic renewal yes (this page says no) — change them in Refund Tracker if the page is right.');
});

test('at most two are named, then how many more', () => {
  const line = differencesSentence([
    { field: 'order_date', case: '2026-11-20', capture: '2026-11-19' },
    { field: 'amount', case: '49.95', capture: '59.95' },
    { field: 'currency', case: 'USD', capture: 'EUR' },
    { field: 'account_email', case: 'a@example.com', capture: 'b@example.com' },
    { field: 'product', case: 'x'.repeat(100), capture: 'y' },
  ]);
  assert.equal(line, 'Already tracked. The case keeps the order date 20 Nov 2026 (this page says 19 Nov 2026), '
    + 'the amount 49.95 USD (this page says 59.95 EUR) and 2 more — change them in Refund Tracker if the page is right.');
});

test('long text is shortened', () => {
  const line = differencesSentence([{ field: 'product', case: 'A'.repeat(100), capture: 'B' }]);
  assert.match(line, /the product A{59}…; this page says B —/);
});

test('items the page lists replace the case\'s, and the line says so', () => {
  const blanket = { name: 'Merino Wool Throw Blanket', variant: null, quantity: 1, price: '49.00' };
  const pillow = { name: 'Linen Pillow Cover', variant: null, quantity: 1, price: '24.50' };
  const items = { field: 'items', case: [blanket], capture: [blanket, pillow], kept: 'capture' };
  assert.equal(differencesSentence([items]),
    'Already tracked. The case now lists this page\'s items (2 items; it had 1 item).');
  assert.equal(differencesSentence([{ field: 'amount', case: '49.95', capture: '59.95', kept: 'case' }, items], { caseCurrency: 'USD' }),
    'Already tracked. The case keeps the amount 49.95 USD; this page says 59.95 USD — change it in Refund Tracker if the page is right. '
    + 'The case now lists this page\'s items (2 items; it had 1 item).');
});
