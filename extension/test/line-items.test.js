// The product read from a receipt's table of line items (text/line-items.js)
// by the generic extractor, when nothing labels it otherwise.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProduct } from '../src/extract/text/product.js';
import { readPage } from '../src/extract/page.js';
import { html } from './helpers.js';

const product = (table, url = 'https://shop.example/receipt') => {
  const found = findProduct(readPage(html(`<html lang="en-US"><body><h1>Receipt</h1>${table}</body></html>`), url));
  return found && found.value;
};
const HEAD = '<tr><th>Item</th><th>Description</th><th>Qty</th><th>Price</th></tr>';

test('a header row names the product column: Item, else Description', () => {
  assert.equal(product(`<table>${HEAD}<tr><td>Norton 360 Deluxe</td><td>1-year subscription, 5 devices</td><td>1</td><td>$49.99</td></tr></table>`),
    'Norton 360 Deluxe');
  // An item number or SKU in the Item column: the description names the product.
  assert.equal(product(`<table>${HEAD}<tr><td>21455</td><td>Norton 360 Deluxe</td><td>1</td><td>$49.99</td></tr></table>`), 'Norton 360 Deluxe');
  assert.equal(product(`<table>${HEAD}<tr><td>N360-DLX-1Y</td><td>Norton 360 Deluxe</td><td>1</td><td>$49.99</td></tr></table>`), 'Norton 360 Deluxe');
  assert.equal(product('<table><tr><th>Item #</th><th>Description</th><th>Amount</th></tr><tr><td>A-1</td><td>Norton 360 Deluxe</td><td>$49.99</td></tr></table>'),
    'Norton 360 Deluxe');
  assert.equal(product('<table><tr><td><b>Product</b></td><td><b>Price (USD)</b></td></tr><tr><td>Norton 360 Deluxe</td><td>49.99</td></tr></table>'),
    'Norton 360 Deluxe');
});

test('empty cells, spanning headers and several blocks in a cell keep the columns right', () => {
  // A thumbnail column: page lines drop the empty cell, the table reader does not.
  assert.equal(product(`<table><thead>${HEAD}</thead><tbody><tr><td><img src="n.png" alt=""></td><td>Norton 360 Deluxe</td><td>1</td><td>$49.99</td></tr></tbody></table>`),
    'Norton 360 Deluxe');
  assert.equal(product('<table><tr><th colspan="2">Item</th><th>Qty</th><th>Price</th></tr><tr><td><img src="n.png" alt=""></td><td>Norton 360 Deluxe</td><td></td><td>$49.99</td></tr></table>'),
    'Norton 360 Deluxe');
  // The name, then a line of details: the name.
  assert.equal(product('<table><tr><th>Item</th><th>Qty</th><th>Price</th></tr><tr><td><div>Norton 360 Deluxe</div><div>Renews 11/20/2027</div></td><td>1</td><td>$49.99</td></tr></table>'),
    'Norton 360 Deluxe');
});

test('totals, taxes, shipping and discounts are never the product', () => {
  const rows = '<tr><td colspan="2">Subtotal</td><td>$49.99</td></tr><tr><td colspan="2">Tax</td><td>$4.00</td></tr><tr><td colspan="2">Total</td><td>$53.99</td></tr>';
  assert.equal(product(`<table><tr><th>Item</th><th>Qty</th><th>Price</th></tr>${rows}</table>`), null);
  assert.equal(product(`<table><tr><th>Item</th><th>Qty</th><th>Price</th></tr><tr><td>Norton 360 Deluxe</td><td>1</td><td>$49.99</td></tr>
    <tr><td>Coupon SAVE10</td><td></td><td>-$5.00</td></tr><tr><td>Norton Utilities Ultimate</td><td>1</td><td>$29.99</td></tr>${rows}</table>`),
  'Norton 360 Deluxe; Norton Utilities Ultimate');
});

test('no header: the priced rows above the first total, only when a total follows', () => {
  assert.equal(product('<table><tr><td>Norton 360 Deluxe</td><td>$49.99</td></tr><tr><td>Tax</td><td>$4.00</td></tr><tr><td>Total</td><td>$53.99</td></tr></table>'),
    'Norton 360 Deluxe');
  assert.equal(product('<table><tr><td>Norton 360 Deluxe x 1</td><td>$49.99</td></tr><tr><td>Discount (WELCOME)</td><td>-$10.00</td></tr><tr><td>Sales Tax</td><td>$3.20</td></tr><tr><td>Amount charged</td><td>$43.19</td></tr></table>'),
    'Norton 360 Deluxe');
  // Totals only, order details, a price list without a total, a row of names without amounts.
  assert.equal(product('<table><tr><td>Subtotal</td><td>$49.99</td></tr><tr><td>Total</td><td>$49.99</td></tr></table>'), null);
  assert.equal(product('<table><tr><td>Order number</td><td>4471-2290</td></tr><tr><td>Order date</td><td>11/20/2026</td></tr><tr><td>Total</td><td>$49.99</td></tr></table>'), null);
  assert.equal(product('<table><tr><td>Basic</td><td>$4.99</td></tr><tr><td>Premium</td><td>$9.99</td></tr></table>'), null);
  assert.equal(product('<table><tr><td>Shipped to</td><td>Jordan Lee</td></tr><tr><td>Total</td><td>$49.99</td></tr></table>'), null);
});

test('hidden tables and rows, and the rows of a layout table around the receipt, are not read', () => {
  assert.equal(product(`<table style="display:none">${HEAD}<tr><td>Norton 360 Deluxe</td><td></td><td>1</td><td>$49.99</td></tr></table>`), null);
  assert.equal(product(`<table>${HEAD}<tr hidden><td>Norton 360 Deluxe</td><td></td><td>1</td><td>$49.99</td></tr></table>`), null);
  const inner = '<table><tr><td>Norton 360 Deluxe</td><td>$49.99</td></tr><tr><td>Total</td><td>$49.99</td></tr></table>';
  assert.equal(product(`<table role="presentation"><tr><td>Logo</td><td>Welcome $0.00</td></tr><tr><td>Receipt</td><td>${inner}</td></tr><tr><td>Total</td><td>$1.00</td></tr></table>`),
    'Norton 360 Deluxe');
});

test('a product named by its class or a "Product:" label still wins over a table', () => {
  assert.equal(product(`<p class="product-name">Norton 360 Premium</p><table>${HEAD}<tr><td>Norton 360 Deluxe</td><td></td><td>1</td><td>$49.99</td></tr></table>`),
    'Norton 360 Premium');
  assert.equal(product('<p>Product: Norton 360 Premium</p><table><tr><td>Norton 360 Deluxe</td><td>$49.99</td></tr><tr><td>Total</td><td>$49.99</td></tr></table>'),
    'Norton 360 Premium');
});
