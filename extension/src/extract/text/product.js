// What was bought: elements the shop itself calls "product name" / "item
// title", else a receipt's table of line items (line-items.js), else the value
// of a "Product:" / "Artikel:" label.

import { cleanText } from '../normalize.js';
import { visibleLines } from '../page.js';
import { firstParsed, labelRegExp, labelledValues } from './labelled.js';
import { findLineItems } from './line-items.js';

const NAMED_BY_CLASS = /(?:product|item|article|lineitem|line-item|sku|plan)[-_]?(?:name|title|desc(?:ription)?)(?![a-z])|(?:^|[\s_-])(?:product|item)(?:[\s_-]|$)(?=.*title)/i;
const PRODUCT_LABEL = labelRegExp([
  String.raw`product(?:\s+name)?`, String.raw`item(?:\s+name)?`, String.raw`description`, String.raw`plan`, String.raw`subscription`,
  String.raw`artikel(?:bezeichnung)?`, String.raw`produkt(?:name)?`, String.raw`bezeichnung`, String.raw`beschreibung`, String.raw`produit`, String.raw`d[ée]signation`,
  String.raw`producto`, String.raw`art[íi]culo`, String.raw`prodotto`, String.raw`articolo`, String.raw`abonnement`, String.raw`abbonamento`,
  String.raw`suscripci[óo]n`, String.raw`abonnemang`, String.raw`omschrijving`, String.raw`商品名?`,
]);
const QUANTITY_TAIL = /\s+(?:qty|quantity|menge|anzahl|quantit[ée]|cantidad|quantit[àa]|aantal|antal|x\s?\d)\b.*$/iu;
const NOT_A_PRODUCT = /^(?:qty|quantity|price|unit price|total|subtotal|amount|tax|vat|menge|anzahl|preis|prix|quantit[ée]|precio|cantidad|prezzo|quantit[àa]|prijs|aantal|pris|antal|description|product|item|details?)$/i;
const MAX_PRODUCTS = 5;

function cleanProduct(text) {
  let value = cleanText(text, 300);
  if (!value) return null;
  value = value.replace(QUANTITY_TAIL, '').replace(/\s*(?:[-–|:]\s*)?(?:[$€£¥]\s?)?\d[\d.,]*\s?(?:[$€£¥]|[A-Z]{3})?$/u, '').trim();
  if (value.length < 3 || value.length > 160 || !/\p{L}{2}/u.test(value) || NOT_A_PRODUCT.test(value) || /[:：]$/.test(value)) return null;
  return value;
}

function joinDistinct(values) {
  const seen = new Set();
  const kept = [];
  for (const value of values) {
    const key = value.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      kept.push(value);
    }
    if (kept.length === MAX_PRODUCTS) break;
  }
  return kept.length ? kept.join('; ') : null;
}

/**
 * @param {{doc: Document, lines: string[]}} page
 * @returns {{value: string, weight: number}|null}
 */
export function findProduct(page) {
  const byClass = [];
  for (const el of page.doc.querySelectorAll('[class], [id]')) {
    const names = `${el.getAttribute('class') || ''} ${el.getAttribute('id') || ''}`;
    if (!NAMED_BY_CLASS.test(names)) continue;
    // The outermost element wins; its descendants repeat its text.
    if (byClass.length && byClass[byClass.length - 1].el.contains(el)) continue;
    const value = cleanProduct(visibleLines(el).join(' '));
    if (value) byClass.push({ el, value });
  }
  // One element the shop calls the product's name: the order's product. Several are a grid of
  // products (recommendations, "you may also like"), not what was bought.
  const distinct = [...new Set(byClass.map((p) => p.value.toLowerCase()))];
  if (distinct.length === 1) return { value: byClass[0].value, weight: 0.5 };

  // A receipt's table of line items, read by its header ("Item | Qty | Price").
  const lineItems = findLineItems(page.doc, page.locale, cleanProduct);
  if (lineItems && lineItems.headed) return { value: joinDistinct(lineItems.names), weight: 0.45 };

  const labelled = [];
  for (const hit of labelledValues(page.lines, PRODUCT_LABEL, { limit: 20 })) {
    const line = page.lines[hit.lineIndex];
    const afterLabel = line.slice(hit.labelEnd);
    // "Product: X", a table column or a label on its own line; not prose that happens to use the word.
    const standsAlone = line.split('\t').some((cell) => cell.trim().replace(/[:：]$/, '') === hit.label);
    if (!/^\s*[:：]/.test(afterLabel) && !standsAlone) continue;
    const value = firstParsed(hit, cleanProduct);
    if (value) labelled.push(value);
  }
  const fromLabel = joinDistinct(labelled);
  if (fromLabel) return { value: fromLabel, weight: 0.45 };
  // A table without a header: the priced rows above the totals.
  return lineItems ? { value: joinDistinct(lineItems.names), weight: 0.4 } : null;
}
