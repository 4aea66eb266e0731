// A forgiving JSON reader for JSON-LD as found on real pages: comments,
// trailing or missing commas, single quotes, unquoted keys, raw control
// characters inside strings, invalid escapes, HTML comment/CDATA wrappers,
// several values in one block, and a block cut off before its end (open
// objects and arrays are closed). Strings get their HTML entities decoded.
// It reads each character once, so its time is linear in the input.

import { decodeEntities } from './entities.js';

const MAX_DEPTH = 200;
const LITERALS = new Map([['true', true], ['false', false], ['null', null], ['undefined', null], ['NaN', null], ['Infinity', null]]);

class Reader {
  constructor(text) {
    this.text = text;
    this.pos = 0;
  }

  fail(message) {
    throw new SyntaxError(`${message} at offset ${this.pos}`);
  }

  skipSpace() {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0) {
        this.pos += 1;
      } else if (t.startsWith('//', this.pos)) {
        const end = t.indexOf('\n', this.pos);
        this.pos = end < 0 ? t.length : end + 1;
      } else if (t.startsWith('/*', this.pos)) {
        const end = t.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? t.length : end + 2;
      } else {
        return;
      }
    }
  }

  atEnd() {
    return this.pos >= this.text.length;
  }

  // A value the text ended inside of: kept, and the block marked as cut off.
  cut(value) {
    this.cutOff = true;
    return value;
  }

  value(depth) {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return decodeEntities(this.string(c));
    if (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9')) return this.number();
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.pos + 32));
    if (word && LITERALS.has(word[0])) {
      this.pos += word[0].length;
      return LITERALS.get(word[0]);
    }
    if (this.atEnd()) this.fail('unexpected end');
    return this.fail(`unexpected character ${JSON.stringify(c)}`);
  }

  object(depth) {
    this.pos += 1;
    const result = {};
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) return this.cut(result);
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos += 1;
        return result;
      }
      if (c === ',') {
        this.pos += 1;
        continue;
      }
      const key = this.key();
      this.skipSpace();
      if (this.text[this.pos] !== ':') {
        if (this.atEnd()) return this.cut(result);
        this.fail('expected ":"');
      }
      this.pos += 1;
      this.skipSpace();
      if (this.atEnd()) return this.cut(result);
      result[key] = this.value(depth + 1);
    }
  }

  key() {
    const c = this.text[this.pos];
    if (c === '"' || c === "'") return this.string(c);
    const word = /^[A-Za-z_$@][\w$@.-]*/.exec(this.text.slice(this.pos, this.pos + 128));
    if (!word) this.fail('expected a key');
    this.pos += word[0].length;
    return word[0];
  }

  array(depth) {
    this.pos += 1;
    const result = [];
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) return this.cut(result);
      const c = this.text[this.pos];
      if (c === ']') {
        this.pos += 1;
        return result;
      }
      if (c === ',') {
        this.pos += 1;
        continue;
      }
      result.push(this.value(depth + 1));
    }
  }

  string(quote) {
    const t = this.text;
    let out = '';
    let start = ++this.pos;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === quote) {
        out += t.slice(start, this.pos);
        this.pos += 1;
        return out;
      }
      if (c === '\\') {
        out += t.slice(start, this.pos);
        const e = t[this.pos + 1];
        this.pos += 2;
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.pos, this.pos + 4))) {
          out += String.fromCharCode(parseInt(t.slice(this.pos, this.pos + 4), 16));
          this.pos += 4;
        } else if (e !== undefined) {
          out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[e] ?? e;
        }
        start = this.pos;
      } else {
        this.pos += 1; // raw control characters and anything else are kept
      }
    }
    return this.cut(out + t.slice(start));
  }

  number() {
    const m = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!m) this.fail('bad number');
    this.pos += m[0].length;
    return Number(m[0]);
  }
}

/**
 * All JSON values in `text` (usually one). Throws SyntaxError if the text has
 * nothing usable; a value read before an error is still returned. The array's
 * `cutOff` is true when the text ended inside a value (its end is missing).
 */
export function parseLenientJsonValues(text) {
  // Wrappers some sites put around the block for old browsers.
  const reader = new Reader(String(text).replace(/<!\[CDATA\[|\]\]>|<!--|-->/g, ' '));
  const values = [];
  for (;;) {
    // Only objects and arrays are worth reading; text around them (a stray
    // "var data =", a semicolon, garbage after the value) is skipped.
    const next = reader.text.slice(reader.pos).search(/[{[]/);
    if (next < 0) break;
    reader.pos += next;
    try {
      values.push(reader.value(0));
    } catch (error) {
      if (values.length === 0) throw error;
      break;
    }
  }
  if (values.length === 0) throw new SyntaxError('no JSON object or array');
  Object.defineProperty(values, 'cutOff', { value: Boolean(reader.cutOff) });
  return values;
}

/** The first JSON value in `text`, read leniently (see above). */
export function parseLenientJson(text) {
  return parseLenientJsonValues(text)[0];
}
