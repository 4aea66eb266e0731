// Extraction must stay linear: a ~1 MB page (and pathological text) in well
// under a second or two, not minutes. Bounds are generous so slow machines pass;
// a catastrophic regular expression would blow far past them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractOrder } from '../src/extract/index.js';
import { fixturePage, html } from './helpers.js';

function bigPage(targetBytes) {
  const page = fixturePage('trendmicro-digitalriver-thankyou');
  const source = readFileSync(page.file, 'utf8');
  const block = `<div class="review"><h3 class="product-title">Reviewer ${'x'.repeat(8)}</h3>
  <p>Order placed via partner store, total paid $12.34 on November 3, 2026. Would order again — renews automatically?
  Contact reviewer@example.com. <span>Subtotal</span> <span>$10.00</span> <s>$20.00</s></p>
  <table><tr><td>Order Number</td><td>Date</td></tr><tr><td>n/a</td><td>12/11/2026</td></tr></table></div>\n`;
  const copies = Math.ceil(targetBytes / block.length);
  return { page, markup: source.replace('<footer>', block.repeat(copies) + '<footer>') };
}

test('a ~1 MB confirmation page is extracted quickly and correctly', () => {
  const { page, markup } = bigPage(1_000_000);
  assert.ok(markup.length >= 1_000_000);
  const doc = html(markup);
  const started = performance.now();
  const result = extractOrder(doc, page.url);
  const elapsed = performance.now() - started;
  assert.equal(result.found, true);
  assert.equal(result.order_number, '16739482210');
  assert.equal(result.amount, '49.95');
  assert.ok(elapsed < 5000, `extraction took ${elapsed.toFixed(0)} ms`);
});

test('pathological text does not make the heuristics slow', () => {
  const long = (unit, n) => unit.repeat(n);
  const markup = [
    `<p>${long('a', 200_000)}@</p>`,
    `<p>${long('1', 200_000)}</p>`,
    `<p>${long('1,', 100_000)}</p>`,
    `<p>${long('Order number ', 20_000)}</p>`,
    `<p>${long('Digital River ', 20_000)} is the authorized reseller</p>`,
    `<p>${long('November ', 20_000)}2026</p>`,
    `<p>${long('Total: ', 20_000)}</p>`,
    `<script type="application/ld+json">${long('[', 100_000)}</script>`,
    `<script type="application/ld+json">{"a": "${long('\\\\', 100_000)}</script>`,
  ].join('\n');
  const doc = html(markup);
  const started = performance.now();
  extractOrder(doc, 'https://shop.example/');
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 5000, `extraction took ${elapsed.toFixed(0)} ms`);
});
