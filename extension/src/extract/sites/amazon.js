// Amazon order pages (order details, thank-you page) in its national stores.
// The order ID is in the URL (?orderID=203-1234567-1234567).

import { cleanOrderNumber } from '../normalize.js';

const AMAZON_HOST = /(?:^|\.)amazon\.(?:com|ca|com\.mx|com\.br|co\.uk|de|fr|it|es|nl|se|pl|com\.be|com\.tr|ie|co\.jp|com\.au|in|sg|ae|sa|eg)$/;

export const rule = {
  id: 'amazon',
  urls: [{ host: AMAZON_HOST }],
  isConfirmation(page) {
    return /order-details|order-summary|\/gp\/css\/summary|\/gp\/buy\/thankyou|\/gp\/buy\/spc\/handlers\/display/i.test(page.location.pathname);
  },
  selectors: {
    product: ['.yohtmlc-product-title', '[data-component="itemTitle"]'],
  },
  constants: { merchant_name: 'Amazon' },
  refine(page, candidate) {
    const id = page.location.searchParams.get('orderID') || page.location.searchParams.get('orderId') || '';
    if (/^(?:\d{3}|D\d{2})-\d{7}-\d{7}$/.test(id)) candidate.set('order_number', cleanOrderNumber(id), 0.9);
  },
};
