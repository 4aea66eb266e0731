// Receipts Stripe sends for a business ("Receipt from Quillfeather Studio"): the
// business sold and charged the card; Stripe only processed the payment.

import { senderDomain, saysLine } from './marks.js';
import { cleanOrgName } from '../normalize.js';

export const rule = {
  id: 'stripe',
  kind: 'processor',
  urls: [{ host: 'pay.stripe.com', path: /\/receipts\// }],
  detect(page) {
    return /(?:^|\.)stripe\.com$/.test(senderDomain(page)) || saysLine(page, /partners with Stripe|Learn more about Stripe/i);
  },
  isConfirmation(page) {
    return saysLine(page, /^(?:Receipt|Invoice) (?:from|#)/i);
  },
  refine(page, candidate) {
    for (const line of page.lines) {
      const business = /^Receipt from (.{2,80})$/i.exec(line.trim());
      const name = business && cleanOrgName(business[1]);
      if (name) {
        candidate.set('merchant_name', name, 0.9);
        break;
      }
    }
  },
  fixtures: ['stripe-receipt-en'],
};
