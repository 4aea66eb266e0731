// The capture the popup sends: CaptureIn's fields only, checked the way the
// server checks them, the user's way of writing amounts accepted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureFromForm, cleanCapture, formValuesFromExtraction, normaliseAmount, CAPTURE_FIELDS } from '../src/shared/capture.js';
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
    seller_name: 'Digital River',
    order_number: '16739482210',
    order_date: '2026-11-20',
    amount: '49.95',
    currency: 'USD',
    account_email: extraction.account_email,
    payment_method: 'Visa ending in 4417',
    auto_renews: true,
    renewal_date: '2027-11-20',
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
