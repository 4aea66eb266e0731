// BigCommerce (Cornerstone theme and the checkout-js confirmation app): the order
// confirmation page, the account order page and the order email.

import { has, generator } from './marks.js';

const CONFIRMATION = '[data-test="order-confirmation-heading"], [data-test="order-confirmation-order-number-text"], .orderConfirmation';

export const rule = {
  id: 'bigcommerce',
  urls: [],
  detect(page) {
    const platform = (page.meta('platform') || '').toLowerCase();
    return platform.startsWith('bigcommerce') || generator(page).includes('bigcommerce')
      || has(page, `${CONFIRMATION}, [data-test="cart-item"], #CheckoutCartGrid, [id*="CheckoutCartGrid"], .account-orderTotal, .account-product`);
  },
  isConfirmation(page) {
    return has(page, `${CONFIRMATION}, #CheckoutCartGrid, [id*="CheckoutCartGrid"]`)
      // The account's page of one order: its products and its totals.
      || (has(page, '.account-orderTotal, dl.account-orderTotal') && has(page, '.account-product'));
  },
  selectors: {
    order_number: ['[data-test="order-confirmation-order-number-text"] strong', '[data-test="order-confirmation-order-number-text"]'],
    amount: ['[data-test="cart-total"] .cart-priceItem-value', '.cart-priceItem--total .cart-priceItem-value'],
  },
  items: {
    row: '[data-test="cart-item"], .account-product',
    name: '[data-test="cart-item-product-title"], .account-product-title',
    variant: '[data-test="cart-item-product-option"], .account-product-details dd, .definitionList dd',
    // A discounted line prints the price before the discount, then the one paid.
    price: ['[data-test="cart-item-product-price--afterDiscount"]', '.product-price, [data-test="cart-item-product-price"], .account-product-price'],
  },
  fixtures: ['bigcommerce-order-confirmation-en', 'bigcommerce-order-email-en', 'bigcommerce-account-order-pl'],
};
