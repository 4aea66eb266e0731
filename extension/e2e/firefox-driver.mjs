// What the Firefox end-to-end scripts share: Firefox with extension/ installed as a temporary
// add-on (puppeteer-core over WebDriver BiDi), its pages at a fixed address, and the waits and
// form filling a script needs. Each script prints one JSON object a line for its Python test.

import puppeteer from 'puppeteer-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTENSION_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const GECKO_ID = 'refund-tracker@refund-tracker.local';

export function say(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(what, probe, { timeout = 20_000, interval = 150 } = {}) {
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

/**
 * Firefox with the extension installed; `uuid` fixes the extension's address
 * (moz-extension://<uuid>/, random per install otherwise). {browser, base}.
 */
export async function launchWithExtension(executablePath, uuid) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: executablePath || '/usr/bin/firefox-esr',
    headless: true,
    // A first start of a fresh profile can take a while on a busy machine (puppeteer's default is 30 s).
    timeout: 90_000,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // The user's "Allow" when the settings page asks for 127.0.0.1 (a headless Firefox shows
      // no prompt to click): an optional permission asked for from a click is granted at once.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    const id = await browser.installExtension(EXTENSION_DIR);
    return { browser, base: `moz-extension://${uuid}`, id };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Opens an extension page. Firefox never reports such a navigation complete: start it, then poll. */
export async function openExtensionPage(browser, base, path) {
  const page = await browser.newPage();
  const url = `${base}/${path}`;
  page.goto(url).catch(() => {});
  await until(`${path} to load`, () => page.evaluate((wanted) => location.href === wanted && document.readyState === 'complete', url));
  return page;
}

export const pageText = (page) => page.evaluate(() => document.body.innerText);

export async function waitForText(page, text, timeout) {
  let seen = '';
  try {
    await until(`"${text}"`, async () => (seen = await pageText(page)).includes(text), { timeout });
  } catch (error) {
    throw new Error(`${error.message}; the page says:\n${seen}`);
  }
}

export async function fill(page, selector, value) {
  await page.evaluate((sel, v) => {
    const input = document.querySelector(sel);
    input.focus();
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, selector, value);
}

/** The browser's tab id of the tab showing `url`, asked from an extension page. */
export function tabIdOf(extensionPage, url) {
  return until(`a tab at ${url}`, () => extensionPage.evaluate(async (wanted) => {
    const tab = (await browser.tabs.query({})).find((t) => t.url === wanted);
    return tab ? tab.id : null;
  }, url));
}

/** A new tab showing `url`, and the popup (as a page, ?tab=) working on it. */
export async function popupFor(browser, base, extensionPage, url) {
  const shop = await browser.newPage();
  await shop.goto(url);
  const tabId = await tabIdOf(extensionPage, url);
  const popup = await openExtensionPage(browser, base, `src/popup/popup.html?tab=${tabId}`);
  return { shop, popup };
}

/** Runs `main()`; its failure is the script's last line, {"error": ...}, and exit code 1. */
export function run(main) {
  main().then(() => process.exit(0), (error) => {
    say({ error: String(error && error.stack ? error.stack : error) });
    process.exit(1);
  });
}
