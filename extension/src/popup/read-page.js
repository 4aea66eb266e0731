// Reading the order on a tab: injects the extraction bundle (a classic
// script, see src/extract/index.js) and runs extractOrder in the page.
// Needs activeTab (the user opened the popup on that tab) or a host permission.

import { ext } from '../shared/browser-api.js';
import { answerFromFrames, knownValues } from '../extract/frames.js';

// From the extension's root: Firefox resolves a relative path against the calling page
// (src/popup/), Chrome against the root; a leading slash means the root in both.
const BUNDLE = '/src/extract/bundle.js';

/**
 * {readable: true, result, learned: {site, fields}} with extractOrder()'s result, or
 * {readable: false, reason}. With `rulesFor(url, senderDomain)` (learning.js), the site's learned
 * rules go to the extractor first; `learned.fields` are the fields they supplied.
 */
export async function readOrderFromTab(tabId, { rulesFor = null } = {}) {
  try {
    await ext.scripting.executeScript({ target: { tabId }, files: [BUNDLE] });
    let site = null;
    let rules = [];
    if (rulesFor) {
      const [where] = await ext.scripting.executeScript({ target: { tabId }, func: () => location.href });
      ({ site, rules } = await rulesFor(where ? where.result : null, null));
    }
    let read = await extractInTab(tabId, rules);
    if (!read || !read.result) return { readable: false, reason: 'The page gave no answer.' };
    if (!read.result.found) read = await withFrames(tabId, read, rules);
    // A web mailbox: the rules are the sender's site's, known once the email is read.
    if (rulesFor && !site && read.result.sender_domain) {
      const sender = await rulesFor(read.result.page_url, read.result.sender_domain);
      site = sender.site;
      if (sender.rules.length) read = (await extractInTab(tabId, sender.rules)) || read;
    }
    return { readable: true, result: read.result, learned: { site, fields: read.fields || [] } };
  } catch (error) {
    return { readable: false, reason: error && error.message ? error.message : String(error) };
  }
}

/** Runs the extraction in the tab: {result, fields (the ones learned rules supplied), known}. */
async function extractInTab(tabId, learned, { allFrames = false } = {}) {
  const injections = await ext.scripting.executeScript({
    target: allFrames ? { tabId, allFrames: true } : { tabId },
    func: (rules, inFrame) => {
      // A frame's own address (about:srcdoc, a mail body's) is not the page's: a frame is read as a document alone.
      const at = inFrame ? null : location.href;
      const { result, merged } = globalThis.RefundTrackerExtract.analyzeOrder(document, at, { learned: rules });
      const fields = result.found && merged
        ? Object.keys(merged).filter((field) => merged[field].source === 'learned' && field !== 'currency') : [];
      const known = {};
      for (const [field, entry] of Object.entries(merged || {})) known[field] = { value: entry.value };
      return { result, fields, known };
    },
    args: [learned || [], allFrames],
  });
  if (allFrames) return injections.filter((injection) => injection.frameId !== 0).map((injection) => injection.result);
  return injections[0] ? injections[0].result : null;
}

// The page is no order, but the message may be in a frame its script cannot read (a webmail's
// sandboxed mail body): each frame read on its own, the answer decided in frames.js.
async function withFrames(tabId, read, rules) {
  let frames;
  try {
    await ext.scripting.executeScript({ target: { tabId, allFrames: true }, files: [BUNDLE] });
    frames = (await extractInTab(tabId, rules, { allFrames: true })).filter(Boolean);
  } catch {
    return read; // a frame the extension may not enter: the page's own answer stands
  }
  if (!frames.length) return read;
  const { result, frame } = answerFromFrames({ result: read.result, known: knownValues(read.known) }, frames);
  return frame === null ? read : { result, fields: frames[frame].fields };
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

/** The tab's visible text (its first 50,000 characters), or null when the page cannot be read. */
export async function readPageText(tabId) {
  try {
    const [injection] = await ext.scripting.executeScript({
      target: { tabId }, func: () => (document.body ? document.body.innerText.slice(0, 50000) : ''),
    });
    return injection ? injection.result : null;
  } catch {
    return null;
  }
}
