// Amounts with their currency as printed in text: "$49.95", "49,95 €",
// "EUR 1.234,56", "CA$ 59.99", "1 299,00 kr", "¥1,200", "CHF 59.90".

import { parseDecimal } from './number.js';
import { currencyFromSymbol, formatAmount, ISO_CURRENCIES } from './currency.js';

const PREFIX = String.raw`US\$|CA\$|CAD\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|R\$|MX\$|\$|€|£|¥|￥|₹|₩|₺|₽|₪|₴|₱|฿|(?<![\p{L}])(?:[A-Z]{3}|SFr\.|Fr\.|kr\.?)`;
const SUFFIX = String.raw`€|£|\$|¥|円|元|₹|₩|₺|₽|₪|₴|(?:[A-Z]{3}|kr\.?|zł|Kč|Ft|lei|CHF)(?![\p{L}])`;
// Grouped ("1,234.56", "1.234,56", "1 234,56", "1'234.50") before plain ("49.95").
// Quantifiers are bounded so a long run of digits cannot make matching slow.
const NUMBER = String.raw`\d{1,3}(?:[.,'’\u00a0\u202f\u2009]\d{3}){1,5}(?:[.,]\d{1,2}|,[-–])?(?![.,]?\d)`
  + String.raw`|\d{1,3}(?: \d{3}){1,5}(?:,\d{1,2}|(?=\s?(?:kr|€|CHF|zł|Kč|Ft|SEK|NOK|DKK|EUR)(?![\p{L}])))`
  + String.raw`|\d{1,12}(?:[.,]\d{1,2}|,[-–])?`;

const MONEY_RE = new RegExp(
  String.raw`(?:(?<prefix>${PREFIX})\s?)?(?<sign>[-−]\s?)?(?<![\d.,])(?<number>${NUMBER})(?![\d]|[.,]\d)(?:\s?(?<suffix>${SUFFIX}))?`,
  'gu',
);

/**
 * Every amount in `text`, in order of appearance.
 * @returns {{amount: string, currency: string|null, hasCurrency: boolean, hasDecimals: boolean, index: number, end: number}[]}
 */
export function findMoney(text, locale) {
  const found = [];
  if (!text || !/\d/.test(text)) return found;
  MONEY_RE.lastIndex = 0;
  let m;
  while ((m = MONEY_RE.exec(text)) !== null) {
    const { prefix, suffix, number, sign } = m.groups;
    const prefixCurrency = prefix ? symbolCurrency(prefix, locale) : null;
    const suffixCurrency = suffix ? symbolCurrency(suffix, locale) : null;
    // An ISO code is more precise than a shared symbol ("$49.95 USD", "CA$").
    const currency = pickCurrency(prefix, prefixCurrency, suffix, suffixCurrency);
    const decimal = parseDecimal(number);
    if (decimal === null) continue;
    found.push({
      amount: (sign ? '-' : '') + (currency ? formatAmount(decimal, currency) : decimal),
      currency,
      hasCurrency: currency !== null,
      hasDecimals: /[.,]\d{1,2}$/.test(number),
      index: m.index,
      end: m.index + m[0].length,
    });
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
