// Dates as shops print them, turned into ISO "YYYY-MM-DD":
// 2026-11-20, November 20, 2026, 20 Nov 2026, 20. November 2026,
// 20 novembre 2026, 20 de noviembre de 2026, 12 марта 2026 г., 20.11.2026,
// 2026年11月20日, 2026년 11월 20일, and 11/20/2026 or 20/11/2026 where the
// day/month order comes from the page. Month names are CLDR's, in every
// language of i18n/cldr.js; text is folded first (case, accents, full-width
// digits), which keeps positions.

import { MONTHS, MONTHS_BY_LANGUAGE, DATE_ORDERS } from '../i18n/cldr.js';
import { fold } from '../i18n/fold.js';

// A month name is a word of letters (perhaps with a final dot), checked against CLDR's names once
// found: one alternation of hundreds of names would be tried at every position of the text.
const MONTH_WORD = String.raw`\p{L}[\p{L}'’]{1,14}`;

const L = String.raw`\p{L}`;
const PATTERNS = [
  // 2026-11-20, 2026/11/20, 2026.11.20 (year first is never ambiguous)
  { kind: 'ymd', re: String.raw`(?<![\d.\/-])(?<y>\d{4})([-\/.])(?<m>\d{1,2})\2(?<d>\d{1,2})(?!\d)` },
  { kind: 'ymd', re: String.raw`(?<y>\d{4})\s?[年년]\s?(?<m>\d{1,2})\s?[月월]\s?(?<d>\d{1,2})\s?[日일]` },
  // 20 November 2026, 20. Nov. 2026, 20th November, 2026, 20 de noviembre de 2026, 1er mars 2026, 12 марта 2026 г.
  {
    kind: 'named',
    re: String.raw`(?<![\d${L}])(?<d>\d{1,2})(?:st|nd|rd|th|er|e|º|°|-?го)?\.?\s{0,3}(?:de\s+|of\s+)?(?<mon>${MONTH_WORD})(?![${L}])\.?,?\s{0,3}(?:de\s+|del\s+)?(?<y>\d{4})(?!\d)`,
  },
  // November 20, 2026 / Nov. 20 2026
  {
    kind: 'named',
    re: String.raw`(?<![${L}])(?<mon>${MONTH_WORD})(?![${L}])\.?\s{1,3}(?<d>\d{1,2})(?:st|nd|rd|th)?(?!\d),?\s{1,3}(?<y>\d{4})(?!\d)`,
  },
  // 20.11.2026 and 20-11-2026: day first everywhere they are used
  { kind: 'dmy', re: String.raw`(?<![\d.\/-])(?<d>\d{1,2})([.-])(?<m>\d{1,2})\2(?<y>\d{4}|\d{2})(?![\d]|[.-]\d)` },
  // 11/20/2026 or 20/11/2026: decided by the caller's day/month order
  { kind: 'slash', re: String.raw`(?<![\d.\/-])(?<a>\d{1,2})\/(?<b>\d{1,2})\/(?<y>\d{4}|\d{2})(?![\d]|\/\d)` },
];
const DATE_RES = PATTERNS.map((p) => ({ kind: p.kind, re: new RegExp(p.re, 'giu') }));

function daysInMonth(year, month) {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** ISO date for year/month/day if it is a real calendar date in a plausible range, else null. */
export function isoDate(year, month, day) {
  let y = Number(year);
  if (String(year).length === 2) y += 2000;
  const m = Number(month);
  const d = Number(day);
  if (!(y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Day/month order for slash dates on a page, from CLDR's order for its locale:
 * "mdy" in the US (and for region-less English pages priced in dollars), "dmy"
 * nearly everywhere else.
 */
export function dateOrderFor(locale, currency) {
  if (!locale) return 'mdy';
  const { language, region } = locale;
  if (!region && (language === 'en' || !language)) {
    return !currency || currency === 'USD' ? 'mdy' : 'dmy';
  }
  const order = DATE_ORDERS[`${language}-${region}`] || DATE_ORDERS[language] || (region === 'US' ? 'mdy' : 'dmy');
  // Year-first locales write slash dates year first; English Canada's others are month first.
  if (order === 'ymd') return language === 'en' ? 'mdy' : 'dmy';
  return order === 'mdy' ? 'mdy' : 'dmy';
}

/**
 * Every date in `text`, in order, without overlaps.
 * @param {string} text
 * @param {{order?: 'dmy'|'mdy'}} [options]
 * @returns {{iso: string, index: number, end: number, kind: string, ambiguous: boolean}[]}
 */
export function findDates(text, { order = 'mdy', language = null } = {}) {
  if (!text || !/[\d\uff10-\uff19]/.test(text)) return [];
  const folded = fold(text);
  const hits = [];
  for (const { kind, re } of DATE_RES) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(folded)) !== null) {
      const hit = toIso(kind, m.groups, order, language);
      if (hit) hits.push({ ...hit, kind, index: m.index, end: m.index + m[0].length });
    }
  }
  hits.sort((a, b) => a.index - b.index || b.end - a.end);
  const result = [];
  let lastEnd = -1;
  for (const hit of hits) {
    if (hit.index >= lastEnd) {
      result.push(hit);
      lastEnd = hit.end;
    }
  }
  return result;
}

function monthNumber(name, language) {
  const key = name.replace(/\.$/, '');
  const own = language && MONTHS_BY_LANGUAGE[language];
  return (own && own[key]) || MONTHS[key] || null;
}

function toIso(kind, g, order, language) {
  if (kind === 'ymd') return wrap(isoDate(g.y, g.m, g.d), false);
  if (kind === 'dmy') return wrap(isoDate(g.y, g.m, g.d), false);
  if (kind === 'named') {
    const month = monthNumber(g.mon, language);
    return month ? wrap(isoDate(g.y, month, g.d), false) : null;
  }
  // slash: a number above 12 settles the order; otherwise the page's order decides.
  const a = Number(g.a);
  const b = Number(g.b);
  if (a > 12 && b <= 12) return wrap(isoDate(g.y, b, a), false);
  if (b > 12 && a <= 12) return wrap(isoDate(g.y, a, b), false);
  const ambiguous = a !== b;
  return wrap(order === 'dmy' ? isoDate(g.y, b, a) : isoDate(g.y, a, b), ambiguous);
}

function wrap(iso, ambiguous) {
  return iso ? { iso, ambiguous } : null;
}

/** The first date in `text` as ISO, or null. */
export function parseDate(text, options) {
  const [first] = findDates(String(text ?? ''), options);
  return first ? first.iso : null;
}

/**
 * Day/month order implied by the slash dates in some text: "dmy" or "mdy" if a
 * date like 20/11/2026 or 11/20/2026 settles it, else null.
 */
export function slashDateOrderIn(text) {
  const re = /(?<![\d.\/-])(\d{1,2})\/(\d{1,2})\/(?:\d{4}|\d{2})(?![\d]|\/\d)/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) return 'dmy';
    if (b > 12 && a <= 12) return 'mdy';
  }
  return null;
}
