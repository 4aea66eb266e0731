// src/vendor/tldts.js is node_modules/tldts's browser build, copied by
// tools/vendor-tldts.mjs: the extension loads the copy (it cannot import from
// node_modules at run time), so it must be exactly what the installed package gives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { VENDORED_PATH, vendoredTldts } from '../tools/vendor-tldts.mjs';
import * as vendored from '../src/vendor/tldts.js';

test('src/vendor/tldts.js is the installed tldts (npm run vendor)', () => {
  assert.equal(readFileSync(VENDORED_PATH, 'utf8'), vendoredTldts());
});

test('the vendored copy knows the Public Suffix List', () => {
  assert.equal(vendored.getDomain('shop.example.co.uk'), 'example.co.uk');
  assert.equal(vendored.getDomain('a.b.example.com.au'), 'example.com.au');
  assert.equal(vendored.getDomain('nordlicht.myshopify.com', { allowPrivateDomains: true }), 'nordlicht.myshopify.com');
});
