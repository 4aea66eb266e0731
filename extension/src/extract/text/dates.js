// The order date (next to its label, else the first date on the page that is
// not about renewal, expiry or delivery) and the renewal date (a date in a
// sentence about renewing or the next payment).

import { findDates } from '../parse/date.js';
import { firstParsed, labelledValues } from './labelled.js';
import { labelPattern } from '../i18n/patterns.js';
import { phraseSet } from '../i18n/phrases.js';
import { fold } from '../i18n/fold.js';

const ORDER_DATE = labelPattern('order_date');
const PLAIN_DATE = labelPattern('date');

const RENEWAL = phraseSet(['renewal']);
// A date about something else than the order: renewal, expiry, delivery, a trial, a deadline.
const NOT_ORDER_DATE = phraseSet(['renewal'], [
  'renew*', 'expir*', 'valid*', 'until', 'end', 'ends', 'trial*', 'deliver*', 'ship*', 'arriv*', 'cancel*', 'refund*', 'within',
  'before', 'by', 'ablauf*', 'gultig*', 'bis', 'liefer*', 'jusqu*', 'livraison', 'expedi*', 'vence*', 'caduc*', 'scad*',
  'entrega*', 'envio', 'consegna', 'spedi*', 'levering', 'bezorg*', 'geldig*', 'giltig*', 'leverans*', 'leverer*', 'dostaw*',
  'wysył*', 'ważn*', 'доставк*', 'действ*', 'до', '配送', 'お届け', '有効期限', '到着', '发货', '有效期', 'copyright', '©',
]);

const ORDER_SENTENCE = phraseSet(['confirmation'], ['your order', 'ihre bestellung', 'deine bestellung', 'votre commande',
  'su pedido', 'tu pedido', 'il tuo ordine', 'je bestelling', 'uw bestelling', 'seu pedido', 'twoje zamówienie', 'din beställning',
  'din ordre', 'ваш заказ', 'ご注文', '您的订单', 'order placed', 'ordered on', 'placed on']);

/**
 * @param {string[]} lines
 * @param {'dmy'|'mdy'} order day/month order for slash dates
 */
export function findOrderDate(lines, order) {
  for (const [re, weight] of [[ORDER_DATE, 0.7], [PLAIN_DATE, 0.5]]) {
    for (const hit of labelledValues(lines, re)) {
      // "Expiry date", "Delivery date", "Renewal date" are not the order date.
      const labelContext = fold(lines[hit.lineIndex].slice(Math.max(0, hit.labelStart - 25), hit.labelEnd));
      if (re === PLAIN_DATE && NOT_ORDER_DATE.test(labelContext)) continue;
      const date = firstParsed(hit, (value) => findDates(value, { order })[0]);
      if (date) return { value: date.iso, weight, ambiguous: date.ambiguous };
    }
  }
  // Unlabelled: the first date not about something else; stronger in the sentence that
  // confirms the order ("vielen Dank für Ihre Bestellung … am 04.03.2026") than an email's own date.
  for (const line of lines) {
    if (!/\d/.test(line) || NOT_ORDER_DATE.test(fold(line))) continue;
    const [date] = findDates(line, { order });
    if (date) return { value: date.iso, weight: ORDER_SENTENCE.test(fold(line)) ? 0.45 : 0.3, ambiguous: date.ambiguous };
  }
  return null;
}

/** The date in the first sentence about renewal or the next payment that has one. */
export function findRenewalDate(lines, order) {
  for (const line of lines) {
    const [renewal] = RENEWAL.matches(fold(line));
    const at = renewal ? renewal.index : -1;
    if (at < 0 || !/\d/.test(line)) continue;
    const dates = findDates(line, { order });
    const date = dates.find((d) => d.index > at) || dates[0];
    if (date) return { value: date.iso, weight: 0.6 };
  }
  return null;
}
