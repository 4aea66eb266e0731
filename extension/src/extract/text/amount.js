// The amount actually charged: the grand total, never a subtotal, tax,
// discount, shipping line, renewal price or struck-through list price (struck
// text is already left out of the page lines).

import { pickMoney, findMoney } from '../parse/money.js';
import { firstParsed, labelRegExp, labelledValues } from './labelled.js';

const CHARGED = labelRegExp([
  String.raw`amount\s+(?:charged|paid|billed)`, String.raw`total\s+(?:charged|paid|billed)`, String.raw`you\s+paid`,
  String.raw`(?:payment|charge)\s+(?:amount|total)`, String.raw`charged\s+to\s+(?:your|the)`,
  String.raw`(?:bezahlter|gezahlter|berechneter)\s+betrag`, String.raw`montant\s+(?:pay[ée]|d[ée]bit[ée]|factur[ée])`,
  String.raw`importe\s+(?:pagado|cobrado|cargado)`, String.raw`importo\s+(?:pagato|addebitato)`,
  String.raw`betaald\s+bedrag`, String.raw`betalt\s+belopp`, String.raw`ご請求額`, String.raw`お支払い金額`,
]);

const GRAND_TOTAL = labelRegExp([
  String.raw`grand\s+total`, String.raw`order\s+total`, String.raw`total\s+(?:amount|price|due(?:\s+today)?|to\s+pay|paid)`,
  String.raw`invoice\s+total`, String.raw`purchase\s+total`,
  String.raw`gesamt(?:betrag|summe|preis)`, String.raw`endbetrag`, String.raw`rechnungsbetrag`, String.raw`zu\s+zahlen(?:der\s+betrag)?`,
  String.raw`total\s+ttc`, String.raw`montant\s+total`, String.raw`total\s+(?:à|a)\s+payer`, String.raw`total\s+de\s+la\s+commande`,
  String.raw`importe\s+total`, String.raw`total\s+(?:del\s+pedido|a\s+pagar)`, String.raw`precio\s+total`,
  String.raw`importo\s+totale`, String.raw`totale\s+(?:ordine|complessivo|da\s+pagare)`,
  String.raw`totaal(?:bedrag|prijs)`, String.raw`te\s+betalen`, String.raw`att\s+betala`, String.raw`totalbelopp`,
  String.raw`total(?:t)?\s+inkl\.?`, String.raw`合計金額`,
]);

const TOTAL = labelRegExp([
  String.raw`total`, String.raw`totale`, String.raw`totaal`, String.raw`totalt`, String.raw`gesamt`, String.raw`summe`,
  String.raw`summa`, String.raw`montant`, String.raw`importe`, String.raw`合計`, String.raw`amount`,
]);

// Words that make a "total" something other than what was charged.
const NOT_CHARGED = new RegExp([
  String.raw`sub[\s-]?tota(?:l|le|al)`, 'zwischensumme', 'sous[\\s-]?total', 'delsumma',
  'savings?', 'you\\s+save', 'saved', 'discount', 'rabatt', 'remise', 'r[ée]duction', 'descuento', 'sconto', 'korting',
  'shipping', 'delivery', 'postage', 'versand', 'livraison', 'env[íi]o', 'spedizione', 'verzend', 'frakt',
  'before\\s+(?:tax|vat)', 'excl', 'exkl', 'hors\\s+tax', '(?<![\\p{L}])HT(?![\\p{L}])', 'netto', '(?<![\\p{L}])net(?![\\p{L}])', 'sin\\s+iva', 'senza\\s+iva',
  'renew', 'recurring', 'next\\s+(?:payment|billing|charge)', 'verlängerung', 'renouvellement', 'renovaci', 'rinnovo', 'verlenging', 'förnyelse',
  'refund', 'gift\\s+card', 'points', 'items?\\s+total', 'list\\s+price', 'statt', 'au\\s+lieu', 'msrp', 'rrp', 'uvp',
  'per\\s+(?:month|year)', 'monthly', 'yearly', '/\\s?(?:mo|month|yr|year)(?![\\p{L}])',
].join('|'), 'iu');

// Tax words are fine only when the total includes the tax ("Total incl. VAT").
const TAX = /(?<![\p{L}])(?:tax(?:es)?|vat|mwst|ust|tva|iva|btw|moms|gst|hst|pst)(?![\p{L}])/iu;
const TAX_INCLUDED = /(?<![\p{L}])(?:incl|inkl|inc|including|inklusive|incluant|incluida|incluso|inclusief|ttc|avec)(?![\p{L}])/iu;

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
  const context = labelContext(line, hit);
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
