// PrestaShop 1.6 to 8: the order confirmation page (checkout/order-confirmation.tpl,
// order-confirmation-table.tpl; body#order-confirmation, var prestashop = {...})
// and the order_conf email. Order references are nine capital letters.

import { has, scriptSays, saysLine } from './marks.js';
import { parseDate } from '../parse/date.js';

const CONFIRMATION = 'body#order-confirmation, #content-hook_order_confirmation, .page-order-confirmation, #order-confirmation';
// The order_conf mail's tables (a webmail may prefix the classes: "x_table-recap").
const MAIL = '[class*="table-recap"], [class*="table-mail"] [class*="order"], [class*="products-table"][class*="order"]';

export const rule = {
  id: 'prestashop',
  urls: [],
  detect(page) {
    return has(page, `${CONFIRMATION}, body#history, body#cart, body#checkout, .order-confirmation-table, ${MAIL}`)
      || scriptSays(page, /\bvar prestashop\s*=/) || saysLine(page, /powered by prestashop|(?:^|\s)prestashop™?$/i);
  },
  isConfirmation(page) {
    return has(page, CONFIRMATION) || has(page, '[class*="table-recap"]') || scriptSays(page, /"page_name"\s*:\s*"order-confirmation"/)
      || (saysLine(page, /powered by prestashop/i) && !has(page, 'body#history, body#cart, body#checkout'));
  },
  selectors: {
    order_number: ['#order-details li:first-child', '#order-reference-value'],
  },
  items: {
    row: '.order-confirmation-table .order-line, #order-items .order-line',
    name: '.details span, .details',
    quantity: '.qty .row > div:nth-child(2)',
    price: '.qty .row > div:last-child',
  },
  refine(page, candidate) {
    // PrestaShop's English ("en", not "gb") writes dates m/d/Y whatever the shop's currency:
    // "Placed on 03/12/2026" in a euro shop is 12 March.
    const { language, region } = page.locale || {};
    if (language !== 'en' || region) return;
    for (const line of page.lines) {
      const placed = /\bPlaced on\s+(\d{1,2}\/\d{1,2}\/\d{4})\b/.exec(line);
      const date = placed && parseDate(placed[1], { order: 'mdy' });
      if (date) {
        candidate.set('order_date', date, 0.9);
        break;
      }
    }
  },
  fixtures: ['prestashop16-order-conf-email-fr', 'prestashop17-order-conf-email-en', 'prestashop17-order-conf-email-es',
    'prestashop17-order-conf-email-it', 'prestashop17-order-confirmation-fr', 'prestashop17-order-history-fr',
    'webmail-outlook-prestashop-commande-fr'],
};
