// Dates as shops print them, turned into ISO "YYYY-MM-DD":
// 2026-11-20, November 20, 2026, 20 Nov 2026, 20. November 2026,
// 20 novembre 2026, 20 de noviembre de 2026, 20.11.2026, 2026年11月20日,
// and 11/20/2026 or 20/11/2026 where the day/month order comes from the page.

const MONTHS = {
  1: ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'januari', 'janeiro'],
  2: ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'febrero', 'febbraio', 'februari', 'fevereiro', 'fev'],
  3: ['march', 'mar', 'märz', 'maerz', 'mär', 'mrz', 'mars', 'marzo', 'maart', 'mrt', 'março', 'marco'],
  4: ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile'],
  5: ['may', 'mai', 'mayo', 'maggio', 'mag', 'mei', 'maj', 'maio'],
  6: ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho'],
  7: ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho'],
  8: ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'augusti'],
  9: ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'set', 'settembre', 'setembro'],
  10: ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out'],
  11: ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  12: ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro'],
};

const MONTH_BY_NAME = new Map();
for (const [number, names] of Object.entries(MONTHS)) {
  for (const name of names) MONTH_BY_NAME.set(name, Number(number));
}
const MONTH_NAMES = [...MONTH_BY_NAME.keys()].sort((a, b) => b.length - a.length).join('|');

const L = String.raw`\p{L}`;
const PATTERNS = [
  // 2026-11-20, 2026/11/20, 2026.11.20 (year first is never ambiguous)
  { kind: 'ymd', re: String.raw`(?<![\d.\/-])(?<y>\d{4})([-\/.])(?<m>\d{1,2})\2(?<d>\d{1,2})(?!\d)` },
  { kind: 'ymd', re: String.raw`(?<y>\d{4})\s?年\s?(?<m>\d{1,2})\s?月\s?(?<d>\d{1,2})\s?日` },
  // 20 November 2026, 20. Nov. 2026, 20th November, 2026, 20 de noviembre de 2026, 1er mars 2026
  {
    kind: 'named',
    re: String.raw`(?<![\d${L}])(?<d>\d{1,2})(?:st|nd|rd|th|er|e|º|°)?\.?\s{0,3}(?:de\s+)?(?<mon>${MONTH_NAMES})(?![${L}])\.?,?\s{0,3}(?:de\s+|del\s+)?(?<y>\d{4})(?!\d)`,
  },
  // November 20, 2026 / Nov. 20 2026
  {
    kind: 'named',
    re: String.raw`(?<![${L}])(?<mon>${MONTH_NAMES})(?![${L}])\.?\s{1,3}(?<d>\d{1,2})(?:st|nd|rd|th)?(?!\d),?\s{1,3}(?<y>\d{4})(?!\d)`,
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
 * Day/month order for slash dates on a page: "mdy" in the US (and for
 * region-less English pages priced in dollars), "dmy" everywhere else.
 */
export function dateOrderFor(locale, currency) {
  if (!locale) return 'mdy';
  if (locale.region === 'US' || locale.region === 'PH') return 'mdy';
  if (locale.region === 'CA') return locale.language === 'fr' ? 'dmy' : 'mdy';
  if (!locale.region && (locale.language === 'en' || !locale.language)) {
    return !currency || currency === 'USD' ? 'mdy' : 'dmy';
  }
  return 'dmy';
}

/**
 * Every date in `text`, in order, without overlaps.
 * @param {string} text
 * @param {{order?: 'dmy'|'mdy'}} [options]
 * @returns {{iso: string, index: number, end: number, kind: string, ambiguous: boolean}[]}
 */
export function findDates(text, { order = 'mdy' } = {}) {
  if (!text || !/\d/.test(text)) return [];
  const hits = [];
  for (const { kind, re } of DATE_RES) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      const hit = toIso(kind, m.groups, order);
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

function toIso(kind, g, order) {
  if (kind === 'ymd') return wrap(isoDate(g.y, g.m, g.d), false);
  if (kind === 'dmy') return wrap(isoDate(g.y, g.m, g.d), false);
  if (kind === 'named') {
    const month = MONTH_BY_NAME.get(g.mon.toLowerCase());
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
