// OpenCart: the checkout success page (route=checkout/success, div#common-success)
// and the order email (mail/order_add.twig).

import { has } from './marks.js';

export const rule = {
  id: 'opencart',
  urls: [{ path: /[?&]route=checkout\/success\b/ }],
  detect(page) {
    return has(page, '#common-success, link[href*="catalog/view/theme/"], script[src*="catalog/view/javascript/"]');
  },
  isConfirmation(page) {
    return has(page, '#common-success') || /[?&]route=checkout\/success\b/.test(page.url || '');
  },
  fixtures: ['opencart-checkout-success-en', 'opencart-checkout-success-ru'],
};
