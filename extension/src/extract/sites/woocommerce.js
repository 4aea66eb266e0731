// WooCommerce (WordPress): the order-received page (checkout/thankyou.php,
// order/order-details*.php) and the customer order emails
// (emails/customer-*-order.php, email-order-details.php, email-order-items.php).

import { has, generator } from './marks.js';

const THANK_YOU = 'body.woocommerce-order-received, .woocommerce-order-overview, .woocommerce-thankyou-order-received, [class*="woocommerce-order-overview"]';
const EMAIL = '#template_container #body_content, [id*="body_content_inner"], [class*="order_item"] [class*="wc-item-meta"]';

export const rule = {
  id: 'woocommerce',
  urls: [],
  detect(page) {
    return generator(page).startsWith('woocommerce') || has(page, `${THANK_YOU}, ${EMAIL}, .woocommerce-table--order-details, body.woocommerce, body.woocommerce-page, body.woocommerce-cart, body.woocommerce-checkout, body.woocommerce-account`);
  },
  isConfirmation(page) {
    return has(page, THANK_YOU) || has(page, EMAIL) || has(page, '.woocommerce-table--order-details');
  },
  selectors: {
    order_number: ['.woocommerce-order-overview__order strong', '[class*="woocommerce-order-overview__order"] strong'],
    // The emails' heading: "[Order #2318] (<time datetime=…>3 March 2026</time>)".
    order_date: ['.woocommerce-order-overview__date strong', '[class*="woocommerce-order-overview__date"] strong', 'h2 time[datetime]'],
    account_email: ['.woocommerce-order-overview__email strong', '.woocommerce-customer-details--email', '[class*="woocommerce-order-overview__email"] strong'],
    amount: ['.woocommerce-order-overview__total strong', '[class*="woocommerce-order-overview__total"] strong'],
    payment_method: ['.woocommerce-order-overview__payment-method strong', '[class*="woocommerce-order-overview__payment-method"] strong'],
  },
  items: {
    row: 'tr.woocommerce-table__line-item, tr.order_item, tr[class*="order_item"]',
    name: '.woocommerce-table__product-name > a, .woocommerce-table__product-name, td:first-child',
    nameOwnText: true,
    variant: '.wc-item-meta li, [class*="wc-item-meta"] li',
    quantity: '.product-quantity, td:nth-child(2)',
    price: '.woocommerce-table__product-total, .product-total, td:last-child',
  },
  fixtures: ['woocommerce-order-received-en', 'woocommerce-order-received-fr', 'woocommerce-customer-processing-order-de',
    'woocommerce-cart-en', 'webmail-yahoo-woocommerce-order-en', 'notorder-order-history-en', 'notorder-product-page-pl'],
};
