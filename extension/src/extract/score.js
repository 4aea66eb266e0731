// Merging the extractors' candidates into one order, and deciding from the
// evidence whether the page is an order confirmation at all. A false capture
// is worse than none, so pages that only talk about orders (cart, checkout
// form, product, pricing, login, article) must not reach the threshold.

import { ORDER_FIELDS } from './fields.js';

export const FOUND_THRESHOLD = 0.5;

// On equal weight, earlier sources win.
const SOURCE_ORDER = ['learned', 'site', 'jsonld', 'microdata', 'text'];
const sourceRank = (source) => SOURCE_ORDER.indexOf(source.split(':')[0]);

const PRODUCT_TYPES = new Set(['Product', 'ProductGroup', 'ProductModel', 'SoftwareApplication', 'AggregateOffer', 'ItemPage']);
const ARTICLE_TYPES = new Set(['Article', 'BlogPosting', 'NewsArticle', 'TechArticle', 'FAQPage', 'HowTo', 'QAPage']);

/**
 * Best value for every field across candidates: highest weight, then source order.
 * Amount and currency are taken together so a total keeps its own currency.
 * @param {import('./fields.js').Candidate[]} candidates
 * @returns {Record<string, {value: any, weight: number, source: string}>}
 */
export function mergeCandidates(candidates) {
  const ordered = [...candidates].sort((a, b) => sourceRank(a.source) - sourceRank(b.source));
  const best = {};
  for (const field of ORDER_FIELDS) {
    for (const candidate of ordered) {
      const entry = candidate.fields[field];
      if (entry && (!best[field] || entry.weight > best[field].weight)) {
        best[field] = { value: entry.value, weight: entry.weight, source: candidate.source };
      }
    }
  }
  if (best.amount) {
    const owner = candidates.find((c) => c.source === best.amount.source);
    const own = owner && owner.fields.currency;
    if (own) best.currency = { value: own.value, weight: own.weight, source: owner.source };
  }
  return best;
}

/**
 * @param {import('./fields.js').Candidate[]} candidates
 * @param {ReturnType<typeof mergeCandidates>} merged
 * @returns {{found: boolean, confidence: number, evidence: string[]}}
 */
export function assessPage(candidates, merged) {
  const text = candidates.find((c) => c.source === 'text');
  const t = text ? text.signals : {};
  const structured = candidates.filter((c) => c.source === 'jsonld' || c.source === 'microdata');
  const sites = candidates.filter((c) => c.source.startsWith('site:'));
  const types = new Set(structured.flatMap((c) => c.signals.types || []));
  const structuredOrder = structured.some((c) => c.signals.structuredOrder);
  const structuredOrderType = structured.some((c) => c.signals.structuredOrderType);

  const evidence = [];
  let score = 0;
  const add = (points, why) => {
    score += points;
    evidence.push(`${points > 0 ? '+' : ''}${points.toFixed(2)} ${why}`);
  };

  if (structuredOrder) add(0.55, 'schema.org Order/Invoice with a number');
  else if (structuredOrderType) add(0.25, 'schema.org Order/Invoice');
  if (sites.some((c) => c.signals.siteConfirmation)) add(0.35, 'site rule: confirmation page');
  else if (sites.length) add(-0.2, 'site rule: not a confirmation page');
  if (t.confirmation > 0) add(0.3, 'confirmation wording');
  if (t.orderContext) add(0.1, 'order details / receipt wording');
  if (merged.order_number) {
    const labelled = merged.order_number.source !== 'text' || t.labelledOrderNumber;
    add(labelled ? 0.25 : 0.15, 'order number');
  }
  if (merged.amount) add(0.1, 'amount');
  if (merged.order_date) add(0.05, 'order date');
  if (merged.account_email) add(0.05, 'account email');

  if (t.paymentForm) add(-0.45, 'card payment form');
  if (t.prepaymentButton) add(-0.3, '"place order" / "pay now" button');
  if (t.cart) add(-0.35, 'shopping cart');
  if (t.login) add(-0.4, 'login form');
  const siteConfirms = sites.some((c) => c.signals.siteConfirmation);
  // A shop's thank-you page that says so often recommends products with buttons of their own.
  if (t.productButtons) {
    if (siteConfirms && t.confirmation > 0) add(-0.1, '"add to cart" buttons on a confirmation page (recommendations)');
    else add(-0.25, '"add to cart" / "buy now" button');
  }
  if (t.pricing) add(-0.3, 'pricing plans');
  if (t.article) add(-0.4, 'article');
  else if (t.articleMeta && !siteConfirms) add(-0.4, 'article (og:type)');
  if (t.paymentFailed) add(-0.5, 'payment failed / card declined');
  if (t.mailbox) add(-0.6, 'a mailbox with no message open');
  if (t.help) add(-0.3, 'help / FAQ page');
  if (!structuredOrderType && [...types].some((type) => PRODUCT_TYPES.has(type))) add(-0.25, 'schema.org product page');
  if (!structuredOrderType && [...types].some((type) => ARTICLE_TYPES.has(type))) add(-0.4, 'schema.org article');

  // A shop's own confirmation page that says so may print nothing else (OpenCart's success page).
  const hasCore = Boolean(merged.order_number) || structuredOrder || (t.confirmation > 0 && Boolean(merged.amount))
    || (siteConfirms && t.confirmation > 0);
  const found = hasCore && score >= FOUND_THRESHOLD;
  let confidence = Math.max(0, Math.min(1, score));
  if (!found) confidence = Math.min(confidence, FOUND_THRESHOLD - 0.01);
  if (!hasCore) evidence.push('no order number, structured order, or confirmation with a total');
  return { found, confidence: Math.round(confidence * 100) / 100, evidence };
}

/** "site:digitalriver+text": the sources that supplied the chosen fields, most specific first. */
export function describeSources(merged) {
  const sources = new Set(Object.values(merged).map((entry) => entry.source));
  return [...sources].sort((a, b) => sourceRank(a) - sourceRank(b)).join('+') || null;
}
