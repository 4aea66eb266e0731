// Currency codes from symbols, codes and the page's locale, and how many
// decimals each currency is written with.

import { toFixedDecimal } from './number.js';
import { FIXED_CURRENCY_SYMBOLS, LOCALE_CURRENCY_SYMBOLS } from '../i18n/cldr.js';
import { narrow } from '../i18n/fold.js';

export const ISO_CURRENCIES = new Set([
  'USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'CNY', 'HKD', 'SGD', 'SEK', 'NOK', 'DKK',
  'ISK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'TRY', 'RUB', 'UAH', 'INR', 'KRW', 'TWD', 'THB', 'MYR',
  'IDR', 'PHP', 'VND', 'BRL', 'MXN', 'ARS', 'CLP', 'COP', 'PEN', 'ZAR', 'ILS', 'AED', 'SAR', 'QAR',
  'KWD', 'BHD', 'OMR', 'JOD', 'EGP', 'NGN', 'KES',
]);

const MINOR_UNITS = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, IDR: 0, KWD: 3, BHD: 3, OMR: 3, JOD: 3 };

/** Decimals a currency is written with: JPY 0, KWD 3, most 2. */
export function minorUnits(currency) {
  return currency in MINOR_UNITS ? MINOR_UNITS[currency] : 2;
}

/** "49.9" + USD -> "49.90"; "1200.00" + JPY -> "1200"; unknown currency keeps 2 decimals. */
export function formatAmount(decimal, currency) {
  return toFixedDecimal(decimal, minorUnits(currency || ''));
}

// Symbols CLDR gives one currency (i18n/cldr.js), and a few shops write that CLDR does not.
const WRITTEN_SYMBOLS = {
  '円': 'JPY', '元': 'CNY', 'руб': 'RUB', 'руб.': 'RUB', 'р.': 'RUB', 'Fr.': 'CHF', 'SFr.': 'CHF', 'fr.': 'CHF',
  'CHF': 'CHF', 'zł': 'PLN', 'Kč': 'CZK', 'Ft': 'HUF', 'lei': 'RON', 'грн': 'UAH', 'грн.': 'UAH', 'Rs.': 'INR',
};

const DOLLAR_BY_REGION = {
  US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD', SG: 'SGD', HK: 'HKD', MX: 'MXN', TW: 'TWD',
  AR: 'ARS', CL: 'CLP', CO: 'COP',
};
const KRONA_BY_REGION = { SE: 'SEK', NO: 'NOK', DK: 'DKK', IS: 'ISK', FI: 'SEK', GL: 'DKK', FO: 'DKK' };
const KRONA_BY_LANGUAGE = { sv: 'SEK', nb: 'NOK', nn: 'NOK', no: 'NOK', da: 'DKK', is: 'ISK' };

/** Every symbol a currency can be written with, longest first (for the amount patterns). */
export const CURRENCY_SYMBOLS = [...new Set([
  ...Object.keys(FIXED_CURRENCY_SYMBOLS), ...Object.keys(LOCALE_CURRENCY_SYMBOLS), ...Object.keys(WRITTEN_SYMBOLS), 'kr', 'kr.', '$', '¥',
])].sort((a, b) => b.length - a.length);

/**
 * Currency for a symbol or code as printed next to an amount, read with the
 * page's locale where the symbol is shared ("$", "kr", "¥"). Null if unknown.
 * @param {string} symbol
 * @param {{language: string|null, region: string|null}} [locale]
 */
export function currencyFromSymbol(symbol, locale = { language: null, region: null }) {
  if (!symbol) return null;
  const s = narrow(symbol).trim();
  const upper = s.toUpperCase();
  if (ISO_CURRENCIES.has(upper) && s === upper) return upper;
  const language = locale && locale.language;
  const region = locale && locale.region;
  if (s === '$') return DOLLAR_BY_REGION[region] || 'USD';
  if (/^kr\.?$/i.test(s)) return KRONA_BY_REGION[region] || KRONA_BY_LANGUAGE[language] || (s === 'kr.' ? 'DKK' : 'SEK');
  if (s === '¥') return language === 'zh' || region === 'CN' ? 'CNY' : 'JPY';
  if (s in WRITTEN_SYMBOLS) return WRITTEN_SYMBOLS[s];
  if (s in FIXED_CURRENCY_SYMBOLS) return FIXED_CURRENCY_SYMBOLS[s];
  const shared = LOCALE_CURRENCY_SYMBOLS[s];
  if (shared) return shared[`${language}-${region}`] || shared[language] || Object.values(shared)[0];
  return null;
}
