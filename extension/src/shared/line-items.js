// The order's line items: what the extractor found, made into what the server's
// CaptureIn takes (`items`), and the lines the popup shows of them. Pure.
//
// The user sees the items but cannot edit them, so nothing here refuses a capture:
// what the server would refuse is tidied (a control character removed, a name cut
// to its length, a price that is not a decimal left out) or the item dropped.

import { stripControls } from '../extract/normalize.js';

export const MAX_ITEMS = 1000;
const NAME_MAX = 300;
const VARIANT_MAX = 200;
const QUANTITY_MAX = 1_000_000;
// An amount as the server takes it (server/domain/models.py; tests/server/test_parity.py).
export const MONEY = /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$/;

function oneLine(value, max) {
  if (typeof value !== 'string') return null;
  const text = stripControls(value).replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function cleanQuantity(value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > QUANTITY_MAX) return null;
  return Math.round(value * 1000) / 1000; // the server takes at most 3 decimals
}

function cleanPrice(value) {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  return MONEY.test(text) ? text : null;
}

/**
 * The items as the server takes them ({name, variant, quantity, price} each, in page order),
 * or null when there are none worth sending. An item without a name is dropped, and so is
 * every item after the first MAX_ITEMS.
 * @param {unknown} items the extraction's `items`
 * @returns {Array<{name: string, variant: string|null, quantity: number|null, price: string|null}>|null}
 */
export function cleanItems(items) {
  if (!Array.isArray(items)) return null;
  const clean = [];
  for (const item of items) {
    if (clean.length === MAX_ITEMS) break;
    if (!item || typeof item !== 'object') continue;
    const name = oneLine(item.name, NAME_MAX);
    if (!name) continue;
    clean.push({
      name,
      variant: oneLine(item.variant, VARIANT_MAX),
      quantity: cleanQuantity(item.quantity),
      price: cleanPrice(item.price),
    });
  }
  return clean.length ? clean : null;
}

/** 2 -> "2", 1.5 -> "1.5". */
function quantityText(quantity) {
  return Number.isInteger(quantity) ? String(quantity) : String(Number(quantity.toFixed(3)));
}

/** "2 × Merino Wool Throw Blanket — Charcoal / Queen · 98.00" (what is known of it). */
export function itemLine(item) {
  let line = item.name;
  if (item.quantity !== null && item.quantity !== undefined) line = `${quantityText(item.quantity)} × ${line}`;
  if (item.variant) line += ` — ${item.variant}`;
  if (item.price) line += ` · ${item.price}`;
  return line;
}

/**
 * The popup's lines for the items: at most `limit`, then how many more there are.
 * @returns {{lines: string[], more: number}}
 */
export function itemsPreview(items, limit = 5) {
  const list = Array.isArray(items) ? items : [];
  const shown = list.length > limit ? list.slice(0, limit) : list;
  return { lines: shown.map(itemLine), more: list.length - shown.length };
}
