import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJsonLd, extractFromJsonLd } from '../src/extract/extractors/jsonld.js';
import { readPage } from '../src/extract/page.js';
import { fixturePage, html } from './helpers.js';

const fromFixture = (name) => {
  const page = fixturePage(name);
  return extractFromJsonLd(readPage(page.load(), page.url));
};
const values = (candidate) => Object.fromEntries(Object.entries(candidate.fields).map(([k, v]) => [k, v.value]));

test('an Order in an email', () => {
  const c = fromFixture('webmail-order-jsonld');
  assert.equal(c.source, 'jsonld');
  assert.deepEqual(values(c), {
    order_number: 'NWG-2026-118804',
    order_date: '2026-11-14',
    merchant_name: 'Northwind Games',
    account_email: 'sam.rivera@example.org',
    product: 'Starfall Tactics - Deluxe Edition (digital)',
    items: [{ name: 'Starfall Tactics - Deluxe Edition (digital)', variant: null, quantity: 1, price: '59.99' }],
    amount: '59.99',
    currency: 'EUR',
  });
  assert.equal(c.signals.structuredOrder, true);
});

test('an Invoice in @graph referencing its Order', () => {
  const c = fromFixture('adobe-invoice-jsonld-graph-fr');
  assert.equal(c.get('order_number'), 'AD019283746');
  assert.equal(c.get('amount'), '1031.88');
  assert.equal(c.get('currency'), 'EUR');
  assert.equal(c.get('account_email'), 'elodie.martin@example.fr');
  assert.equal(c.get('product'), "Creative Cloud Toutes les applications (annuel, payé d'avance)");
});

test('an Invoice without an Order', () => {
  const c = fromFixture('proton-invoice-jsonld-chf');
  assert.equal(c.get('order_number'), 'PM-88123-2026');
  assert.equal(c.get('amount'), '119.88');
  assert.equal(c.get('currency'), 'CHF');
  assert.equal(c.get('merchant_name'), 'Proton');
});

test('a top-level array; line items summed with quantities when the order has no total', () => {
  const c = fromFixture('gamebox-jsonld-array-two-items');
  assert.equal(c.get('product'), 'Hollow Reef'); // the first item; `items` lists them all
  assert.deepEqual(c.get('items').map((item) => [item.name, item.quantity]), [['Hollow Reef', 1], ['Lantern Keepers', 2]]);
  assert.equal(c.get('amount'), '24.97');
  assert.ok(c.fields.amount.weight < 0.85, 'a sum of offers is weaker than an order total');
});

test('broken, cut-off and invalid blocks next to a usable one', () => {
  const c = fromFixture('avast-malformed-markup');
  assert.equal(c.get('order_number'), 'AV-55102993');
  assert.equal(c.get('product'), 'Avast Premium Security & VPN – 1 year');
  assert.equal(c.get('merchant_name'), 'Avast Software');
  assert.equal(c.get('amount'), '69.99');
});

test('a product page has no order but reports its types', () => {
  const c = fromFixture('not-order-trendmicro-product-page');
  assert.ok(c.isEmpty());
  assert.ok(c.signals.types.includes('Product'));
});

test('blocks: type with parameters, HTML-escaped JSON, several per page, other script types ignored', () => {
  const doc = html(`<html><head>
    <script type="application/ld+json; charset=utf-8">{"@type": "Order", "orderNumber": "A-1001"}</script>
    <script type="application/ld+json">{&quot;@type&quot;: &quot;Invoice&quot;, &quot;confirmationNumber&quot;: &quot;INV-77&quot;}</script>
    <script type="text/javascript">var x = {"@type": "Order"};</script>
  </head><body></body></html>`);
  const found = readJsonLd(doc);
  assert.deepEqual(found.map((v) => v['@type']), ['Order', 'Invoice']);
});

test('type names with prefixes and arrays, orderedItem, PropertyValue identifiers, price specifications', () => {
  const doc = html(`<script type="application/ld+json">{
    "@context": "https://schema.org",
    "@type": ["schema:Order", "Thing"],
    "identifier": {"@type": "PropertyValue", "value": "W-99812"},
    "orderDate": "2026-11-02",
    "seller": {"@type": "Organization", "name": "Contoso Ltd."},
    "customer": "mailto:Kim@Example.com",
    "orderedItem": [{"@type": "OrderItem", "orderQuantity": 1, "orderedItem": {"@type": "Product", "name": "Contoso Backup"}}],
    "partOfInvoice": {"@type": "Invoice", "totalPaymentDue": {"@type": "PriceSpecification", "price": "12.5", "priceCurrency": "usd"}}
  }</script>`);
  const c = extractFromJsonLd(readPage(doc, 'https://contoso.example/orders/W-99812'));
  assert.deepEqual(values(c), {
    order_number: 'W-99812',
    order_date: '2026-11-02',
    merchant_name: 'Contoso',
    account_email: 'kim@example.com',
    product: 'Contoso Backup',
    items: [{ name: 'Contoso Backup', variant: null, quantity: 1, price: null }],
    amount: '12.50',
    currency: 'USD',
  });
});

test('a block cut off before its end is kept, and outweighed by the page text', async () => {
  const { analyzeOrder } = await import('../src/extract/index.js');
  const doc = html(`<html lang="en"><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Order", "orderNumber": "K-2026-88",
     "orderDate": "2026-07-03", "price": "18.00", "priceCurrency": "EUR",
     "acceptedOffer": [{"@type": "Offer", "itemOffered": {"@type": "Product", "name": "Linen tea towel</script></head>
    <body><h1>Thank you for your order</h1><p>Order number: K-2026-88</p><p>Order date: 7 March 2026</p>
    <table><tr><td>Linen tea towel</td><td>€18.00</td></tr><tr><td>Shipping</td><td>€4.50</td></tr>
    <tr><td>Total</td><td>€22.50</td></tr></table></body></html>`);
  const c = extractFromJsonLd(readPage(doc, 'https://shop.example/thanks'));
  assert.equal(c.signals.cutOff, true);
  assert.equal(c.get('order_number'), 'K-2026-88');
  assert.ok(c.fields.order_date.weight < 0.5);
  const { result } = analyzeOrder(doc, 'https://shop.example/thanks');
  assert.equal(result.order_date, '2026-03-07');
  assert.equal(result.amount, '22.50');
});
