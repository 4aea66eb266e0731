// Learning where a corrected value stands on a page (src/extract/learn/anchors.js),
// and reading it back there and on another page of the same site.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAnchor, isStableName, labelKey, learnAnchor } from '../src/extract/learn/anchors.js';
import { describeAnchor } from '../src/extract/learn/rule.js';
import { html } from './helpers.js';

const URL_A = 'https://shop.nordlicht.example/bestellung/a';

function page(body, lang = 'de') {
  return html(`<!doctype html><html lang="${lang}"><head><title>Bestellung</title></head><body>${body}</body></html>`);
}

/** The rule learnt on `bodyA`, and the text it reads on `bodyB`. */
function learnAndRead(field, value, bodyA, bodyB, lang) {
  const rule = learnAnchor(page(bodyA, lang), URL_A, field, value);
  return { rule, read: rule && bodyB !== undefined ? applyAnchor(page(bodyB, lang), rule) : null };
}

const table = (number, customer = '4471123') => `<h1>Danke für Ihre Bestellung</h1>
  <table><tr><th>Kundennummer</th><td>${customer}</td></tr><tr><th>Vorgang</th><td>${number}</td></tr></table>`;

test('a label in the previous cell of its table row', () => {
  const { rule, read } = learnAndRead('order_number', 'VG-2026-0412', table('VG-2026-0412'), table('VG-2026-0587', '4471999'));
  assert.deepEqual(rule, {
    field: 'order_number', anchor: { kind: 'label', relation: 'next_cell', label: 'vorgang' }, example: 'VG-2026-0412' });
  assert.equal(read, 'VG-2026-0587');
});

test('a label in a <dt> for its <dd>, the label wrapped in markup', () => {
  const dl = (n) => `<dl><dt>Kundennummer</dt><dd>4471123</dd><dt><strong>Vorgang:</strong></dt><dd><span>${n}</span></dd></dl>`;
  const { rule, read } = learnAndRead('order_number', 'VG-1', dl('VG-1'), dl('VG-2'));
  // The page's lines may put a <dd> on its <dt>'s line (then the label is on the same line).
  assert.equal(rule.anchor.kind, 'label');
  assert.ok(['next_cell', 'same_text'].includes(rule.anchor.relation), rule.anchor.relation);
  assert.equal(rule.anchor.label, 'vorgang');
  assert.match(read, /^VG-2$/);
});

test('"Label: value" in one text, the label stored folded (lower case, no accents)', () => {
  const text = (n) => `<p>Kundennummer: 4471123</p><p><b>Bestätigungs-Nr.:</b> <span class="v">${n}</span> vom 20.11.2026</p>`;
  const { rule, read } = learnAndRead('order_number', 'BN88123', text('BN88123'), text('BN99001'));
  assert.deepEqual(rule.anchor, { kind: 'label', relation: 'same_text', label: 'bestatigungs-nr' });
  assert.equal(read, 'BN99001 vom 20.11.2026');
  // The words before it only, not a sentence or the digits of another field.
  const sentence = learnAnchor(page('<p>Danke! Bestellt am 20.11.2026, Ihr Vorgang VG-7 ist angelegt.</p>'), URL_A, 'order_number', 'VG-7');
  assert.deepEqual(sentence.anchor, { kind: 'label', relation: 'same_text', label: 'ihr vorgang' });
});

test('a label on the line above (a <br>), and a label element before the value', () => {
  const br = (n) => `<p>Kundennummer 4471123</p><p>Vorgang<br>${n}</p>`;
  const { rule, read } = learnAndRead('order_number', 'VG-1', br('VG-1'), br('VG-2'));
  assert.deepEqual(rule.anchor, { kind: 'label', relation: 'next_line', label: 'vorgang' });
  assert.equal(read, 'VG-2');
  const div = (n) => `<div class="row"><div class="k">Vorgang</div><div class="v"><div>${n}</div></div></div>`;
  const divs = learnAndRead('order_number', 'VG-1', div('VG-1'), div('VG-2'));
  assert.deepEqual(divs.rule.anchor, { kind: 'label', relation: 'next_cell', label: 'vorgang' });
  assert.equal(divs.read, 'VG-2');
});

test('the header cell of its column', () => {
  const items = (product, price) => `<table><thead><tr><th>Artikel</th><th>Menge</th><th>Preis</th></tr></thead>
    <tbody><tr><td>${product}</td><td>1</td><td>${price}</td></tr></tbody></table>`;
  const product = learnAndRead('product', 'Nordlicht Backup Pro', items('Nordlicht Backup Pro', '58,40 €'), items('Photo Suite', '31,90 €'));
  assert.deepEqual(product.rule.anchor, { kind: 'label', relation: 'column', label: 'artikel' });
  assert.equal(product.read, 'Photo Suite');
  const amount = learnAndRead('amount', '58.40', items('Nordlicht Backup Pro', '58,40 €'), items('Photo Suite', '31,90 €'));
  assert.deepEqual(amount.rule.anchor, { kind: 'label', relation: 'column', label: 'preis' });
  assert.equal(amount.read, '31,90 €');
});

test('a value typed otherwise than printed: a date, an amount, an email, a company name', () => {
  const dated = (d) => `<p>Kundennummer: 4471123</p><p>Bestelldatum: ${d}</p>`;
  const date = learnAndRead('order_date', '2026-03-12', dated('12. März 2026'), dated('3. April 2026'));
  assert.deepEqual(date.rule, { field: 'order_date', anchor: { kind: 'label', relation: 'same_text', label: 'bestelldatum' },
    example: '2026-03-12' });
  assert.equal(date.read, '3. April 2026');
  const total = (a) => `<p>Zwischensumme: 50,00 €</p><p>Gesamt: <strong>${a}</strong></p>`;
  const amount = learnAndRead('amount', '58.40', total('58,40\u00a0€'), total('1.234,50 €'));
  assert.deepEqual(amount.rule.anchor, { kind: 'label', relation: 'same_text', label: 'gesamt' });
  assert.equal(amount.rule.example, '58.40');
  assert.equal(learnAndRead('account_email', 'Kim@Example.org', '<p>Konto: kim@example.org</p>').rule.anchor.label, 'konto');
  const seller = learnAndRead('seller_name', 'Nordlicht', '<p>Verkäufer: Nordlicht GmbH</p>');
  assert.deepEqual(seller.rule.anchor, { kind: 'label', relation: 'same_text', label: 'verkaufer' });
});

test('an ambiguous slash date keeps the day/month order it was read in', () => {
  const rule = learnAnchor(page('<p>Order date: 03/04/2026</p>', 'en-US'), 'https://shop.example/o', 'order_date', '2026-04-03');
  assert.equal(rule.order, 'dmy');
  assert.equal(learnAnchor(page('<p>Order date: 03/04/2026</p>', 'en-US'), 'https://shop.example/o', 'order_date', '2026-03-04').order, 'mdy');
  assert.equal(learnAnchor(page('<p>Order date: 23/04/2026</p>', 'en-US'), 'https://shop.example/o', 'order_date', '2026-04-23').order, undefined);
});

test('a stable attribute when there is no label: an id, itemprop or data-testid, then tag steps', () => {
  const withId = (n) => `<div id="order-summary"><div><span>${n}</span></div></div><p>Danke</p>`;
  const byId = learnAndRead('order_number', 'VG-1', withId('VG-1'), withId('VG-2'));
  assert.deepEqual(byId.rule.anchor, { kind: 'path', attribute: 'id', value: 'order-summary', tag: 'div',
    steps: [{ tag: 'div', index: 0 }, { tag: 'span', index: 0 }] });
  assert.equal(byId.read, 'VG-2');
  const testId = (n) => `<main><section><p data-testid="order-ref">${n}</p><p>Danke</p></section></main>`;
  assert.deepEqual(learnAndRead('order_number', 'VG-1', testId('VG-1'), testId('VG-3')).rule.anchor,
    { kind: 'path', attribute: 'data-testid', value: 'order-ref', tag: 'p', steps: [] });
  assert.equal(learnAndRead('order_number', 'VG-1', testId('VG-1'), testId('VG-3')).read, 'VG-3');
  const merchant = learnAndRead('merchant_name', 'Nordlicht Software', '<header><div class="logo">Nordlicht Software</div></header><p>Danke</p>');
  assert.deepEqual(merchant.rule.anchor, { kind: 'path', attribute: 'class', value: 'logo', tag: 'div', steps: [] });
});

test('hashed classes and per-order ids are not anchors; the label is preferred to an attribute', () => {
  assert.equal(isStableName('order-number'), true);
  assert.equal(isStableName('orderDetails__total'), true);
  for (const name of ['css-1x2y3z', 'sc-bdVaJa', 'jsx-2861863425', 'a1b2c3', 'order-4471123', 'kXjLmN', '_3xYz1']) {
    assert.equal(isStableName(name), false, name);
  }
  const hashed = (n) => `<div class="css-1x2y3z"><div class="sc-bdVaJa">${n}</div></div><p>Danke</p>`;
  assert.equal(learnAnchor(page(hashed('VG-1')), URL_A, 'order_number', 'VG-1'), null);
  const both = `<div id="summary"><table><tr><td>Vorgang</td><td id="x-4471">VG-1</td></tr></table></div>`;
  assert.equal(learnAnchor(page(both), URL_A, 'order_number', 'VG-1').anchor.kind, 'label');
});

test('no anchor: the value is not on the page, is hidden, or only in a script', () => {
  assert.equal(learnAnchor(page(table('VG-1')), URL_A, 'order_number', 'VG-404'), null);
  assert.equal(learnAnchor(page('<p>Vorgang: <span hidden>VG-1</span></p><script>var n = "VG-2"</script>'), URL_A, 'order_number', 'VG-1'), null);
  assert.equal(learnAnchor(page('<p>Vorgang</p><script>var n = "VG-2"</script>'), URL_A, 'order_number', 'VG-2'), null);
  assert.equal(learnAnchor(page(table('VG-1')), URL_A, 'order_number', ''), null);
  assert.equal(learnAnchor(page(table('VG-1')), URL_A, 'auto_renews', 'yes'), null);
});

test('a rule is kept only if it reads the typed value back before any other', () => {
  // "Nummer" labels the customer number first: learning it for the order would read 4471123.
  const twice = '<p>Nummer: 4471123</p><p>Nummer: VG-1</p>';
  const rule = learnAnchor(page(twice), URL_A, 'order_number', 'VG-1');
  assert.notDeepEqual(rule && rule.anchor, { kind: 'label', relation: 'same_text', label: 'nummer' });
});

test('applyAnchor: nothing there, or nothing accepted, is null', () => {
  const rule = { field: 'order_number', anchor: { kind: 'label', relation: 'next_cell', label: 'vorgang' } };
  assert.equal(applyAnchor(page('<p>Ganz andere Seite</p>'), rule), null);
  assert.equal(applyAnchor(page(table('VG-1')), rule, () => false), null);
  assert.equal(applyAnchor(page(table('VG-1')), { anchor: { kind: 'label', relation: 'nonsense', label: 'vorgang' } }), null);
  assert.equal(applyAnchor(page(table('VG-1')), { anchor: { kind: 'path', attribute: 'id', value: 'x', tag: 'div[', steps: [] } }), null);
  assert.equal(applyAnchor(page(table('VG-1')), null), null);
});

test('labels and anchors in words', () => {
  assert.equal(labelKey('  Bestätigungs-Nr.: '), 'bestatigungs-nr');
  assert.equal(labelKey('Total (€)'), 'total');
  assert.equal(describeAnchor({ kind: 'label', relation: 'next_cell', label: 'vorgang' }), 'next to “vorgang”');
  assert.equal(describeAnchor({ kind: 'label', relation: 'column', label: 'preis' }), 'in the column “preis”');
  assert.equal(describeAnchor({ kind: 'path', attribute: 'id', value: 'order-summary', tag: 'div', steps: [{ tag: 'span', index: 0 }] }),
    'inside the element with id “order-summary”');
});
