import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMicrodata, extractFromMicrodata } from '../src/extract/extractors/microdata.js';
import { readPage } from '../src/extract/page.js';
import { fixturePage, html } from './helpers.js';

test('items nest, and values come from content, datetime, href or text', () => {
  const doc = html(`<div itemscope itemtype="https://schema.org/Order">
      <span itemprop="orderNumber">X-42001</span>
      <time itemprop="orderDate" datetime="2026-11-18">18 Nov</time>
      <a itemprop="url" href="https://shop.example/o/42001">view</a>
      <div itemprop="acceptedOffer" itemscope itemtype="https://schema.org/Offer">
        <meta itemprop="price" content="10.00"><span itemprop="priceCurrency">EUR</span>
        <div itemprop="itemOffered" itemscope itemtype="https://schema.org/Product"><span itemprop="name">Widget</span></div>
      </div>
    </div>`);
  const items = readMicrodata(doc);
  const order = items.find((i) => i['@type'] && i['@type'][0].endsWith('/Order'));
  assert.equal(order.orderNumber, 'X-42001');
  assert.equal(order.orderDate, '2026-11-18');
  assert.equal(order.url, 'https://shop.example/o/42001');
  assert.equal(order.acceptedOffer.price, '10.00');
  assert.equal(order.acceptedOffer.itemOffered.name, 'Widget');
});

test('an Order with seller, offer and customer', () => {
  const page = fixturePage('shop-microdata-order');
  const c = extractFromMicrodata(readPage(page.load(), page.url));
  assert.equal(c.source, 'microdata');
  assert.equal(c.get('order_number'), 'CSS-77310');
  assert.equal(c.get('order_date'), '2026-11-18');
  assert.equal(c.get('merchant_name'), 'Contoso Software Shop');
  assert.equal(c.get('product'), 'Contoso PDF Studio Pro - annual licence');
  assert.equal(c.get('amount'), '89.00');
  assert.equal(c.get('currency'), 'GBP');
  assert.equal(c.get('account_email'), 'alex.morgan@example.co.uk');
});

test('an Invoice with a total and repeated properties', () => {
  const doc = html(`<div itemscope itemtype="http://schema.org/Invoice">
      <span itemprop="confirmationNumber">INV-2026-0042</span>
      <div itemprop="provider" itemscope itemtype="http://schema.org/Organization"><span itemprop="name">Fabrikam GmbH</span></div>
      <div itemprop="totalPaymentDue" itemscope itemtype="http://schema.org/PriceSpecification">
        <span itemprop="price" content="1234.5">1.234,50 €</span><meta itemprop="priceCurrency" content="EUR">
      </div>
      <span itemprop="description">first</span><span itemprop="description">second</span>
    </div>`);
  const c = extractFromMicrodata(readPage(doc, null));
  assert.equal(c.get('order_number'), 'INV-2026-0042');
  assert.equal(c.get('merchant_name'), 'Fabrikam');
  assert.equal(c.get('amount'), '1234.50');
  assert.equal(c.get('currency'), 'EUR');
  const invoice = readMicrodata(doc).find((i) => i.confirmationNumber);
  assert.deepEqual(invoice.description, ['first', 'second']);
});

test('a Product alone is not an order', () => {
  const doc = html(`<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Widget</span>
    <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">9.99</span></div></div>`);
  const c = extractFromMicrodata(readPage(doc, null));
  assert.ok(c.isEmpty());
  assert.ok(c.signals.types.includes('Product'));
});
