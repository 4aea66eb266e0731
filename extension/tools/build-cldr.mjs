#!/usr/bin/env node
// Builds src/extract/i18n/cldr.js: month and weekday names, number separators,
// day/month order and currency symbols for every language the extractor reads,
// taken from the CLDR data in Node's Intl (ICU). Generated once and committed,
// so the extension in any browser and the command-line tool read a page the
// same way whatever ICU each ships.
//
//   node tools/build-cldr.mjs           write src/extract/i18n/cldr.js
//   node tools/build-cldr.mjs --check   exit 1 if it is out of date

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../src/extract/i18n/labels.js';
import { fold } from '../src/extract/i18n/fold.js';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'extract', 'i18n', 'cldr.js');

// Languages whose month names are read too, besides those with labels.
const MORE_LANGUAGES = ['de-AT', 'es-PE', 'fi', 'nb', 'cs', 'sk', 'hu', 'ro', 'tr', 'uk', 'el', 'ko', 'ca', 'hr', 'sl', 'bg', 'lt', 'lv', 'et'];
// Locales whose day/month order and number separators are looked up by region.
const REGION_LOCALES = [
  'en-US', 'en-GB', 'en-CA', 'en-AU', 'en-NZ', 'en-IE', 'en-IN', 'en-ZA', 'en-SG', 'en-PH', 'en-HK', 'en-DE', 'en-NL', 'en-SE',
  'de-DE', 'de-AT', 'de-CH', 'fr-FR', 'fr-CA', 'fr-CH', 'fr-BE', 'es-ES', 'es-MX', 'es-US', 'es-AR', 'es-CO', 'es-CL',
  'it-IT', 'it-CH', 'nl-NL', 'nl-BE', 'pt-PT', 'pt-BR', 'pl-PL', 'sv-SE', 'sv-FI', 'da-DK', 'ja-JP', 'zh-CN', 'zh-TW',
  'zh-HK', 'zh-SG', 'ru-RU', 'ru-UA', 'fi-FI', 'nb-NO', 'cs-CZ', 'sk-SK', 'hu-HU', 'ro-RO', 'tr-TR', 'uk-UA', 'el-GR',
  'ko-KR', 'ca-ES', 'hr-HR', 'sl-SI', 'bg-BG', 'lt-LT', 'lv-LV', 'et-EE',
];
const CURRENCIES = [
  'USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'CNY', 'HKD', 'TWD', 'SGD', 'SEK', 'NOK', 'DKK', 'ISK', 'PLN',
  'CZK', 'HUF', 'RON', 'BGN', 'TRY', 'RUB', 'UAH', 'INR', 'KRW', 'THB', 'MYR', 'IDR', 'PHP', 'VND', 'BRL', 'MXN', 'ARS',
  'CLP', 'COP', 'PEN', 'ZAR', 'ILS', 'AED', 'SAR',
];

const clean = (name) => fold(name).replace(/\.$/, '').trim();

function monthNames(language) {
  const names = new Map();
  for (let month = 1; month <= 12; month += 1) {
    const day = new Date(Date.UTC(2026, month - 1, 12, 12));
    for (const width of ['long', 'short']) {
      const alone = new Intl.DateTimeFormat(language, { month: width, timeZone: 'UTC' }).format(day);
      const parts = new Intl.DateTimeFormat(language, { day: 'numeric', month: width, timeZone: 'UTC' }).formatToParts(day);
      const withDay = (parts.find((p) => p.type === 'month') || {}).value;
      for (const name of [alone, withDay]) {
        if (!name || /^\d+\s*月?$/.test(name) || /^[\d\s]+$/.test(name)) continue; // "3月": numbers, read by the date patterns
        names.set(clean(name), month);
      }
    }
  }
  return names;
}

function weekdayNames(language) {
  const names = new Set();
  for (let i = 0; i < 7; i += 1) {
    const day = new Date(Date.UTC(2026, 2, 9 + i, 12));
    for (const width of ['long', 'short']) {
      names.add(clean(new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(day)));
    }
  }
  return names;
}

function dateOrder(locale) {
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2026, 2, 12, 12)));
  const order = parts.filter((p) => ['day', 'month', 'year'].includes(p.type)).map((p) => p.type[0]).join('');
  return order === 'dmy' || order === 'mdy' || order === 'ymd' ? order : 'dmy';
}

function separators(locale) {
  const parts = new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).formatToParts(1234567.5);
  return {
    decimal: (parts.find((p) => p.type === 'decimal') || { value: '.' }).value,
    group: (parts.find((p) => p.type === 'group') || { value: '' }).value,
  };
}

// Symbols too short or too common to read as a currency on their own ("R", "L", "kr" is kept).
const UNSAFE_SYMBOL = /^[A-Za-z]$|^щ\.д\.$|^rb$/;

function currencySymbols(locales) {
  // symbol -> {locale: code}. A locale's full symbols come before its narrow ones, so a shared
  // narrow "¥" in Chinese stays the yuan's (its symbol) rather than the yen's (its narrow symbol).
  const symbols = new Map();
  for (const display of ['symbol', 'narrowSymbol']) {
    for (const locale of locales) {
      for (const currency of CURRENCIES) {
        const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: display }).formatToParts(1);
        const symbol = (parts.find((p) => p.type === 'currency') || {}).value;
        if (!symbol || symbol === currency || UNSAFE_SYMBOL.test(symbol)) continue;
        if (!symbols.has(symbol)) symbols.set(symbol, {});
        const byLocale = symbols.get(symbol);
        if (!byLocale[locale]) byLocale[locale] = currency;
      }
    }
  }
  return symbols;
}

function build() {
  const monthsByLanguage = {};
  const allMonths = new Map();
  const conflicts = new Set();
  for (const language of [...LANGUAGES, ...MORE_LANGUAGES]) {
    const names = monthNames(language);
    monthsByLanguage[language] = Object.fromEntries([...names].sort());
    for (const [name, month] of names) {
      if (allMonths.has(name) && allMonths.get(name) !== month) conflicts.add(name);
      else allMonths.set(name, month);
    }
  }
  for (const name of conflicts) allMonths.delete(name);
  const weekdays = new Set();
  for (const language of [...LANGUAGES, ...MORE_LANGUAGES]) for (const name of weekdayNames(language)) weekdays.add(name);

  const orders = {};
  const numbers = {};
  for (const locale of [...LANGUAGES, ...MORE_LANGUAGES, ...REGION_LOCALES]) {
    orders[locale] = dateOrder(locale);
    numbers[locale] = separators(locale);
  }

  const symbols = currencySymbols([...LANGUAGES, ...REGION_LOCALES]);
  const fixed = {};
  const byLocale = {};
  for (const [symbol, codes] of [...symbols].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const distinct = new Set(Object.values(codes));
    if (distinct.size === 1) fixed[symbol] = [...distinct][0];
    else byLocale[symbol] = Object.fromEntries(Object.entries(codes).sort());
  }

  const json = (value) => JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
  return [
    `// Generated by tools/build-cldr.mjs from the CLDR data in Intl (ICU ${process.versions.icu}, CLDR ${process.versions.cldr}).`,
    '// Do not edit: run `node tools/build-cldr.mjs`. Names are folded (see fold.js).',
    '',
    `export const CLDR_VERSION = ${JSON.stringify(process.versions.cldr)};`,
    '',
    '/** Month names of every language read (long, short, standalone and in dates) -> month number. */',
    `export const MONTHS = ${json(Object.fromEntries([...allMonths].sort()))};`,
    '',
    '/** Month names that mean different months in different languages, by language. */',
    `export const MONTHS_BY_LANGUAGE = ${json(Object.fromEntries(Object.entries(monthsByLanguage).map(([lang, names]) => [lang, Object.fromEntries(Object.entries(names).filter(([name]) => conflicts.has(name)))]).filter(([, names]) => Object.keys(names).length)))};`,
    '',
    '/** Weekday names (long and short) of every language read. */',
    `export const WEEKDAYS = ${json([...weekdays].sort())};`,
    '',
    '/** Day/month order of numeric dates by locale: "dmy", "mdy" or "ymd". */',
    `export const DATE_ORDERS = ${json(orders)};`,
    '',
    '/** Decimal and grouping separators by locale. */',
    `export const NUMBER_SEPARATORS = ${json(numbers)};`,
    '',
    '/** Currency symbols that name one currency wherever they are written. */',
    `export const FIXED_CURRENCY_SYMBOLS = ${json(fixed)};`,
    '',
    '/** Currency symbols shared by several currencies: symbol -> locale -> code. */',
    `export const LOCALE_CURRENCY_SYMBOLS = ${json(byLocale)};`,
    '',
  ].join('\n');
}

const output = build();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUTPUT, 'utf8');
  } catch {
    // missing: out of date
  }
  if (current !== output) {
    process.stderr.write('src/extract/i18n/cldr.js is out of date: run `node tools/build-cldr.mjs`\n');
    process.exit(1);
  }
} else {
  writeFileSync(OUTPUT, output);
  process.stdout.write(`wrote ${OUTPUT}\n`);
}
