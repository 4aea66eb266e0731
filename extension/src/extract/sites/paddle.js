// Paddle: merchant of record for many SaaS and desktop apps. Checkout on
// checkout.paddle.com / buy.paddle.com, receipts on my.paddle.com/receipt/<id>/.

import { cleanOrderNumber } from '../normalize.js';
import { senderDomain, saysLine } from './marks.js';

export const rule = {
  id: 'paddle',
  urls: [
    { host: 'paddle.com' },
    { host: 'paddle.net' },
  ],
  // Its receipt emails: from paddle.com / paddle.net, "Paddle.com Market Ltd is the Merchant of Record".
  detect(page) {
    return /(?:^|\.)paddle\.(?:com|net)$/.test(senderDomain(page)) || saysLine(page, /Paddle\.com Market (?:Ltd|Limited)|PADDLE\.NET\*/);
  },
  isConfirmation(page) {
    if (!page.location || !/(?:^|\.)paddle\.(?:com|net)$/.test(page.location.hostname)) return saysLine(page, /receipt|invoice/i);
    return /\/receipt\/|\/checkout\/(?:complete|success)|\/order\/|\/invoice\//i.test(page.location.pathname);
  },
  selectors: {
    order_number: ['[data-testid="order-id"]', '.receipt-order-id'],
    product: ['[data-testid="product-name"]', '.receipt-product-name'],
    amount: ['[data-testid="total-amount"]', '.receipt-total .amount'],
    account_email: ['[data-testid="customer-email"]', '.receipt-customer-email'],
  },
  constants: { seller_name: 'Paddle' },
  refine(page, candidate) {
    if (!page.location) return;
    const fromPath = /\/receipt\/(\d{3,12}-\d{3,12})(?:\/|$)/.exec(page.location.pathname);
    const number = fromPath && cleanOrderNumber(fromPath[1]);
    if (number) candidate.set('order_number', number, 0.8);
  },
  fixtures: ['paddle-receipt-en', 'paddle-receipt-nl'],
};
