// The line items read from a page's lines (text/items.js): what was bought, in which variant,
// how many and at what price, told from the totals rows, notes and option labels around them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findItems, splitName, splitQuantity, isItemNote, lineTotals, linesAroundItems } from '../src/extract/text/items.js';
import { readPage } from '../src/extract/page.js';
import { html } from './helpers.js';

const EN = { language: 'en', region: 'US' };
const DE = { language: 'de', region: 'DE' };
const FR = { language: 'fr', region: 'FR' };

const linesOf = (body, lang = 'en') => readPage(html(`<html lang="${lang}"><body>${body}</body></html>`), 'https://shop.example/order/1').lines;
const itemsOf = (body, locale = EN) => {
  const found = findItems(linesOf(body, locale.language), locale);
  return found && found.items;
};

test('a table of products: each row one item, the line under the name its variant, the totals left out', () => {
  const items = itemsOf(`<h1>Thanks for your order</h1><table><tr><th>Product</th><th>Qty</th><th>Price</th></tr>
    <tr><td><p>Merino Wool Throw Blanket</p><p>Charcoal / Queen</p></td><td>1</td><td>$89.00</td></tr>
    <tr><td><p>Reading Lamp</p><p>SKU: RL-2</p></td><td>2</td><td>$80.00</td></tr></table>
    <table><tr><td>Subtotal</td><td>$169.00</td></tr><tr><td>Shipping</td><td>$5.00</td></tr><tr><td>Total</td><td>$174.00</td></tr></table>`);
  assert.deepEqual(items, [
    { name: 'Merino Wool Throw Blanket', variant: 'Charcoal / Queen', quantity: 1, price: '89.00' },
    // The SKU is a note about the item, not its variant.
    { name: 'Reading Lamp', variant: null, quantity: 2, price: '80.00' },
  ]);
});

test('the totals rows in another language are never items (discounts, gift wrap, shipping)', () => {
  const items = itemsOf(`<h1>Merci pour votre commande</h1><table><tr><th>Produit</th><th>Quantité</th><th>Prix</th></tr>
    <tr><td>Bougie parfumée Figue</td><td>2</td><td>24,00 €</td></tr></table>
    <table><tr><td>Produits</td><td>24,00 €</td></tr><tr><td>Bons d'achat et réductions</td><td>-2,00 €</td></tr>
    <tr><td>Emballage Cadeau</td><td>3,00 €</td></tr><tr><td>Livraison</td><td>4,90 €</td></tr><tr><td>Total</td><td>29,90 €</td></tr></table>`, FR);
  assert.deepEqual(items, [{ name: 'Bougie parfumée Figue', variant: null, quantity: 2, price: '24.00' }]);
});

test('a quantity written into the name comes off it', () => {
  const items = itemsOf(`<h1>Order confirmed</h1><div><p>Merino Wool Throw Blanket × 1</p><p>Charcoal / Queen</p><p>$89.00</p></div>
    <div><p>Subtotal</p><p>$89.00</p><p>Total</p><p>$89.00</p></div>`);
  assert.deepEqual(items, [{ name: 'Merino Wool Throw Blanket', variant: 'Charcoal / Queen', quantity: 1, price: '89.00' }]);
});

test('quantity markers before, after and labelled', () => {
  assert.deepEqual(splitQuantity('Merino Wool Throw Blanket × 1'), { quantity: 1, rest: 'Merino Wool Throw Blanket' });
  assert.deepEqual(splitQuantity('2 x Darjeeling Tea'), { quantity: 2, rest: 'Darjeeling Tea' });
  assert.deepEqual(splitQuantity('Darjeeling Tea Qty: 3'), { quantity: 3, rest: 'Darjeeling Tea' });
  assert.deepEqual(splitQuantity('Darjeeling Tea'), { quantity: null, rest: 'Darjeeling Tea' });
  // A measure is part of the name, not a quantity.
  assert.equal(splitQuantity('Darjeeling Tea 2 x 50 g').rest.includes('50 g'), true);
});

test('options after the name: a PrestaShop combination, labelled options, an option after a comma', () => {
  assert.deepEqual(splitName('Dice Tower - Wood : Oak'), { name: 'Dice Tower', variant: 'Wood : Oak' });
  assert.deepEqual(splitName('Camiseta Tamanho: M, Cor: Verde'), { name: 'Camiseta', variant: 'Tamanho: M, Cor: Verde' });
  assert.deepEqual(splitName('Nussknacker König, Größe 38 cm'), { name: 'Nussknacker König', variant: 'Größe 38 cm' });
  // A dash inside a name without options keeps the name whole.
  assert.deepEqual(splitName('Trend Micro Maximum Security - 1 Year'), { name: 'Trend Micro Maximum Security - 1 Year', variant: null });
});

test('notes under an item are not its variant', () => {
  for (const note of ['SKU: ABC-123', 'License key: XXXX-YYYY-ZZZZ', 'Lizenzschlüssel: AB12-CD34', '100 g (5,90 €* / 100 g)',
    'Gift wrapping: Kraft paper', 'https://shop.example/download/1', 'buyer@example.com']) {
    assert.equal(isItemNote(note), true, note);
  }
  for (const variant of ['Charcoal / Queen', 'Size: M', 'Größe 38 cm']) assert.equal(isItemNote(variant), false, variant);
});

test('a price for a quantity above one is the line total when the lines add up to the subtotal', () => {
  const items = [{ name: 'A', variant: null, quantity: 2, price: '20.00' }, { name: 'B', variant: null, quantity: 1, price: '5.00' }];
  assert.deepEqual(lineTotals(items, [{ label: 'Subtotal', total: false, amount: '25.00' }]), items);
});

test('a price that is a unit price (quantity × price makes the subtotal) is not given as the line total', () => {
  const items = [{ name: 'A', variant: null, quantity: 2, price: '10.00' }, { name: 'B', variant: null, quantity: 1, price: '5.00' }];
  assert.deepEqual(lineTotals(items, [{ label: 'Subtotal', total: false, amount: '25.00' }]), [
    { name: 'A', variant: null, quantity: 2, price: null },
    { name: 'B', variant: null, quantity: 1, price: '5.00' },
  ]);
});

test('with no subtotal printed, the total less shipping (with or without tax), else the amount charged, decides', () => {
  const items = [{ name: 'A', variant: null, quantity: 3, price: '10.00' }];
  const totals = [{ label: 'Versand', total: false, amount: '4.90' }, { label: 'MwSt.', total: false, amount: '5.70' }, { label: 'Gesamtsumme', total: true, amount: '34.90' }];
  // 34.90 − 4.90 = 30.00 = 3 × 10.00 with the tax included: a unit price.
  assert.equal(lineTotals(items, totals)[0].price, null);
  // 34.90 − 4.90 = 30.00 charged for a line that prints 30.00: the line's total.
  assert.equal(lineTotals([{ ...items[0], price: '30.00' }], totals)[0].price, '30.00');
  assert.equal(lineTotals(items, [], '30.00')[0].price, null);
  assert.equal(lineTotals([{ ...items[0], price: '30.00' }], [], '30.00')[0].price, '30.00');
});

test('a German receipt read by its columns', () => {
  const items = itemsOf(`<h1>Vielen Dank für Ihre Bestellung</h1><table><tr><th>Artikel</th><th>Menge</th><th>Preis</th></tr>
    <tr><td>Nussknacker König, Größe 38 cm</td><td>1</td><td>49,90 €</td></tr></table>
    <table><tr><td>Zwischensumme</td><td>49,90 €</td></tr><tr><td>Gesamtsumme</td><td>49,90 €</td></tr></table>`, DE);
  assert.deepEqual(items, [{ name: 'Nussknacker König', variant: 'Größe 38 cm', quantity: 1, price: '49.90' }]);
});

test('a long list of items: all read, and the other readers see only its edges', () => {
  const rows = Array.from({ length: 300 }, (_, i) => `<tr><td>Widget ${i}</td><td>1</td><td>$1.00</td></tr>`).join('');
  const lines = linesOf(`<h1>Order 1</h1><table><tr><th>Product</th><th>Qty</th><th>Price</th></tr>${rows}</table>
    <table><tr><td>Subtotal</td><td>$300.00</td></tr><tr><td>Total</td><td>$300.00</td></tr></table><p>Order number: 1001</p>`);
  const found = findItems(lines, EN);
  assert.equal(found.items.length, 300);
  assert.equal(found.items[299].name, 'Widget 299');
  const around = linesAroundItems(lines, found);
  assert.ok(around.length < 100, `${around.length} lines`);
  // What is printed before and after the list is still there.
  assert.ok(around.includes('Order 1') && around.includes('Order number: 1001') && around.includes('Total\t$300.00'));
  // A short list is left whole.
  const short = findItems(linesOf('<table><tr><th>Product</th><th>Price</th></tr><tr><td>Tea</td><td>$1.00</td></tr></table><p>Total $1.00</p>'), EN);
  assert.equal(linesAroundItems(['a', 'b'], short).length, 2);
});

test('no list of items on a page without one', () => {
  assert.equal(findItems(linesOf('<h1>Welcome</h1><p>Sign in to see your orders.</p>'), EN), null);
});
