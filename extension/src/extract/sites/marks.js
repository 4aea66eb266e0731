// Fingerprints the platform rules look for: markup, script globals, the email's sender.

import { fastHas } from '../dom-index.js';

/** True when the page (or, in a webmail, the message) has an element matching `selector`. */
export function has(page, selector) {
  return fastHas(page.doc, selector);
}

/** True when an inline script of the page mentions `pattern` (a platform's global object). */
export function scriptSays(page, pattern) {
  const scripts = page.doc.querySelectorAll ? page.doc.querySelectorAll('script:not([src])') : [];
  let seen = 0;
  for (const script of scripts) {
    const text = script.textContent || '';
    // Not this extraction's own code, when a page (a test, a benchmark) carries it inline.
    if (!text.includes('RefundTrackerExtract') && pattern.test(text.slice(0, 200000))) return true;
    seen += 1;
    if (seen > 200) break;
  }
  return false;
}

/** The domain of the email's sender, when the page is an email ("t.shopifyemail.com"). */
export function senderDomain(page) {
  const email = page.mail && page.mail.from && page.mail.from.email;
  return email && email.includes('@') ? email.split('@')[1].toLowerCase() : '';
}

/** True when a line of the page's text matches `pattern`. */
export function saysLine(page, pattern, { limit = 4000 } = {}) {
  const { lines } = page;
  for (let i = 0; i < lines.length && i < limit; i += 1) if (pattern.test(lines[i])) return true;
  return false;
}

/** The generator a page declares (<meta name="generator">), lower case, or ''. */
export function generator(page) {
  return (page.meta('generator') || '').toLowerCase();
}
