// What to tell the user when an order they track again is already tracked and this page
// states some facts otherwise: the server merged the capture but kept the case's values
// (the user may have edited them), and listed the disagreements as `differences`.

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
 * @param {Array<{field: string, case: any, capture: any}>} differences
 * @param {{caseCurrency?: string|null, pageCurrency?: string|null}} [currencies]
 * @returns {string|null}
 */
export function differencesSentence(differences, { caseCurrency = null, pageCurrency = null } = {}) {
  if (!Array.isArray(differences)) return null;
  const list = differences.filter((d) => d && typeof d.field === 'string');
  if (list.length === 0) return null;
  const currency = list.find((d) => d.field === 'currency');
  const amount = list.find((d) => d.field === 'amount');
  const items = [];
  for (const d of list) {
    if (d.field === 'currency' && amount) continue;
    if (d.field === 'amount') {
      const held = currency ? currency.case : caseCurrency;
      const seen = currency ? currency.capture : pageCurrency || caseCurrency;
      items.push({ label: 'amount', held: [shown('amount', d.case), held].filter(Boolean).join(' '),
        seen: [shown('amount', d.capture), seen].filter(Boolean).join(' ') });
    } else {
      items.push({ label: LABELS[d.field] || d.field.replace(/_/g, ' '), held: shown(d.field, d.case), seen: shown(d.field, d.capture) });
    }
  }
  if (items.length === 1) {
    const [only] = items;
    return `Already tracked. The case keeps the ${only.label} ${only.held}; this page says ${only.seen} `
      + '— change it in Refund Tracker if the page is right.';
  }
  const named = items.slice(0, NAMED).map((i) => `the ${i.label} ${i.held} (this page says ${i.seen})`);
  const more = items.length - NAMED;
  const listed = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(' and ');
  return `Already tracked. The case keeps ${listed} — change them in Refund Tracker if the page is right.`;
}
