// The payment method next to its label ("Payment Method: Visa ending in 4417",
// "Zahlungsart | Mastercard endet auf 8821", "Paid with PayPal"), in the
// languages shops write it in. The server reads the card network from it.

import { cleanPaymentMethod } from '../normalize.js';
import { firstParsed, labelledValues } from './labelled.js';
import { labelPattern } from '../i18n/patterns.js';
import { phraseSet } from '../i18n/phrases.js';
import { fold } from '../i18n/fold.js';
import { findMoney } from '../parse/money.js';

const PAYMENT_METHOD = labelPattern('payment_method');
// One word alone ("Payment", "Zahlung", "お支払い") is a label only as one: before a colon or in
// a cell or line of its own, not in a sentence ("Payment has been confirmed").
const GENERIC = new Set(['payment', 'zahlung', 'paiement', 'règlement', 'pago', 'pagamento', 'betaling', 'płatność', 'betalning',
  'оплата', '支付', 'お支払い', 'billing']);
// A value that is itself another label ("Total", "Gesamt"): the label had no value of its own.
const OTHER_LABELS = phraseSet(['grand_total', 'total', 'subtotal', 'shipping', 'tax', 'charged', 'order_number', 'order_date', 'email', 'payment_method']);
const CARD_INSIDE = /\(([^()]*(?:\d{4}|visa|master|amex|american express|discover|maestro|ending|endet|termin|kończ|slutar|ender|оканч)[^()]*)\)/iu;

const WEIGHT = 0.6;

/** A payment method as the page states it, without the amount, the bank or the service around it. */
export function tidyPaymentMethod(value) {
  let text = value;
  const card = CARD_INSIDE.exec(text);
  if (card) text = card[1];
  // "Ending in 4242 — $221.23": the amount charged to it.
  const money = findMoney(text, null).filter((m) => m.hasCurrency || m.hasDecimals);
  const last = money[money.length - 1];
  if (last && last.index > 3) text = text.slice(0, last.index);
  text = text.replace(/\s+(?:via|über|par|por|tramite|door|through)\s+[\p{Lu}][\p{L}. ]+$/u, '')
    .replace(/^(?:iDEAL|Sofort|Giropay|EPS|Bancontact|Przelewy24|BLIK)\s*[:–—-]\s*.+$/u, (whole) => whole.split(/\s*[:–—-]\s*/)[0])
    .replace(/[\s–—:-]+$/u, '').replace(/\s+(?:[$€£¥₹₽₩]|[A-Z]{3})$/u, '');
  const clean = cleanPaymentMethod(text);
  // A payment method is a few words: a sentence after the label is not one.
  if (!clean || clean.split(/\s+/).length > 8 || /[.!?]$/.test(clean)) return null;
  const folded = fold(clean);
  const [label] = OTHER_LABELS.matches(folded);
  if (label && label.index === 0 && label.end >= folded.length - 1) return null;
  return clean;
}

/**
 * The first labelled payment method in the lines.
 * @param {string[]} lines
 * @returns {{value: string, weight: number}|null}
 */
export function findPaymentMethod(lines) {
  for (const hit of labelledValues(lines, PAYMENT_METHOD)) {
    const line = lines[hit.lineIndex];
    if (GENERIC.has(fold(hit.label.trim()).replace(/\s+/g, ' ')) || GENERIC.has(hit.label.trim())) {
      const after = line.slice(hit.labelEnd);
      const before = line.slice(0, hit.labelStart);
      const standsAsLabel = /^\s*(?:[:：]|\t|$)/.test(after) && (before.trim() === '' || /\t\s*$/.test(before));
      if (!standsAsLabel) continue;
    }
    const value = firstParsed(hit, tidyPaymentMethod);
    if (value) return { value, weight: WEIGHT };
  }
  return null;
}
