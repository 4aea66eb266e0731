// Control, zero-width and bidi characters never reach a field of the result,
// whichever extractor read it (page text, JSON-LD, microdata, a site rule).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractOrder, RESULT_KEYS } from '../src/extract/index.js';
import { cleanText, cleanOrderNumber, cleanOrgName, cleanEmail, stripControls } from '../src/extract/normalize.js';
import { visibleLines } from '../src/extract/page.js';
import { fixturePages, html } from './helpers.js';

// Nothing a field may hold: C0/C1 controls (tab and line breaks included) and format characters.
const FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

function assertCleanStrings(result, label) {
  for (const key of RESULT_KEYS) {
    const value = result[key];
    if (typeof value !== 'string') continue;
    assert.ok(!FORBIDDEN.test(value), `${label}: ${key} ${JSON.stringify(value)}`);
    assert.equal(value, value.trim(), `${label}: ${key} is trimmed`);
    assert.ok(!/\s{2}/.test(value), `${label}: ${key} has no runs of spaces`);
  }
}

test('every C0 and C1 control is spaced or removed; ordinary and hard spaces stay', () => {
  for (let code = 0; code <= 0x9f; code += 1) {
    if (code >= 0x20 && code < 0x7f) continue;
    const c = String.fromCharCode(code);
    const cleaned = cleanText(`Norton${c}360`);
    assert.ok(cleaned === 'Norton360' || cleaned === 'Norton 360', `U+${code.toString(16).padStart(4, '0')}: ${JSON.stringify(cleaned)}`);
  }
  // Line breaks of every kind become one space: every field is one line.
  for (const c of ['\n', '\r\n', '\v', '\f', '\u0085', '\u2028', '\u2029', '\t']) {
    assert.equal(cleanText(`Norton 360${c}Deluxe`), 'Norton 360 Deluxe', JSON.stringify(c));
  }
  assert.equal(cleanText('Norton\x01360\x7f Deluxe'), 'Norton360 Deluxe');
  assert.equal(stripControls('a b\u00a0c'), 'a b\u00a0c');
  assert.equal(cleanText('  a   b  '), 'a b');
});

test('zero-width and bidi format characters are removed from every kind of field', () => {
  for (const c of ['\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c',
    '\u202d', '\u202e', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\ufeff', '\u{e0041}']) {
    const label = `U+${c.codePointAt(0).toString(16)}`;
    assert.equal(cleanText(`Nor${c}ton`), 'Norton', label);
    assert.equal(cleanOrderNumber(`W12${c}345678`), 'W12345678', label);
    assert.equal(cleanOrgName(`Digital${c} River, Inc.`), 'Digital River', label);
    assert.equal(cleanEmail(`ja${c}ne@exa${c}mple.com`), 'jane@example.com', label);
  }
  // A right-to-left override would show "W12345678" as "W12876543": what is kept is the logical order.
  assert.equal(cleanOrderNumber('W12\u202e345678\u202c'), 'W12345678');
});

test('page text: controls inside a word are removed, separating ones become a space', () => {
  const doc = html('<p>Or\u200bder\u0085number:\x01 W12\x7f3456</p><p>Nor\u00adton\x1f360</p>');
  assert.deepEqual(visibleLines(doc.body), ['Order number: W123456', 'Norton 360']);
});

test('generic extractor: product, order number, merchant and email with \\x01, DEL, NEL, zero-width and bidi characters', () => {
  const page = `<!doctype html><html lang="en"><head><title>Order confirmed\x01 | Nor\u202eton\u202c</title></head><body>
    <h1>Thank you for your order with Nor\x01ton\u202e LifeLock\u202c</h1>
    <p>Order number: W12\x7f34\u200b56\u202e78\u202c</p>
    <p>Product: Norton 360\x01 Deluxe\u0085 1 year\u2067\u2069</p>
    <p>Total: $49.99</p>
    <p>A receipt was sent to ja\x01ne\u200b@exa\u202emple.com</p></body></html>`;
  const result = extractOrder(html(page), 'https://shop.example/thanks');
  assert.equal(result.found, true);
  assert.equal(result.order_number, 'W12345678');
  assert.equal(result.product, 'Norton 360 Deluxe 1 year');
  assert.equal(result.merchant_name, 'Norton LifeLock');
  assert.equal(result.account_email, 'jane@example.com');
  assert.equal(result.page_title, 'Order confirmed | Norton');
  assertCleanStrings(result, 'generic');
});

test('JSON-LD and microdata: escaped controls in the structured values are cleaned too', () => {
  const jsonld = `<html><body><p>Thank you for your order.</p><script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Order',
    orderNumber: 'NWG-\u0001118\u202e804',
    orderDate: '2026-11-14',
    seller: { '@type': 'Organization', name: 'North\u007fwind\u0085Games\u200b' },
    customer: { '@type': 'Person', email: 'sam\u0001.rivera\u2066@example.org' },
    acceptedOffer: { '@type': 'Offer', price: '59.99', priceCurrency: 'EUR', itemOffered: { '@type': 'Product', name: 'Starfall\u0000 Tactics\n\u202eDeluxe' } },
  })}</script></body></html>`;
  const fromJsonLd = extractOrder(html(jsonld), 'https://mail.example/inbox');
  assert.equal(fromJsonLd.found, true);
  assert.equal(fromJsonLd.order_number, 'NWG-118804');
  assert.equal(fromJsonLd.merchant_name, 'Northwind Games');
  assert.equal(fromJsonLd.account_email, 'sam.rivera@example.org');
  assert.equal(fromJsonLd.product, 'Starfall Tactics Deluxe');
  assertCleanStrings(fromJsonLd, 'jsonld');

  const microdata = `<html><body><h1>Thank you for your order</h1><div itemscope itemtype="https://schema.org/Order">
    <span itemprop="orderNumber" content="MD-\u202e4471\x01"></span>
    <div itemprop="seller" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Pixel\u200bwinkel\u0085B.V.</span></div>
    <div itemprop="acceptedOffer" itemscope itemtype="https://schema.org/Offer">
      <div itemprop="itemOffered" itemscope itemtype="https://schema.org/Product"><span itemprop="name">Photo\x7f Editor\u2028Pro</span></div>
      <meta itemprop="price" content="19.00"><meta itemprop="priceCurrency" content="EUR"></div></div></body></html>`;
  const fromMicrodata = extractOrder(html(microdata), 'https://pixelwinkel.example/order/4471');
  assert.equal(fromMicrodata.found, true);
  assert.equal(fromMicrodata.order_number, 'MD-4471');
  assert.equal(fromMicrodata.merchant_name, 'Pixelwinkel');
  assert.equal(fromMicrodata.product, 'Photo Editor Pro');
  assertCleanStrings(fromMicrodata, 'microdata');
});

test('a site rule: selector values and the number in the URL are cleaned', () => {
  const page = `<html><body><h1>Receipt</h1>
    <p data-testid="order-id">\u202e123\x01456-789</p>
    <p data-testid="product-name">Focus\u200b Timer\u0085Pro\u202e</p>
    <p data-testid="total-amount">US$12.00</p>
    <p data-testid="customer-email">a\x7fli@example.com</p></body></html>`;
  const result = extractOrder(html(page), 'https://my.paddle.com/receipt/');
  assert.equal(result.found, true);
  assert.equal(result.source, 'site:paddle');
  assert.equal(result.order_number, '123456-789');
  assert.equal(result.product, 'Focus Timer Pro');
  assert.equal(result.account_email, 'ali@example.com');
  assertCleanStrings(result, 'site:paddle');

  // The query string is decoded before a rule reads it: %01 and %E2%80%AE arrive as characters.
  const fromUrl = extractOrder(html('<html><body><h1>Thank you for your order</h1><p>Total: $39.95</p></body></html>'),
    'https://store.trendmicro.com/store?Action=ThankYouPage&orderID=16740%01011%E2%80%AE234');
  assert.equal(fromUrl.order_number, '16740011234');
  assertCleanStrings(fromUrl, 'site:digitalriver');
});

test('no text field of any fixture page holds a control or format character', () => {
  for (const page of fixturePages()) assertCleanStrings(extractOrder(page.load(), page.url), page.name);
});
