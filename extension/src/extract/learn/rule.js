// What a learned rule is made of, without the code that learns or applies
// one: the fields a correction can teach, the ways a label can stand next to
// its value, and a rule's anchor in words. Imported by the background worker
// and the settings page, which store and list rules but never read a page.
//
// A rule (made by anchors.js learnAnchor; the background adds id and learned_at):
//   {field, anchor, example, order?, id?, learned_at?}
//   anchor {kind: 'label', relation: one of RELATIONS, label: folded text ("vorgang")}
//        | {kind: 'path', attribute: 'id'|'itemprop'|'data-…'|'name'|'class', value, tag,
//           steps: [{tag, index}]}   the element with that attribute, then its children
//                                    by tag and index among the children of that tag
//   example   the value it read on the page it was learnt on
//   order     'dmy'|'mdy': a slash date that read right only in that day/month order

/** The fields a correction can teach, in the order the popup shows them. */
export const LEARNABLE_FIELDS = Object.freeze([
  'product', 'merchant_name', 'seller_name', 'order_number', 'order_date', 'amount', 'account_email',
  'payment_method', 'renewal_date',
]);

/** How a label stands to its value, most telling first. */
export const RELATIONS = Object.freeze(['same_text', 'next_cell', 'column', 'next_line']);

/** The fields in words, as the popup labels them. */
export const FIELD_WORDS = Object.freeze({
  product: 'product', merchant_name: 'shop', seller_name: 'seller', order_number: 'order number',
  order_date: 'date', amount: 'amount', account_email: 'account email', payment_method: 'payment method',
  renewal_date: 'renewal date',
});

const ATTRIBUTE_WORDS = { id: 'id', itemprop: 'itemprop', name: 'name', class: 'class' };

/** The anchor in words, for the settings page: 'next to “vorgang”'. */
export function describeAnchor(anchor) {
  if (!anchor || typeof anchor !== 'object') return 'somewhere no longer understood';
  if (anchor.kind === 'label') {
    const label = `“${anchor.label}”`;
    switch (anchor.relation) {
      case 'same_text': return `after ${label} on the same line`;
      case 'next_cell': return `next to ${label}`;
      case 'column': return `in the column ${label}`;
      case 'next_line': return `on the line under ${label}`;
      default: return `near ${label}`;
    }
  }
  if (anchor.kind === 'path') {
    const what = ATTRIBUTE_WORDS[anchor.attribute] || `attribute ${anchor.attribute}`;
    const where = anchor.steps && anchor.steps.length ? 'inside the element' : 'in the element';
    return `${where} with ${what} “${anchor.value}”`;
  }
  return 'somewhere no longer understood';
}
