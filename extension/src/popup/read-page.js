// Reading the order on a tab: injects the extraction bundle (a classic
// script, see src/extract/index.js) and runs extractOrder in the page.
// Needs activeTab (the user opened the popup on that tab) or a host permission.

import { ext } from '../shared/browser-api.js';

// From the extension's root: Firefox resolves a relative path against the calling page
// (src/popup/), Chrome against the root; a leading slash means the root in both.
const BUNDLE = '/src/extract/bundle.js';

/** {readable: true, result} with extractOrder()'s result, or {readable: false, reason}. */
export async function readOrderFromTab(tabId) {
  try {
    await ext.scripting.executeScript({ target: { tabId }, files: [BUNDLE] });
    const [injection] = await ext.scripting.executeScript({
      target: { tabId },
      func: () => globalThis.RefundTrackerExtract.extractOrder(document, location.href),
    });
    if (!injection || !injection.result) return { readable: false, reason: 'The page gave no answer.' };
    return { readable: true, result: injection.result };
  } catch (error) {
    return { readable: false, reason: error && error.message ? error.message : String(error) };
  }
}

/** The tab the popup works on: ?tab=<id> when opened as a page (tests), else the active tab. */
export async function targetTab() {
  const requested = Number.parseInt(new URLSearchParams(location.search).get('tab') ?? '', 10);
  if (Number.isInteger(requested) && requested >= 0) {
    try {
      return await ext.tabs.get(requested);
    } catch {
      return { id: requested };
    }
  }
  const [active] = await ext.tabs.query({ active: true, currentWindow: true });
  return active || null;
}
