// The shape of an extraction result, and the per-extractor "candidate" that
// the scorer merges: each field value comes with a weight saying how much the
// extractor trusts it (0-1).

/** Keys of extractOrder()'s result, in the order the command-line tool prints them. */
export const RESULT_KEYS = [
  'found', 'order_number', 'order_date', 'amount', 'currency', 'product', 'account_email',
  'payment_method', 'auto_renews', 'renewal_date', 'merchant_name', 'seller_name', 'items', 'page_url', 'page_title',
  'source', 'confidence',
];

/** The fields extractors look for. */
export const ORDER_FIELDS = [
  'order_number', 'order_date', 'amount', 'currency', 'product', 'account_email', 'payment_method',
  'auto_renews', 'renewal_date', 'merchant_name', 'seller_name', 'items',
];

export class Candidate {
  /** @param {string} source e.g. "jsonld", "site:digitalriver", "text" */
  constructor(source) {
    this.source = source;
    /** @type {Record<string, {value: any, weight: number}>} */
    this.fields = {};
    /** Evidence about the page as a whole (is it a confirmation? a cart?). */
    this.signals = {};
  }

  /** Records a value unless empty or weaker than one already recorded. */
  set(name, value, weight) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return;
    const previous = this.fields[name];
    if (!previous || weight > previous.weight) this.fields[name] = { value, weight };
  }

  get(name) {
    return this.fields[name] ? this.fields[name].value : null;
  }

  isEmpty() {
    return Object.keys(this.fields).length === 0;
  }
}
