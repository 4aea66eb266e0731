// test/fixtures/pages/ holds byte-for-byte copies of the shared sample pages
// (shared/fixtures/pages/, next to the repository: ../../shared from this
// extension/ folder). When that folder is there, every shared page and
// .expected.json must have an identical copy here, so the two cannot drift
// apart unnoticed. The extension may have pages of its own besides them.
// In a clone without the shared folder (CI) the comparison is skipped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, PAGES_DIR } from './helpers.js';

const SHARED_PAGES_DIR = resolve(EXTENSION_DIR, '..', '..', 'shared', 'fixtures', 'pages');
const present = existsSync(SHARED_PAGES_DIR) && statSync(SHARED_PAGES_DIR).isDirectory();

test('the shared fixture pages and their .expected.json are copied here unchanged', {
  skip: present ? false : `no shared fixtures at ${SHARED_PAGES_DIR} (not next to this clone): copies not compared`,
}, () => {
  const shared = readdirSync(SHARED_PAGES_DIR).filter((file) => file.endsWith('.html') || file.endsWith('.expected.json')).sort();
  assert.ok(shared.length > 0, `${SHARED_PAGES_DIR} holds no pages`);
  const missing = [];
  const different = [];
  for (const file of shared) {
    const copy = join(PAGES_DIR, file);
    if (!existsSync(copy)) missing.push(file);
    else if (!readFileSync(copy).equals(readFileSync(join(SHARED_PAGES_DIR, file)))) different.push(file);
  }
  assert.deepEqual(
    { missing, different },
    { missing: [], different: [] },
    `test/fixtures/pages/ has drifted from ${SHARED_PAGES_DIR}: copy the shared files over (cp ${SHARED_PAGES_DIR}/* test/fixtures/pages/)`,
  );
});
