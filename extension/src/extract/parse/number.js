// Decimal numbers as written on shop pages, in either "1,234.56" or "1.234,56"
// style. Results are plain decimal strings ("1234.56"): money never goes through
// floating point, so no digit is ever lost or invented.

const GROUP_SPACES = /[\s\u00a0\u202f\u2009'’]/g;

/**
 * "1.234,56" -> "1234.56", "1,234" -> "1234", "49,95" -> "49.95", "12" -> "12".
 * One separator followed by exactly three digits is a thousands separator
 * (prices with three decimals are too rare to be worth the ambiguity).
 * Returns null for anything that is not a well-formed number.
 */
export function parseDecimal(text) {
  if (text == null) return null;
  let s = String(text).trim().replace(GROUP_SPACES, '');
  let sign = '';
  if (/^[-−]/.test(s)) {
    sign = '-';
    s = s.slice(1);
  }
  s = s.replace(/[.,][-–—]+$/, ''); // "12,-" is German for 12.00
  if (!/^\d[\d.,]*\d$|^\d$/.test(s)) return null;

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalSep = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalSep = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = s.split(sep).length - 1;
    const digitsAfter = s.length - s.lastIndexOf(sep) - 1;
    if (count === 1 && (digitsAfter !== 3 || /^0[.,]/.test(s))) decimalSep = sep;
  }

  let intPart = s;
  let fraction = '';
  if (decimalSep) {
    const at = s.lastIndexOf(decimalSep);
    intPart = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!/^\d+$/.test(fraction)) return null;
  }
  const groupSep = decimalSep === '.' ? ',' : decimalSep === ',' ? '.' : null;
  if (groupSep === null && /[.,]/.test(intPart)) {
    // Only grouping separators left: all groups after the first must be 3 digits.
    const groups = intPart.split(/[.,]/);
    if (new Set(intPart.match(/[.,]/g)).size > 1) return null;
    if (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3)) return null;
    intPart = groups.join('');
  } else if (groupSep !== null) {
    if (intPart.includes(decimalSep)) return null;
    const groups = intPart.split(groupSep);
    if (groups.length > 1 && (groups[0].length === 0 || groups.slice(1).some((g) => g.length !== 3))) return null;
    intPart = groups.join('');
  }
  if (!/^\d+$/.test(intPart)) return null;
  intPart = intPart.replace(/^0+(?=\d)/, '');
  return sign + intPart + (fraction ? '.' + fraction : '');
}

/** Rounds a decimal string to `places` decimals (half up), padding with zeros. */
export function toFixedDecimal(decimal, places) {
  const negative = decimal.startsWith('-');
  const [intPart, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  let digits = intPart + fraction.padEnd(places, '0').slice(0, places);
  if (fraction.length > places && fraction[places] >= '5') {
    digits = incrementDigits(digits);
  }
  const cut = digits.length - places;
  let whole = digits.slice(0, cut).replace(/^0+(?=\d)/, '') || '0';
  const result = places > 0 ? `${whole}.${digits.slice(cut)}` : whole;
  return negative && /[1-9]/.test(result) ? '-' + result : result;
}

function incrementDigits(digits) {
  const chars = digits.split('');
  let i = chars.length - 1;
  while (i >= 0) {
    if (chars[i] === '9') {
      chars[i] = '0';
      i -= 1;
    } else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/** Decimal string -> integer count of 1/10^places units (for sums of line items). */
export function toMinorUnits(decimal, places) {
  const fixed = toFixedDecimal(decimal, places).replace('.', '');
  return Number(fixed);
}

/** Inverse of toMinorUnits. */
export function fromMinorUnits(units, places) {
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(places + 1, '0');
  const cut = digits.length - places;
  const text = places > 0 ? `${digits.slice(0, cut)}.${digits.slice(cut)}` : digits;
  return negative ? '-' + text : text;
}
