// Which open case a selected text (a chat transcript, an email) belongs to, for the chooser
// to preselect: the case whose order number the text names, else the page's site's one open
// case. When that is not clear (no match, or several), nothing is preselected: accepting a
// default must never file a text on another shop's case. A closed case is never proposed.

const WORD_CHAR = /[\p{L}\p{N}]/u;
// Shorter "order numbers" (12, 301) turn up in any text as amounts, times and dates.
const MIN_ORDER_NUMBER = 4;

function comparable(orderNumber) {
  return String(orderNumber ?? '').trim().replace(/^#+/, '').toUpperCase();
}

/** Whether `text` names `orderNumber` as a whole token (not inside a longer number or word). */
export function mentionsOrderNumber(text, orderNumber) {
  const wanted = comparable(orderNumber);
  if (wanted.length < MIN_ORDER_NUMBER) return false;
  const haystack = String(text ?? '').toUpperCase();
  for (let at = haystack.indexOf(wanted); at !== -1; at = haystack.indexOf(wanted, at + 1)) {
    const before = at > 0 ? haystack[at - 1] : '';
    const after = haystack[at + wanted.length] || '';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}

/**
 * The id of the case to preselect among `cases` (as listed: id, order_number, is_open), or null.
 * `siteCaseIds`: the cases of the page's site; `text`: the selection.
 */
export function preselectCase(cases, { siteCaseIds = new Set(), text = '' } = {}) {
  const open = (cases || []).filter((c) => c && c.id && c.is_open !== false);
  const named = open.filter((c) => mentionsOrderNumber(text, c.order_number));
  if (named.length === 1) return named[0].id;
  if (named.length > 1) {
    const namedHere = named.filter((c) => siteCaseIds.has(c.id));
    return namedHere.length === 1 ? namedHere[0].id : null;
  }
  const here = open.filter((c) => siteCaseIds.has(c.id));
  return here.length === 1 ? here[0].id : null;
}
