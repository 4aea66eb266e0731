// The values a learned rule reads, field by field: where a value the user
// typed stands in a line of page text (matched loosely: case, accents and
// spacing aside, a date or an amount printed otherwise than typed), how the
// text found at an anchor becomes a field value (the way the extractors
// clean theirs), and when two values are the same.

import { cleanEmail, cleanOrderNumber, cleanOrgName, cleanPaymentMethod, cleanText, findEmails } from '../normalize.js';
import { dateOrderFor, findDates, parseDate, slashDateOrderIn } from '../parse/date.js';
import { findMoney, pickMoney } from '../parse/money.js';
import { parseDecimal } from '../parse/number.js';
import { fold } from '../i18n/fold.js';

const DATE_FIELDS = new Set(['order_date', 'renewal_date']);
const NAME_FIELDS = new Set(['merchant_name', 'seller_name']);
const PRODUCT_MAX = 300;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * What reading values on a page needs: its locale and, worked out only when a
 * date is read, the day/month order of its slash dates.
 * @param {ReturnType<import('../page.js').readPage>} page
 */
export function contextFor(page) {
  let order = null;
  return {
    locale: page.locale,
    language: (page.locale && page.locale.language) || null,
    get order() {
      if (order === null) order = pageDateOrder(page);
      return order;
    },
  };
}

/** Day/month order for slash dates: an unambiguous one on the page settles it, else the locale (and its money). */
function pageDateOrder(page) {
  const slashLines = page.lines.filter((line) => line.includes('/') && /\d\/\d/.test(line));
  const settled = slashDateOrderIn(slashLines.join('\n'));
  if (settled) return settled;
  let currency = null;
  for (const line of page.lines) {
    const money = findMoney(line, page.locale).find((m) => m.currency);
    if (money) {
      currency = money.currency;
      break;
    }
  }
  return dateOrderFor(page.locale, currency);
}

/** The context with a rule's own date order, when the rule learned one. */
export function withOrder(ctx, order) {
  if (order !== 'dmy' && order !== 'mdy') return ctx;
  return { locale: ctx.locale, language: ctx.language, order };
}

/** "58,40" / "58.40" / "1.234,50" -> 58.4, 1234.5; null when not a number. */
export function amountNumber(value) {
  const decimal = parseDecimal(String(value ?? '').replace(/[^\d.,\s'’-]/g, '').trim());
  if (decimal === null) return null;
  const number = Number(decimal);
  return Number.isFinite(number) ? number : null;
}

const sameAmount = (a, b) => a !== null && b !== null && Math.abs(a - b) < 0.005;

function phrasePattern(text) {
  return fold(text).trim().split(/\s+/).map((word) => word.replace(REGEX_SPECIAL, '\\$&')).join('\\s+');
}

const WORD_EDGE = String.raw`[\p{L}\p{N}]`;

function wholeMatches(line, phrase, { before = WORD_EDGE, after = WORD_EDGE } = {}) {
  const body = phrasePattern(phrase);
  if (!body) return [];
  const start = /^[\p{L}\p{N}]/u.test(phrase.trim()) ? `(?<!${before})` : '';
  const end = /[\p{L}\p{N}]$/u.test(phrase.trim()) ? `(?!${after})` : '';
  const re = new RegExp(start + body + end, 'gu');
  const hits = [];
  for (const m of fold(line).matchAll(re)) hits.push({ index: m.index, end: m.index + m[0].length });
  return hits;
}

/**
 * Where `value` (as the user typed it) stands in one line of page text.
 * @returns {{index: number, end: number, order?: 'dmy'|'mdy'}[]} positions in `line`;
 *   `order` when the match is a slash date that only reads right in that day/month order
 */
export function locateValue(field, value, line, ctx) {
  const wanted = String(value ?? '').trim();
  if (!wanted || !line) return [];
  if (DATE_FIELDS.has(field)) {
    const orders = ctx.order === 'dmy' ? ['dmy', 'mdy'] : ['mdy', 'dmy'];
    for (const order of orders) {
      const hits = findDates(line, { order, language: ctx.language }).filter((hit) => hit.iso === wanted);
      if (hits.length) return hits.map((hit) => ({ index: hit.index, end: hit.end, ...(hit.ambiguous ? { order } : {}) }));
    }
    return [];
  }
  if (field === 'amount') {
    const number = amountNumber(wanted);
    if (number === null) return [];
    return findMoney(line, ctx.locale).filter((m) => sameAmount(amountNumber(m.amount), number))
      .map((m) => ({ index: m.index, end: m.end }));
  }
  if (field === 'account_email') {
    // Not part of a longer address; a full stop after it ends the sentence.
    return wholeMatches(line, wanted, { before: String.raw`[\p{L}\p{N}._%+@-]`, after: String.raw`[\p{L}\p{N}_%+@-]|\.[\p{L}\p{N}]` });
  }
  if (field === 'order_number') return wholeMatches(line, wanted);
  const hits = wholeMatches(line, wanted);
  if (hits.length) return hits;
  if (NAME_FIELDS.has(field)) {
    // Typed with its legal form ("Nordlicht GmbH"), printed without it, or the other way round.
    const bare = cleanOrgName(wanted);
    if (bare && bare !== wanted) return wholeMatches(line, bare);
  }
  if (field === 'payment_method') {
    // "Visa ending in 4417" typed, "VISA •••• 4417" printed: the card's network, then its last digits.
    const m = /^(\p{L}[\p{L} ]*?)\b.*?(\d{4})$/u.exec(wanted);
    if (m) {
      const re = new RegExp(`${phrasePattern(m[1])}[^\\n]{0,30}?(?<!\\d)${m[2]}(?!\\d)`, 'gu');
      return [...fold(line).matchAll(re)].map((hit) => ({ index: hit.index, end: hit.index + hit[0].length }));
    }
  }
  return [];
}

/**
 * The field's value in the text found at an anchor, cleaned as the extractors clean it.
 * @returns {{value: string, currency?: string}|null}
 */
export function readValue(field, text, ctx) {
  if (text === null || text === undefined) return null;
  const raw = String(text);
  let value = null;
  if (field === 'order_number') {
    value = cleanOrderNumber(raw);
    // A structural anchor's element may carry its label: "Vorgang: VG-2026-0412".
    if (!value && /[:：]/.test(raw)) value = cleanOrderNumber(raw.split(/[:：]/).pop());
  } else if (DATE_FIELDS.has(field)) {
    value = parseDate(raw, { order: ctx.order, language: ctx.language });
  } else if (field === 'amount') {
    const money = pickMoney(raw, ctx.locale);
    if (!money || money.amount.startsWith('-')) return null;
    return money.currency ? { value: money.amount, currency: money.currency } : { value: money.amount };
  } else if (field === 'account_email') {
    value = cleanEmail(raw);
  } else if (NAME_FIELDS.has(field)) {
    value = cleanOrgName(raw);
  } else if (field === 'payment_method') {
    value = cleanPaymentMethod(raw);
  } else if (field === 'product') {
    value = cleanText(raw, PRODUCT_MAX);
  }
  return value ? { value } : null;
}

const compact = (text) => fold(cleanText(text, Infinity) || '').replace(/\s+/g, ' ');

/** True when the value read from a page is the one the user typed. */
export function sameValue(field, typed, read) {
  if (typed === null || typed === undefined || read === null || read === undefined) return false;
  const a = String(typed).trim();
  const b = String(read).trim();
  if (DATE_FIELDS.has(field)) return a === b;
  if (field === 'amount') return sameAmount(amountNumber(a), amountNumber(b));
  if (field === 'order_number') return fold(a).replace(/\s+/g, '') === fold(b).replace(/\s+/g, '');
  if (field === 'account_email') {
    const [email] = findEmails(a);
    return Boolean(email) && email === b.toLowerCase();
  }
  if (NAME_FIELDS.has(field)) return compact(cleanOrgName(a) || a) === compact(cleanOrgName(b) || b);
  if (field === 'payment_method') return compact(cleanPaymentMethod(a) || a) === compact(b);
  return compact(a) === compact(b);
}
