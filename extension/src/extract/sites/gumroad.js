// Gumroad receipts: the creator sells (the email comes from their name at
// customers.gumroad.com), Gumroad charges the card (statement "GUMRD.COM*").

import { senderDomain, saysLine } from './marks.js';
import { cleanOrgName, cleanText } from '../normalize.js';
import { findMoney } from '../parse/money.js';
import { parseDate } from '../parse/date.js';

export const rule = {
  id: 'gumroad',
  kind: 'merchant_of_record',
  urls: [{ host: 'gumroad.com' }],
  detect(page) {
    return /(?:^|\.)gumroad\.com$/.test(senderDomain(page)) || saysLine(page, /GUMRD\.COM\*/);
  },
  isConfirmation(page) {
    return saysLine(page, /^Order ID:?/i) || saysLine(page, /^Today's payment$/i);
  },
  constants: { seller_name: 'Gumroad' },
  refine(page, candidate) {
    const creator = page.mail && page.mail.from && cleanOrgName(page.mail.from.name);
    if (creator) candidate.set('merchant_name', creator, 0.9);
    const { lines } = page;
    const lineAt = (pattern) => lines.findIndex((line) => pattern.test(line.trim()));
    // "Today's payment", then the product, then what it cost.
    const today = lineAt(/^Today['’]s payment$/i);
    if (today < 0) return;
    const name = cleanText(lines[today + 1], 300);
    if (!name) return;
    const [price] = findMoney(lines[today + 2] || '', page.locale).filter((m) => m.hasCurrency);
    // The product's own block (its name, the creator, "Variant" then its value) comes first.
    const block = lines.findIndex((line) => line.trim() === name);
    const label = lines.findIndex((line, i) => i > block && i < block + 6 && /^(?:Variant|Tier|Version)$/i.test(line.trim()));
    const variant = block >= 0 && label > 0 ? cleanText(lines[label + 1], 200) : null;
    candidate.set('product', name, 0.9);
    candidate.set('items', [{ name, variant, quantity: 1, price: price ? price.amount : null }], 0.9);
    // "Upcoming payment", the product, "$12 on Dec 18, 2026": a membership that renews.
    const upcoming = lineAt(/^Upcoming payment$/i);
    const next = upcoming >= 0 ? /\bon\s+(.+)$/i.exec(lines[upcoming + 2] || '') : null;
    const date = next && parseDate(next[1], { order: 'mdy' });
    if (date) {
      candidate.set('renewal_date', date, 0.9);
      candidate.set('auto_renews', true, 0.9);
    }
  },
  fixtures: ['gumroad-receipt-en'],
};
