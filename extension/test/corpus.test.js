// The corpus (test/corpus) is the yardstick for extraction: this holds the extractor to the
// bar the README reports, and the corpus to the breadth it claims.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus, scoreCorpus } from '../tools/score.mjs';

const pages = loadCorpus();
const score = scoreCorpus(pages);
const pct = ({ right, of }) => (100 * right) / of;

test('the corpus is broad: 40+ orders from public templates, 10+ languages, 8+ near misses, each naming its source', () => {
  const orders = pages.filter((p) => p.expected.kind !== 'not-order');
  assert.ok(orders.length >= 40, `${orders.length} orders`);
  assert.ok(pages.length - orders.length >= 8, `${pages.length - orders.length} non-orders`);
  const languages = new Set(pages.map((p) => (p.expected.language || '').split('-')[0]));
  assert.ok(languages.size >= 10, `languages: ${[...languages].join(', ')}`);
  for (const page of pages) {
    // Where no template is public (Apple, Amazon, Stripe), the source says so and what it follows.
    assert.ok((page.expected.source || '').length >= 20, `${page.name} does not say what it was rendered from`);
    assert.equal(typeof page.expected.found, 'boolean', `${page.name}: found`);
  }
  const fromRepositories = orders.filter((p) => /\b[\w.-]+\/[\w.-]+(?:@\w+)?[\s:(]/.test(p.expected.source) && !/no public template/.test(p.expected.source));
  assert.ok(fromRepositories.length >= 40, `${fromRepositories.length} orders name a public repository's template`);
});

test('on the corpus: ≥ 90% of pages fully right, ≥ 97% of fields, no false positive', () => {
  const wrong = score.results.filter((r) => !r.right).map((r) => r.name);
  assert.ok(pct(score.pages) >= 90, `pages fully right ${score.pages.right}/${score.pages.of}; wrong: ${wrong.join(', ')}`);
  assert.ok(pct(score.fields) >= 97, `fields right ${score.fields.right}/${score.fields.of}`);
  assert.deepEqual(score.falsePositives, []);
});

test('every non-order page is left alone and every order is found', () => {
  for (const r of score.results) assert.equal(r.fields.found.right, true, `${r.name}: found`);
});
