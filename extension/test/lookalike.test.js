// The extension's look-alike guard (src/shared/lookalike.js) on the table of cases the
// server's guard passes too (tests/knowledge/lookalike_cases.json), against the shipped
// catalog's official-domains table (test/fixtures/official-table.json, which a Python test
// holds equal to what the server serves).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from './helpers.js';
import { checkPage, labelUsesBrand, speaksOfSupport } from '../src/shared/lookalike.js';

const CASES = JSON.parse(readFileSync(join(EXTENSION_DIR, '..', 'tests', 'knowledge', 'lookalike_cases.json'), 'utf8'));
const { parties } = JSON.parse(readFileSync(join(EXTENSION_DIR, 'test', 'fixtures', 'official-table.json'), 'utf8'));

function kind(verdict) {
  return [verdict.official ? 'official' : verdict.lookalike ? 'lookalike' : 'none', verdict.party ? verdict.party.id : null];
}

for (const c of CASES.cases) {
  test(`shared case: ${c.url}`, () => {
    const text = c.text === 'support' ? CASES.support_text : c.text;
    assert.deepEqual(kind(checkPage(c.url, parties, text)), [c.expect, c.party]);
  });
}

test('a look-alike domain whose page does not speak of support is not flagged', () => {
  const url = 'https://trendmicrocustomersupport.com/';
  assert.equal(checkPage(url, parties).lookalike, true);
  assert.equal(checkPage(url, parties, 'Photos of our garden, spring 2026.').lookalike, false);
  assert.equal(checkPage(url, parties, 'Call +1 (800) 555-0199 now').lookalike, true);
});

test('everyday-word brands need a support word and allow no typo', () => {
  assert.ok(labelUsesBrand('applesupport', 'apple', true));
  assert.ok(!labelUsesBrand('apple', 'apple', true));
  assert.ok(!labelUsesBrand('ample', 'apple', true));
  assert.ok(labelUsesBrand('nortan', 'norton', false));
  assert.ok(!labelUsesBrand('nortan', 'norton', true));
  assert.ok(speaksOfSupport('Demande de remboursement'));
  assert.ok(!speaksOfSupport('A recipe for bread'));
});

test('no table (server never reached): nothing is flagged, nothing breaks', () => {
  assert.deepEqual(checkPage('https://trendmicrocustomersupport.com/', null, 'support'),
    { domain: 'trendmicrocustomersupport.com', official: false, lookalike: false, party: null });
  assert.equal(checkPage('not a url at all', []).domain, null);
});
