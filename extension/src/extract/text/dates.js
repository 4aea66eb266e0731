// The order date (next to its label, else the first date on the page that is
// not about renewal, expiry or delivery) and the renewal date (a date in a
// sentence about renewing or the next payment).

import { findDates } from '../parse/date.js';
import { firstParsed, labelRegExp, labelledValues } from './labelled.js';

const ORDER_DATE = labelRegExp([
  String.raw`order\s+date`, String.raw`date\s+(?:of\s+)?(?:order|purchase)`, String.raw`purchase\s+date`,
  String.raw`(?:order(?:ed)?|placed|purchased|paid)\s+on`, String.raw`order\s+placed`, String.raw`date\s+(?:placed|paid|issued)`,
  String.raw`(?:invoice|transaction|payment|billing|receipt)\s+date`, String.raw`issued\s+on`,
  String.raw`bestelldatum`, String.raw`kaufdatum`, String.raw`rechnungsdatum`, String.raw`auftragsdatum`, String.raw`bestellt\s+am`,
  String.raw`date\s+de\s+(?:la\s+)?commande`, String.raw`command[ée]e?\s+le`, String.raw`date\s+d['’]achat`, String.raw`date\s+de\s+(?:la\s+)?facture`,
  String.raw`fecha\s+(?:del?\s+)?(?:pedido|compra|factura)`, String.raw`data\s+(?:dell['’]\s?)?ordine`, String.raw`data\s+(?:di\s+)?acquisto`,
  String.raw`besteldatum`, String.raw`orderdatum`, String.raw`beställningsdatum`, String.raw`köpdatum`, String.raw`注文日`,
]);
const PLAIN_DATE = labelRegExp([String.raw`date`, String.raw`datum`, String.raw`fecha`, String.raw`data`, String.raw`日付`]);

const RENEWAL = /renew|next\s+(?:billing|payment|charge|renewal)|billed\s+again|verläng|nächste\s+(?:zahlung|abbuchung|abrechnung)|renouvel|prochain\s+(?:prélèvement|paiement)|renova|renueva|rinnov|prossimo\s+addebito|verleng|volgende\s+betaling|förny|nästa\s+(?:betalning|debitering)|更新/i;
const NOT_ORDER_DATE = /renew|expir|valid|until|ends?\s|trial|deliver|ship|arriv|cancel|refund|within|before|by\s|ablauf|gültig|bis\s|lieferung|expire|jusqu|livraison|vence|caduc|scad|entrega|consegna|levering|geldig|giltig|leverans|verläng|renouvel|renova|rinnov|verleng|förny|copyright|©/i;

/**
 * @param {string[]} lines
 * @param {'dmy'|'mdy'} order day/month order for slash dates
 */
export function findOrderDate(lines, order) {
  for (const [re, weight] of [[ORDER_DATE, 0.7], [PLAIN_DATE, 0.5]]) {
    for (const hit of labelledValues(lines, re)) {
      // "Expiry date", "Delivery date", "Renewal date" are not the order date.
      const labelContext = lines[hit.lineIndex].slice(Math.max(0, hit.labelStart - 25), hit.labelEnd);
      if (re === PLAIN_DATE && NOT_ORDER_DATE.test(labelContext)) continue;
      const date = firstParsed(hit, (value) => findDates(value, { order })[0]);
      if (date) return { value: date.iso, weight, ambiguous: date.ambiguous };
    }
  }
  // Unlabelled: the first date not about something else (e.g. an email header date).
  for (const line of lines) {
    if (!/\d/.test(line) || NOT_ORDER_DATE.test(line)) continue;
    const [date] = findDates(line, { order });
    if (date) return { value: date.iso, weight: 0.3, ambiguous: date.ambiguous };
  }
  return null;
}

/** The date in the first sentence about renewal or the next payment that has one. */
export function findRenewalDate(lines, order) {
  for (const line of lines) {
    const at = line.search(RENEWAL);
    if (at < 0 || !/\d/.test(line)) continue;
    const dates = findDates(line, { order });
    const date = dates.find((d) => d.index > at) || dates[0];
    if (date) return { value: date.iso, weight: 0.6 };
  }
  return null;
}
