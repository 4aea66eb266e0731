// Where learnt rules are kept (background/learned-fields.js: storage limits, newest first,
// export and import) and which site a page's rules belong to (shared/learned-site.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LearnedFields, LEARNED_KEY, MAX_RULES_PER_SITE, MAX_SITES, addRules, cleanRule, exportDocument, importDocument, removeRules,
} from '../src/background/learned-fields.js';
import { isWebmail, learnedSiteFor, registrableDomain } from '../src/shared/learned-site.js';
import { MemoryArea } from './helpers.js';

const label = (field, text, at, extra = {}) => ({
  field, anchor: { kind: 'label', relation: 'next_cell', label: text }, example: 'x', learned_at: at, ...extra });
const at = (n) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
let counter = 0;
const options = () => ({ makeId: () => `id${(counter += 1)}`, now: at(0) });

test('the site is the registrable domain: subdomains share it, suffixes and private suffixes count', () => {
  assert.equal(learnedSiteFor('https://shop.example.co.uk/order/1'), 'example.co.uk');
  assert.equal(learnedSiteFor('https://www.example.co.uk/'), 'example.co.uk');
  assert.equal(learnedSiteFor('https://store.trendmicro.com/DRHM/store?Action=ThankYouPage'), 'trendmicro.com');
  assert.equal(learnedSiteFor('https://nordlicht.myshopify.com/orders/1'), 'nordlicht.myshopify.com');
  assert.equal(learnedSiteFor('http://127.0.0.1:41800/pages/a.html'), '127.0.0.1');
  assert.equal(learnedSiteFor('http://localhost:3000/'), 'localhost');
  for (const url of ['chrome://extensions', 'file:///tmp/order.html', 'about:blank', 'not a url', '', null]) {
    assert.equal(learnedSiteFor(url), null, String(url));
  }
  assert.equal(registrableDomain('EXAMPLE.com.'), 'example.com');
});

test('on a web mailbox the site is the sender\'s, and nothing without one', () => {
  for (const url of ['https://mail.google.com/mail/u/0/#inbox/FMfcg', 'https://outlook.live.com/mail/0/inbox/id/A',
    'https://mail.yahoo.com/d/folders/1/messages/3', 'https://mail.proton.me/u/0/inbox', 'https://web.de/', 'https://navigator.web.de/mail',
    'https://www.gmx.net/mail/', 'https://3c.gmx.de/mail/client', 'https://mail.yandex.ru/?uid=1#message/2',
    'https://mail.example.org/roundcube/?_task=mail&_action=show&_uid=3', 'https://webmail.example.org/']) {
    assert.equal(isWebmail(url), true, url);
    assert.equal(learnedSiteFor(url), null, url);
  }
  assert.equal(learnedSiteFor('https://mail.google.com/mail/u/0/#inbox', 'orders.shop.example.co.uk'), 'example.co.uk');
  assert.equal(learnedSiteFor('https://mail.google.com/mail/u/0/#inbox', 'no-reply@nordlicht.example'), 'nordlicht.example');
  assert.equal(learnedSiteFor('https://mail.google.com/mail/u/0/#inbox', 'not a domain'), null);
  assert.equal(isWebmail('https://www.example.com/account/orders'), false);
});

test('rules are checked and trimmed to what a rule holds', () => {
  const rule = cleanRule({ ...label('order_number', 'vorgang', at(1)), order: 'dmy', script: '<x>', anchor: { kind: 'label', relation: 'next_cell', label: 'vorgang', extra: 1 } }, options());
  assert.deepEqual(Object.keys(rule).sort(), ['anchor', 'example', 'field', 'id', 'learned_at', 'order']);
  assert.deepEqual(rule.anchor, { kind: 'label', relation: 'next_cell', label: 'vorgang' });
  for (const bad of [null, {}, label('auto_renews', 'x', at(1)), label('order_number', '', at(1)), label('order_number', 'x'.repeat(61), at(1)),
    { field: 'order_number', anchor: { kind: 'label', relation: 'elsewhere', label: 'x' } },
    { field: 'order_number', anchor: { kind: 'path', attribute: 'onclick', value: 'x', tag: 'div', steps: [] } },
    { field: 'order_number', anchor: { kind: 'path', attribute: 'id', value: 'x', tag: 'div>p', steps: [] } },
    { field: 'order_number', anchor: { kind: 'path', attribute: 'id', value: 'x', tag: 'div', steps: [{ tag: 'p', index: -1 }] } }]) {
    assert.equal(cleanRule(bad, options()), null, JSON.stringify(bad));
  }
});

test('newest first; the same field and anchor replaced; other anchors for a field kept behind it', () => {
  let all = addRules({}, 'example.com', [label('order_number', 'vorgang', at(1))], options());
  all = addRules(all, 'example.com', [label('order_number', 'auftrag', at(2))], options());
  all = addRules(all, 'example.com', [label('order_number', 'vorgang', at(3), { example: 'VG-9' })], options());
  assert.deepEqual(all['example.com'].map((r) => [r.anchor.label, r.example]), [['vorgang', 'VG-9'], ['auftrag', 'x']]);
});

test('at most MAX_RULES_PER_SITE rules a site and MAX_SITES sites: the oldest go', () => {
  let all = {};
  for (let i = 0; i < MAX_RULES_PER_SITE + 5; i += 1) all = addRules(all, 'example.com', [label('product', `label ${String.fromCharCode(97 + i)}`, at(i))], options());
  assert.equal(all['example.com'].length, MAX_RULES_PER_SITE);
  assert.equal(all['example.com'][0].anchor.label, `label ${String.fromCharCode(97 + MAX_RULES_PER_SITE + 4)}`);
  assert.ok(!all['example.com'].some((r) => r.anchor.label === 'label a'));

  all = {};
  for (let i = 0; i < MAX_SITES + 3; i += 1) all = addRules(all, `shop${i}.example`, [label('order_number', 'vorgang', at(i))], options());
  assert.equal(Object.keys(all).length, MAX_SITES);
  assert.equal(all['shop0.example'], undefined);
  assert.equal(all['shop2.example'], undefined);
  assert.ok(all['shop3.example'] && all[`shop${MAX_SITES + 2}.example`]);
  // A site learning again is the newest: it stays when others come.
  all = addRules(all, 'shop3.example', [label('amount', 'gesamt', at(10_000))], options());
  all = addRules(all, 'newer.example', [label('amount', 'gesamt', at(10_001))], options());
  assert.ok(all['shop3.example'] && !all['shop4.example']);
});

test('removing one rule or all of a site\'s', () => {
  let all = addRules({}, 'example.com', [label('order_number', 'vorgang', at(1)), label('amount', 'gesamt', at(2))], options());
  const [amount, number] = all['example.com'];
  all = removeRules(all, 'example.com', amount.id);
  assert.deepEqual(all['example.com'].map((r) => r.id), [number.id]);
  all = removeRules(all, 'example.com', number.id);
  assert.deepEqual(all, {});
  all = addRules({}, 'example.com', [label('order_number', 'vorgang', at(1))], options());
  assert.deepEqual(removeRules(all, 'example.com'), {});
  assert.deepEqual(removeRules(all, 'other.example'), all);
});

test('export and import: a file with every site, read back; anything else refused', () => {
  const all = addRules(addRules({}, 'a.example', [label('order_number', 'vorgang', at(1)), label('amount', 'gesamt', at(2))], options()),
    'b.example', [label('product', 'artikel', at(3))], options());
  const file = exportDocument(all, at(9));
  assert.deepEqual(Object.keys(file), ['format', 'version', 'exported_at', 'sites']);
  assert.equal(file.format, 'refund-tracker-learned-fields');
  const { all: back, sites, rules } = importDocument({}, JSON.parse(JSON.stringify(file)), options());
  assert.deepEqual([sites, rules], [2, 3]);
  assert.deepEqual(back, all);
  // Into rules already there: merged, newest first, nothing doubled.
  assert.deepEqual(importDocument(all, file, options()).all, all);
  for (const bad of [null, [], { sites: {} }, { format: 'other', sites: {} }]) assert.throws(() => importDocument({}, bad, options()), /not a file of learned fields/);
  const junk = importDocument({}, { format: 'refund-tracker-learned-fields', sites: { 'Bad Site!': [label('product', 'x', at(1))], 'c.example': [{ field: 'x' }] } }, options());
  assert.deepEqual([junk.sites, junk.rules, junk.all], [0, 0, {}]);
});

test('LearnedFields keeps everything under one storage.local key, one change at a time', async () => {
  const area = new MemoryArea();
  const store = new LearnedFields(area);
  await Promise.all([
    store.learn('example.com', [label('order_number', 'vorgang', at(1))], options()),
    store.learn('example.com', [label('amount', 'gesamt', at(2))], options()),
    store.learn('other.example', [label('product', 'artikel', at(3))], options()),
  ]);
  assert.deepEqual([...area.data.keys()], [LEARNED_KEY]);
  assert.deepEqual((await store.rulesFor('example.com')).map((r) => r.field), ['amount', 'order_number']);
  const [first] = await store.rulesFor('example.com');
  assert.equal(await store.remove('example.com', first.id), 1);
  assert.equal(await store.remove('example.com'), 1);
  assert.deepEqual(await store.rulesFor('example.com'), []);
  assert.deepEqual(Object.keys((await store.exportData(at(5))).sites), ['other.example']);
  assert.deepEqual(await store.rulesFor('not a site'), []);
});
