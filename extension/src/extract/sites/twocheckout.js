// 2Checkout (formerly Avangate, now Verifone): reseller and merchant of record
// for Bitdefender and many other software vendors. Hosted checkout on
// secure.2checkout.com / secure.avangate.com; the receipt is /order/finish.php.

export const rule = {
  id: '2checkout',
  urls: [
    { host: '2checkout.com' },
    { host: 'avangate.com' },
    { host: '2co.com' },
  ],
  isConfirmation(page) {
    return /\/order\/(?:finish|thank-?you|complete)|\/checkout\/(?:finish|success|complete|thank-?you)/i.test(page.location.pathname)
      || page.doc.querySelector('#order-finish, .order-finish, #finish-page') !== null;
  },
  selectors: {
    order_number: ['#order-ref', '.order-ref', '.order-reference .value', '#order-reference'],
    product: ['.product-name', '.order-product-name'],
    amount: ['#order-total .value', '.order-total .value', '#total-price'],
    account_email: ['#customer-email', '.customer-email', '.billing-email'],
  },
  constants: { seller_name: '2Checkout' },
};
