// Currency codes from symbols, codes and the page's locale, and how many
// decimals each currency is written with.

import { toFixedDecimal } from './number.js';

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

// Symbols that name exactly one currency.
const FIXED_SYMBOLS = {
  '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₺': 'TRY', '₽': 'RUB', '₪': 'ILS', '₴': 'UAH',
  '₱': 'PHP', '฿': 'THB', '円': 'JPY', '元': 'CNY', 'zł': 'PLN', 'Kč': 'CZK', 'Ft': 'HUF', 'lei': 'RON',
  'US$': 'USD', 'CA$': 'CAD', 'C$': 'CAD', 'CAD$': 'CAD', 'A$': 'AUD', 'AU$': 'AUD', 'NZ$': 'NZD',
  'HK$': 'HKD', 'S$': 'SGD', 'R$': 'BRL', 'MX$': 'MXN', 'CHF': 'CHF', 'Fr.': 'CHF', 'SFr.': 'CHF',
  'fr.': 'CHF',
};

const DOLLAR_BY_REGION = {
  US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD', SG: 'SGD', HK: 'HKD', MX: 'MXN', TW: 'TWD',
  AR: 'ARS', CL: 'CLP', CO: 'COP',
};
const KRONA_BY_REGION = { SE: 'SEK', NO: 'NOK', DK: 'DKK', IS: 'ISK' };
const KRONA_BY_LANGUAGE = { sv: 'SEK', nb: 'NOK', nn: 'NOK', no: 'NOK', da: 'DKK', is: 'ISK' };

/**
 * Currency for a symbol or code as printed next to an amount, read with the
 * page's locale where the symbol is shared ("$", "kr", "¥"). Null if unknown.
 * @param {string} symbol
 * @param {{language: string|null, region: string|null}} [locale]
 */
export function currencyFromSymbol(symbol, locale = { language: null, region: null }) {
  if (!symbol) return null;
  const s = symbol.trim();
  const upper = s.toUpperCase();
  if (ISO_CURRENCIES.has(upper) && s === upper) return upper;
  if (s in FIXED_SYMBOLS) return FIXED_SYMBOLS[s];
  if (s === '$') return DOLLAR_BY_REGION[locale.region] || 'USD';
  if (/^kr\.?$/i.test(s)) {
    return KRONA_BY_REGION[locale.region] || KRONA_BY_LANGUAGE[locale.language] || 'SEK';
  }
  if (s === '¥' || s === '￥') return locale.language === 'zh' || locale.region === 'CN' ? 'CNY' : 'JPY';
  return null;
}
