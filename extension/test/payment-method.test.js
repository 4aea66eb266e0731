// The payment method: found next to its label in several languages, kept to
// a short line, and never more than the last four digits of a card.
//
// The shared sample pages' .expected.json files do not list payment_method
// (they are compared byte for byte with the shared originals, so they are not
// edited here): the expectations for those pages are in this file instead.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPaymentMethod } from '../src/extract/text/payment.js';
import { cleanPaymentMethod } from '../src/extract/normalize.js';
import { extractFromSites } from '../src/extract/extractors/site.js';
import { readPage } from '../src/extract/page.js';
import { analyzeOrder, extractOrder } from '../src/extract/index.js';
import { fixturePage, html } from './helpers.js';

const paymentMethod = (...lines) => {
  const found = findPaymentMethod(lines);
  return found && found.value;
};

test('payment method labels in several languages and layouts', () => {
  assert.equal(paymentMethod('Payment Method:\tVisa ending in 4417'), 'Visa ending in 4417');
  assert.equal(paymentMethod('Payment method: Mastercard ending in 5100.'), 'Mastercard ending in 5100');
  assert.equal(paymentMethod('Payment method', 'PayPal'), 'PayPal');
  assert.equal(paymentMethod('Paid with Visa ending in 4242'), 'Visa ending in 4242');
  assert.equal(paymentMethod('Payment type: American Express'), 'American Express');
  assert.equal(paymentMethod('Zahlungsart', 'Mastercard endet auf 8821'), 'Mastercard endet auf 8821');
  assert.equal(paymentMethod('Zahlungsmethode: SEPA-Lastschrift'), 'SEPA-Lastschrift');
  assert.equal(paymentMethod('Moyen de paiement : Carte bancaire'), 'Carte bancaire');
  assert.equal(paymentMethod('Mode de paiement : Visa se terminant par 4417'), 'Visa se terminant par 4417');
  assert.equal(paymentMethod('Método de pago: Visa terminada en 4417'), 'Visa terminada en 4417');
  assert.equal(paymentMethod('Forma de pago\tPayPal'), 'PayPal');
  assert.equal(paymentMethod('Metodo di pagamento: Carta di credito Visa'), 'Carta di credito Visa');
  assert.equal(paymentMethod('Betaalmethode\tiDEAL'), 'iDEAL');
  assert.equal(paymentMethod('Betalningsmetod: Klarna'), 'Klarna');
});

test('a label with no usable value gives no payment method', () => {
  assert.equal(paymentMethod('Refunds go back to the original payment method.'), null);
  assert.equal(paymentMethod('Payment method: 49.95'), null);
  assert.equal(paymentMethod('Order number: 16739482210', 'Total: $49.95'), null);
  assert.equal(paymentMethod(), null);
});

test('more than the last four digits of a card: only the last four are kept', () => {
  // A page printing a full or partly masked card number must not have it
  // captured: the number becomes "ending in" its last four digits.
  assert.equal(cleanPaymentMethod('Visa 4111 1111 1111 4417'), 'Visa ending in 4417');
  assert.equal(cleanPaymentMethod('Visa 4111111111114417'), 'Visa ending in 4417');
  assert.equal(cleanPaymentMethod('Mastercard 5500-0000-0000-5100 exp. 12/28'), 'Mastercard ending in 5100 exp. 12/28');
  assert.equal(cleanPaymentMethod('Visa ************4417'), 'Visa ending in 4417');
  assert.equal(cleanPaymentMethod('Visa xxxx-xxxx-xxxx-4417'), 'Visa ending in 4417');
  assert.equal(cleanPaymentMethod('Amex •••• •••••• •1005'), 'Amex ending in 1005');
  assert.equal(cleanPaymentMethod('Visa 411111******4417'), 'Visa ending in 4417');
  // Already introduced by "ending in" / "endet auf": the digits alone.
  assert.equal(cleanPaymentMethod('Visa ending in 4111111111114417'), 'Visa ending in 4417');
  assert.equal(cleanPaymentMethod('Mastercard endet auf 5500 0000 0000 8821'), 'Mastercard endet auf 8821');
  // A masked group before the last four reads the same way; four digits alone are left as they are.
  assert.equal(cleanPaymentMethod('Visa •••• 4417'), 'Visa ending in 4417');
  assert.equal(cleanPaymentMethod('Visa ending in 4417'), 'Visa ending in 4417');
  assert.equal(cleanPaymentMethod('Visa 4417'), 'Visa 4417');
});

test('a payment method is one short line', () => {
  assert.equal(cleanPaymentMethod('  Visa\n ending in\t4417  '), 'Visa ending in 4417');
  const long = cleanPaymentMethod(`Visa ending in 4417 ${'charged by Digital River on behalf of Trend Micro '.repeat(4)}`);
  assert.ok(long.length <= 80 && long.startsWith('Visa ending in 4417'), long);
  assert.equal(cleanPaymentMethod(''), null);
  assert.equal(cleanPaymentMethod(' : '), null);
});

test('Trend Micro / Digital River thank-you page: "Payment Method: Visa ending in 4417"', () => {
  const page = fixturePage('trendmicro-digitalriver-thankyou');
  const { result } = analyzeOrder(page.load(), page.url);
  assert.equal(result.found, true);
  assert.equal(result.payment_method, 'Visa ending in 4417');
});

test('other sample pages: the payment method shown, in their language', () => {
  for (const [name, expected] of [
    ['trendmicro-digitalriver-de-danke', 'Mastercard endet auf 8821'],
    ['amazon-uk-order-details', 'Visa ending in 0412'],
    ['bitdefender-2checkout-fr', 'Carte bancaire'],
    ['paddle-receipt-nl', 'iDEAL'],
    ['steam-purchase-receipt-jpy', 'PayPal'],
    // No payment method on these pages: it stays null.
    ['fastspring-receipt-en-us', null],
    ['findmyorder-digitalriver-order-details-en-ca', null],
  ]) {
    const page = fixturePage(name);
    const result = extractOrder(page.load(), page.url);
    assert.equal(result.found, true, name);
    assert.equal(result.payment_method, expected, name);
  }
});

test('an order page without a payment method: null', () => {
  const doc = html(`<html><head><title>Order confirmation</title></head><body>
    <h1>Thank you for your order!</h1>
    <p>Order number: 88213370</p><p>Order date: November 20, 2026</p><p>Total: $49.95</p>
    <p>Refunds go back to the original payment method.</p>
  </body></html>`);
  const result = extractOrder(doc, 'https://shop.example.com/checkout/thank-you');
  assert.equal(result.found, true);
  assert.equal(result.order_number, '88213370');
  assert.equal(result.payment_method, null);
});

test('a full card number on a page never reaches the result', () => {
  const doc = html(`<html><body>
    <h1>Thank you for your order!</h1>
    <table><tr><td>Order number:</td><td>88213370</td></tr>
    <tr><td>Betaalmethode:</td><td>Visa 4111 1111 1111 4417</td></tr>
    <tr><td>Total:</td><td>$49.95</td></tr></table>
  </body></html>`);
  const result = extractOrder(doc, 'https://shop.example.com/checkout/thank-you');
  assert.equal(result.payment_method, 'Visa ending in 4417');
  assert.ok(!JSON.stringify(result).includes('4111'));
});

test('a site rule selector for the payment method is cleaned the same way', () => {
  const rule = {
    id: 'example', urls: [{ host: 'shop.example.com' }], isConfirmation: () => true,
    selectors: { payment_method: ['.pay'] },
  };
  const doc = html('<p class="pay">Visa\n4111-1111-1111-4417</p>');
  const [c] = extractFromSites(readPage(doc, 'https://shop.example.com/receipt'), [rule]);
  assert.equal(c.get('payment_method'), 'Visa ending in 4417');
});
