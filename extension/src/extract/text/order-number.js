// Order numbers next to their label, in the languages shops write them in.

import { cleanOrderNumber } from '../normalize.js';
import { firstParsed, labelRegExp, labelledValues } from './labelled.js';

const NO = String.raw`(?:number|no\.?|nr\.?|num\.?|#|id|code)`;

// Rank 3: labels that name the order number itself.
const ORDER_NUMBER = labelRegExp([
  String.raw`order\s?${NO}`,
  String.raw`order\s+ref(?:erence)?(?:\s+${NO})?`,
  String.raw`(?:order\s+)?confirmation\s+${NO}`,
  String.raw`bestell(?:ungs)?-?\s?(?:nummer|nr\.?)`, String.raw`auftrags-?\s?(?:nummer|nr\.?)`,
  String.raw`num[ée]ro\s+de\s+(?:la\s+)?commande`, String.raw`n[°º]\s?de\s+commande`, String.raw`commande\s+n[°º]`,
  String.raw`r[ée]f[ée]rence\s+(?:de\s+(?:la\s+)?)?commande`,
  String.raw`n[úu]mero\s+(?:de(?:l)?\s+)?(?:pedido|orden)`, String.raw`n\.?[°º]\s?(?:de\s+)?pedido`, String.raw`pedido\s+n[°º.]`,
  String.raw`n[úu]mero\s+do\s+pedido`,
  String.raw`numero\s+(?:d['’]\s?ordine|dell['’]\s?ordine|ordine)`, String.raw`n\.?\s?ordine`, String.raw`ordine\s+n[.°º]`,
  String.raw`bestel-?\s?(?:nummer|nr\.?)`, String.raw`order-?\s?(?:nummer|nr\.?)`, String.raw`beställnings-?\s?(?:nummer|nr\.?)`,
  String.raw`(?:ご)?注文番号`, String.raw`订单号`,
]);

// Rank 2: other references shops give a purchase.
const REFERENCE = labelRegExp([
  String.raw`(?:invoice|receipt|transaction|reference|booking|purchase|payment)\s?${NO}`,
  String.raw`ref(?:erence)?\.?`, String.raw`invoice`, String.raw`rechnungs-?\s?(?:nummer|nr\.?)`, String.raw`referenz(?:nummer)?`,
  String.raw`num[ée]ro\s+de\s+(?:facture|transaction)`, String.raw`n[úu]mero\s+de\s+(?:factura|transacci[óo]n)`,
  String.raw`numero\s+(?:di\s+)?fattura`, String.raw`factuurnummer`, String.raw`fakturanummer`,
  String.raw`your\s+order(?=\s?#?\s?[A-Z]{0,5}\d)`,
]);

// Rank 1: "Order 112-3456789-0123456", "Ihre Bestellung 12345".
const BARE = labelRegExp([
  String.raw`(?:order|bestellung|commande|pedido|ordine|bestelling|beställning)(?=\s?#?\s?[A-Z]{0,5}\d)`,
]);

const RANKS = [
  { re: ORDER_NUMBER, rank: 3, weight: 0.7 },
  { re: REFERENCE, rank: 2, weight: 0.55 },
  { re: BARE, rank: 1, weight: 0.4 },
];

/**
 * The best-labelled order number in the lines.
 * @param {string[]} lines
 * @returns {{value: string, weight: number, rank: number, mentions: number}|null}
 */
export function findOrderNumber(lines) {
  for (const { re, rank, weight } of RANKS) {
    const values = labelledValues(lines, re)
      .map((hit) => firstParsed(hit, cleanOrderNumber))
      .filter(Boolean);
    if (values.length) {
      const value = values[0];
      const mentions = values.filter((v) => v === value).length;
      return { value, rank, weight: Math.min(0.9, weight + 0.05 * (mentions - 1)), mentions };
    }
  }
  return null;
}
