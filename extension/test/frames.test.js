// A page whose order is in a frame its script cannot read (a webmail's sandboxed mail body):
// the document model keeps such a frame out of reach as a browser does, and the answer comes
// from the frame, with what only the page shows (src/extract/frames.js, tools/analyze.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerFromFrames, knownValues } from '../src/extract/frames.js';
import { analyzePage } from '../tools/analyze.mjs';
import { frameDocuments } from '../tools/html-document.mjs';
import { html } from './helpers.js';

const ORDER = '<html lang="en"><body><h1>Thank you for your order</h1><p>Order number: 48213</p><p>Order date: March 3, 2026</p>'
  + '<table><tr><th>Product</th><th>Price</th></tr><tr><td>Pine Candle</td><td>$18.00</td></tr></table><p>Total: $18.00</p>'
  + '<p>Sent to ana@example.com</p></body></html>';
const escaped = (markup) => markup.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

test('a sandboxed frame without allow-same-origin is out of the page script\'s reach, as in a browser', () => {
  const doc = html(`<body><iframe sandbox="allow-scripts" srcdoc="${escaped(ORDER)}"></iframe>`
    + `<iframe sandbox="allow-same-origin" srcdoc="${escaped('<p>open</p>')}"></iframe><iframe srcdoc="${escaped('<p>plain</p>')}"></iframe></body>`);
  const [sandboxed, sameOrigin, plain] = doc.querySelectorAll('iframe');
  assert.equal(sandboxed.contentDocument, null);
  assert.equal(sameOrigin.contentDocument.body.textContent, 'open');
  assert.equal(plain.contentDocument.body.textContent, 'plain');
  // All three are read when the extension reads every frame.
  assert.equal(frameDocuments(doc).length, 3);
});

test('the order in a sandboxed frame is read from the frame, at the page\'s address', () => {
  const doc = html(`<html><head><title>Mail</title></head><body><nav>Inbox</nav><iframe sandbox="allow-scripts" srcdoc="${escaped(ORDER)}"></iframe></body></html>`);
  const { result, evidence } = analyzePage(doc, 'https://mail.example/read/1');
  assert.equal(result.found, true);
  assert.equal(result.order_number, '48213');
  assert.equal(result.amount, '18.00');
  assert.equal(result.page_url, 'https://mail.example/read/1');
  assert.ok(evidence.includes('read in a frame of the page'));
});

test('a page that is an order keeps its own answer; a page with no order frame stays no order', () => {
  const page = { result: { found: true, order_number: '1', confidence: 0.9, page_url: 'https://a.example/' } };
  const frame = { result: { found: true, order_number: '2', confidence: 0.95, page_url: null } };
  assert.deepEqual(answerFromFrames(page, [frame]), { result: page.result, frame: null });
  const none = { result: { found: false, order_number: null, confidence: 0.2, page_url: 'https://a.example/' } };
  assert.deepEqual(answerFromFrames(none, [{ result: { found: false, confidence: 0.3 } }, null]), { result: none.result, frame: null });
});

test('the most confident frame wins; the mail header\'s date and recipient fill what the frame lacks', () => {
  const page = { result: { found: false, order_date: null, account_email: null, confidence: 0.3, page_url: 'https://mail.example/', page_title: 'Inbox' },
    known: knownValues({ order_date: { value: '2026-03-11' }, account_email: { value: 'ana@example.com' }, amount: { value: '1.00' } }) };
  const weak = { result: { found: true, order_number: 'A', order_date: null, account_email: null, amount: '5.00', confidence: 0.6, page_url: null } };
  const strong = { result: { found: true, order_number: 'B', order_date: null, account_email: 'me@example.com', amount: '9.00', confidence: 0.8, page_url: null } };
  const { result, frame } = answerFromFrames(page, [weak, strong]);
  assert.equal(frame, 1);
  assert.equal(result.order_number, 'B');
  assert.equal(result.order_date, '2026-03-11');
  // The frame's own values stand; only the date and the recipient come from the page.
  assert.equal(result.account_email, 'me@example.com');
  assert.equal(result.amount, '9.00');
  assert.equal(result.page_url, 'https://mail.example/');
});
