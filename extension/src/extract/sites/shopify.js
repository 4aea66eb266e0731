// Shopify: the order status / thank-you page (checkout's os-* markup and the
// Shopify.checkout global) and the order notification emails (order-list__*,
// subtotal-line__*, sent from *.shopifyemail.com).

import { has, scriptSays, senderDomain } from './marks.js';
import { parseLenientJson } from '../parse/lenient-json.js';

// The thank-you page's only date: Shopify.checkout.created_at ("2026-03-12T14:22:08-05:00"),
// the shop's local time, whose calendar day is the order's.
function checkoutCreated(page) {
  for (const script of page.doc.querySelectorAll('script:not([src])')) {
    const text = script.textContent || '';
    const at = text.indexOf('Shopify.checkout =');
    if (at < 0) continue;
    try {
      const checkout = parseLenientJson(text.slice(at + 'Shopify.checkout ='.length, at + 200000));
      const m = /^(\d{4}-\d{2}-\d{2})T/.exec(checkout && typeof checkout.created_at === 'string' ? checkout.created_at : '');
      return m ? m[1] : null;
    } catch {
      return null;
    }
  }
  return null;
}

const THANK_YOU = '.os-order-number, .os-header__title, [data-step="thank_you"]';
const EMAIL = '[class*="order-list__item-title"], [class*="order-number__text"], [class*="order-number__cell"]';

export const rule = {
  id: 'shopify',
  urls: [],
  detect(page) {
    return has(page, `${THANK_YOU}, ${EMAIL}, [class*="order-list__item"], [class*="subtotal-line__title"]`)
      || /(?:^|\.)shopifyemail\.com$/.test(senderDomain(page)) || scriptSays(page, /Shopify\.(?:checkout|Checkout|shop)\b/);
  },
  isConfirmation(page) {
    return has(page, THANK_YOU) || has(page, '[class*="order-number__text"], [class*="order-number__cell"]') || scriptSays(page, /Shopify\.Checkout\.(?:page|step)\s*=\s*["']thank_you/);
  },
  selectors: {
    order_number: ['.os-order-number', '[class*="order-number__text"]'],
    amount: ['.payment-due__price', '.total-line--total .total-line__price', '[class*="subtotal-line__value--total"]'],
  },
  items: {
    row: 'table.product-table tbody tr.product, tr[class*="order-list__item"]',
    name: '.product__description__name, [class*="order-list__item-title"]',
    variant: '.product__description__variant, [class*="order-list__item-variant"]',
    quantity: '.product-thumbnail__quantity, .product__quantity',
    price: '.product__price, [class*="order-list__item-price"]',
  },
  refine(page, candidate) {
    const created = has(page, THANK_YOU) ? checkoutCreated(page) : null;
    if (created) candidate.set('order_date', created, 0.9);
  },
  fixtures: ['shopify-thank-you-en', 'shopify-thank-you-zh-tw', 'shopify-order-confirmation-en', 'shopify-order-confirmation-de',
    'shopify-order-confirmation-da', 'shopify-subscription-order-en', 'shopify-cart-en', 'shopify-abandoned-checkout-en',
    'webmail-gmail-shopify-order-en'],
};
