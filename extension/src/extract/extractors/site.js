// Site rules: small per-shop files in ../sites/ that know a shop's URLs and
// markup. A rule is an object:
//   id           "digitalriver" (reported as source "site:digitalriver")
//   urls         [{host?, path?}]: host is a domain (subdomains match too) or a
//                RegExp on the host name; path a RegExp on path + query.
//                A URL matches an entry when every part given matches.
//   isConfirmation(page)  true on the receipt / thank-you / order-details page
//   selectors    {field: [css selectors]}: the first element (in document order)
//                with a usable value wins (for product: all matches are listed)
//   constants    {field: value} true of every order on the site
//   refine(page, candidate)  optional extra logic (e.g. a number in the URL)

import { Candidate } from '../fields.js';
import { SITE_RULES } from '../sites/index.js';
import { visibleLines } from '../page.js';
import { parseDate } from '../parse/date.js';
import { pickMoney } from '../parse/money.js';
import { currencyFromSymbol } from '../parse/currency.js';
import { cleanText, cleanOrderNumber, cleanOrgName, cleanEmail, cleanPaymentMethod } from '../normalize.js';
import { pageDateOrder } from './text.js';

const SELECTOR_WEIGHT = 0.95;
const CONSTANT_WEIGHT = 0.9;

function hostMatches(pattern, host) {
  if (pattern instanceof RegExp) return pattern.test(host);
  return host === pattern || host.endsWith(`.${pattern}`);
}

/** Does one of the rule's URL patterns match this location? */
export function ruleMatches(rule, location) {
  if (!location) return false;
  const host = location.hostname.toLowerCase();
  const path = location.pathname + location.search;
  return rule.urls.some((entry) => (!entry.host || hostMatches(entry.host, host)) && (!entry.path || entry.path.test(path)));
}

function elementText(el) {
  return visibleLines(el).join(' ');
}

/** Normalises a raw value for a field; returns [field, value] pairs. */
function normalizeField(field, raw, page, dateOrder) {
  switch (field) {
    case 'order_number': return [[field, cleanOrderNumber(raw)]];
    case 'order_date':
    case 'renewal_date': return [[field, parseDate(raw, { order: dateOrder })]];
    case 'amount': {
      const money = pickMoney(raw, page.locale);
      return money ? [['amount', money.amount], ['currency', money.currency]] : [];
    }
    case 'currency': return [[field, currencyFromSymbol(cleanText(raw) || '', page.locale)]];
    case 'account_email': return [[field, cleanEmail(raw)]];
    case 'payment_method': return [[field, cleanPaymentMethod(raw)]];
    case 'merchant_name':
    case 'seller_name': return [[field, cleanOrgName(raw)]];
    default: return [[field, cleanText(raw)]];
  }
}

function applySelectors(rule, page, candidate) {
  const dateOrder = pageDateOrder(page, null);
  for (const [field, selectors] of Object.entries(rule.selectors || {})) {
    const values = [];
    const read = (el) => normalizeField(field, elementText(el), page, dateOrder).filter(([, v]) => v !== null && v !== '');
    // One query for all of a field's selectors; matches come in document order.
    // Single-valued fields try the first match alone before listing them all.
    const selector = selectors.join(', ');
    const firstMatch = field === 'product' ? null : page.doc.querySelector(selector);
    const firstPairs = firstMatch ? read(firstMatch) : [];
    if (firstPairs.length) values.push(firstPairs);
    else if (field === 'product' || firstMatch) {
      for (const el of page.doc.querySelectorAll(selector)) {
        const pairs = read(el);
        if (pairs.length) values.push(pairs);
        if (values.length && field !== 'product') break;
      }
    }
    if (!values.length) continue;
    if (field === 'product') {
      candidate.set('product', [...new Set(values.map((pairs) => pairs[0][1]))].join('; '), SELECTOR_WEIGHT);
    } else {
      for (const [name, value] of values[0]) candidate.set(name, value, SELECTOR_WEIGHT);
    }
  }
}

/**
 * One candidate per site rule matching the page's URL.
 * @param {ReturnType<import('../page.js').readPage>} page
 * @param {object[]} [rules]
 */
export function extractFromSites(page, rules = SITE_RULES) {
  const candidates = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, page.location)) continue;
    const candidate = new Candidate(`site:${rule.id}`);
    candidate.signals.siteConfirmation = Boolean(rule.isConfirmation(page));
    applySelectors(rule, page, candidate);
    for (const [field, value] of Object.entries(rule.constants || {})) candidate.set(field, value, CONSTANT_WEIGHT);
    if (rule.refine) rule.refine(page, candidate);
    candidates.push(candidate);
  }
  return candidates;
}
