// Shopware 6: the checkout finish page (storefront page/checkout/finish/*;
// body.is-act-finishpage, .finish-ordernumber, line-item-* rows) and the
// order confirmation mail.

import { has, scriptSays } from './marks.js';

const FINISH = 'body.is-act-finishpage, .finish-ordernumber, .finish-header';

export const rule = {
  id: 'shopware',
  urls: [],
  detect(page) {
    return has(page, `${FINISH}, body.is-ctl-checkout, .line-item-row`) || scriptSays(page, /window\.salesChannelId|window\.router\s*=/);
  },
  isConfirmation(page) {
    return has(page, FINISH);
  },
  selectors: {
    order_number: ['.finish-ordernumber'],
    amount: ['.checkout-aside-summary-total', 'dd.checkout-aside-summary-total'],
  },
  items: {
    row: '.line-item.line-item-product, .line-item-row .line-item:not(.line-item-discount)',
    name: '.line-item-label',
    variant: '.line-item-details-characteristics, .line-item-variants-properties',
    quantity: '.line-item-quantity select option[selected], .line-item-quantity-number, .line-item-quantity',
    price: '.line-item-total-price-value, .line-item-total-price',
  },
  // Its mails carry no mark of Shopware: the generic reading takes them.
  fixtures: ['shopware6-checkout-finish-de'],
};
