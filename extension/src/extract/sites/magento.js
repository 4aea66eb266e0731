// Magento 2 (Luma): the checkout success page (Magento_Checkout success.phtml)
// and the new-order email (Magento_Sales order_new.html, email/items.phtml).

import { has, scriptSays } from './marks.js';

const SUCCESS = 'body.checkout-onepage-success, .checkout-success';
const EMAIL = 'table.email-items, [class*="email-items"], [class*="order-totals"] [class*="grand_total"]';

export const rule = {
  id: 'magento',
  urls: [],
  detect(page) {
    return has(page, `${SUCCESS}, ${EMAIL}, body.checkout-index-index, script[type="text/x-magento-init"]`)
      || scriptSays(page, /Magento_|window\.checkoutConfig/);
  },
  isConfirmation(page) {
    return has(page, SUCCESS) || has(page, EMAIL);
  },
  selectors: {
    order_number: ['.checkout-success a.order-number strong', '.checkout-success a.order-number', '.checkout-success .order-number',
      '.checkout-success p span'],
    // With tax shown both ways the totals end with "grand_total_incl" (what is paid) after
    // "grand_total" (before tax).
    amount: ['tr.grand_total_incl td .price', 'tr.grand_total td .price', '[class*="grand_total"] td:last-child'],
  },
  items: {
    row: 'table.email-items tbody tr, [class*="email-items"] > tbody > tr',
    name: '.product-name, [class*="product-name"]',
    variant: 'dl.item-options dt, dl.item-options dd, [class*="item-options"] dd',
    quantity: '.item-qty, [class*="item-qty"]',
    price: '.item-price, [class*="item-price"]',
  },
  fixtures: ['magento2-checkout-success-en', 'magento2-order-new-email-en', 'magento2-order-new-email-de',
    'magento2-order-new-email-nl', 'magento2-checkout-payment-en', 'webmail-proton-magento-order-en'],
};
