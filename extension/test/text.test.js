// The generic text heuristics, each on small pieces of page text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findOrderNumber } from '../src/extract/text/order-number.js';
import { findChargedAmount } from '../src/extract/text/amount.js';
import { findOrderDate, findRenewalDate } from '../src/extract/text/dates.js';
import { findCustomerEmail } from '../src/extract/text/email.js';
import { findAutoRenewal } from '../src/extract/text/renewal.js';
import { findSellerName, findMerchantName } from '../src/extract/text/names.js';
import { labelledValues, labelRegExp } from '../src/extract/text/labelled.js';
import { isRoleEmail, cleanOrgName, cleanOrderNumber } from '../src/extract/normalize.js';
import { readPage } from '../src/extract/page.js';
import { html } from './helpers.js';

const orderNumber = (...lines) => {
  const found = findOrderNumber(lines);
  return found && found.value;
};

test('order number labels in several languages', () => {
  assert.equal(orderNumber('Order number: 16739482210'), '16739482210');
  assert.equal(orderNumber('Order #: W123-456'), 'W123-456');
  assert.equal(orderNumber('Order #W1234567'), 'W1234567');
  assert.equal(orderNumber('Order ID\t5521-3390'), '5521-3390');
  assert.equal(orderNumber('Order reference: CSS-77310.'), 'CSS-77310');
  assert.equal(orderNumber('Confirmation number is 88UX2019'), '88UX2019');
  assert.equal(orderNumber('Bestellnummer: 4711-0815'), '4711-0815');
  assert.equal(orderNumber('Auftragsnummer 2026-000123'), '2026-000123');
  assert.equal(orderNumber('Numéro de commande : FR20261120'), 'FR20261120');
  assert.equal(orderNumber('N° de commande 77441'), '77441');
  assert.equal(orderNumber('Número de pedido: 8765432109'), '8765432109');
  assert.equal(orderNumber("Numero d'ordine: 7731904455"), '7731904455');
  assert.equal(orderNumber('Bestelnummer', 'PW-2026-11-4471'), 'PW-2026-11-4471');
  assert.equal(orderNumber('Ordernummer: FS-SE-0091822'), 'FS-SE-0091822');
  assert.equal(orderNumber('ご注文番号：250-1234567'), '250-1234567');
  assert.equal(orderNumber('Your order 2291034 has shipped'), '2291034');
});

test('the most specific label wins over invoice or bare mentions', () => {
  assert.equal(orderNumber('Invoice: 99887766', 'Order number: 11223344'), '11223344');
  assert.equal(orderNumber('Transaction ID: TX-1001', 'Bestellnummer: 55667788'), '55667788');
  assert.equal(orderNumber('Ihre Bestellung 55667788 ist unterwegs'), '55667788');
});

test('words, dates, amounts and years after a label are not order numbers', () => {
  assert.equal(orderNumber('Your order number is in the confirmation email'), null);
  assert.equal(orderNumber('Order numbers look like this'), null);
  assert.equal(orderNumber('Order date: 2026-11-20'), null);
  assert.equal(orderNumber('Order total 49.95'), null);
  assert.equal(orderNumber('Order 2026'), null); // a bare year; after "Order #" it is a number (Shopify's #1001...)
  assert.equal(orderNumber('Order #2087 confirmed'), '2087');
  assert.equal(cleanOrderNumber('#16739482210.'), '16739482210');
  assert.equal(cleanOrderNumber('20/11/2026'), null);
});

const amount = (lines, locale = { language: 'en', region: 'US' }) => {
  const found = findChargedAmount(lines, locale);
  return found && `${found.amount} ${found.currency}`;
};

test('the charged total, never subtotal, tax, discount, shipping or renewal price', () => {
  assert.equal(amount(['Subtotal: $49.95', 'Tax: $3.50', 'Shipping: $5.00', 'Discount: -$5.00', 'Total: $53.45']), '53.45 USD');
  assert.equal(amount(['Sub-total $10.00', 'Total tax $0.80', 'Total savings $2.00', 'Total $10.80']), '10.80 USD');
  assert.equal(amount(['Total before VAT: £10.41', 'VAT: £2.08', 'Total: £12.49', 'Grand Total: £12.49']), '12.49 GBP');
  assert.equal(amount(['Total HT 33,33 €', 'Total TTC 39,99 €'], { language: 'fr', region: 'FR' }), '39.99 EUR');
  assert.equal(amount(['Zwischensumme 41,97 €', 'MwSt. 7,98 €', 'Gesamtbetrag 49,95 €'], { language: 'de', region: 'DE' }), '49.95 EUR');
  assert.equal(amount(['Total (incl. VAT)\t£24.99']), '24.99 GBP');
  assert.equal(amount(['Renewal total: $89.95/year', 'Amount charged: $49.95']), '49.95 USD');
  assert.equal(amount(['Totale: 29,99 €'], { language: 'it', region: 'IT' }), '29.99 EUR');
  assert.equal(amount(['Totaal\t€ 1.234,56'], { language: 'nl', region: 'NL' }), '1234.56 EUR');
  assert.equal(amount(['Att betala: 1\u00a0299,00\u00a0kr'], { language: 'sv', region: 'SE' }), '1299.00 SEK');
});

test('the last equally strong total wins; a stronger label wins over a later weaker one', () => {
  assert.equal(amount(['Product\tQty\tTotal', 'Widget\t1\t$10.00', 'Total: $10.80']), '10.80 USD');
  assert.equal(amount(['Order total: $24.97', 'Total: $1.00 in rewards']), '24.97 USD');
});

test('tables: the value in the next cell or in the same column of the next row', () => {
  const re = labelRegExp(['order\\s+number']);
  const [row] = labelledValues(['Order Number\tDate', '123\t20 Nov'], re);
  assert.deepEqual(row.values, ['123', 'Date']);
  const [pair] = labelledValues(['Order Number:\t9876'], re);
  assert.deepEqual(pair.values, ['9876']);
  const [stacked] = labelledValues(['Order Number', '5555'], re);
  assert.deepEqual(stacked.values, ['5555']);
});

test('order date: labelled, else the first date not about renewal, expiry or delivery', () => {
  assert.equal(findOrderDate(['Renews on 20 Nov 2027', 'Order date: 20 Nov 2026'], 'dmy').value, '2026-11-20');
  assert.equal(findOrderDate(['Expiry date: 01/12/2027', 'Date: 03/04/2026'], 'dmy').value, '2026-04-03');
  assert.equal(findOrderDate(['Delivered 22 Nov 2026', 'Sat, 14 Nov 2026 09:12'], 'dmy').value, '2026-11-14');
  assert.equal(findOrderDate(['Bestelldatum', '20.11.2026'], 'dmy').value, '2026-11-20');
  assert.equal(findOrderDate(['no dates'], 'dmy'), null);
});

test('renewal date: the date after renewal wording', () => {
  assert.equal(findRenewalDate(['Ordered 2026-11-20. Your subscription will renew automatically on November 20, 2027.'], 'mdy').value, '2027-11-20');
  assert.equal(findRenewalDate(['Next billing date: 12/05/2027'], 'mdy').value, '2027-12-05');
  assert.equal(findRenewalDate(['Ihr Abonnement verlängert sich am 20.11.2027'], 'dmy').value, '2027-11-20');
  assert.equal(findRenewalDate(['Order date: 20.11.2026'], 'dmy'), null);
});

test('auto-renewal wording in several languages, negation first', () => {
  const renews = (...lines) => {
    const found = findAutoRenewal(lines);
    return found && found.value;
  };
  assert.equal(renews('Your subscription will renew automatically on November 20, 2027 unless you turn off auto-renewal.'), true);
  assert.equal(renews('Auto-Renewal: On'), true);
  assert.equal(renews('Auto-Renewal: Off'), false);
  assert.equal(renews('Automatic renewal has been turned off.'), false);
  assert.equal(renews('This licence does not renew automatically.'), false);
  assert.equal(renews('Ihr Abonnement verlängert sich automatisch.'), true);
  assert.equal(renews('Das Abonnement verlängert sich nicht automatisch.'), false);
  assert.equal(renews('Abonnement annuel avec renouvellement automatique, résiliable à tout moment.'), true);
  assert.equal(renews('Sans renouvellement automatique.'), false);
  assert.equal(renews('Tu suscripción se renovará automáticamente.'), true);
  assert.equal(renews('Il tuo abbonamento si rinnoverà automaticamente.'), true);
  assert.equal(renews('Je abonnement wordt automatisch verlengd.'), true);
  assert.equal(renews('Je abonnement wordt niet automatisch verlengd.'), false);
  assert.equal(renews('Prenumerationen förnyas automatiskt.'), true);
  assert.equal(renews('One-time purchase, no subscription.'), false);
  assert.equal(renews('Thanks for your order.'), null);
  // menu items of account pages say nothing about this purchase
  assert.equal(renews('Thanks for your order.', 'Manage auto-renewal', 'Auto-renewal settings'), null);
  assert.equal(renews('Turn off automatic renewal for all your subscriptions here'), null);
});

test('the customer email, not the shop mailboxes', () => {
  assert.equal(findCustomerEmail(['Questions? support@shop.example', 'A receipt was sent to kim@example.com']).value, 'kim@example.com');
  assert.equal(findCustomerEmail(['From: Shop <noreply@shop.example>', 'To: lee@example.org']).value, 'lee@example.org');
  assert.equal(findCustomerEmail(['orders@shop.example', 'no-reply@shop.example']), null);
  assert.ok(findCustomerEmail(['Email:', 'Pat.Doe@Example.com']).weight > findCustomerEmail(['pat@example.com']).weight);
  for (const role of ['support@x.example', 'noreply@x.example', 'no-reply@x.example', 'do-not-reply@x.example', 'orders@x.example', 'billing@x.example', 'kundenservice@x.example']) {
    assert.ok(isRoleEmail(role), role);
  }
  assert.ok(!isRoleEmail('jordan.lee@example.com'));
});

test('merchant of record / reseller wording gives the seller', () => {
  const seller = (line) => {
    const found = findSellerName([line]);
    return found && found.value;
  };
  assert.equal(seller('Digital River, Inc. is the authorized reseller and merchant of record for this purchase.'), 'Digital River');
  assert.equal(seller('This order is processed by our online reseller & Merchant of Record, FastSpring, who also handles returns.'), 'FastSpring');
  assert.equal(seller('Note: 2Checkout (now Verifone) is the authorised reseller of Bitdefender products.'), '2Checkout');
  assert.equal(seller('Merchant of record: Paddle.com Market Ltd'), 'Paddle.com Market');
  assert.equal(seller('Digital River GmbH ist autorisierter Wiederverkäufer und Händler für diesen Kauf.'), 'Digital River');
  assert.equal(seller('Nexway SAS est le revendeur agréé de ce produit.'), 'Nexway');
  assert.equal(seller('Nexway è il rivenditore autorizzato per questo acquisto.'), 'Nexway');
  assert.equal(seller('Our products are available from many resellers.'), null);
});

test('merchant name from "order with X", site name, logo, title or copyright', () => {
  const merchant = (markup, url = null) => {
    const found = findMerchantName(readPage(html(markup), url));
    return found && found.value;
  };
  assert.equal(merchant('<title>Inbox</title><p>Thanks for shopping with Contoso Outlet!</p>'), 'Contoso Outlet');
  assert.equal(merchant('<head><meta property="og:site_name" content="Fabrikam Store"></head><p>Hi</p>'), 'Fabrikam Store');
  assert.equal(merchant('<header><img src="/logo.png" alt="Woodgrove Software logo"></header>'), 'Woodgrove Software');
  assert.equal(merchant('<title>Order confirmed | Tailspin Toys</title><p>x</p>'), 'Tailspin Toys');
  assert.equal(merchant('<title>Your receipt - Inbox</title><p>x</p>'), null);
  assert.equal(merchant('<p>hello</p><footer>© 2026 Litware, Inc. All rights reserved.</footer>'), 'Litware');
});

test('organisation names lose legal suffixes and asides', () => {
  assert.equal(cleanOrgName('Digital River, Inc.'), 'Digital River');
  assert.equal(cleanOrgName('Adobe Systems Software Ireland Ltd'), 'Adobe Systems Software Ireland');
  assert.equal(cleanOrgName('Proton AG'), 'Proton');
  assert.equal(cleanOrgName('Avast Software s.r.o.'), 'Avast Software');
  assert.equal(cleanOrgName('Nexway SAS'), 'Nexway');
  assert.equal(cleanOrgName('2Checkout (now Verifone)'), '2Checkout');
  assert.equal(cleanOrgName('  '), null);
});
