// Digital River Global Commerce: the merchant of record behind many software
// stores (Trend Micro's store.trendmicro.com among them). Storefront pages
// live under /DRHM/store or /store/<site>/<locale>/<Page>, and the order
// lookup site findmyorder.com shows the same order details.

import { cleanOrderNumber } from '../normalize.js';

const CONFIRMATION_PAGE = /ThankYou|OrderDetail|OrderStatus|OrderReceipt|Invoice/i;

export const rule = {
  id: 'digitalriver',
  urls: [
    { host: 'digitalriver.com' },
    { host: 'findmyorder.com' },
    { host: 'store.trendmicro.com' },
    { path: /\/DRHM\/store/i },
  ],
  isConfirmation(page) {
    const action = page.location.searchParams.get('Action') || page.location.searchParams.get('action') || '';
    return CONFIRMATION_PAGE.test(action)
      || /\/(?:[A-Za-z]*ThankYou[A-Za-z]*|Display[A-Za-z]*OrderDetail[A-Za-z]*)(?:\/|$)/.test(page.location.pathname)
      || page.doc.querySelector('body.dr_ThankYouPage, #dr_ThankYou, #dr_OrderDetails') !== null;
  },
  selectors: {
    order_number: ['#dr_orderNumber', '.dr_orderNumber'],
    account_email: ['#dr_emailAddress', '.dr_emailAddress'],
    product: ['.dr_productName'],
    amount: ['.dr_grandTotal td:last-child', '.dr_grandTotal .dr_value', '.dr_orderTotal .dr_value'],
  },
  constants: { seller_name: 'Digital River' },
  refine(page, candidate) {
    // Order detail URLs carry the number: .../DisplayAccountOrderDetailsPage/orderID.16740011234
    const fromPath = /\/orderID\.([A-Za-z0-9-]+)/.exec(page.location.pathname);
    const number = cleanOrderNumber((fromPath && fromPath[1]) || page.location.searchParams.get('orderID') || '');
    if (number) candidate.set('order_number', number, 0.9);
  },
};
