// EC-CUBE 4: the shopping complete page (body#page_shopping_complete,
// .ec-cartCompleteRole) and the order mail (Mail/order.html.twig), standalone
// or read in a webmail.

import { has, saysLine } from './marks.js';
import { findMoney } from '../parse/money.js';
import { lineTotals } from '../text/items.js';
import { cleanText } from '../normalize.js';

const MAX_ITEMS = 1000;

// The order mail prints each item as "商品名：<name>  <class 1>  <class 2>": two spaces
// between the product and its class categories, which a rendered line no longer shows.
function mailItems(page) {
  const root = page.doc.body || page.doc.documentElement || page.doc;
  const raw = (root.textContent || '').split('\n').map((line) => line.replace(/^[\s\u3000]+/, ''));
  const items = [];
  let subtotal = null;
  let current = null;
  for (const line of raw) {
    if (/^小[\s\u3000]*計/.test(line)) {
      const [money] = findMoney(line, page.locale);
      subtotal = money ? money.amount : null;
      break;
    }
    const name = /^商品名\s*[:：]\s*(.+)$/.exec(line);
    if (name) {
      const [product, ...classes] = name[1].trim().split(/\s{2,}|\u3000/).map((part) => part.trim()).filter(Boolean);
      current = { name: cleanText(product, 300), variant: classes.length ? cleanText(classes.join(' / '), 200) : null, quantity: 1, price: null, unitPrice: false };
      if (current.name) items.push(current);
      if (items.length >= MAX_ITEMS) break;
      continue;
    }
    if (!current) continue;
    const price = /^単価\s*[:：]\s*(.+)$/.exec(line);
    if (price) {
      const [money] = findMoney(price[1], page.locale);
      if (money) current.price = money.amount;
      continue;
    }
    const quantity = /^数量\s*[:：]\s*(\d{1,6})/.exec(line);
    if (quantity) current.quantity = Number(quantity[1]);
  }
  // 単価 is the unit price in some shops' templates and the line's total in others: the
  // subtotal says which.
  return lineTotals(items, subtotal ? [{ label: '小計', amount: subtotal }] : []);
}

export const rule = {
  id: 'eccube',
  urls: [{ path: /\/shopping\/complete\b/ }],
  detect(page) {
    return has(page, 'body#page_shopping_complete, .ec-cartCompleteRole, meta[name="eccube-csrf-token"], #html-mail-table1')
      || (saysLine(page, /^ご注文商品明細$/) && saysLine(page, /^商品コード\s*[:：]/));
  },
  isConfirmation(page) {
    return has(page, 'body#page_shopping_complete, .ec-cartCompleteRole, #html-mail-table1')
      || (saysLine(page, /^ご注文商品明細$/) && saysLine(page, /^ご注文番号\s*[:：]/));
  },
  refine(page, candidate) {
    if (!saysLine(page, /^商品名\s*[:：]/)) return;
    const items = mailItems(page);
    if (!items.length) return;
    candidate.set('items', items, 0.95);
    candidate.set('product', items[0].name, 0.95);
  },
  fixtures: ['eccube-shopping-complete-ja', 'eccube-order-mail-ja', 'webmail-yahoo-jp-eccube-chumon-ja'],
};
