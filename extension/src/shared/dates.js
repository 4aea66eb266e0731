// Calendar dates as the server writes them ("2026-12-20"), handled as plain
// days: never through Date parsing, which would read them as UTC midnight
// and show the day before in timezones west of Greenwich.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** {year, month (1-12), day} of a YYYY-MM-DD string, or null when it is not a real date. */
export function parseIsoDate(text) {
  const match = ISO_DATE.exec(String(text ?? ''));
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(text) {
  return parseIsoDate(text) !== null;
}

/** "20 Dec 2026" for "2026-12-20"; the input unchanged when it is not a date. */
export function formatDate(text) {
  const date = parseIsoDate(text);
  if (!date) return String(text ?? '');
  return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export function daysBetween(from, to) {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** The user's local calendar date as YYYY-MM-DD (the server counts deadlines in local days too). */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
