// eBay: the seller (a member name, "Seller: brassandbeam_vintage") sells; eBay
// takes the payment.

import { senderDomain } from './marks.js';

export const rule = {
  id: 'ebay',
  kind: 'marketplace',
  urls: [{ host: /(?:^|\.)ebay\.[a-z.]+$/ }],
  detect(page) {
    return /(?:^|\.)ebay\.[a-z.]+$/.test(senderDomain(page));
  },
  isConfirmation() {
    return true;
  },
  constants: { seller_name: 'eBay' },
  refine(page, candidate) {
    for (const line of page.lines) {
      const seller = /^(?:Seller|Verkäufer|Vendeur|Venditore|Vendedor|Verkoper)\s*:\s*(\S{2,40})$/i.exec(line.trim());
      if (seller) {
        candidate.set('merchant_name', seller[1], 0.9);
        break;
      }
    }
  },
  fixtures: ['ebay-order-confirmation-en'],
};
