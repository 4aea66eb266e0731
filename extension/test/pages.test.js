// Golden tests: every page in fixtures/pages/ against its .expected.json
// (the fields listed there must match; fields not listed are not checked).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeOrder, RESULT_KEYS } from '../src/extract/index.js';
import { fixturePages } from './helpers.js';

const pages = fixturePages();

test('there are at least 23 fixture pages, 6 of them not orders', () => {
  assert.ok(pages.length >= 23, `${pages.length} pages`);
  assert.ok(pages.filter((p) => p.expected.found === false).length >= 6);
});

for (const page of pages) {
  test(`page ${page.name}`, () => {
    const { result, errors, evidence } = analyzeOrder(page.load(), page.url);
    assert.deepEqual(errors, []);
    assert.deepEqual(Object.keys(result), RESULT_KEYS);
    assert.ok(result.confidence >= 0 && result.confidence <= 1);
    assert.equal(result.page_url, page.url);
    const actual = {};
    const wanted = {};
    for (const [key, value] of Object.entries(page.expected)) {
      if (key === 'url') continue;
      actual[key] = result[key];
      wanted[key] = value;
    }
    assert.deepEqual(actual, wanted, `evidence: ${evidence.join('; ')}`);
    if (result.found) {
      assert.ok(result.confidence >= 0.5, 'a found order has confidence >= 0.5');
    } else {
      assert.ok(result.confidence < 0.5, 'a page without an order has confidence < 0.5');
      for (const field of ['order_number', 'amount', 'currency', 'order_date', 'product', 'account_email']) {
        assert.equal(result[field], null, `${field} is null when nothing was found`);
      }
    }
  });
}
