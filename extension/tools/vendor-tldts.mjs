#!/usr/bin/env node
// Copies tldts (the Public Suffix List, for a page's registrable domain:
// shop.example.co.uk and www.example.co.uk are both example.co.uk) from
// node_modules into src/vendor/tldts.js. The extension cannot import from
// node_modules at run time, so it loads this copy: its self-contained browser
// ES module build, with the licence on top and the source-map comment left out
// (the map is not shipped). test/vendor.test.js fails when the copy differs
// from what this script would write, i.e. after `npm update tldts`.
//
//   node tools/vendor-tldts.mjs           write src/vendor/tldts.js
//   node tools/vendor-tldts.mjs --check   exit 1 if it is out of date

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTENSION_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_DIR = join(EXTENSION_DIR, 'node_modules', 'tldts');
export const VENDORED_PATH = join(EXTENSION_DIR, 'src', 'vendor', 'tldts.js');

/** The vendored file's text, from the installed package. */
export function vendoredTldts(packageDir = PACKAGE_DIR) {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const licence = readFileSync(join(packageDir, 'LICENSE'), 'utf8').trim();
  const code = readFileSync(join(packageDir, 'dist', 'index.esm.min.js'), 'utf8')
    .replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '')
    .trimEnd();
  return [
    `// tldts ${version} (dist/index.esm.min.js), copied by tools/vendor-tldts.mjs - do not edit;`,
    '// run `npm run vendor` after updating the package. https://github.com/remusao/tldts',
    '/*',
    ...licence.split('\n').map((line) => ` * ${line}`.trimEnd()),
    ' */',
    code,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = vendoredTldts();
  const where = relative(process.cwd(), VENDORED_PATH) || VENDORED_PATH;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(VENDORED_PATH, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== text) {
      process.stderr.write(`${where} differs from node_modules/tldts: run npm run vendor\n`);
      process.exit(1);
    }
    process.stdout.write(`${where} is up to date\n`);
  } else {
    mkdirSync(dirname(VENDORED_PATH), { recursive: true });
    writeFileSync(VENDORED_PATH, text);
    process.stdout.write(`wrote ${where}\n`);
  }
}
