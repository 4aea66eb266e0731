// A capture: what POST /api/v1/captures takes (the server's CaptureIn),
// built from the popup's form (the extractor's findings plus the user's
// edits) and checked the way the server checks it, so a mistake is shown
// while the user is still looking at the form rather than after a retry.
// Pure; used by the popup and again by the background worker.

import { isIsoDate } from './dates.js';
import { MONEY, cleanItems } from './line-items.js';
import { stripBlockControls, stripControls } from '../extract/normalize.js';

const MULTI_LINE = new Set(['reason']);

/** CaptureIn's fields; the server refuses any other. */
export const CAPTURE_FIELDS = Object.freeze([
  'capture_id', 'page_url', 'page_title', 'order_number', 'order_date', 'amount', 'currency', 'product',
  'items', 'plan', 'account_email', 'payment_method', 'auto_renews', 'renewal_date', 'merchant_name', 'seller_name',
  'source', 'confidence', 'reason',
]);

/** The form's editable fields, in display order, with their labels. */
export const FORM_FIELDS = Object.freeze([
  { name: 'product', label: 'Product', type: 'text', max: 300 },
  { name: 'merchant_name', label: 'Shop', type: 'text', max: 200, hint: 'the brand or shop you bought from' },
  { name: 'seller_name', label: 'Seller', type: 'text', max: 200, hint: 'merchant of record or reseller, if another company charged you' },
  { name: 'order_number', label: 'Order number', type: 'text', max: 100 },
  { name: 'order_date', label: 'Order date', type: 'date' },
  { name: 'amount', label: 'Amount', type: 'text', max: 20, hint: 'e.g. 49.95' },
  { name: 'currency', label: 'Currency', type: 'text', max: 3, hint: 'e.g. USD, EUR' },
  { name: 'account_email', label: 'Account email', type: 'email', max: 254 },
  { name: 'payment_method', label: 'Paid with', type: 'text', max: 300, hint: 'e.g. Visa ending in 4417, PayPal' },
  { name: 'auto_renews', label: 'Renews automatically', type: 'tristate' },
  { name: 'renewal_date', label: 'Renewal date', type: 'date' },
  { name: 'reason', label: 'Why you want a refund (optional)', type: 'textarea', max: 4000 },
]);

export const CAPTURE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LIMITS = {
  page_url: 2048, page_title: 300, order_number: 100, product: 300, plan: 300, account_email: 254,
  payment_method: 300, merchant_name: 200, seller_name: 200, source: 300, reason: 4000,
};

/** "49,95" -> "49.95", "1,234.50" -> "1234.50", "1.234,50" -> "1234.50", "$ 49.95" -> "49.95". */
export function normaliseAmount(text) {
  let value = String(text ?? '').replace(/[\s\u00a0\u202f']/g, '').replace(/^[^\d]+|[^\d]+$/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(value)) value = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,4}$/.test(value)) value = value.replace(',', '.');
  if (/^0\d/.test(value)) value = value.replace(/^0+(?=\d)/, '');
  return value;
}

/**
 * Checks and tidies a capture; returns {capture} or {errors: {field: message}}.
 * Empty values are left out (the server reads a missing field as "not known").
 */
export function cleanCapture(raw) {
  const capture = {};
  const errors = {};
  for (const field of CAPTURE_FIELDS) {
    let value = raw ? raw[field] : undefined;
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') {
      // A paste can bring a tab or an invisible control; the server refuses them.
      value = (MULTI_LINE.has(field) ? stripBlockControls(value) : stripControls(value)).trim();
      if (value === '') continue;
    }
    capture[field] = value;
  }
  if (typeof capture.capture_id !== 'string' || !CAPTURE_ID_PATTERN.test(capture.capture_id)) {
    errors.capture_id = 'missing or malformed capture id';
  }
  for (const [field, limit] of Object.entries(LIMITS)) {
    if (field in capture && (typeof capture[field] !== 'string' || capture[field].length > limit)) {
      errors[field] = `must be text of at most ${limit} characters`;
    }
  }
  if ('amount' in capture) {
    capture.amount = normaliseAmount(capture.amount);
    if (!MONEY.test(capture.amount)) errors.amount = 'must be a number like 49.95';
  }
  if ('currency' in capture) {
    capture.currency = String(capture.currency).toUpperCase();
    if (!/^[A-Z]{3}$/.test(capture.currency)) errors.currency = 'must be a three-letter code like USD or EUR';
  }
  for (const field of ['order_date', 'renewal_date']) {
    if (field in capture && !isIsoDate(capture[field])) errors[field] = 'must be a real date';
  }
  if ('account_email' in capture && !errors.account_email && !EMAIL.test(capture.account_email)) {
    errors.account_email = 'must be an email address';
  }
  if ('page_url' in capture && !errors.page_url && !/^https?:\/\/\S+$/.test(capture.page_url)) {
    delete capture.page_url; // a browser page or a local file: nothing a vendor could be matched by
  }
  if ('items' in capture) {
    // Shown but not editable: tidied into what the server takes, never an error to fix.
    const items = cleanItems(capture.items);
    if (items) capture.items = items;
    else delete capture.items;
  }
  if ('auto_renews' in capture && typeof capture.auto_renews !== 'boolean') errors.auto_renews = 'must be yes, no or unknown';
  if ('confidence' in capture && !(typeof capture.confidence === 'number' && capture.confidence >= 0 && capture.confidence <= 1)) {
    delete capture.confidence;
  }
  return Object.keys(errors).length ? { errors } : { capture };
}

/** The form's starting values from extractOrder()'s result (found or not). */
export function formValuesFromExtraction(result) {
  const values = {};
  for (const { name } of FORM_FIELDS) {
    const value = result ? result[name] : null;
    values[name] = value === null || value === undefined ? '' : value;
  }
  values.auto_renews = result && typeof result.auto_renews === 'boolean' ? (result.auto_renews ? 'yes' : 'no') : '';
  return values;
}

/**
 * The capture for the form's values.
 * @param {Record<string, string>} values the form (auto_renews: 'yes' | 'no' | '')
 * @param {{capture_id: string, extraction: object|null}} context (extraction: extractOrder()'s result,
 *   whose `items` are sent as they are, tidied)
 */
export function captureFromForm(values, { capture_id, extraction }) {
  const found = Boolean(extraction && extraction.found);
  const raw = {
    capture_id,
    page_url: extraction ? extraction.page_url : null,
    page_title: extraction && extraction.page_title ? String(extraction.page_title).slice(0, 300) : null,
    source: found ? extraction.source || 'extension' : 'manual',
    confidence: found ? extraction.confidence : null,
    // The page's line items, as read: the form does not show them for editing, so they are
    // kept whatever the user changes in it.
    items: extraction ? extraction.items : null,
  };
  for (const { name } of FORM_FIELDS) raw[name] = values[name];
  raw.auto_renews = values.auto_renews === 'yes' ? true : values.auto_renews === 'no' ? false : null;
  const result = cleanCapture(raw);
  if (!result.errors) {
    const facts = ['order_number', 'order_date', 'amount', 'product', 'merchant_name', 'seller_name'];
    if (!facts.some((f) => f in result.capture)) {
      return { errors: { product: 'Fill in at least the product, shop or order number.' } };
    }
  }
  return result;
}
