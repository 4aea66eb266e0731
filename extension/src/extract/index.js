// Order extraction: extractOrder(doc, url) reads the order shown on a page.
//
// Everything under src/extract/ is pure: it reads only the Document it is
// given (no window, chrome.*, network or clock), so the same modules run in the
// browser and under Node with a DOM implementation for tests and the
// command-line tool (tools/extract.mjs).
//
// The extension injects bundle.js, a classic script generated from these
// modules by tools/build-bundle.mjs (executeScript({files}) cannot load ES
// modules); it defines globalThis.RefundTrackerExtract = {extractOrder, analyzeOrder}.
// A test fails when bundle.js is out of date: run `npm run build:bundle`.

import { RESULT_KEYS } from './fields.js';
import { readPage } from './page.js';
import { extractFromSites } from './extractors/site.js';
import { extractFromJsonLd } from './extractors/jsonld.js';
import { extractFromMicrodata } from './extractors/microdata.js';
import { extractFromText } from './extractors/text.js';
import { mergeCandidates, assessPage, describeSources } from './score.js';
import { cleanText } from './normalize.js';
import { extractFromLearned } from './learn/apply.js';

export { RESULT_KEYS };

const EXTRACTORS = [extractFromSites, extractFromJsonLd, extractFromMicrodata, extractFromText];

/**
 * The extraction with its workings: every extractor's candidate, the merged
 * fields with their sources, the evidence behind `found`, and any extractor
 * that threw (the others still count).
 * @param {Document} doc
 * @param {string|null} [url]
 * @param {{learned?: object[]}} [options] `learned`: the rules the user's corrections taught
 *   for this site (learn/anchors.js), tried before every other extractor
 */
export function analyzeOrder(doc, url = null, { learned = [] } = {}) {
  const page = readPage(doc, url);
  const candidates = [];
  const errors = [];
  if (Array.isArray(learned) && learned.length) {
    try {
      candidates.push(extractFromLearned(page, learned));
    } catch (error) {
      errors.push(`extractFromLearned: ${error && error.message}`);
    }
  }
  for (const extractor of EXTRACTORS) {
    try {
      const produced = extractor(page);
      candidates.push(...(Array.isArray(produced) ? produced : [produced]));
    } catch (error) {
      errors.push(`${extractor.name}: ${error && error.message}`);
    }
  }
  const merged = mergeCandidates(candidates);
  const assessment = assessPage(candidates, merged);

  const result = {};
  for (const key of RESULT_KEYS) result[key] = null;
  result.found = assessment.found;
  if (assessment.found) {
    for (const [field, entry] of Object.entries(merged)) result[field] = entry.value;
    result.source = describeSources(merged);
  }
  result.page_url = page.url;
  result.page_title = page.title || null;
  result.confidence = assessment.confidence;
  // The extractors clean what they read, but whatever a rule or a future
  // extractor sets, no text field leaves with a control, zero-width or bidi
  // character, or a line break (see normalize.js).
  for (const key of RESULT_KEYS) {
    if (typeof result[key] === 'string') result[key] = cleanText(result[key], Infinity);
  }
  return { result, merged, candidates, evidence: assessment.evidence, errors };
}

/**
 * @param {Document} doc the page (or email) showing the order
 * @param {string|null} [url] its address
 * @returns {{found: boolean, order_number: string|null, order_date: string|null,
 *   amount: string|null, currency: string|null, product: string|null,
 *   account_email: string|null, payment_method: string|null, auto_renews: boolean|null, renewal_date: string|null,
 *   merchant_name: string|null, seller_name: string|null, page_url: string|null,
 *   page_title: string|null, source: string|null, confidence: number}}
 *   When `found` is false every order field is null: a doubtful capture is
 *   worse than none.
 */
export function extractOrder(doc, url = null, options = {}) {
  return analyzeOrder(doc, url, options).result;
}
