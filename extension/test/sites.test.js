import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SITE_RULES } from '../src/extract/sites/index.js';
import { ruleMatches, extractFromSites } from '../src/extract/extractors/site.js';
import { readPage } from '../src/extract/page.js';
import { fixturePages, html } from './helpers.js';
import { loadCorpus } from '../tools/score.mjs';

const rule = (id) => SITE_RULES.find((r) => r.id === id);
const matches = (id, url) => ruleMatches(rule(id), new URL(url));

const corpus = loadCorpus().map((page) => ({ ...page, url: page.expected.url ?? null }));
const allPages = [...fixturePages(), ...corpus];
const appliesTo = (r, page) => {
  const read = readPage(page.load(), page.url);
  return ruleMatches(r, read.location) || Boolean(r.detect && r.detect(read));
};

test('every site rule has a well-formed shape and pages it was written from', () => {
  const ids = new Set();
  for (const r of SITE_RULES) {
    assert.match(r.id, /^[a-z0-9]+$/);
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    ids.add(r.id);
    assert.ok(Array.isArray(r.urls), `${r.id}: urls`);
    assert.ok(r.urls.length > 0 || typeof r.detect === 'function', `${r.id}: neither urls nor detect`);
    assert.equal(typeof r.isConfirmation, 'function');
    const byUrl = fixturePages().filter((p) => p.expected.found && p.url && ruleMatches(r, new URL(p.url)));
    const named = (r.fixtures || []).map((name) => allPages.find((p) => p.name === name));
    assert.ok(!named.includes(undefined), `${r.id}: a fixture it names does not exist`);
    assert.ok(byUrl.length + named.length > 0, `site rule ${r.id} has no fixture page`);
  }
});

test('a platform rule knows its own pages by their fingerprints, and no other platform’s', () => {
  for (const r of SITE_RULES.filter((rule) => rule.detect)) {
    for (const name of r.fixtures || []) {
      const page = allPages.find((p) => p.name === name);
      assert.ok(appliesTo(r, page), `${r.id} does not recognise its fixture ${name}`);
    }
    for (const page of corpus) {
      if ((r.fixtures || []).includes(page.name)) continue;
      assert.ok(!appliesTo(r, page), `${r.id} takes ${page.name}, a page it does not list as its own`);
    }
  }
});

test('a platform rule tells its confirmation pages from its other pages', () => {
  for (const r of SITE_RULES.filter((rule) => rule.fixtures)) {
    for (const name of r.fixtures) {
      const page = allPages.find((p) => p.name === name);
      const [candidate] = extractFromSites(readPage(page.load(), page.url), [r]);
      assert.equal(candidate.signals.siteConfirmation, page.expected.found, `${r.id} on ${name}`);
    }
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
