import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE_RULES } from '../src/extract/sites/index.js';
import { ruleMatches, extractFromSites } from '../src/extract/extractors/site.js';
import { readPage } from '../src/extract/page.js';
import { fixturePages, html } from './helpers.js';

const rule = (id) => SITE_RULES.find((r) => r.id === id);
const matches = (id, url) => ruleMatches(rule(id), new URL(url));

test('every site rule has a well-formed shape and its own found fixture', () => {
  const pages = fixturePages();
  const ids = new Set();
  for (const r of SITE_RULES) {
    assert.match(r.id, /^[a-z0-9]+$/);
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    ids.add(r.id);
    assert.ok(Array.isArray(r.urls) && r.urls.length > 0);
    assert.equal(typeof r.isConfirmation, 'function');
    const own = pages.filter((p) => p.expected.found && ruleMatches(r, new URL(p.url)));
    assert.ok(own.length > 0, `site rule ${r.id} has no fixture page`);
  }
});

test('URL patterns: hosts with subdomains, path patterns, no look-alike hosts', () => {
  assert.ok(matches('digitalriver', 'https://store.trendmicro.com/DRHM/store?Action=ThankYouPage'));
  assert.ok(matches('digitalriver', 'https://shop.contoso.example/DRHM/store?Action=ThankYouPage'));
  assert.ok(matches('digitalriver', 'https://www.findmyorder.com/store/x/en_US/DisplayAccountOrderDetailsPage/orderID.1'));
  assert.ok(!matches('digitalriver', 'https://www.trendmicro.com/en_us/forHome.html'));
  assert.ok(!matches('digitalriver', 'https://notfindmyorder.com/'));
  assert.ok(matches('2checkout', 'https://secure.2checkout.com/order/finish.php'));
  assert.ok(matches('2checkout', 'https://secure.avangate.com/order/finish.php'));
  assert.ok(matches('nexway', 'https://kaspersky.nexway.store/de-de/checkout/confirmation'));
  assert.ok(matches('paddle', 'https://my.paddle.com/receipt/1-2/abc'));
  assert.ok(matches('fastspring', 'https://vendor.onfastspring.com/popup-vendor/account/order/X/invoice'));
  assert.ok(matches('amazon', 'https://www.amazon.co.uk/gp/your-account/order-details?orderID=203-1-1'));
  assert.ok(matches('amazon', 'https://smile.amazon.de/gp/css/summary/edit.html'));
  assert.ok(!matches('amazon', 'https://amazon.example.com/'));
  assert.ok(!matches('amazon', 'https://www.amazonia.com/'));
});

test('confirmation pages are told apart from other pages of the same site', () => {
  for (const page of fixturePages()) {
    const candidates = extractFromSites(readPage(page.load(), page.url));
    for (const c of candidates) {
      assert.equal(c.signals.siteConfirmation, page.expected.found, `${page.name}: ${c.source}`);
    }
  }
});

test('Digital River: selectors, constant seller and the order number in the URL', () => {
  const doc = html('<div id="dr_OrderDetails"><span class="dr_productName">Trend Micro Antivirus+</span></div>');
  const [c] = extractFromSites(readPage(doc, 'https://www.findmyorder.com/store/drfmo/en_US/DisplayAccountOrderDetailsPage/orderID.16740011234'));
  assert.equal(c.source, 'site:digitalriver');
  assert.equal(c.get('order_number'), '16740011234');
  assert.equal(c.get('product'), 'Trend Micro Antivirus+');
  assert.equal(c.get('seller_name'), 'Digital River');
});

test('Amazon: the order ID comes from the URL only when well-formed', () => {
  const doc = html('<h1>Order Details</h1>');
  const [good] = extractFromSites(readPage(doc, 'https://www.amazon.com/gp/your-account/order-details?orderID=112-1234567-7654321'));
  assert.equal(good.get('order_number'), '112-1234567-7654321');
  assert.equal(good.get('merchant_name'), 'Amazon');
  const [bad] = extractFromSites(readPage(doc, 'https://www.amazon.com/gp/your-account/order-details?orderID=<script>'));
  assert.equal(bad.get('order_number'), null);
});

test('Paddle: receipt number from the receipt URL', () => {
  const [c] = extractFromSites(readPage(html('<p>Receipt</p>'), 'https://my.paddle.com/receipt/58231947-61204833/9a1c'));
  assert.equal(c.get('order_number'), '58231947-61204833');
  assert.equal(c.get('seller_name'), 'Paddle');
});

test('pages with no URL or an unmatched URL get no site candidate', () => {
  assert.deepEqual(extractFromSites(readPage(html('<p>x</p>'), null)), []);
  assert.deepEqual(extractFromSites(readPage(html('<p>x</p>'), 'https://example.com/thank-you')), []);
});
