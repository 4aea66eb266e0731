// Medusa (nextjs-starter-medusa): the order confirmed page (data-testid markup).

import { has } from './marks.js';

export const rule = {
  id: 'medusa',
  urls: [],
  detect(page) {
    return has(page, '[data-testid="order-complete-container"], [data-testid="order-id"], [data-testid="products-table"]');
  },
  isConfirmation(page) {
    return has(page, '[data-testid="order-complete-container"], [data-testid="order-id"]');
  },
  selectors: {
    order_number: ['[data-testid="order-id"]'],
    order_date: ['[data-testid="order-date"]'],
    amount: ['[data-testid="cart-total"]'],
  },
  items: {
    row: '[data-testid="product-row"]',
    name: '[data-testid="product-name"]',
    variant: '[data-testid="product-variant"]',
    quantity: '[data-testid="product-quantity"]',
    price: '[data-testid="product-price"]',
  },
  fixtures: ['medusa-order-confirmed-en', 'medusa-order-confirmed-zh-cn'],
};
