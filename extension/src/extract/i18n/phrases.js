// Finding the label table's phrases in folded text, fast: text is split into
// tokens (runs of letters and digits, and single signs; spaces only separate),
// and a phrase is a run of tokens, looked up by its first token. One pass over
// a page's lines costs the same however many phrases and languages there are,
// where one regular expression alternating them all would try each at every
// position. Phrases in scripts written without spaces (Japanese, Chinese) are
// found as substrings.
//
// A phrase token ending in "*" matches any token it begins ("expir*": expires,
// expiry, expiration).

import { fold, isCjk } from './fold.js';
import { LABELS } from './labels.js';

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Tokens of folded text with their positions: {words, starts, ends}. */
export function tokenize(folded) {
  const words = [];
  const starts = [];
  const ends = [];
  TOKEN.lastIndex = 0;
  let m;
  while ((m = TOKEN.exec(folded)) !== null) {
    words.push(m[0]);
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  return { words, starts, ends };
}

const tokenCache = new Map();
const TOKEN_CACHE_LIMIT = 20000;
const MEMO_LIMIT = 20000;

function tokensOf(folded) {
  let tokens = tokenCache.get(folded);
  if (!tokens) {
    tokens = tokenize(folded);
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(folded, tokens);
  }
  return tokens;
}

export class PhraseSet {
  /** @param {string[]} phrases as written (they are folded here) */
  constructor(phrases) {
    this.byFirst = new Map(); // first token -> [token arrays]
    this.prefixed = []; // token arrays whose first token is a prefix ("expir*")
    this.substrings = []; // CJK phrases
    for (const raw of new Set(phrases)) {
      const phrase = fold(raw).trim();
      if (!phrase) continue;
      if (isCjk(phrase)) {
        this.substrings.push(phrase);
        continue;
      }
      const words = tokenize(phrase.replace(/\*(?=\s|$)/g, '\u0001')).words;
      // "\u0001" marks a prefix token; tokenize split it off as a sign of its own.
      const parts = [];
      for (const word of words) {
        if (word === '\u0001' && parts.length) parts[parts.length - 1] += '*';
        else parts.push(word);
      }
      if (!parts.length) continue;
      if (parts[0].endsWith('*')) this.prefixed.push(parts);
      else {
        const list = this.byFirst.get(parts[0]) || [];
        list.push(parts);
        this.byFirst.set(parts[0], list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    this.substrings.sort((a, b) => b.length - a.length);
    // The same line or cell is asked about again and again (is it a totals row? a header?).
    this.memo = new Map();
  }

  /** Non-overlapping matches in folded text, left to right: [{index, end}]. Do not change them. */
  matches(folded) {
    let found = this.memo.get(folded);
    if (found === undefined) {
      found = this._matches(folded);
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(folded, found);
    }
    return found;
  }

  _matches(folded) {
    const found = [];
    const { words, starts, ends } = tokensOf(folded);
    for (let i = 0; i < words.length; i += 1) {
      const length = this._matchAt(words, i);
      if (length) {
        found.push({ index: starts[i], end: ends[i + length - 1] });
        i += length - 1;
      }
    }
    if (this.substrings.length && /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/.test(folded)) {
      for (const phrase of this.substrings) {
        let at = folded.indexOf(phrase);
        while (at >= 0) {
          const end = at + phrase.length;
          if (!found.some((f) => f.index < end && at < f.end)) found.push({ index: at, end });
          at = folded.indexOf(phrase, end);
        }
      }
      found.sort((a, b) => a.index - b.index);
    }
    return found;
  }

  /** True when folded text holds one of the phrases. */
  test(folded) {
    return this.matches(folded).length > 0;
  }

  // How many tokens a phrase starting at token i covers (the longest), or 0.
  _matchAt(words, i) {
    const candidates = this.byFirst.get(words[i]);
    let best = 0;
    if (candidates) {
      for (const parts of candidates) {
        if (parts.length > best && sameTokens(words, i, parts)) best = parts.length;
      }
    }
    for (const parts of this.prefixed) {
      if (parts.length > best && sameTokens(words, i, parts)) best = parts.length;
    }
    return best;
  }
}

function sameTokens(words, i, parts) {
  if (i + parts.length > words.length) return false;
  for (let k = 0; k < parts.length; k += 1) {
    const part = parts[k];
    const word = words[i + k];
    if (part.endsWith('*') ? !word.startsWith(part.slice(0, -1)) : word !== part) return false;
  }
  return true;
}

const sets = new Map();

/** The phrases of label-table concepts (and any extra phrases) as one PhraseSet, cached. */
export function phraseSet(concepts, extra = []) {
  const key = `${concepts.join('+')}|${extra.join('|')}`;
  let set = sets.get(key);
  if (!set) {
    const phrases = concepts.flatMap((concept) => {
      if (!LABELS[concept]) throw new Error(`no label concept ${concept}`);
      return Object.values(LABELS[concept]).flat();
    });
    set = new PhraseSet([...phrases, ...extra]);
    sets.set(key, set);
  }
  return set;
}
