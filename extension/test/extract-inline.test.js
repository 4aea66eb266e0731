// extractOrder end to end on small pages written inline: shapes of pages
// that are not among the fixtures, and the result contract itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractOrder, analyzeOrder, RESULT_KEYS } from '../src/extract/index.js';
import { html } from './helpers.js';

const extract = (markup, url = null) => extractOrder(html(markup), url);

test('result keys and types', () => {
  const result = extract('<p>hello</p>');
  assert.deepEqual(Object.keys(result), RESULT_KEYS);
  assert.equal(result.found, false);
  assert.equal(typeof result.confidence, 'number');
  assert.equal(result.page_url, null);
  assert.equal(result.page_title, null);
});

test('an empty document and a document without body do not throw', () => {
  assert.equal(extract('').found, false);
  const { errors } = analyzeOrder(html('<html></html>'), 'https://x.example/');
  assert.deepEqual(errors, []);
});

test('an app store receipt email laid out as a table of upper-case labels', () => {
  const r = extract(`<html lang="en"><body><h1>Receipt</h1><table>
    <tr><td>APPLE ID</td><td>robin@example.com</td></tr><tr><td>DATE</td><td>Nov 20, 2026</td></tr>
    <tr><td>ORDER ID</td><td>MK3X9Z2P1Q</td></tr></table>
    <table><tr><td>Procreate Dreams<br>Monthly subscription<br>Renews December 20, 2026</td><td>$4.99</td></tr></table>
    <p>TOTAL $4.99</p></body></html>`, 'https://mail.example.com/x');
  assert.equal(r.found, true);
  assert.equal(r.order_number, 'MK3X9Z2P1Q');
  assert.equal(r.order_date, '2026-11-20');
  assert.equal(r.amount, '4.99');
  assert.equal(r.currency, 'USD');
  assert.equal(r.auto_renews, true);
  assert.equal(r.renewal_date, '2026-12-20');
});

test('a hosted shop thank-you page with the currency code before the total', () => {
  const r = extract(`<html lang="en-US"><head><title>Thank you for your purchase! - Maple Leaf Tea</title></head><body>
    <h2>Order #1042</h2><h2>Thank you, John!</h2><p>Your order is confirmed</p>
    <div>Subtotal $24.00</div><div>Shipping $5.00</div><div>Total USD $29.00</div>
    <h3>Contact information</h3><p>john.smith@example.com</p></body></html>`, 'https://shop.example.com/checkouts/c/abc/thank-you');
  assert.deepEqual([r.found, r.order_number, r.amount, r.currency, r.account_email, r.merchant_name],
    [true, '1042', '29.00', 'USD', 'john.smith@example.com', 'Maple Leaf Tea']);
});

test('a Japanese confirmation page', () => {
  const r = extract('<html lang="ja"><body><h1>ご注文ありがとうございます</h1><p>注文番号：250-1234567</p><p>注文日：2026年11月20日</p><p>合計：￥1,200</p></body></html>');
  assert.deepEqual([r.found, r.order_number, r.order_date, r.amount, r.currency], [true, '250-1234567', '2026-11-20', '1200', 'JPY']);
});

test('the day/month order comes from the country domain when the page has no lang', () => {
  const r = extract('<h1>Order confirmed</h1><p>Order reference ABCD-1234</p><p>Order date 10/11/2026</p><p>Order total £15.00</p>', 'https://example.co.uk/checkout/success');
  assert.equal(r.order_date, '2026-11-10');
});

test('news about orders is not an order', () => {
  const r = extract(`<h1>Black Friday: thank you for your order, says retailer</h1>
    <p>Retailers say confirmed orders jumped. Order total values rose to $120.00 on average.</p>`, 'https://news.example/2026/11/black-friday');
  assert.equal(r.found, false);
});

test('a basket is not an order', () => {
  assert.equal(extract('<h1>Basket</h1><p>Order summary</p><p>Total £15.00</p><button>Checkout</button>', 'https://shop.example/cart').found, false);
});
