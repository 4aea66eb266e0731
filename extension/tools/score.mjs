#!/usr/bin/env node
// Scores the extractor on the corpus (test/corpus/pages, see its README):
// per-field accuracy, the pages that come out fully right, false positives.
//
//   npm run score                      the table, then every page that is not fully right
//   npm run score -- --quiet           the table only
//   npm run score -- --page NAME       one page: every field, expected and found, and the evidence
//   npm run score -- --json            the numbers as JSON (for tests and the README)
//   npm run score -- --dir DIR         another folder of pages in the same format

import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePage } from './analyze.mjs';
import { documentFromHtml, decodeHtml } from './html-document.mjs';
import { fold } from '../src/extract/i18n/fold.js';

const DEFAULT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'corpus', 'pages');
// What is compared, when the page's .expected.json lists it.
export const SCORED_FIELDS = ['found', 'order_number', 'order_date', 'amount', 'currency', 'product', 'account_email',
  'merchant_name', 'seller_name', 'payment_method', 'auto_renews', 'renewal_date', 'items'];

export function loadCorpus(dir = DEFAULT_DIR) {
  return readdirSync(dir).filter((f) => f.endsWith('.expected.json')).sort().map((file) => {
    const name = file.replace(/\.expected\.json$/, '');
    const expected = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const htmlFile = join(dir, `${name}.html`);
    return { name, expected, file: htmlFile, load: () => documentFromHtml(decodeHtml(readFileSync(htmlFile))) };
  });
}

// A variant is right when it names the same options, whether or not it repeats their labels
// ("Colour: Olive" and "Olive"), and whatever the punctuation between them.
const variantWords = (text) => (text ? fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : '');

function sameVariant(wanted, got) {
  const a = variantWords(wanted);
  const b = variantWords(got);
  if (!a || !b) return a === b;
  return a === b || ` ${a} `.endsWith(` ${b} `) || ` ${b} `.endsWith(` ${a} `);
}

function sameItems(wanted, got) {
  if (!Array.isArray(wanted) || !Array.isArray(got)) return (wanted ?? null) === null && (got ?? null) === null;
  return wanted.length === got.length && wanted.every((w, i) => {
    const g = got[i];
    return w.name === g.name && (w.quantity ?? null) === (g.quantity ?? null) && (w.price ?? null) === (g.price ?? null)
      && sameVariant(w.variant, g.variant);
  });
}

function same(field, wanted, got) {
  if (field === 'items') return sameItems(wanted, got);
  return JSON.stringify(wanted ?? null) === JSON.stringify(got ?? null);
}

/** Runs the extractor on every page; returns the per-page comparisons and the totals. */
export function scoreCorpus(pages) {
  const results = [];
  for (const page of pages) {
    const started = performance.now();
    const analysis = analyzePage(page.load(), page.expected.url ?? null);
    const ms = performance.now() - started;
    const fields = {};
    for (const field of SCORED_FIELDS) {
      if (!(field in page.expected)) continue;
      const wanted = page.expected[field];
      const got = analysis.result[field];
      fields[field] = { wanted, got, right: same(field, wanted, got) };
    }
    const falsePositive = page.expected.found === false && analysis.result.found === true;
    results.push({
      name: page.name, kind: page.expected.kind || (page.expected.found === false ? 'not-order' : 'order'),
      fields, right: Object.values(fields).every((f) => f.right), falsePositive, ms, analysis,
    });
  }
  const totals = {};
  for (const field of SCORED_FIELDS) {
    const scored = results.filter((r) => field in r.fields);
    totals[field] = { right: scored.filter((r) => r.fields[field].right).length, of: scored.length };
  }
  const all = Object.values(totals).reduce((acc, t) => ({ right: acc.right + t.right, of: acc.of + t.of }), { right: 0, of: 0 });
  const orders = results.filter((r) => r.kind !== 'not-order');
  const notOrders = results.filter((r) => r.kind === 'not-order');
  return {
    results,
    totals,
    fields: all,
    pages: { right: results.filter((r) => r.right).length, of: results.length },
    orders: { right: orders.filter((r) => r.right).length, of: orders.length },
    notOrders: { right: notOrders.filter((r) => r.right).length, of: notOrders.length },
    falsePositives: results.filter((r) => r.falsePositive).map((r) => r.name),
  };
}

const pct = (right, of) => (of ? `${((100 * right) / of).toFixed(1)}%` : '–');

function printTable(score) {
  const rows = [['field', 'right', 'of', '%']];
  for (const [field, t] of Object.entries(score.totals)) if (t.of) rows.push([field, t.right, t.of, pct(t.right, t.of)]);
  rows.push(['all fields', score.fields.right, score.fields.of, pct(score.fields.right, score.fields.of)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
  console.log();
  console.log(`pages fully right: ${score.pages.right} of ${score.pages.of} (${pct(score.pages.right, score.pages.of)}); `
    + `orders ${score.orders.right} of ${score.orders.of}, not orders ${score.notOrders.right} of ${score.notOrders.of}`);
  console.log(`false positives: ${score.falsePositives.length ? score.falsePositives.join(', ') : 'none'}`);
}

function printPage(result, { evidence = false } = {}) {
  console.log(`\n${result.right ? 'RIGHT' : 'WRONG'} ${result.name} (${result.ms.toFixed(0)} ms)`);
  for (const [field, f] of Object.entries(result.fields)) {
    if (f.right && !evidence) continue;
    console.log(`  ${f.right ? ' ' : '✗'} ${field}: expected ${JSON.stringify(f.wanted)}, got ${JSON.stringify(f.got)}`);
  }
  if (evidence) {
    console.log(`  source: ${result.analysis.result.source}; evidence: ${result.analysis.evidence.join('; ')}`);
    if (result.analysis.errors.length) console.log(`  errors: ${result.analysis.errors.join('; ')}`);
  }
}

function main(argv) {
  const option = (name) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : null;
  };
  const dir = option('--dir') || DEFAULT_DIR;
  let pages = loadCorpus(dir);
  const only = option('--page');
  if (only) pages = pages.filter((p) => p.name === only || p.name.includes(only));
  const score = scoreCorpus(pages);
  if (argv.includes('--json')) {
    const { results, ...numbers } = score;
    console.log(JSON.stringify({ ...numbers, wrong: results.filter((r) => !r.right).map((r) => r.name) }, null, 2));
    return;
  }
  printTable(score);
  if (only) for (const result of score.results) printPage(result, { evidence: true });
  else if (!argv.includes('--quiet')) for (const result of score.results.filter((r) => !r.right)) printPage(result);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
