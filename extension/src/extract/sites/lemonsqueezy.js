// Lemon Squeezy: merchant of record for software and digital products; receipts
// come from the store's name at lemonsqueezy-mail.com (statement "LEMSQZY*").

import { senderDomain, saysLine } from './marks.js';
import { cleanOrgName } from '../normalize.js';

export const rule = {
  id: 'lemonsqueezy',
  kind: 'merchant_of_record',
  urls: [{ host: 'lemonsqueezy.com' }],
  detect(page) {
    return /(?:^|\.)lemonsqueezy(?:-mail)?\.com$/.test(senderDomain(page)) || saysLine(page, /LEMSQZY\*/);
  },
  isConfirmation(page) {
    return saysLine(page, /receipt|thanks for your order/i);
  },
  constants: { seller_name: 'Lemon Squeezy' },
  refine(page, candidate) {
    const store = page.mail && page.mail.from && cleanOrgName(page.mail.from.name);
    if (store) candidate.set('merchant_name', store, 0.9);
  },
  fixtures: ['lemonsqueezy-receipt-en'],
};
