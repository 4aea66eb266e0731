// Etsy: the shop sells, Etsy Payments charges the card. The shop is named in the
// subject ("Your Etsy Purchase from WillowAndWickStudio (3184526790)") and the body.

import { senderDomain } from './marks.js';

export const rule = {
  id: 'etsy',
  kind: 'marketplace',
  urls: [{ host: 'etsy.com' }],
  detect(page) {
    return /(?:^|\.)etsy\.com$/.test(senderDomain(page));
  },
  isConfirmation() {
    return true;
  },
  constants: { seller_name: 'Etsy' },
  refine(page, candidate) {
    const subject = (page.mail && page.mail.subject) || page.title || '';
    const shop = /\bfrom\s+([A-Za-z0-9][\w-]{2,40})\b/.exec(subject);
    if (shop) candidate.set('merchant_name', shop[1], 0.9);
  },
  fixtures: ['etsy-receipt-en'],
};
