// The capture the popup sends: CaptureIn's fields only, checked the way the
// server checks them, the user's way of writing amounts accepted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureFromForm, cleanCapture, formValuesFromExtraction, normaliseAmount, CAPTURE_FIELDS } from '../src/shared/capture.js';
import { cleanItems, itemLine, itemsPreview, MAX_ITEMS } from '../src/shared/line-items.js';
import { extractOrder } from '../src/extract/index.js';
import { fixturePage } from './helpers.js';

test('the extraction of a fixture page becomes the capture the server takes, unchanged by the round trip through the form', () => {
  const page = fixturePage('trendmicro-digitalriver-thankyou');
  const extraction = extractOrder(page.load(), page.url);
  const values = formValuesFromExtraction(extraction);
  assert.equal(values.auto_renews, 'yes');
  const { capture, errors } = captureFromForm(values, { capture_id: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', extraction });
  assert.equal(errors, undefined);
  assert.deepEqual(capture, {
    capture_id: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
    page_url: page.url,
    page_title: extraction.page_title,
    source: extraction.source,
    confidence: extraction.confidence,
    product: extraction.product,
    merchant_name: extraction.merchant_name,
    seller_name: page.expected.seller_name,
    order_number: page.expected.order_number,
    order_date: page.expected.order_date,
    amount: page.expected.amount,
    currency: page.expected.currency,
    account_email: extraction.account_email,
    payment_method: 'Visa ending in 4417',
    auto_renews: page.expected.auto_renews,
    renewal_date: page.expected.renewal_date,
    // The page's line items, as the extractor lists them (when it does).
    ...(extraction.items && extraction.items.length ? { items: extraction.items } : {}),
  });
  for (const key of Object.keys(capture)) assert.ok(CAPTURE_FIELDS.includes(key), key);
});

test('a page that is not an order: a manual capture of what the user typed', () => {
  const extraction = { found: false, page_url: 'https://example.com/blog', page_title: 'Blog', source: null, confidence: 0 };
  const empty = captureFromForm(formValuesFromExtraction(extraction), { capture_id: 'c1', extraction });
  assert.ok(empty.errors.product);
  const values = { ...formValuesFromExtraction(extraction), product: ' Norton 360 ', amount: '89,99', currency: 'aud', auto_renews: 'no' };
  const { capture } = captureFromForm(values, { capture_id: 'c1', extraction });
  assert.deepEqual(capture, {
    capture_id: 'c1', page_url: 'https://example.com/blog', page_title: 'Blog', source: 'manual',
    product: 'Norton 360', amount: '89.99', currency: 'AUD', auto_renews: false,
  });
});

test('amounts as people write them', () => {
  const cases = {
    '49.95': '49.95', '49,95': '49.95', '1,234.50': '1234.50', '1.234,50': '1234.50', '$ 49.95': '49.95',
    '€19.99': '19.99', '89.99 AUD': '89.99', "1'299.00": '1299.00', '0.5': '0.5', '007': '7', '12 000': '12000',
  };
  for (const [typed, expected] of Object.entries(cases)) assert.equal(normaliseAmount(typed), expected, typed);
});

test('what the server would refuse is caught before anything is queued', () => {
  const { errors } = cleanCapture({
    capture_id: 'has spaces', amount: 'a lot', currency: 'euro', order_date: '2026-02-30', renewal_date: '20/11/2026',
    account_email: 'not-an-email', auto_renews: 'yes', product: 'x'.repeat(301),
  });
  assert.deepEqual(Object.keys(errors).sort(), ['account_email', 'amount', 'auto_renews', 'capture_id', 'currency', 'order_date', 'product', 'renewal_date']);
});

test('unknown fields, empty values and non-web page addresses are left out', () => {
  const { capture } = cleanCapture({ capture_id: 'a', found: true, evil: 'x', product: '', order_number: '  ', page_url: 'chrome://settings', confidence: 7, amount: null });
  assert.deepEqual(capture, { capture_id: 'a' });
});

test('a pasted tab, escape sequence or bidi override is taken out before the server sees it', () => {
  const { capture } = cleanCapture({
    capture_id: 'c-1', product: 'Maximum\tSecurity\u001b[31m', order_number: '1673948\u202e0122',
    reason: 'Bought twice.\nI was charged\u0007 again.\u2066',
  });
  assert.equal(capture.product, 'Maximum Security[31m');
  assert.equal(capture.order_number, '16739480122');
  assert.equal(capture.reason, 'Bought twice.\nI was charged again.', 'line breaks stay in a reason');
});

// -- line items ------------------------------------------------------------------------------

const BLANKET = { name: 'Merino Wool Throw Blanket', variant: 'Charcoal / Queen', quantity: 2, price: '98.00' };
const PILLOW = { name: 'Linen Pillow Cover', variant: null, quantity: 1, price: '24.50' };

function extractionWith(items) {
  return {
    found: true, source: 'generic', confidence: 0.8, page_url: 'https://shop.northwind-home.example/order/thanks',
    page_title: 'Thank you', product: 'Merino Wool Throw Blanket', order_number: 'NW-5512', amount: '220.50',
    currency: 'EUR', items,
  };
}

test('the extraction\'s items are sent with the capture, in page order', () => {
  const extraction = extractionWith([BLANKET, PILLOW]);
  const { capture, errors } = captureFromForm(formValuesFromExtraction(extraction), { capture_id: 'c1', extraction });
  assert.equal(errors, undefined);
  assert.deepEqual(capture.items, [BLANKET, PILLOW]);
  assert.ok(CAPTURE_FIELDS.includes('items'));
});

test('the items are kept whatever the user edits in the form', () => {
  const extraction = extractionWith([BLANKET, PILLOW]);
  const values = { ...formValuesFromExtraction(extraction), product: 'Throw blanket', amount: '220,50', order_number: 'NW-5513' };
  const { capture } = captureFromForm(values, { capture_id: 'c1', extraction });
  assert.equal(capture.product, 'Throw blanket');
  assert.deepEqual(capture.items, [BLANKET, PILLOW]);
  // A queued capture the server refused, edited and sent again, keeps them too (the background
  // worker cleans what the popup sends once more).
  assert.deepEqual(cleanCapture(capture).capture.items, [BLANKET, PILLOW]);
});

test('no items, an empty list or one that is not a list: no items field', () => {
  for (const items of [undefined, null, [], 'Blanket', { name: 'Blanket' }, [null, 3, { variant: 'Red' }, { name: ' \t ' }]]) {
    const extraction = extractionWith(items);
    const { capture } = captureFromForm(formValuesFromExtraction(extraction), { capture_id: 'c1', extraction });
    assert.equal('items' in capture, false, JSON.stringify(items));
  }
});

test('items are tidied into what the server takes, never refused', () => {
  const items = cleanItems([
    { name: '  Merino\tWool \u001b[31mThrow\u202e  ', variant: '   ', quantity: 2, price: '98.00', sku: 'MW-1' },
    { name: 'n'.repeat(400), variant: 'v'.repeat(250), quantity: -1, price: '98,00' },
    { name: 'Flour', quantity: 1.23456, price: 4.5 },
    { name: 'Bulk', quantity: 2_000_000, price: '1e3' },
    { name: 'Odd', quantity: '2', price: null },
  ]);
  assert.deepEqual(items[0], { name: 'Merino Wool [31mThrow', variant: null, quantity: 2, price: '98.00' });
  assert.equal(items[1].name.length, 300);
  assert.ok(items[1].name.endsWith('…'));
  assert.equal(items[1].variant.length, 200);
  assert.equal(items[1].quantity, null, 'a negative quantity is not known');
  assert.equal(items[1].price, null, 'a price the server would refuse is left out');
  assert.deepEqual(items[2], { name: 'Flour', variant: null, quantity: 1.235, price: '4.5' });
  assert.deepEqual(items[3], { name: 'Bulk', variant: null, quantity: null, price: null });
  assert.deepEqual(items[4], { name: 'Odd', variant: null, quantity: null, price: null });
});

test('items beyond the thousandth are dropped', () => {
  const many = Array.from({ length: MAX_ITEMS + 50 }, (_, n) => ({ name: `Part ${n}`, quantity: 1, price: '0.10' }));
  const items = cleanItems(many);
  assert.equal(MAX_ITEMS, 1000);
  assert.equal(items.length, MAX_ITEMS);
  assert.equal(items.at(-1).name, `Part ${MAX_ITEMS - 1}`);
});

test('the popup shows each item on a line, at most five, then how many more', () => {
  assert.equal(itemLine(BLANKET), '2 × Merino Wool Throw Blanket — Charcoal / Queen · 98.00');
  assert.equal(itemLine(PILLOW), '1 × Linen Pillow Cover · 24.50');
  assert.equal(itemLine({ name: 'Gift wrap', variant: null, quantity: null, price: null }), 'Gift wrap');
  assert.equal(itemLine({ name: 'Flour', variant: 'Type 550', quantity: 1.5, price: null }), '1.5 × Flour — Type 550');
  const seven = Array.from({ length: 7 }, (_, n) => ({ name: `Part ${n + 1}`, variant: null, quantity: 1, price: '1.00' }));
  const preview = itemsPreview(seven);
  assert.deepEqual(preview.lines, ['1 × Part 1 · 1.00', '1 × Part 2 · 1.00', '1 × Part 3 · 1.00', '1 × Part 4 · 1.00', '1 × Part 5 · 1.00']);
  assert.equal(preview.more, 2);
  assert.deepEqual(itemsPreview(seven.slice(0, 5)).more, 0);
  assert.deepEqual(itemsPreview(null), { lines: [], more: 0 });
});
