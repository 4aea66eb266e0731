#!/usr/bin/env node
// Learning from a correction in real Firefox (puppeteer-core over WebDriver
// BiDi): pair, open order page A of a shop whose order number the extractor
// reads wrong, correct it in the popup and press Track; on page B of the same
// shop the popup reads the right number; the settings list the rule, and once
// it is removed page B is read wrong again.
//
// Run by tests/e2e/test_firefox_learning.py, which starts the server and the
// web site and reads this script's lines (one JSON object each):
//   out {"step": "...", ...}   progress, with what the test checks
//   out {"done": true, ...} / {"error": "..."}
// Usage: node e2e/firefox-learning.mjs '{"port": 41731, "code": "ABCD-EFGH",
//          "page_a": "...", "page_b": "...", "firefox": "/usr/bin/firefox-esr"}'

import puppeteer from 'puppeteer-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTENSION_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const GECKO_ID = 'refund-tracker@refund-tracker.local';
// Fixed, so the extension's pages have known addresses (random per install otherwise).
const UUID = '7a1c2e4f-5b6d-4c8e-9f0a-1b2c3d4e5f60';
const BASE = `moz-extension://${UUID}`;

const config = JSON.parse(process.argv[2] || '{}');

function say(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, probe, { timeout = 20_000, interval = 150 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(interval);
  }
}

/** Opens an extension page. Firefox never reports such a navigation complete: start it, then poll. */
async function openExtensionPage(browser, path) {
  const page = await browser.newPage();
  const url = `${BASE}/${path}`;
  page.goto(url).catch(() => {});
  await until(`${path} to load`, () => page.evaluate((wanted) => location.href === wanted && document.readyState === 'complete', url));
  return page;
}

const pageText = (page) => page.evaluate(() => document.body.innerText);

async function waitForText(page, text, timeout) {
  let seen = '';
  try {
    await until(`"${text}"`, async () => (seen = await pageText(page)).includes(text), { timeout });
  } catch (error) {
    throw new Error(`${error.message}; the page says:\n${seen}`);
  }
}

async function fill(page, selector, value) {
  await page.evaluate((sel, v) => {
    const input = document.querySelector(sel);
    input.focus();
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, selector, value);
}

/** The popup (as a page, ?tab=) working on a new tab showing `url`; both pages, to close after. */
async function popupFor(browser, extensionPage, url) {
  const shop = await browser.newPage();
  await shop.goto(url);
  const tabId = await until(`a tab at ${url}`, () => extensionPage.evaluate(async (wanted) => {
    const tab = (await browser.tabs.query({})).find((t) => t.url === wanted);
    return tab ? tab.id : null;
  }, url));
  const popup = await openExtensionPage(browser, `src/popup/popup.html?tab=${tabId}`);
  await waitForText(popup, 'Found an order on this page');
  return { shop, popup };
}

const orderNumber = (popup) => popup.evaluate(() => document.getElementById('order_number').value);
const usedNotice = (popup) => popup.evaluate(() => document.getElementById('learned-fields')?.textContent ?? null);
const learned = (extensionPage) => extensionPage.evaluate(async () => (await browser.storage.local.get('learned_fields')).learned_fields ?? null);

async function main() {
  const started = Date.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: config.firefox || '/usr/bin/firefox-esr',
    headless: true,
    // A first start of a fresh profile can take a while on a busy machine (puppeteer's default is 30 s).
    timeout: 90_000,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
  });
  try {
    await browser.installExtension(EXTENSION_DIR);
    say({ step: 'installed', version: await browser.version() });

    const options = await openExtensionPage(browser, 'src/options/options.html');
    await fill(options, '#port', String(config.port));
    await options.click('#port-form button[type=submit]');
    await waitForText(options, `expected on port ${config.port}`);
    await fill(options, '#code', config.code);
    await fill(options, '#client_name', 'Test Firefox');
    await options.click('#pair');
    await waitForText(options, 'Paired as “Test Firefox”');
    await waitForText(options, 'Nothing learnt yet.');
    say({ step: 'paired' });

    // Page A: read wrong, corrected, tracked.
    let { shop, popup } = await popupFor(browser, options, config.page_a);
    const readOnA = await orderNumber(popup);
    await fill(popup, '#order_number', config.corrected);
    await popup.click('#track');
    await waitForText(popup, 'Tracked: a new refund case was created.');
    await waitForText(popup, 'Learnt for ');
    const learntText = await popup.evaluate(() => document.getElementById('learnt')?.textContent ?? null);
    say({ step: 'tracked', read: readOnA, learnt: learntText, stored: await learned(options),
      synced: await options.evaluate(async () => Object.keys(await browser.storage.sync.get(null)).length) });
    await popup.close();
    await shop.close();

    // Page B of the same shop: the right number, and the popup says why.
    ({ shop, popup } = await popupFor(browser, options, config.page_b));
    say({ step: 'page_b', read: await orderNumber(popup), notice: await usedNotice(popup) });
    await popup.close();
    await shop.close();

    // The settings list it; removed, page B is read wrong again.
    const settings = await openExtensionPage(browser, 'src/options/options.html');
    await waitForText(settings, 'next to “vorgang”');
    const listed = await settings.evaluate(() => [...document.querySelectorAll('.learned-site')].map((section) => ({
      site: section.querySelector('h3').textContent,
      rows: [...section.querySelectorAll('tbody tr')].map((row) => [...row.cells].slice(0, 3).map((cell) => cell.textContent)),
    })));
    await settings.click(`button[aria-label="Remove what was learnt for the order number on ${config.site}"]`);
    await waitForText(settings, 'Nothing learnt yet.');
    say({ step: 'removed', listed, stored: await learned(settings) });
    await settings.close();

    ({ shop, popup } = await popupFor(browser, options, config.page_b));
    say({ step: 'page_b_again', read: await orderNumber(popup), notice: await usedNotice(popup) });
    await popup.close();
    await shop.close();
    say({ done: true, seconds: (Date.now() - started) / 1000 });
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (error) => {
  say({ error: String(error && error.stack ? error.stack : error) });
  process.exit(1);
});
