// Turns schema.org Order / Invoice objects (from JSON-LD or microdata, both
// read into the same plain-object shape) into order fields.

import { Candidate } from '../fields.js';
import { parseDate, dateOrderFor } from '../parse/date.js';
import { parseMoneyValue } from '../parse/money.js';
import { formatAmount, currencyFromSymbol } from '../parse/currency.js';
import { toMinorUnits, fromMinorUnits, parseDecimal } from '../parse/number.js';
import { cleanText, cleanOrderNumber, cleanOrgName, cleanEmail } from '../normalize.js';

/** The bare type names of a node: "http://schema.org/Order" -> "Order". */
export function typesOf(node) {
  if (!node || typeof node !== 'object') return [];
  const raw = node['@type'] ?? node.type;
  return (Array.isArray(raw) ? raw : [raw])
    .filter((t) => typeof t === 'string')
    .map((t) => t.replace(/^.*[/#:]/, ''));
}

const asList = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const first = (value) => asList(value)[0];

/** Every object in a JSON-LD value: arrays, @graph and nested properties, depth first. */
export function allNodes(value, out = [], depth = 0) {
  if (depth > 50 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const item of value) allNodes(item, out, depth + 1);
    return out;
  }
  out.push(value);
  for (const key of Object.keys(value)) allNodes(value[key], out, depth + 1);
  return out;
}

function text(value) {
  const v = first(value);
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return text(v['@value'] ?? v.value ?? v.name);
  return cleanText(String(v));
}

function nameOf(party) {
  const p = first(party);
  if (!p) return null;
  return cleanOrgName(typeof p === 'object' ? text(p.name ?? p.legalName) : String(p));
}

function emailOf(party) {
  const p = first(party);
  if (!p) return null;
  return cleanEmail(typeof p === 'object' ? text(p.email) : String(p));
}

function identifierOf(node) {
  for (const key of ['orderNumber', 'confirmationNumber', 'identifier', 'invoiceNumber']) {
    const value = first(node[key]);
    const raw = value && typeof value === 'object' ? value.value ?? value['@value'] ?? value.name : value;
    const number = raw !== undefined && raw !== null ? cleanOrderNumber(String(raw)) : null;
    if (number) return number;
  }
  return null;
}

// "usd" -> "USD"; a symbol ("€") is read like one printed on the page.
function isoCurrency(value, locale) {
  const raw = text(value);
  if (!raw) return null;
  return /^[a-z]{3}$/i.test(raw) ? raw.toUpperCase() : currencyFromSymbol(raw, locale);
}

// A price-like value: {price|value, priceCurrency|currency} or a plain price.
function moneyOf(node, locale, fallbackCurrency) {
  if (node === null || node === undefined) return null;
  if (typeof node !== 'object') {
    const parsed = parseMoneyValue(node, locale);
    return parsed ? { ...parsed, currency: parsed.currency || fallbackCurrency || null } : null;
  }
  const currency = isoCurrency(node.priceCurrency ?? node.currency, locale) || fallbackCurrency || null;
  for (const key of ['price', 'value', 'totalPrice', 'amount']) {
    if (node[key] === undefined) continue;
    const price = first(node[key]);
    const parsed = typeof price === 'object' ? moneyOf(price, locale, currency) : parseMoneyValue(price, locale);
    if (parsed) return { amount: parsed.amount, currency: currency || parsed.currency || null };
  }
  if (node.priceSpecification) return moneyOf(first(node.priceSpecification), locale, currency);
  return null;
}

function normalizedMoney(money) {
  if (!money) return null;
  const decimal = parseDecimal(money.amount);
  if (decimal === null) return null;
  return { amount: formatAmount(decimal, money.currency), currency: money.currency };
}

function offersOf(order) {
  return [...asList(order.acceptedOffer), ...asList(order.orderedItem)].filter((o) => o && typeof o === 'object');
}

function productName(item) {
  if (!item || typeof item !== 'object') return null;
  const types = typesOf(item);
  if (types.includes('Offer')) return productName(first(item.itemOffered)) || text(item.name);
  if (types.includes('OrderItem')) return productName(first(item.orderedItem)) || text(item.name);
  if (item.itemOffered) return productName(first(item.itemOffered));
  return text(item.name);
}

function quantityOf(item) {
  const q = first(item.orderQuantity ?? item.eligibleQuantity ?? item.quantity);
  const value = q && typeof q === 'object' ? q.value : q;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n < 1000 ? n : 1;
}

// The sum of the line items, when the order has no total of its own.
function offersTotal(offers, locale, orderCurrency) {
  let units = 0;
  let currency = orderCurrency;
  let counted = 0;
  for (const offer of offers) {
    const money = moneyOf(offer, locale, orderCurrency);
    if (!money) continue;
    if (currency && money.currency && money.currency !== currency) return null;
    currency = currency || money.currency;
    const decimal = parseDecimal(money.amount);
    if (decimal === null) return null;
    units += toMinorUnits(decimal, 3) * quantityOf(offer);
    counted += 1;
  }
  if (!counted) return null;
  return { amount: formatAmount(fromMinorUnits(units, 3), currency), currency: currency || null };
}

/**
 * Fills `candidate` from the best Order (or Invoice) among `nodes`.
 * @param {object[]} nodes every object found in the page's structured data
 * @param {Candidate} candidate
 * @param {{locale: object, weight: number}} options
 */
export function fillFromSchemaNodes(nodes, candidate, { locale, weight }) {
  const types = new Set(nodes.flatMap(typesOf));
  candidate.signals.types = [...types];
  const orders = nodes.filter((n) => typesOf(n).includes('Order'));
  const invoices = nodes.filter((n) => typesOf(n).includes('Invoice'));
  // Pages repeat an order (a cut-off block, then a full one): the most complete one wins.
  const richness = (node) => (identifierOf(node) ? 100 : 0) + Object.keys(node).length;
  const order = [...orders].sort((a, b) => richness(b) - richness(a))[0]
    || invoices.map((i) => first(i.referencesOrder)).find((o) => o && typeof o === 'object');
  const invoice = invoices.find((i) => !order || asList(i.referencesOrder).includes(order)) || invoices[0];
  const main = order || invoice;
  if (!main) return candidate;

  const number = identifierOf(main) || (invoice && identifierOf(invoice));
  candidate.signals.structuredOrder = Boolean(number);
  candidate.signals.structuredOrderType = true;
  candidate.set('order_number', number, weight);
  candidate.set('order_date', parseDate(text(main.orderDate ?? main.dateCreated ?? (invoice && invoice.paymentDate)), { order: dateOrderFor(locale) }), weight);
  // Gmail's order markup names the shop `merchant`; schema.org's newer name is `seller`. When
  // an order has both, the merchant is the shop and the seller the reseller that charged.
  const merchant = nameOf(main.merchant ?? main.seller ?? main.provider ?? (invoice && invoice.provider));
  candidate.set('merchant_name', merchant, weight);
  const seller = main.merchant && main.seller ? nameOf(main.seller) : null;
  if (seller && seller !== merchant) candidate.set('seller_name', seller, weight);
  candidate.set('account_email', emailOf(main.customer ?? (invoice && invoice.customer)), weight);

  const offers = offersOf(main);
  const items = offers.map((offer) => {
    const name = productName(offer);
    if (!name) return null;
    const quantity = quantityOf(offer);
    const money = normalizedMoney(moneyOf(offer, locale, isoCurrency(main.priceCurrency ?? main.currency, locale)));
    // Offer prices are per unit: the line's price is known only for one unit.
    return { name, variant: null, quantity, price: money && quantity === 1 ? money.amount : null };
  }).filter(Boolean);
  candidate.set('product', items.length ? items[0].name : null, weight);
  // The page's printed rows (text) say more than the markup's offers: these only fill in.
  candidate.set('items', items.slice(0, 1000), Math.min(weight, 0.4));

  const orderCurrency = isoCurrency(main.priceCurrency ?? main.currency, locale);
  const total = normalizedMoney(
    moneyOf(first(main.totalPaymentDue), locale, orderCurrency)
      || (invoice && moneyOf(first(invoice.totalPaymentDue), locale, orderCurrency))
      || (main.price !== undefined || main.totalPrice !== undefined ? moneyOf(main, locale, orderCurrency) : null)
      || (main.partOfInvoice && moneyOf(first(first(main.partOfInvoice).totalPaymentDue), locale, orderCurrency)),
  );
  if (total) {
    candidate.set('amount', total.amount, weight);
    candidate.set('currency', total.currency, weight);
  } else {
    // Offer prices are list prices before tax: weaker than a total printed on the page.
    const sum = offersTotal(offers, locale, orderCurrency);
    if (sum) {
      candidate.set('amount', sum.amount, weight * 0.75);
      candidate.set('currency', sum.currency, weight * 0.75);
    }
  }
  return candidate;
}
