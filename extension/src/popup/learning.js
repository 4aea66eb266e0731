// Learning from the user's corrections, the popup's side. Before the page
// is read, the background gives the site's learned rules (read-page.js passes
// them to the extractor, which uses them before any guess of its own). When
// the user presses Track, every field they changed from what the page
// proposed (and did not leave empty) is looked up on the page itself
// (learnAnchor, in the tab, from the extraction bundle); the rules it makes
// go to the background, which keeps them in storage.local for this site.
// Nothing of this goes to the server.

import { ext } from '../shared/browser-api.js';
import { ask, MSG } from '../shared/messages.js';
import { el } from '../shared/dom.js';
import { normaliseAmount } from '../shared/capture.js';
import { FIELD_WORDS, LEARNABLE_FIELDS } from '../extract/learn/rule.js';

const BUNDLE = '/src/extract/bundle.js';
const NOTICE_ID = 'learned-fields';

/** The site's rules for read-page.js: {site, rules}; none when the background cannot say. */
export async function rulesFor(url, senderDomain = null) {
  try {
    return await ask(MSG.LEARNED_RULES, { url, sender_domain: senderDomain });
  } catch {
    return { site: null, rules: [] };
  }
}

const words = (fields) => fields.map((field) => FIELD_WORDS[field] || field).join(', ');
const collapse = (value) => String(value ?? '').replace(/\s+/g, ' ').trim();

/** True when the user's value is not what the page proposed. */
function changed(field, typed, proposed) {
  if (proposed === null || proposed === undefined || proposed === '') return true;
  if (field === 'amount') return normaliseAmount(typed) !== normaliseAmount(proposed);
  if (field === 'account_email') return collapse(typed).toLowerCase() !== collapse(proposed).toLowerCase();
  return collapse(typed) !== collapse(proposed);
}

export class Learning {
  constructor() {
    this.reset();
  }

  reset() {
    this.proposed = null; // what the page proposed, field by field; null: the form shows something else
    this.site = null;
    this.pageUrl = null;
    this.senderDomain = null;
    this.usedFields = [];
  }

  /** After readOrderFromTab: what the page proposed, and which fields learned rules supplied. */
  remember(read) {
    this.reset();
    if (!read || !read.readable || !read.result) return;
    const { result } = read;
    this.site = (read.learned && read.learned.site) || null;
    this.usedFields = (read.learned && read.learned.fields) || [];
    this.pageUrl = result.page_url || null;
    this.senderDomain = typeof result.sender_domain === 'string' ? result.sender_domain : null;
    this.proposed = {};
    for (const field of LEARNABLE_FIELDS) this.proposed[field] = result.found ? result[field] ?? null : null;
  }

  /** The form now shows something else than this page's reading (an outbox entry being fixed). */
  forget() {
    this.proposed = null;
  }

  /** Shows, after `anchor`, which fields came from what the user corrected on this site before. */
  showUsed(anchor) {
    const old = document.getElementById(NOTICE_ID);
    if (old) old.remove();
    if (!this.usedFields.length || !anchor) return;
    anchor.after(el('p', { id: NOTICE_ID, className: 'hint learned' },
      `Using what you corrected on this site before: ${words(this.usedFields)}.`));
  }

  /** [{field, value}] the user changed in `capture` (the capture as sent, values cleaned). */
  corrections(capture) {
    if (!this.proposed || !capture) return [];
    const out = [];
    for (const field of LEARNABLE_FIELDS) {
      const value = capture[field];
      if (typeof value !== 'string' || !value.trim()) continue;
      if (changed(field, value, this.proposed[field])) out.push({ field, value: value.trim() });
    }
    return out;
  }

  /**
   * Learns where the corrected values stand on the tab's page; {site, learned: [fields]} or
   * null when nothing was corrected, the site takes no rules, or the page cannot be read.
   */
  async learnFrom(tabId, capture) {
    const changes = this.corrections(capture);
    if (!changes.length || !this.site || !this.pageUrl || !Number.isInteger(tabId)) return null;
    let rules = null;
    try {
      rules = await anchorsInTab(tabId, this.pageUrl, changes);
      if (rules === 'missing') {
        await ext.scripting.executeScript({ target: { tabId }, files: [BUNDLE] });
        rules = await anchorsInTab(tabId, this.pageUrl, changes);
      }
    } catch {
      return null;
    }
    if (!Array.isArray(rules)) return null;
    // What is tracked now is what the page proposes from here on.
    for (const { field, value } of changes) this.proposed[field] = value;
    if (!rules.length) return { site: this.site, learned: [], missed: changes.map((c) => c.field) };
    try {
      const answer = await ask(MSG.LEARN_FIELDS, { url: this.pageUrl, sender_domain: this.senderDomain, rules });
      const learned = answer.learned || [];
      return { site: answer.site, learned, missed: changes.map((c) => c.field).filter((f) => !learned.includes(f)) };
    } catch {
      return null;
    }
  }
}

/** Runs learnAnchor in the tab for each change: the rules found, 'missing' (no bundle there), or null (another page now). */
async function anchorsInTab(tabId, pageUrl, changes) {
  const [injection] = await ext.scripting.executeScript({
    target: { tabId },
    func: (wantedUrl, wanted) => {
      if (location.href !== wantedUrl) return null;
      const extract = globalThis.RefundTrackerExtract;
      if (!extract || typeof extract.learnAnchor !== 'function') return 'missing';
      return wanted.map(({ field, value }) => extract.learnAnchor(document, location.href, field, value)).filter(Boolean);
    },
    args: [pageUrl, changes],
  });
  return injection ? injection.result : null;
}

/** The sentence for the result box after Track: what was learnt for the site, or null. */
export function learntSentence(outcome) {
  if (!outcome || !outcome.learned.length) return null;
  return `Learnt for ${outcome.site}: where the ${words(outcome.learned)} stand${outcome.learned.length === 1 ? 's' : ''} on its pages; `
    + 'used the next time you open the popup on an order there (Settings lists what was learnt).';
}
