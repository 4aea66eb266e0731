// The generic extractor: reads the visible text of any page, in several
// languages, with no knowledge of the shop.

import { Candidate } from '../fields.js';
import { dateOrderFor, slashDateOrderIn } from '../parse/date.js';
import { findOrderNumber } from '../text/order-number.js';
import { findChargedAmount, dominantCurrency } from '../text/amount.js';
import { findOrderDate, findRenewalDate } from '../text/dates.js';
import { findCustomerEmail } from '../text/email.js';
import { findAutoRenewal } from '../text/renewal.js';
import { findMerchantName, findSellerName } from '../text/names.js';
import { findProduct } from '../text/product.js';
import { findPaymentMethod } from '../text/payment.js';
import { pageSignals } from '../text/signals.js';

/** Day/month order for slash dates: an unambiguous date on the page settles it, else the locale. */
export function pageDateOrder(page, currency) {
  const slashLines = page.lines.filter((line) => line.includes('/') && /\d\/\d/.test(line));
  return slashDateOrderIn(slashLines.join('\n')) || dateOrderFor(page.locale, currency);
}

/** @param {ReturnType<import('../page.js').readPage>} page */
export function extractFromText(page) {
  const candidate = new Candidate('text');
  const { lines, locale } = page;

  const orderNumber = findOrderNumber(lines);
  if (orderNumber) candidate.set('order_number', orderNumber.value, orderNumber.weight);

  const amount = findChargedAmount(lines, locale);
  const currency = (amount && amount.currency) || dominantCurrency(lines, locale);
  if (amount) {
    candidate.set('amount', amount.amount, amount.weight);
    candidate.set('currency', currency, amount.currency ? amount.weight : 0.4);
  }

  const order = pageDateOrder(page, currency);
  const orderDate = findOrderDate(lines, order);
  if (orderDate) candidate.set('order_date', orderDate.value, orderDate.weight);

  for (const [name, found] of [
    ['account_email', findCustomerEmail(lines)],
    ['payment_method', findPaymentMethod(lines)],
    ['auto_renews', findAutoRenewal(lines)],
    ['merchant_name', findMerchantName(page)],
    ['seller_name', findSellerName(lines)],
    ['product', findProduct(page)],
  ]) {
    if (found) candidate.set(name, found.value, found.weight);
  }
  if (candidate.get('auto_renews') !== false) {
    const renewal = findRenewalDate(lines, order);
    if (renewal) candidate.set('renewal_date', renewal.value, renewal.weight);
  }

  candidate.signals = {
    ...pageSignals(page),
    labelledOrderNumber: Boolean(orderNumber && orderNumber.rank >= 2),
    chargedAmount: Boolean(amount),
    dateOrder: order,
  };
  return candidate;
}
