#!/usr/bin/env node
// A large "view order" page, for the extraction benchmark and tests: a shop's
// account page for one order of thousands of line items (a wholesale order, a
// festival's ticket batch), wrapped in a real page's chrome (navigation, a
// product grid, footer), about 2 MB. Every item is a table row; the totals
// come after them.
//
//   node tools/large-order-page.mjs [ITEMS]     the page on standard output (default 2400 items)

import { fileURLToPath } from 'node:url';

const COLOURS = ['Natural', 'Charcoal', 'Sage', 'Ochre', 'Navy', 'Rust'];
const SIZES = ['S', 'M', 'L', 'XL'];

/** {html, url, items, total} for an order of `count` items. */
export function largeOrderPage(count = 2400) {
  const rows = [];
  let cents = 0;
  for (let i = 0; i < count; i += 1) {
    const quantity = 1 + (i % 4);
    const unit = 450 + ((i * 37) % 2500);
    const line = unit * quantity;
    cents += line;
    // Inline styles and tracking attributes, as shop platforms print them on every row.
    rows.push(`<tr class="order-item" data-line="${i + 1}" data-product-id="${880000 + i}" data-gtm='{"item_id":"OCT-${i}","item_name":"Organic Cotton Tote Bag","price":${unit / 100},"quantity":${quantity}}' style="border-bottom:1px solid #e5e5e5;vertical-align:middle">
      <td class="item-image" style="padding:8px 12px;width:64px"><img src="/media/catalog/product/cache/9f8e7d6c5b4a/o/c/tote-${i}-48x48.jpg" srcset="/media/catalog/product/cache/9f8e7d6c5b4a/o/c/tote-${i}-96x96.jpg 2x" alt="" width="48" height="48" loading="lazy"></td>
      <td class="item-name"><a href="/products/${i}">Organic Cotton Tote Bag, style ${String(i + 1).padStart(4, '0')}</a>
        <div class="item-options">Colour: ${COLOURS[i % COLOURS.length]}, Size: ${SIZES[i % SIZES.length]}</div>
        <div class="item-sku">SKU: OCT-${String(i + 1).padStart(5, '0')}</div></td>
      <td class="item-qty">${quantity}</td>
      <td class="item-price">€${(unit / 100).toFixed(2)}</td>
      <td class="item-total">€${(line / 100).toFixed(2)}</td>
    </tr>`);
  }
  const shipping = 4990;
  const total = cents + shipping;
  const money = (value) => `€${(value / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  const nav = Array.from({ length: 60 }, (_, i) => `<li><a href="/c/${i}">Category ${i}</a></li>`).join('');
  const grid = Array.from({ length: 40 }, (_, i) => `<div class="product-card"><h3 class="product-title">Linen Cushion ${i}</h3>
    <span class="price">€${(19 + i).toFixed(2)}</span><button class="btn add-to-cart">Add to cart</button></div>`).join('');
  const html = `<!doctype html><html lang="en-IE"><head><meta charset="utf-8">
<title>Order #WH-2026-55120 — Canvas & Cotton Wholesale</title><meta property="og:site_name" content="Canvas & Cotton Wholesale"></head>
<body class="account-order-view">
<header><a class="logo" href="/"><img src="/logo.svg" alt="Canvas & Cotton Wholesale"></a><nav><ul>${nav}</ul></nav></header>
<main><article class="order-view">
<h1>Order #WH-2026-55120</h1>
<p>Thank you for your order. Placed on 12 March 2026 by buyer@example.ie.</p>
<dl class="order-facts"><dt>Order number</dt><dd>WH-2026-55120</dd><dt>Order date</dt><dd>12 March 2026</dd>
<dt>Email</dt><dd>buyer@example.ie</dd><dt>Payment method</dt><dd>Bank transfer</dd></dl>
<table class="order-items"><thead><tr><th></th><th>Product</th><th>Qty</th><th>Price</th><th>Total</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
<tfoot><tr><td colspan="4">Subtotal</td><td>${money(cents)}</td></tr>
<tr><td colspan="4">Shipping</td><td>${money(shipping)}</td></tr>
<tr><td colspan="4">Grand total</td><td>${money(total)}</td></tr></tfoot></table>
</article>
<section class="recommended"><h2>You may also like</h2>${grid}</section></main>
<footer><p>© 2026 Canvas & Cotton Wholesale Ltd. All rights reserved.</p></footer>
</body></html>`;
  return {
    html,
    url: 'https://wholesale.canvasandcotton.example/account/orders/WH-2026-55120',
    items: count,
    total: (total / 100).toFixed(2),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(process.argv[2] || 2400);
  process.stdout.write(largeOrderPage(count).html);
}
