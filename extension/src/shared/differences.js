// What to tell the user when an order they track again is already tracked and this page
// states some facts otherwise: the server merged the capture but kept the case's values
// (the user may have edited them), and listed the disagreements as `differences`. The line
// items are the exception (`kept: 'capture'`): a page that lists them replaces the case's.

import { formatDate } from './dates.js';

const LABELS = {
  order_date: 'order date',
  amount: 'amount',
  currency: 'currency',
  product: 'product',
  plan: 'plan',
  account_email: 'account email',
  payment_method: 'payment method',
  auto_renews: 'automatic renewal',
  renewal_date: 'renewal date',
  reason: 'reason',
};

const NAMED = 2;
const LONGEST = 60;

function shown(field, value) {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'order_date' || field === 'renewal_date') return formatDate(value);
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}

/**
 * The sentence for a merged capture's `differences` ({field, case, capture} each), or null when
 * there are none. A different amount is shown with its currency ("49.95 USD"), taken from the
 * currency difference when there is one, else from `caseCurrency` / `pageCurrency`; the two
 * then count as one. At most two differences are named, then "and N more".
 * A difference the case took from the page (`kept: 'capture'`, the line items) is said as such.
 * @param {Array<{field: string, case: any, capture: any, kept?: 'case'|'capture'}>} differences
 * @param {{caseCurrency?: string|null, pageCurrency?: string|null}} [currencies]
 * @returns {string|null}
 */
export function differencesSentence(differences, { caseCurrency = null, pageCurrency = null } = {}) {
  if (!Array.isArray(differences)) return null;
  const valid = differences.filter((d) => d && typeof d.field === 'string');
  const list = valid.filter((d) => d.kept !== 'capture');
  const replaced = valid.filter((d) => d.kept === 'capture').map(replacedSentence);
  if (list.length === 0) return replaced.length ? ['Already tracked.', ...replaced].join(' ') : null;
  const kept = keptSentence(list, caseCurrency, pageCurrency);
  return [kept, ...replaced].join(' ');
}

function count(list, word) {
  const n = Array.isArray(list) ? list.length : 0;
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

function replacedSentence(d) {
  if (d.field === 'items') {
    return `The case now lists this page's items (${count(d.capture, 'item')}; it had ${count(d.case, 'item')}).`;
  }
  return `The case now has this page's ${LABELS[d.field] || d.field.replace(/_/g, ' ')}.`;
}

function keptSentence(list, caseCurrency, pageCurrency) {
  const currency = list.find((d) => d.field === 'currency');
  const amount = list.find((d) => d.field === 'amount');
  const facts = [];
  for (const d of list) {
    if (d.field === 'currency' && amount) continue;
    if (d.field === 'amount') {
      const held = currency ? currency.case : caseCurrency;
      const seen = currency ? currency.capture : pageCurrency || caseCurrency;
      facts.push({ label: 'amount', held: [shown('amount', d.case), held].filter(Boolean).join(' '),
        seen: [shown('amount', d.capture), seen].filter(Boolean).join(' ') });
    } else {
      facts.push({ label: LABELS[d.field] || d.field.replace(/_/g, ' '), held: shown(d.field, d.case), seen: shown(d.field, d.capture) });
    }
  }
  if (facts.length === 1) {
    const [only] = facts;
    return `Already tracked. The case keeps the ${only.label} ${only.held}; this page says ${only.seen} `
      + '— change it in Refund Tracker if the page is right.';
  }
  const named = facts.slice(0, NAMED).map((i) => `the ${i.label} ${i.held} (this page says ${i.seen})`);
  const more = facts.length - NAMED;
  const listed = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(' and ');
  return `Already tracked. The case keeps ${listed} — change them in Refund Tracker if the page is right.`;
}
