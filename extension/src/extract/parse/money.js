// Amounts with their currency as printed in text: "$49.95", "49,95 €",
// "EUR 1.234,56", "CA$ 59.99", "1 299,00 kr", "¥1,200", "CHF 59.90".

import { parseDecimal } from './number.js';
import { currencyFromSymbol, formatAmount, ISO_CURRENCIES, CURRENCY_SYMBOLS } from './currency.js';
import { narrow } from '../i18n/fold.js';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Every currency symbol CLDR knows (and a few more), whole: a letter-edged one
// ("kr", "zł", "руб.") must not be part of a word. Then ISO codes.
// An ISO code stands alone: "THB" in the product code "NW-THB-10-BRN" is not a currency.
const SYMBOL = [...CURRENCY_SYMBOLS.map((symbol) => (/^\p{L}/u.test(symbol) ? String.raw`(?<![\p{L}])` : '')
  + escape(symbol) + (/\p{L}$/u.test(symbol) ? String.raw`(?![\p{L}])` : '')), String.raw`(?<![\p{L}\d\-_/.])[A-Z]{3}(?![\p{L}\-_/])`].join('|');
const PREFIX = SYMBOL;
const SUFFIX = SYMBOL;
// Grouped ("1,234.56", "1.234,56", "1 234,56", "1'234.50") before plain ("49.95").
// Quantifiers are bounded so a long run of digits cannot make matching slow.
const NUMBER = String.raw`\d{1,3}(?:[.,'’\u00a0\u202f\u2009]\d{3}){1,5}(?:[.,]\d{1,2}|,[-–])?(?![.,]?\d)`
  + String.raw`|\d{1,3}(?: \d{3}){1,5}(?:,\d{1,2}|(?=\s?(?:${SUFFIX})))`
  + String.raw`|\d{1,12}(?:[.,]\d{1,2}|,[-–])?`;

// Numbers are found first and their symbols looked for next to them: one alternation of every
// currency symbol tried at every position of a page would be slow.
// A number inside a code ("NW-THB-10-BRN", "CK-SK26") is not an amount; a price per period
// ("R$ 14,99/mês", "$9.99/mo") is.
const NUMBER_RE = new RegExp(String.raw`(?<![\d.,]|[\p{L}][-_/])(?<number>${NUMBER})(?![\d]|[.,]\d|[-_][\p{L}\d]|\/[\p{Lu}\p{Lt}\d])`, 'gu');
const BEFORE = new RegExp(String.raw`(?:(?<prefix>${PREFIX})\s?)?(?<sign>[-−]\s?)?$`, 'u');
const AFTER = new RegExp(String.raw`^\s?(?<suffix>${SUFFIX})`, 'u');
// How far before and after a number its symbol and sign may stand (with room for the
// word-boundary checks of letter symbols).
const BEFORE_WINDOW = 14;
const AFTER_WINDOW = 12;

// A unit of measure right after a number: "1.6L", "2.50 kg", "12.75 oz".
const MEASURE_AFTER = /^\s?(?:m?l|[cm]?m|k?g|oz|lbs?|in|ft)(?![\p{L}\p{N}])/iu;
const MONEY_MEMO_LIMIT = 20000;
// The same cell is read for money several times (is it a price? an item's? a total's?): one
// memo a locale (a page has one), keyed by the text.
const memos = new Map();

function memoFor(locale) {
  const key = locale ? `${locale.language}-${locale.region}` : '';
  let memo = memos.get(key);
  if (!memo) {
    if (memos.size >= 16) memos.clear();
    memo = new Map();
    memos.set(key, memo);
  }
  return memo;
}

let lastLocale;
let lastMemo = null;

/**
 * Every amount in `text`, in order of appearance (the same array for the same text: do not change it).
 * @returns {{amount: string, currency: string|null, hasCurrency: boolean, hasDecimals: boolean, index: number, end: number}[]}
 */
export function findMoney(text, locale) {
  if (!text || !/[\d\uff10-\uff19]/.test(text)) return [];
  if (locale !== lastLocale || !lastMemo) {
    lastLocale = locale;
    lastMemo = memoFor(locale);
  }
  const memo = lastMemo;
  let found = memo.get(text);
  if (found === undefined) {
    found = readMoney(text, locale);
    if (text.length <= 400) {
      if (memo.size >= MONEY_MEMO_LIMIT) memo.clear();
      memo.set(text, found);
    }
  }
  return found;
}

function readMoney(text, locale) {
  const found = [];
  const narrowed = narrow(text);
  NUMBER_RE.lastIndex = 0;
  let m;
  let lastEnd = 0;
  while ((m = NUMBER_RE.exec(narrowed)) !== null) {
    const { number } = m.groups;
    const numberEnd = m.index + number.length;
    const before = BEFORE.exec(narrowed.slice(Math.max(lastEnd, m.index - BEFORE_WINDOW), m.index));
    let after = AFTER.exec(narrowed.slice(numberEnd, numberEnd + AFTER_WINDOW));
    // "4242 $6.99": a symbol right before another number is that number's.
    if (after && /^\s?\d/.test(narrowed.slice(numberEnd + after[0].length, numberEnd + after[0].length + 2))) after = null;
    const prefix = before && before.groups.prefix;
    const sign = before && before.groups.sign;
    const suffix = after && after.groups.suffix;
    const prefixCurrency = prefix ? symbolCurrency(prefix, locale) : null;
    const suffixCurrency = suffix ? symbolCurrency(suffix, locale) : null;
    // An ISO code is more precise than a shared symbol ("$49.95 USD", "CA$").
    const currency = pickCurrency(prefix, prefixCurrency, suffix, suffixCurrency);
    const decimal = parseDecimal(number);
    if (decimal === null) continue;
    const end = after ? numberEnd + after[0].length : numberEnd;
    found.push({
      amount: (sign ? '-' : '') + (currency ? formatAmount(decimal, currency) : decimal),
      currency,
      hasCurrency: currency !== null,
      // "12.50" reads as money; "1.6L" or "2.5 kg" do not.
      hasDecimals: /[.,]\d{2}$/.test(number) && !MEASURE_AFTER.test(narrowed.slice(numberEnd, numberEnd + 5)),
      index: m.index - (before ? before[0].length : 0),
      end,
    });
    lastEnd = end;
    NUMBER_RE.lastIndex = Math.max(NUMBER_RE.lastIndex, end);
  }
  return found;
}

function symbolCurrency(symbol, locale) {
  const s = symbol.trim();
  if (/^[A-Z]{3}$/.test(s) && !ISO_CURRENCIES.has(s)) return null;
  return currencyFromSymbol(s, locale);
}

function pickCurrency(prefix, prefixCurrency, suffix, suffixCurrency) {
  if (prefixCurrency && suffixCurrency) {
    return /^[A-Z]{3}$/.test(suffix.trim()) ? suffixCurrency : prefixCurrency;
  }
  return prefixCurrency || suffixCurrency || null;
}

/**
 * The amount a label points at: the first one with a currency, else the first
 * with decimals, else the first number at all.
 */
export function pickMoney(text, locale) {
  const all = findMoney(text, locale);
  return all.find((m) => m.hasCurrency) || all.find((m) => m.hasDecimals) || all[0] || null;
}

/** A price value from structured data: "49.95", 49.95, "$49.95", "59,99 €". */
export function parseMoneyValue(value, locale) {
  if (value == null) return null;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { amount: String(value), currency: null } : null;
  }
  const text = String(value).trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return { amount: text, currency: null };
  const money = pickMoney(text, locale);
  return money ? { amount: money.amount, currency: money.currency } : null;
}
