// The classic-script bundle the extension injects must be current and must
// give exactly what the ES modules give.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { buildBundle, BUNDLE_PATH } from '../tools/build-bundle.mjs';
import { extractOrder } from '../src/extract/index.js';
import { fixturePages } from './helpers.js';

test('src/extract/bundle.js is up to date (npm run build:bundle)', () => {
  assert.equal(readFileSync(BUNDLE_PATH, 'utf8'), buildBundle());
});

test('the bundle runs as a classic script and matches the modules on every fixture', () => {
  // A content script's world has the browser's URL but no module loader.
  const sandbox = { URL };
  vm.createContext(sandbox);
  vm.runInContext(readFileSync(BUNDLE_PATH, 'utf8'), sandbox, { filename: 'bundle.js' });
  const bundled = sandbox.RefundTrackerExtract;
  assert.equal(typeof bundled.extractOrder, 'function');
  assert.equal(Object.keys(sandbox).filter((k) => k !== 'URL').join(), 'RefundTrackerExtract', 'only one global is defined');
  for (const page of fixturePages()) {
    const doc = page.load();
    // Compare as JSON: the bundle's objects come from another realm.
    assert.equal(JSON.stringify(bundled.extractOrder(doc, page.url)), JSON.stringify(extractOrder(doc, page.url)), page.name);
  }
});
