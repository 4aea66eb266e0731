// Fields the user corrected on an earlier page of the same site, read again
// where the correction showed they stand (see anchors.js). Applied before
// every other extractor's guess: the user has shown the way on this site.

import { Candidate } from '../fields.js';
import { applyAnchor } from './anchors.js';
import { contextFor, readValue, withOrder } from './values.js';
import { LEARNABLE_FIELDS } from './rule.js';

/** Above every extractor's own weight: a value the user pointed at. */
export const LEARNED_WEIGHT = 0.97;
const MAX_RULES = 40;

const byNewest = (a, b) => String(b.learned_at || '').localeCompare(String(a.learned_at || ''));

/**
 * @param {ReturnType<import('../page.js').readPage>} page
 * @param {object[]} rules learned rules for this page's site
 * @returns {Candidate} signals.learnedFields: the fields a rule supplied
 */
export function extractFromLearned(page, rules) {
  const candidate = new Candidate('learned');
  const learned = [];
  candidate.signals = { learnedFields: learned };
  if (!page || !page.doc || !Array.isArray(rules)) return candidate;
  const ctx = contextFor(page);
  // The newest rule for a field that finds a value wins; an older one is tried when it finds none
  // (another template of the same site).
  const ordered = rules.filter((rule) => rule && typeof rule === 'object' && LEARNABLE_FIELDS.includes(rule.field)
    && rule.anchor && typeof rule.anchor === 'object').sort(byNewest).slice(0, MAX_RULES);
  for (const rule of ordered) {
    if (learned.includes(rule.field)) continue;
    const ruleCtx = withOrder(ctx, rule.order);
    const text = applyAnchor(page.doc, rule, (t) => readValue(rule.field, t, ruleCtx) !== null);
    const read = text === null ? null : readValue(rule.field, text, ruleCtx);
    if (!read) continue;
    candidate.set(rule.field, read.value, LEARNED_WEIGHT);
    if (rule.field === 'amount' && read.currency) candidate.set('currency', read.currency, LEARNED_WEIGHT);
    learned.push(rule.field);
  }
  return candidate;
}
