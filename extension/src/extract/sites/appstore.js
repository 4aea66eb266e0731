// Apple's App Store / iTunes receipts (email.apple.com; "Apple Account",
// "Document", "Report a Problem"): Apple charged the card; the app's developer
// is the merchant, named in the line under the store's heading.

import { senderDomain, saysLine } from './marks.js';
import { cleanOrgName, cleanText } from '../normalize.js';
import { findMoney } from '../parse/money.js';
import { parseDate } from '../parse/date.js';

const STORES = /^(?:App Store|iTunes Store|Apple Books|Apple Music|Apple TV|Apple Arcade|Mac App Store)$/;

export const rule = {
  id: 'appstore',
  kind: 'app_store',
  urls: [{ host: 'apple.com', path: /receipt|purchase|reportaproblem/i }],
  detect(page) {
    return /(?:^|\.)apple\.com$/.test(senderDomain(page))
      || (saysLine(page, /^(?:Apple Account|Apple ID)$/) && saysLine(page, /^Report a Problem$/));
  },
  isConfirmation(page) {
    return saysLine(page, /^(?:Receipt|Your receipt from Apple\.?|Rechnung|Reçu|Recibo|Ricevuta|Kvitto|Kvittering|領収書|收据|Квитанция)$/i)
      || saysLine(page, /^Order ID$/);
  },
  constants: { seller_name: 'Apple' },
  refine(page, candidate) {
    const at = page.lines.findIndex((line) => STORES.test(line.trim()));
    if (at < 0) return;
    const developer = cleanOrgName(page.lines[at + 1]);
    if (developer) candidate.set('merchant_name', developer, 0.9);
    // Under the developer: what was bought ("Tidewell Premium (Monthly)"), perhaps "Renews <date>",
    // then its price.
    const bought = /^(.+?)(?:\s+\(([^()]+)\))?$/.exec((page.lines[at + 2] || '').trim());
    let price = null;
    for (let i = at + 3; i < Math.min(page.lines.length, at + 8) && !price; i += 1) {
      const line = page.lines[i].trim();
      const renews = /^(?:Renews|Renewal|Verlängerung am|Renouvellement le|Se renueva el)\s+(.+)$/i.exec(line);
      if (renews) {
        const date = parseDate(renews[1], { order: 'mdy' });
        if (date) {
          candidate.set('renewal_date', date, 0.9);
          candidate.set('auto_renews', true, 0.9);
        }
        continue;
      }
      const [money] = findMoney(line, page.locale).filter((m) => m.hasCurrency);
      if (money && money.index === 0) price = money;
    }
    const name = bought && cleanText(bought[1], 300);
    if (name && !findMoney(name, page.locale).length) {
      candidate.set('product', name, 0.95);
      candidate.set('items', [{ name, variant: bought[2] ? cleanText(bought[2], 200) : null, quantity: 1,
        price: price ? price.amount : null }], 0.95);
    }
    // What the card was charged: the amount on the payment line under "Billing and Payment".
    const billing = page.lines.findIndex((line) => /^Billing and Payment$/i.test(line.trim()));
    const charged = billing >= 0 ? findMoney(page.lines[billing + 1] || '', page.locale).filter((m) => m.hasCurrency).pop() : null;
    const amount = charged || price;
    if (amount) {
      candidate.set('amount', amount.amount, 0.9);
      if (amount.currency) candidate.set('currency', amount.currency, 0.9);
    }
  },
  fixtures: ['appstore-receipt-en', 'appstore-price-increase-en'],
};
