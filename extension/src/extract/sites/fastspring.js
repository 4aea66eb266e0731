// FastSpring: reseller and merchant of record for software vendors; stores and
// popup checkouts live on <vendor>.onfastspring.com, with order pages under
// /popup-<store>/account/order/<ref> or /<store>/order/complete.

import { senderDomain, saysLine } from './marks.js';

export const rule = {
  id: 'fastspring',
  urls: [
    { host: 'onfastspring.com' },
    { host: 'fastspring.com' },
  ],
  // Its receipt emails: from fastspring.com; the statement reads "FS *<store>".
  detect(page) {
    return /(?:^|\.)fastspring\.com$/.test(senderDomain(page)) || saysLine(page, /\bFS \*[\w.-]+/);
  },
  isConfirmation(page) {
    if (!page.location || !/(?:^|\.)(?:on)?fastspring\.com$/.test(page.location.hostname)) return true;
    return /\/order\/|\/receipt|\/complete|\/thank-?you|\/invoice/i.test(page.location.pathname)
      || page.doc.querySelector('.fs-order-complete, #fsc-order-complete') !== null;
  },
  selectors: {
    order_number: ['.fs-order-reference', '[data-fsc-order-reference]'],
    product: ['.fs-product-display', '.fs-product-name'],
    amount: ['.fs-order-total', '[data-fsc-order-total]'],
    account_email: ['.fs-customer-email', '[data-fsc-order-customer-email]'],
  },
  constants: { seller_name: 'FastSpring' },
  fixtures: ['fastspring-receipt-sv', 'fastspring-receipt-en-us'],
};
