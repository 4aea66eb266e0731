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

import { fill, launchWithExtension, openExtensionPage as openPage, popupFor as popupAt, run, say, waitForText } from './firefox-driver.mjs';

// Fixed, so the extension's pages have known addresses (random per install otherwise).
const UUID = '7a1c2e4f-5b6d-4c8e-9f0a-1b2c3d4e5f60';

const config = JSON.parse(process.argv[2] || '{}');
let base = null;
const openExtensionPage = (browser, path) => openPage(browser, base, path);

/** The popup working on a new tab showing `url`, once it has read the order; both pages, to close after. */
async function popupFor(browser, extensionPage, url) {
  const { shop, popup } = await popupAt(browser, base, extensionPage, url);
  await waitForText(popup, 'Found an order on this page');
  return { shop, popup };
}

const orderNumber = (popup) => popup.evaluate(() => document.getElementById('order_number').value);
const usedNotice = (popup) => popup.evaluate(() => document.getElementById('learned-fields')?.textContent ?? null);
const learned = (extensionPage) => extensionPage.evaluate(async () => (await browser.storage.local.get('learned_fields')).learned_fields ?? null);

async function main() {
  const started = Date.now();
  const launched = await launchWithExtension(config.firefox, UUID);
  const { browser } = launched;
  base = launched.base;
  try {
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

run(main);
