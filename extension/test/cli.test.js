// tools/extract.mjs as a subprocess: what it prints is what a capture sends.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, fixturePage } from './helpers.js';

const CLI = join(EXTENSION_DIR, 'tools', 'extract.mjs');
const DOCUMENTED_KEYS = [
  'found', 'order_number', 'order_date', 'amount', 'currency', 'product', 'account_email', 'payment_method',
  'auto_renews', 'renewal_date', 'merchant_name', 'seller_name', 'items', 'page_url', 'source', 'confidence',
];
const OPTIONAL_KEYS = ['page_title'];

const run = (args, input) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 30000 });

// Like run(), without waiting: lets the error cases run side by side.
const runAsync = (args) => new Promise((resolve) => {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.on('close', (status) => resolve({ status, stdout, stderr }));
});

test('prints one JSON object with exactly the documented keys', () => {
  const page = fixturePage('trendmicro-digitalriver-thankyou');
  const { status, stdout, stderr } = run([page.file, '--url', page.url]);
  assert.equal(status, 0, stderr);
  const result = JSON.parse(stdout);
  const keys = Object.keys(result);
  for (const key of DOCUMENTED_KEYS) assert.ok(keys.includes(key), `missing ${key}`);
  for (const key of keys) assert.ok(DOCUMENTED_KEYS.includes(key) || OPTIONAL_KEYS.includes(key), `unexpected ${key}`);
  assert.equal(result.found, true);
  assert.equal(result.order_number, page.expected.order_number);
  assert.equal(result.amount, page.expected.amount);
  assert.equal(result.page_url, page.url);
  assert.equal(result.source, 'site:digitalriver+text');
  assert.equal(typeof result.confidence, 'number');
});

test('a page that is no order prints found: false with null fields, still exit 0', () => {
  const page = fixturePage('not-order-login-page');
  const { status, stdout } = run([page.file, `--url=${page.url}`]);
  assert.equal(status, 0);
  const result = JSON.parse(stdout);
  assert.equal(result.found, false);
  assert.equal(result.order_number, null);
  assert.equal(result.source, null);
});

test('reads standard input with "-"; --url is optional', () => {
  const { status, stdout } = run(['-'], '<h1>Thank you for your order!</h1><p>Order number: A-55123</p><p>Total: €9.99</p>');
  assert.equal(status, 0);
  const result = JSON.parse(stdout);
  assert.equal(result.found, true);
  assert.equal(result.order_number, 'A-55123');
  assert.equal(result.currency, 'EUR');
  assert.equal(result.page_url, null);
});

test('decodes pages saved in a legacy charset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-'));
  const file = join(dir, 'latin1.html');
  const markup = '<html lang="de-DE"><head><meta charset="iso-8859-1"></head><body><h1>Vielen Dank für Ihre Bestellung</h1><p>Bestellnummer: 4711-0815</p><p>Gesamtbetrag: 12,50 €</p></body></html>';
  writeFileSync(file, Buffer.from(markup.replace('€', 'EUR'), 'latin1'));
  const { status, stdout } = run([file]);
  assert.equal(status, 0);
  const result = JSON.parse(stdout);
  assert.equal(result.found, true);
  assert.equal(result.amount, '12.50');
});

test('--explain writes the evidence to standard error only', () => {
  const page = fixturePage('webmail-order-jsonld');
  const { status, stdout, stderr } = run([page.file, '--url', page.url, '--explain']);
  assert.equal(status, 0);
  assert.equal(JSON.parse(stdout).source, 'jsonld');
  assert.ok(JSON.parse(stderr).evidence.length > 0);
});

test('clear errors and non-zero exit on bad input', async () => {
  const cases = [
    { args: [], status: 2, message: /missing PAGE\.html/ },
    { args: ['/nonexistent/page.html'], status: 1, message: /cannot read .*no such file/ },
    { args: [EXTENSION_DIR], status: 1, message: /cannot read/ },
    { args: ['a.html', 'b.html'], status: 2, message: /only one page/ },
    { args: ['a.html', '--url'], status: 2, message: /--url needs a value/ },
    { args: ['a.html', '--url', 'not a url'], status: 2, message: /not an absolute URL/ },
    { args: ['a.html', '--frobnicate'], status: 2, message: /unknown option --frobnicate/ },
  ];
  const results = await Promise.all(cases.map(({ args }) => runAsync(args)));
  for (const [i, { args, status, message }] of cases.entries()) {
    const result = results[i];
    assert.equal(result.status, status, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stdout, '');
  }
});
