// Order numbers next to their label, in every language of the label table
// (i18n/labels.js: order_number, reference_number).

import { cleanOrderNumber } from '../normalize.js';
import { firstParsed, labelledValues } from './labelled.js';
import { labelPattern } from '../i18n/patterns.js';
import { phrasesSource } from '../i18n/fold.js';

// The words for "order" a number can follow directly: "Order #1042", "Bestellung 10087", "Заказ №123".
const ORDER_WORDS = ['order', 'your order', 'bestellung', 'ihre bestellung', 'deine bestellung', 'auftrag', 'commande',
  'votre commande', 'pedido', 'pedidos', 'tu pedido', 'su pedido', 'ordine', 'il tuo ordine', 'bestelling', 'je bestelling',
  'beställning', 'din beställning', 'ordre', 'din ordre', 'bestilling', 'encomenda', 'zamówienie', 'заказ', 'ваш заказ',
  'ご注文', '注文', '订单', '訂單', 'receipt', 'invoice', 'rechnung', 'facture', 'factura', 'fattura', 'factuur'];
const ORDER_WORD = phrasesSource(ORDER_WORDS);
const NUMBER_WORD = String.raw`(?:(?:number|no|nr|nummer|numero|numéro|número|num|номер)(?![\p{L}])\.?|n[°º]\.?|#|№)`;

// Rank 2: "Order: XKTRFWQMB" (a reference after "order" and a colon), and a number in brackets after
// the order is named ("Ihre Bestellung bei X vom 12.03.2026 (Nummer: 10087)").
const ORDER_THEN_COLON = new RegExp(String.raw`(?<![\p{L}\p{N}])${ORDER_WORD}(?=\s*[:：]\s*[a-z0-9])`, 'gu');
const NUMBER_IN_BRACKETS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])${ORDER_WORD}(?![\p{L}])[^\t()]{0,100}\(\s*${NUMBER_WORD}(?=\s*[:：]?\s*[a-z0-9])`, 'gu');
// Rank 1: "Order #1042", "Заказ 12345" (a number right after the word).
const BARE = new RegExp(String.raw`(?<![\p{L}\p{N}])${ORDER_WORD}(?![\p{L}])(?=\s?[#№]?\s?[a-z]{0,5}\d)`, 'gu');

const RANKS = [
  { re: labelPattern('order_number'), rank: 3, weight: 0.7, strong: true },
  { re: NUMBER_IN_BRACKETS, rank: 3, weight: 0.65, strong: true },
  { re: ORDER_THEN_COLON, rank: 2, weight: 0.55, strong: true },
  { re: labelPattern('reference_number'), rank: 2, weight: 0.55, strong: false },
  { re: BARE, rank: 1, weight: 0.4, strong: false },
];

/**
 * The best-labelled order number in the lines.
 * @param {string[]} lines
 * @returns {{value: string, weight: number, rank: number, mentions: number}|null}
 */
export function findOrderNumber(lines) {
  for (const { re, rank, weight, strong } of RANKS) {
    // A label that names the order number itself may introduce a short number ("#312") or
    // letters only ("XKTRFWQMB"); a looser one needs a number that looks like one.
    const parse = (value) => cleanOrderNumber(value, { short: strong, lettersOnly: strong });
    const values = labelledValues(lines, re).map((hit) => firstParsed(hit, parse)).filter(Boolean);
    if (values.length) {
      const value = values[0];
      const mentions = values.filter((v) => v === value).length;
      return { value, rank, weight: Math.min(0.9, weight + 0.05 * (mentions - 1)), mentions };
    }
  }
  return null;
}
