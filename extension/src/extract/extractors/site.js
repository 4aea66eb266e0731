// Site rules: small files in ../sites/ that know a shop, a shop platform or a
// merchant of record by its URLs or its markup. A rule is an object:
//   id           "digitalriver" (reported as source "site:digitalriver")
//   urls         [{host?, path?}]: host is a domain (subdomains match too) or a
//                RegExp on the host name; path a RegExp on path + query.
//                A URL matches an entry when every part given matches.
//   detect(page) true when the page carries the platform's fingerprints (its
//                markup, generator meta, script globals, email template); a rule
//                applies when its URL matches or it detects the page
//   isConfirmation(page)  true on the receipt / thank-you / order-details page
//   selectors    {field: [css selectors]}: tried in order; the first element a
//                selector matches (in document order) with a usable value wins
//   items        {row, name?, variant?, quantity?, price?}: the line items, one
//                element a row (css selectors, looked for inside the row; a list
//                of selectors for name, quantity or price is tried in order)
//   constants    {field: value} true of every order on the site
//   refine(page, candidate)  optional extra logic (e.g. a number in the URL)
//   fixtures     corpus and fixture pages it was written from (tests hold it to them)

import { Candidate } from '../fields.js';
import { SITE_RULES } from '../sites/index.js';
import { visibleLines, isShown } from '../page.js';
import { findMoney } from '../parse/money.js';
import { splitQuantity, splitName, isItemNote } from '../text/items.js';
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
    const read = (el) => normalizeField(field, elementText(el), page, dateOrder).filter(([, v]) => v !== null && v !== '');
    // Selectors in the order given (the most precise first); for each, the first element
    // with a usable value.
    let pairs = [];
    for (const selector of selectors) {
      for (const el of page.doc.querySelectorAll(selector)) {
        pairs = read(el);
        if (pairs.length) break;
      }
      if (pairs.length) break;
    }
    for (const [name, value] of pairs) candidate.set(name, value, SELECTOR_WEIGHT);
  }
}

const MAX_ITEM_ROWS = 1000;

// The text of the first element matching `selector` inside `row` (or the row's own), or ''.
// A list of selectors is tried in order: the first that matches wins.
function textIn(row, selector, { firstLine = false, raw = false } = {}) {
  if (!selector) return '';
  if (Array.isArray(selector)) {
    for (const one of selector) {
      const text = textIn(row, one, { firstLine, raw });
      if (text) return text;
    }
    return '';
  }
  const el = row.matches(selector) ? row : row.querySelector(selector);
  if (!el) return '';
  // A badge hidden from screen readers may be the only place the quantity is printed.
  if (raw) return el.textContent.replace(/\s+/g, ' ').trim();
  const lines = visibleLines(el);
  return firstLine ? lines[0] || '' : lines.join(' ');
}

/** The line items a rule's `items` spec reads: [{name, variant, quantity, price}]. */
export function readItemRows(page, spec) {
  const items = [];
  for (const row of page.doc.querySelectorAll(spec.row)) {
    if (!isShown(row)) continue;
    const lines = visibleLines(row);
    const rawName = spec.name ? textIn(row, spec.name, { firstLine: true }) : lines[0] || '';
    const marked = splitQuantity(rawName);
    const { name: bare, variant: inline } = splitName(marked.rest.replace(/\s*[-–—|:]\s*$/, ''));
    const name = cleanText(bare, 300);
    if (!name) continue;
    let variant = inline;
    if (spec.variant) {
      const parts = [...row.querySelectorAll(spec.variant)].filter((el) => isShown(el))
        .map((el) => {
          // "Gift wrapping:" in the <dt> before a <dd>: the line is about the wrapping.
          const label = el.localName === 'dd' && el.previousElementSibling ? el.previousElementSibling.textContent.trim() : '';
          return [label, visibleLines(el).join(', ').trim()];
        })
        .filter(([label, text]) => text && !isItemNote(label ? `${label} ${text}` : text)).map(([, text]) => text);
      if (parts.length) variant = cleanText([inline, ...parts].filter(Boolean).join(', ').replace(/\s*[:：]\s*,/g, ':'), 200);
    }
    const quantityText = spec.quantity ? textIn(row, spec.quantity, { raw: true }) : '';
    const quantity = Number((/\d{1,6}/.exec(quantityText.replace(/[×x]/g, ' ')) || [])[0]) || marked.quantity || 1;
    const priceText = spec.price ? textIn(row, spec.price) : lines.filter((l) => findMoney(l, page.locale).length).pop() || '';
    const money = findMoney(priceText, page.locale).filter((m) => m.hasCurrency || m.hasDecimals);
    items.push({ name, variant, quantity, price: money.length ? money[money.length - 1].amount : null });
    if (items.length === MAX_ITEM_ROWS) break;
  }
  return items;
}

/**
 * One candidate per site rule matching the page's URL.
 * @param {ReturnType<import('../page.js').readPage>} page
 * @param {object[]} [rules]
 */
export function extractFromSites(page, rules = SITE_RULES) {
  const candidates = [];
  for (const rule of rules) {
    // One rule's mistake must not cost the page the others' findings.
    try {
      if (!ruleMatches(rule, page.location) && !(rule.detect && rule.detect(page))) continue;
      candidates.push(applyRule(rule, page));
    } catch (error) {
      const failed = new Candidate(`site:${rule.id}`);
      failed.signals.error = error && error.message;
      candidates.push(failed);
    }
  }
  return candidates;
}

function applyRule(rule, page) {
  const candidate = new Candidate(`site:${rule.id}`);
  candidate.signals.siteConfirmation = Boolean(rule.isConfirmation(page));
  applySelectors(rule, page, candidate);
  if (rule.items) {
    const items = readItemRows(page, rule.items);
    if (items.length) {
      candidate.set('items', items, SELECTOR_WEIGHT);
      candidate.set('product', items[0].name, SELECTOR_WEIGHT);
    }
  }
  for (const [field, value] of Object.entries(rule.constants || {})) candidate.set(field, value, CONSTANT_WEIGHT);
  if (rule.refine) rule.refine(page, candidate);
  return candidate;
}
