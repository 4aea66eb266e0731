// Nexway: reseller and merchant of record for Kaspersky, Avast and others in
// several European countries. Stores on *.nexway.store / secure.nexway.com.

export const rule = {
  id: 'nexway',
  urls: [
    { host: 'nexway.com' },
    { host: 'nexway.store' },
    { host: 'nexwaygroup.com' },
  ],
  isConfirmation(page) {
    const step = page.location.searchParams.get('step') || '';
    return /confirmation|thank-?you|order\/complete|\/success/i.test(page.location.pathname) || /^confirm/i.test(step)
      || page.doc.querySelector('.nw-confirmation, #nw-order-confirmation') !== null;
  },
  selectors: {
    order_number: ['.nw-order-number', '[data-nw="order-number"]'],
    product: ['.nw-product-name', '.nw-item-name'],
    amount: ['.nw-total-amount', '[data-nw="order-total"]'],
    account_email: ['.nw-customer-email', '[data-nw="customer-email"]'],
  },
  constants: { seller_name: 'Nexway' },
};
