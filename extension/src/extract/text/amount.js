// The amount actually charged: the grand total, never a subtotal, tax,
// discount, shipping line, renewal price or struck-through list price (struck
// text is already left out of the page lines).

import { pickMoney, findMoney } from '../parse/money.js';
import { firstParsed, labelledValues } from './labelled.js';
import { labelPattern } from '../i18n/patterns.js';
import { phraseSet } from '../i18n/phrases.js';
import { fold } from '../i18n/fold.js';

const CHARGED = labelPattern('charged');
const GRAND_TOTAL = labelPattern('grand_total');
const TOTAL = labelPattern('total');

// Words that make a "total" something other than what was charged: the other rows of a
// totals table (label table: subtotal, discount, voucher, shipping, fee, gift wrap), the
// next payment of a subscription, and list prices.
const NOT_CHARGED = phraseSet(['subtotal', 'discount', 'voucher', 'shipping', 'fee', 'gift_wrap', 'renewal', 'recurring'], [
  'saving*', 'you save', 'saved', 'before tax', 'before vat', 'excl*', 'exkl*', 'hors tax*', 'ht', 'net', 'sin iva', 'senza iva',
  'recurring', 'refund*', 'items total', 'item total', 'list price', 'statt', 'au lieu', 'msrp', 'rrp', 'uvp', 'per month',
  'per year', 'netto', 'zzgl*', 'zuzüglich', 'ohne mwst', 'ohne steuern', 'hors taxes', 'excluding',
]);

// Tax words are fine only when the total includes the tax ("Total incl. VAT").
const TAX = phraseSet(['tax']);
const TAX_INCLUDED = phraseSet([], ['incl', 'inkl', 'inc', 'including', 'inklusive', 'incluant', 'incluida', 'incluido', 'incluso',
  'inclusa', 'inclusief', 'ttc', 'avec', 'brutto', 'w tym', 'z vat', 'including vat', 'inkl. moms', '税込', '含税', 'включая']);

const LEVELS = [
  { re: CHARGED, weight: 0.75 },
  { re: GRAND_TOTAL, weight: 0.7 },
  { re: TOTAL, weight: 0.55 },
];

const VALUE_START = /[\d$€£¥₹\t]/;

// The words around a label, up to the neighbouring values: "Sub-total", "Total
// before tax", "Total (incl. VAT)". Neither side reaches into another value.
function labelContext(line, hit) {
  const cellStart = line.lastIndexOf('\t', hit.labelStart - 1) + 1;
  let before = line.slice(Math.max(cellStart, hit.labelStart - 30), hit.labelStart);
  const lastValue = before.search(/[\d$€£¥₹][^\d$€£¥₹]*$/);
  if (lastValue >= 0) before = before.slice(lastValue + 1);
  let after = line.slice(hit.labelEnd, hit.labelEnd + 40);
  const valueAt = after.search(VALUE_START);
  if (valueAt >= 0) after = after.slice(0, valueAt);
  return before + hit.label + after;
}

function isChargedTotal(line, hit) {
  const context = fold(labelContext(line, hit));
  if (NOT_CHARGED.test(context)) return false;
  if (TAX.test(context) && !TAX_INCLUDED.test(context)) return false;
  return true;
}

/**
 * The charged amount, from the strongest kind of label; among equally strong
 * labels the last one wins (a grand total sits below the lines it adds up).
 * @param {string[]} lines
 * @param {{language: string|null, region: string|null}} locale
 * @returns {{amount: string, currency: string|null, weight: number}|null}
 */
export function findChargedAmount(lines, locale) {
  for (const { re, weight } of LEVELS) {
    let best = null;
    for (const hit of labelledValues(lines, re)) {
      if (!isChargedTotal(lines[hit.lineIndex], hit)) continue;
      const money = firstParsed(hit, (value) => {
        const found = pickMoney(value, locale);
        return found && !found.amount.startsWith('-') && (found.hasCurrency || found.hasDecimals) ? found : null;
      });
      if (money) best = { amount: money.amount, currency: money.currency, weight };
    }
    if (best) return best;
  }
  return null;
}

/** The currency most amounts on the page are in (for a total printed without one). */
export function dominantCurrency(lines, locale) {
  const counts = new Map();
  for (const line of lines) {
    if (!/\d/.test(line)) continue;
    for (const money of findMoney(line, locale)) {
      if (money.currency) counts.set(money.currency, (counts.get(money.currency) || 0) + 1);
    }
  }
  let best = null;
  for (const [currency, count] of counts) if (!best || count > best.count) best = { currency, count };
  return best ? best.currency : null;
}
