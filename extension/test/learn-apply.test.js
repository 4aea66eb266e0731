// extractFromLearned (src/extract/learn/apply.js) through the extractor's hook:
// analyzeOrder(doc, url, {learned}) / extractOrder(doc, url, {learned}).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOrder, extractOrder } from '../src/extract/index.js';
import { readPage } from '../src/extract/page.js';
import { extractFromLearned, LEARNED_WEIGHT } from '../src/extract/learn/apply.js';
import { learnAnchor } from '../src/extract/learn/anchors.js';
import { html } from './helpers.js';

const URL = 'https://www.nordlicht.example/konto/bestellung';

// A shop whose order number the extractor reads wrong: it takes the "Kundennummer".
function order({ number, customer = '4471123', date = '2026-11-20', total = '58,40 €', product = 'Nordlicht Backup Pro – 1 Jahr' }) {
  return html(`<!doctype html><html lang="de"><head><title>Bestellbestätigung – Nordlicht Software</title></head><body>
    <h1>Vielen Dank für Ihre Bestellung!</h1>
    <table class="auftrag">
      <tr><th>Kundennummer</th><td>${customer}</td></tr>
      <tr><th>Vorgang</th><td>${number}</td></tr>
      <tr><th>Datum</th><td>${date}</td></tr>
    </table>
    <table><thead><tr><th>Artikel</th><th>Menge</th><th>Preis</th></tr></thead>
      <tbody><tr><td>${product}</td><td>1</td><td>${total}</td></tr></tbody></table>
    <p>Gesamtbetrag: ${total}</p><p>Zahlungsart: PayPal</p>
  </body></html>`);
}

test('without a rule the extractor reads the customer number; with the learnt one, the order\'s own', () => {
  const a = order({ number: 'VG-2026-0412' });
  const b = order({ number: 'VG-2026-0587', customer: '4471999', total: '31,90 €' });
  assert.equal(extractOrder(b, URL).order_number, '4471999');
  const rule = learnAnchor(a, URL, 'order_number', 'VG-2026-0412');
  const result = extractOrder(b, URL, { learned: [rule] });
  assert.equal(result.order_number, 'VG-2026-0587');
  assert.equal(result.amount, '31.90');
  assert.match(result.source, /^learned\+/);
  const { merged } = analyzeOrder(b, URL, { learned: [rule] });
  assert.deepEqual(merged.order_number, { value: 'VG-2026-0587', weight: LEARNED_WEIGHT, source: 'learned' });
  assert.equal(merged.amount.source, 'text');
});

test('values are cleaned as the extractor cleans them: dates in the page\'s order, amounts with their currency', () => {
  const page = readPage(html(`<html lang="de"><body><p>Bestellt am: 12. März 2026</p><p>Gesamt: 1.234,50 €</p>
    <p>Vorgang: #VG-77 (bitte angeben)</p><p>Verkäufer: Nordlicht GmbH</p><p>Konto: KIM@example.org</p>
    <p>Bezahlt mit: Visa 4111 1111 1111 4417</p><p>Verlängerung: 01.03.2027</p></body></html>`), URL);
  const label = (field, text) => ({ field, anchor: { kind: 'label', relation: 'same_text', label: text } });
  const candidate = extractFromLearned(page, [
    label('order_date', 'bestellt am'), label('amount', 'gesamt'), label('order_number', 'vorgang'),
    label('seller_name', 'verkaufer'), label('account_email', 'konto'), label('payment_method', 'bezahlt mit'),
    label('renewal_date', 'verlangerung'),
  ]);
  assert.equal(candidate.source, 'learned');
  assert.deepEqual(Object.fromEntries(Object.entries(candidate.fields).map(([k, v]) => [k, v.value])), {
    order_date: '2026-03-12', amount: '1234.50', currency: 'EUR', order_number: 'VG-77', seller_name: 'Nordlicht',
    account_email: 'kim@example.org', payment_method: 'Visa ending in 4417', renewal_date: '2027-03-01',
  });
  assert.ok(Object.values(candidate.fields).every((f) => f.weight === LEARNED_WEIGHT));
  assert.deepEqual(candidate.signals.learnedFields.sort(),
    ['account_email', 'amount', 'order_date', 'order_number', 'payment_method', 'renewal_date', 'seller_name']);
});

test('the newest rule for a field wins; an older one is tried when it finds nothing', () => {
  const page = readPage(html('<body><p>Vorgang: VG-1</p><p>Auftrag: AU-2</p></body>'), URL);
  const rule = (label, at) => ({ field: 'order_number', anchor: { kind: 'label', relation: 'same_text', label }, learned_at: at });
  const newest = extractFromLearned(page, [rule('vorgang', '2026-01-01T00:00:00Z'), rule('auftrag', '2026-02-01T00:00:00Z')]);
  assert.equal(newest.get('order_number'), 'AU-2');
  const fallback = extractFromLearned(page, [rule('vorgang', '2026-01-01T00:00:00Z'), rule('rechnung', '2026-02-01T00:00:00Z')]);
  assert.equal(fallback.get('order_number'), 'VG-1');
});

test('rules that find nothing, or are not rules, leave the extraction as it was', () => {
  const b = order({ number: 'VG-2026-0587' });
  const plain = extractOrder(b, URL);
  for (const learned of [[], [null, 42, 'x', { field: 'order_number' }, { field: 'nope', anchor: {} }],
    [{ field: 'order_number', anchor: { kind: 'label', relation: 'next_cell', label: 'rechnungsnummer' } }],
    [{ field: 'order_number', anchor: { kind: 'path', attribute: 'id', value: 'gone', tag: 'div', steps: [] } }]]) {
    assert.deepEqual(extractOrder(b, URL, { learned }), plain);
  }
  assert.equal(extractFromLearned(readPage(b, URL), 'not a list').isEmpty(), true);
});

test('a learnt field does not make a page that is no order look like one', () => {
  const blog = html('<body><h1>How to ask for a refund</h1><p>Vorgang: VG-1 is an example of a reference.</p></body>');
  const rule = { field: 'order_number', anchor: { kind: 'label', relation: 'same_text', label: 'vorgang' } };
  const result = extractOrder(blog, URL, { learned: [rule] });
  assert.equal(result.found, false);
  assert.equal(result.order_number, null);
});

test('on the fixture pages, a rule learnt for a field the extractor read reads that value back', async () => {
  const { fixturePages } = await import('./helpers.js');
  const { LEARNABLE_FIELDS } = await import('../src/extract/learn/rule.js');
  let fields = 0;
  let learnt = 0;
  for (const fixture of fixturePages()) {
    const doc = fixture.load();
    const result = extractOrder(doc, fixture.url);
    if (!result.found) continue;
    for (const field of LEARNABLE_FIELDS) {
      if (!result[field]) continue;
      fields += 1;
      const rule = learnAnchor(doc, fixture.url, field, result[field]);
      if (!rule) continue; // e.g. a shop name from the page's title or a logo's alt text
      learnt += 1;
      assert.equal(extractOrder(doc, fixture.url, { learned: [rule] })[field], result[field], `${fixture.name} ${field}`);
    }
  }
  // Most values the extractor reads stand in the page's text where a rule can point.
  assert.ok(learnt / fields > 0.7, `${learnt} of ${fields}`);
});
