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
import { findItems, lineTotals, linesAroundItems } from '../text/items.js';
import { cleanOrgName, isRoleEmail, sameOrganisation } from '../normalize.js';

const domainOf = (address) => (address && address.includes('@') ? address.split('@')[1].toLowerCase() : '');
/** Two addresses of one organisation (see normalize.js sameOrganisation). */
export function sameDomain(a, b) {
  return sameOrganisation(domainOf(a), domainOf(b));
}

// A sender's display name as a shop's name: not a person's "me", a mailbox word or an address.
const NOT_A_SENDER = /^(?:me|mich|moi|yo|io|ik|jag|mig|ja|я|自分|我|no[-_ ]?reply|noreply|do[-_ ]?not[-_ ]?reply|support|customer service|team|info|notifications?|orders?|shop|store|mailer)$/i;
function senderName(name) {
  if (!name || name.includes('@') || NOT_A_SENDER.test(name.trim())) return null;
  // "Inkwell Labs via Paddle", "Kaffee Hansen (über Shopify)": the shop, not the service that sends for it.
  return cleanOrgName(name.replace(/\s+(?:via|über|par|por|tramite|door|через|経由)\s+.*$/i, ''));
}

/** Day/month order for slash dates: an unambiguous date on the page settles it, else the locale. */
export function pageDateOrder(page, currency) {
  const slashLines = page.lines.filter((line) => line.includes('/') && /\d\/\d/.test(line));
  return slashDateOrderIn(slashLines.join('\n')) || dateOrderFor(page.locale, currency);
}

/** @param {ReturnType<import('../page.js').readPage>} page */
export function extractFromText(page) {
  const candidate = new Candidate('text');
  const { locale } = page;

  // What was bought comes first: a long list's rows are read once, here, and the order's other
  // facts from the lines around it.
  const receipt = findItems(page.lines, locale);
  const lines = linesAroundItems(page.lines, receipt);
  const around = lines === page.lines ? page : { ...page, lines };

  // A webmail shows the subject apart from the body: it may be the one place the number is.
  const orderNumber = findOrderNumber(page.webmail && page.title ? [...lines, page.title] : lines);
  if (orderNumber) candidate.set('order_number', orderNumber.value, orderNumber.weight);

  const amount = findChargedAmount(lines, locale);
  const currency = (amount && amount.currency) || dominantCurrency(lines, locale);
  if (amount) {
    candidate.set('amount', amount.amount, amount.weight);
    candidate.set('currency', currency, amount.currency ? amount.weight : 0.4);
  }

  const order = pageDateOrder(around, currency);
  const orderDate = findOrderDate(lines, order);
  if (orderDate) candidate.set('order_date', orderDate.value, orderDate.weight);

  // The product is the first item's name.
  if (receipt) {
    // With no subtotal printed, the amount charged tells unit prices from lines' totals.
    const items = amount ? lineTotals(receipt.read, receipt.totals, amount.amount) : receipt.items;
    candidate.set('items', items, receipt.headed ? 0.6 : 0.5);
    candidate.set('product', items[0].name, receipt.headed ? 0.6 : 0.5);
    const total = receipt.totals.filter((row) => row.total && row.amount && !row.amount.startsWith('-')).pop();
    if (total) {
      candidate.set('amount', total.amount, 0.72);
      if (total.currency) candidate.set('currency', total.currency, 0.72);
    }
  }
  // An email's header: the recipient is the customer, the sender's name the shop, its date the
  // order's when the body gives none.
  const mail = page.mail;
  if (mail) {
    const recipient = (mail.to || []).find((address) => !isRoleEmail(address) && !sameDomain(address, mail.from && mail.from.email));
    if (recipient) candidate.set('account_email', recipient, 0.8);
    else if (mail.account) candidate.set('account_email', mail.account, 0.6);
    const sender = mail.from && senderName(mail.from.name);
    if (sender) candidate.set('merchant_name', sender, 0.62);
    if (mail.date) candidate.set('order_date', mail.date, 0.35);
  }
  const shopDomains = [page.host, mail && mail.from && mail.from.email && mail.from.email.split('@')[1]].filter(Boolean);
  for (const [name, found] of [
    ['account_email', findCustomerEmail(lines, { shopDomains })],
    ['payment_method', findPaymentMethod(lines)],
    ['auto_renews', findAutoRenewal(lines)],
    ['merchant_name', findMerchantName(around)],
    ['seller_name', findSellerName(lines)],
    ['product', receipt ? null : findProduct(page)],
  ]) {
    if (found) candidate.set(name, found.value, found.weight);
  }
  if (candidate.get('auto_renews') !== false) {
    const renewal = findRenewalDate(lines, order);
    if (renewal) candidate.set('renewal_date', renewal.value, renewal.weight);
  }

  candidate.signals = {
    ...pageSignals(around),
    labelledOrderNumber: Boolean(orderNumber && orderNumber.rank >= 2),
    chargedAmount: Boolean(amount),
    dateOrder: order,
  };
  return candidate;
}
