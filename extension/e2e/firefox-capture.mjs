#!/usr/bin/env node
// The capture path in real Firefox, driven over WebDriver BiDi with
// puppeteer-core: install extension/ as a temporary add-on, pair it in the
// settings, track an order from a page through the popup, log a selected chat
// to its case through the chooser, then — with the server down — track
// another order and log the chat again, and see the retry alarm deliver both.
//
// Run by tests/e2e/test_firefox.py, which starts the server and the web site
// and answers this script's requests on stdin/stdout, one JSON object a line:
//   out {"step": "..."}                progress (and the test's evidence)
//   out {"ask": "stop_server"}         in: "ok" once done (also "start_server")
//   out {"done": true, ...} / {"error": "..."}
// Usage: node e2e/firefox-capture.mjs '{"port": 41731, "code": "ABCD-EFGH",
//          "shop_url": "...", "offline_shop_url": "...", "firefox": "/usr/bin/firefox-esr"}'

import { createInterface } from 'node:readline';
import { fill, launchWithExtension, openExtensionPage as openPage, popupFor as popupAt, run, say, sleep, until, waitForText } from './firefox-driver.mjs';

// Fixed, so the test knows the extension's pages' addresses (random per install otherwise).
const UUID = '5f0b9a63-2c4e-4d8a-9b1f-7e6d5c4b3a21';

const config = JSON.parse(process.argv[2] || '{}');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
let base = null;
const openExtensionPage = (browser, path) => openPage(browser, base, path);
const popupFor = (browser, extensionPage, url) => popupAt(browser, base, extensionPage, url);

async function askTest(what) {
  say({ ask: what });
  const { value, done } = await lines.next();
  if (done || value.trim() !== 'ok') throw new Error(`the test did not ${what}: ${value}`);
}

/** Selects the transcript on `chat` and runs what a click on "Log selection to refund case…" runs; the chooser it opens. */
async function openChooser(browser, extensionPage, chat) {
  await chat.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('transcript'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  const before = new Set(await browser.pages());
  const url = chat.url();
  await extensionPage.evaluate(async (wanted) => {
    const tab = (await browser.tabs.query({})).find((t) => t.url === wanted);
    const background = await browser.runtime.getBackgroundPage();
    await background.refundTrackerDebug.logSelection(
      { menuItemId: 'log-selection', frameId: 0, selectionText: 'flattened by the browser', pageUrl: wanted }, tab);
  }, url);
  // A page opened by the extension reports no URL to puppeteer (see openExtensionPage): ask each new one.
  return until('the chooser window', async () => {
    for (const page of await browser.pages()) {
      if (before.has(page)) continue;
      const href = await Promise.race([page.evaluate(() => location.href).catch(() => ''), sleep(500).then(() => '')]);
      if (href.includes('/src/chooser/chooser.html')) return page;
    }
    return null;
  });
}

const outbox = (extensionPage) => extensionPage.evaluate(async () => Object.entries(await browser.storage.local.get(null))
  .filter(([key]) => key.startsWith('outbox/')).map(([, entry]) => entry));

async function main() {
  const started = Date.now();
  const launched = await launchWithExtension(config.firefox, UUID);
  const { browser, id } = launched;
  base = launched.base;
  try {
    say({ step: 'installed', id, version: await browser.version() });

    // Pair in the settings, as a user would.
    const options = await openExtensionPage(browser, 'src/options/options.html');
    const access = () => options.evaluate(async () => ({
      text: document.getElementById('access-text').innerText,
      origins: (await browser.permissions.getAll()).origins.sort(),
      permissions: (await browser.permissions.getAll()).permissions,
    }));
    const accessBefore = await until('the access note', async () => ((await access()).text ? access() : null));
    await fill(options, '#port', String(config.port));
    await options.click('#port-form button[type=submit]');
    await waitForText(options, `expected on port ${config.port}`);
    await waitForText(options, 'this browser is not paired yet');
    await fill(options, '#code', config.code);
    await fill(options, '#client_name', 'Test Firefox');
    await options.click('#pair');
    await waitForText(options, 'Paired as “Test Firefox”');
    await waitForText(options, 'Connected to Refund Tracker');
    say({ step: 'paired', access_before: accessBefore, access_after: await access() });

    // Track an order through the popup.
    const { popup } = await popupFor(browser, options, config.shop_url);
    await waitForText(popup, 'Found an order on this page');
    const fields = await popup.evaluate(() => Object.fromEntries(
      ['product', 'order_number', 'order_date', 'amount', 'currency', 'seller_name'].map((n) => [n, document.getElementById(n).value])));
    await waitForText(popup, config.refundable);
    await waitForText(popup, config.refunds_by);
    await popup.click('#track');
    await waitForText(popup, 'Tracked: a new refund case was created.');
    say({ step: 'tracked', fields });
    await popup.close();

    // Log a selected chat transcript to that case (what the context menu's click runs).
    const chat = await browser.newPage();
    await chat.goto(config.chat_url);
    let chooser = await openChooser(browser, options, chat);
    await waitForText(chooser, '1 open case.');
    const preset = await chooser.evaluate(() => ({
      checked: document.querySelector('input[name=case_id]:checked')?.closest('label').innerText.split('\n')[0] ?? null,
      channel: document.getElementById('channel').value,
      summary: document.getElementById('summary').value,
    }));
    await chooser.click('#log');
    await waitForText(chooser, 'Logged to');
    say({ step: 'logged', preset });
    await chooser.close();

    // Another order while the server is down: kept, then delivered by the retry alarm.
    await askTest('stop_server');
    const offline = await popupFor(browser, options, config.offline_shop_url);
    await waitForText(offline.popup, 'Refund Tracker is not running on port');
    await waitForText(offline.popup, 'Found an order on this page');
    await offline.popup.click('#track');
    await waitForText(offline.popup, 'Saved in the browser, not sent yet.');
    const [queued] = await outbox(options);
    const alarm = await options.evaluate(() => browser.alarms.get('outbox-retry'));
    const alarmInMs = alarm ? alarm.scheduledTime - Date.now() : null;
    await offline.popup.close();
    // The chat again, logged while the server is down: the chooser offers the cases it last listed.
    chooser = await openChooser(browser, options, chat);
    await waitForText(chooser, 'These are the open cases as Refund Tracker last listed them.');
    await waitForText(chooser, '1 open case.');
    await fill(chooser, '#summary', 'Chat again, logged while Refund Tracker was stopped');
    await chooser.click('#log');
    await waitForText(chooser, 'Saved in the browser, not sent yet.');
    const note = (await outbox(options)).find((entry) => entry.kind === 'communication');
    say({ step: 'queued', capture_id: queued.id, kind: queued.kind, attempts: queued.attempts,
      alarm_in_ms: alarmInMs,
      note: { id: note.id, case_id: note.context.case_id, attempts: note.attempts, badge: await options.evaluate(() => browser.action.getBadgeText({})) } });
    await chooser.close();
    await askTest('start_server');
    const deliveredAfter = Date.now();
    await until('the outbox to empty', async () => (await outbox(options)).length === 0, { timeout: 60_000, interval: 500 });
    say({ step: 'delivered', capture_id: queued.id, waited_ms: Date.now() - deliveredAfter });
    // Site badges, turned on: the "tabs" permission (the tabs' addresses), no host.
    await options.click('#site-badges');
    await until('the site badges to be on', () => options.evaluate(() => document.getElementById('site-badges').checked));
    const badges = await options.evaluate(async () => browser.permissions.getAll());
    say({ step: 'site_badges', permissions: badges.permissions, origins: badges.origins.sort() });

    // A hostile order page (markup, script, terminal escapes, 100 KB): the popup shows it as text.
    const hostile = await popupFor(browser, options, config.hostile_url);
    await waitForText(hostile.popup, 'Found an order on this page');
    const shown = await hostile.popup.evaluate(() => ({
      product: document.getElementById('product').value,
      injected: document.querySelectorAll('.pwn, img, body script').length,
      pwned: window.pwned === undefined ? null : window.pwned,
      title: document.title,
      text: document.body.innerText,
    }));
    say({ step: 'hostile', ...shown });
    await hostile.popup.close();
    say({ done: true, seconds: (Date.now() - started) / 1000 });
  } finally {
    await browser.close();
  }
}

run(main);
