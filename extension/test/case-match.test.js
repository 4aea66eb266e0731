// The chooser's preselection (src/shared/case-match.js): the case the selected text names by
// its order number, else the page's site's only open case; otherwise none, and never a closed one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionsOrderNumber, preselectCase } from '../src/shared/case-match.js';

const trend = { id: 'trend', order_number: '16739482210', is_open: true, days_left: 20 };
const norton = { id: 'norton', order_number: 'N-AU-40091274', is_open: true, days_left: 3 };
const closed = { id: 'closed', order_number: '5550001', is_open: false, days_left: 0 };
const shop = { id: 'shop', order_number: '#1001', is_open: true, days_left: 10 };
const CHAT = 'Alex (Support): Hello!\nYou: I would like a refund for order 16739482210, please.';

test('the case whose order number the text names, wherever the page is', () => {
  assert.equal(preselectCase([trend, norton, closed], { text: CHAT }), 'trend');
  assert.equal(preselectCase([trend, norton], { siteCaseIds: new Set(['norton']), text: CHAT }), 'trend',
    'the text names the order: that beats the site');
  assert.equal(preselectCase([trend, norton], { text: 'Re: your order n-au-40091274 was cancelled' }), 'norton');
  assert.equal(preselectCase([shop, trend], { text: 'Order #1001 confirmed' }), 'shop');
});

test("with no order number named, the site's only open case", () => {
  assert.equal(preselectCase([trend, norton], { siteCaseIds: new Set(['trend']), text: 'Thanks for waiting.' }), 'trend');
});

test('nothing when nothing matches: never the case with the fewest days left', () => {
  assert.equal(preselectCase([trend, norton, closed], { text: 'Thanks for waiting.' }), null);
  assert.equal(preselectCase([trend, norton], { siteCaseIds: new Set(['trend', 'norton']), text: 'Hello' }), null,
    'two cases on this site and the text names neither');
  assert.equal(preselectCase([], { text: CHAT }), null);
});

test('a closed case is never proposed, even when the text names it', () => {
  assert.equal(preselectCase([closed, trend], { text: 'About order 5550001' }), null);
  assert.equal(preselectCase([closed], { siteCaseIds: new Set(['closed']), text: 'Hello' }), null);
});

test('two cases named: the one on this site, else none', () => {
  const text = 'Orders 16739482210 and N-AU-40091274';
  assert.equal(preselectCase([trend, norton], { siteCaseIds: new Set(['norton']), text }), 'norton');
  assert.equal(preselectCase([trend, norton], { text }), null);
});

test('an order number counts only as a whole token', () => {
  assert.equal(mentionsOrderNumber('ref 916739482210', '16739482210'), false);
  assert.equal(mentionsOrderNumber('ref 167394822109', '16739482210'), false);
  assert.equal(mentionsOrderNumber('ORDER16739482210', '16739482210'), false);
  assert.equal(mentionsOrderNumber('(16739482210)', '16739482210'), true);
  assert.equal(mentionsOrderNumber('order: 16739482210.', '16739482210'), true);
  assert.equal(mentionsOrderNumber('It cost 12 dollars', '12'), false, 'too short to tell from any number');
  assert.equal(mentionsOrderNumber('anything', null), false);
});
