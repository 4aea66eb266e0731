// Spree: the storefront's order complete page (data-hook="order_summary",
// turbo-frame#checkout_summary) and the order confirmation mailer.

import { has } from './marks.js';

export const rule = {
  id: 'spree',
  urls: [{ path: /\/(?:checkout|orders)\/[^/]+\/complete\b/ }],
  detect(page) {
    return has(page, '[data-hook="order_summary"], turbo-frame#checkout_summary, #summary-order-total');
  },
  isConfirmation(page) {
    return has(page, '[data-hook="order_summary"], #summary-order-total') && !has(page, 'form[action*="/checkout/update"]');
  },
  selectors: {
    amount: ['#summary-order-total'],
  },
  fixtures: ['spree-checkout-complete-en'],
};
