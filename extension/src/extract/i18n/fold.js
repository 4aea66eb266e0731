// Folding text for matching labels in any language: lower case, accents off,
// full-width Latin letters and digits made ASCII, "ё" read as "е". A folded
// string has exactly the length of the original, so a match in the folded
// text points at the same characters of the original (where the value is
// read from).

const FOLDED = new Map();

function addFold(code) {
  const ch = String.fromCharCode(code);
  const lower = ch.toLowerCase();
  const base = lower.normalize('NFD')[0];
  const folded = base.length === 1 && base !== lower && /[\p{L}]/u.test(base) ? base : lower;
  if (folded.length === 1 && folded !== ch) FOLDED.set(ch, folded);
}

// Latin-1 Supplement, Latin Extended-A and -B, Greek and Cyrillic: accents and case off.
for (let code = 0xc0; code <= 0x24f; code += 1) addFold(code);
for (let code = 0x370; code <= 0x52f; code += 1) addFold(code);
// Full-width forms: "ＯＲＤＥＲ ＃１２３" reads as "order #123".
for (let code = 0xff01; code <= 0xff5e; code += 1) {
  FOLDED.set(String.fromCharCode(code), String.fromCharCode(code - 0xfee0).toLowerCase());
}
FOLDED.set('\u3000', ' ');
FOLDED.set('\u0130', 'i'); // "İ": its lower case would be two characters
FOLDED.set('\u00a0', ' ');
FOLDED.set('\u202f', ' ');
FOLDED.set('\u2009', ' ');
FOLDED.set('’', "'");
FOLDED.set('‘', "'");

const NON_ASCII = /[^\x00-\x7f]/g;

const foldMemo = new Map();
const FOLD_MEMO_LIMIT = 20000;

/** `text` lower-cased, without accents, full-width forms made ASCII; same length as `text`. */
export function fold(text) {
  const value = String(text);
  let folded = foldMemo.get(value);
  if (folded === undefined) {
    folded = value.replace(/\u0130/g, 'I').toLowerCase().replace(NON_ASCII, (ch) => FOLDED.get(ch) || ch);
    if (value.length <= 400) {
      if (foldMemo.size >= FOLD_MEMO_LIMIT) foldMemo.clear();
      foldMemo.set(value, folded);
    }
  }
  return folded;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/** True for a phrase in a script written without spaces between words (Japanese, Chinese, Korean). */
export function isCjk(text) {
  return CJK.test(text);
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * A regular expression source matching any of `phrases` in folded text:
 * spaces match any run of spaces, and a phrase starting or ending in a letter
 * or digit must stand as whole words (CJK phrases match anywhere).
 */
export function phrasesSource(phrases) {
  const words = [];
  const others = [];
  for (const phrase of [...new Set(phrases.map((p) => fold(p).trim()).filter(Boolean))].sort((a, b) => b.length - a.length)) {
    const body = phrase.replace(REGEX_SPECIAL, '\\$&').replace(/ +/g, String.raw`[\s\-]*`);
    const end = !isCjk(phrase) && /[\p{L}\p{N}]$/u.test(phrase) ? String.raw`(?![\p{L}])` : '';
    (!isCjk(phrase) && /^[\p{L}\p{N}]/u.test(phrase) ? words : others).push(body + end);
  }
  // The word-start check stands once before all the words, so the engine can look for their
  // first letters quickly rather than testing every alternative at every position.
  const parts = [];
  if (words.length) parts.push(String.raw`(?<![\p{L}\p{N}])(?:${words.join('|')})`);
  if (others.length) parts.push(others.join('|'));
  return parts.length ? `(?:${parts.join('|')})` : '(?!)';
}

const WIDE = /[\uff01-\uff5e\u3000\uffe0-\uffe6]/g;
const WIDE_SIGNS = { '\u3000': ' ', '\uffe0': '¢', '\uffe1': '£', '\uffe5': '¥', '\uffe6': '₩', '\uffe2': '¬', '\uffe3': '¯', '\uffe4': '¦' };

/** Full-width digits, letters and signs as their ASCII forms ("￥４，８４０" -> "¥4,840"); same length, case kept. */
export function narrow(text) {
  return String(text).replace(WIDE, (ch) => WIDE_SIGNS[ch] || String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
