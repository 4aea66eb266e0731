// Google Play order receipts: Google charged the card; the app's developer is the
// merchant ("Premium mensal (Lumen Clima)": the item, then the app in brackets).
// Order numbers read "GPA.3312-4567-8901-23456".

import { senderDomain, saysLine } from './marks.js';
import { cleanOrgName, cleanText } from '../normalize.js';
import { findMoney } from '../parse/money.js';

export const rule = {
  id: 'googleplay',
  kind: 'app_store',
  urls: [{ host: 'play.google.com' }],
  detect(page) {
    return (/(?:^|\.)google\.com$/.test(senderDomain(page)) && saysLine(page, /Google Play/)) || saysLine(page, /\bGPA\.\d{4}-\d{4}/);
  },
  isConfirmation(page) {
    return saysLine(page, /\bGPA\.\d{4}-\d{4}/);
  },
  constants: { seller_name: 'Google' },
  refine(page, candidate) {
    for (const line of page.lines) {
      const number = /\b(GPA\.\d{4}-\d{4}-\d{4}-\d{5}(?:\.\.\d+)?)\b/.exec(line);
      if (number) {
        candidate.set('order_number', number[1], 0.95);
        break;
      }
    }
    const at = page.lines.findIndex((line) => /\)\s*$/.test(line) && !/\d{2}/.test(line));
    const item = at >= 0 ? /^(.+?)\s+\(([^()]{2,60})\)$/.exec(page.lines[at]) : null;
    if (!item) return;
    const developer = cleanOrgName(item[2]);
    if (developer) candidate.set('merchant_name', developer, 0.9);
    const name = cleanText(item[1], 300);
    if (!name) return;
    // The item's price: on the lines under it, before the total ("Assinatura … <tab> R$ 14,99/mês").
    let price = null;
    for (let i = at + 1; i < Math.min(page.lines.length, at + 4) && !price; i += 1) {
      const cells = page.lines[i].split('\t');
      if (/^\s*(?:total|totale|gesamt|summe|totaal|totalt|合計|总计|итого)\b/i.test(cells[0])) break;
      price = findMoney(cells[cells.length - 1], page.locale).find((m) => m.hasCurrency) || null;
    }
    candidate.set('product', name, 0.9);
    candidate.set('items', [{ name, variant: null, quantity: 1, price: price ? price.amount : null }], 0.9);
  },
  fixtures: ['googleplay-receipt-pt-br'],
};
