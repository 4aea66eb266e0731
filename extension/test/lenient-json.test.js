import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLenientJson, parseLenientJsonValues } from '../src/extract/parse/lenient-json.js';
import { decodeEntities } from '../src/extract/parse/entities.js';

test('strict JSON reads as JSON.parse would', () => {
  const text = '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "d\\n\\u00e9\\"x"}}';
  assert.deepEqual(parseLenientJson(text), JSON.parse(text));
});

test('comments, trailing commas, single quotes, unquoted keys', () => {
  const text = `
    // a comment
    { /* inline */ name: 'Norton 360', "list": [1, 2, ], 'x': {"y": 1,}, }`;
  assert.deepEqual(parseLenientJson(text), { name: 'Norton 360', list: [1, 2], x: { y: 1 } });
});

test('raw control characters and invalid escapes inside strings', () => {
  const value = parseLenientJson('{"name": "line one\nline\ttwo", "path": "C:\\Program Files\\x"}');
  assert.equal(value.name, 'line one\nline\ttwo');
  assert.equal(value.path, 'C:Program Filesx');
});

test('HTML entities in strings are decoded', () => {
  assert.equal(parseLenientJson('{"n": "Security &amp; VPN &ndash; d&#39;avance &#x2122;"}').n, 'Security & VPN – d\'avance ™');
  assert.equal(decodeEntities('&unknown; &amp;'), '&unknown; &');
});

test('HTML comment and CDATA wrappers', () => {
  assert.deepEqual(parseLenientJson('<!-- {"a": 1} -->'), { a: 1 });
  assert.deepEqual(parseLenientJson('//<![CDATA[\n{"a": 1}\n//]]>'), { a: 1 });
});

test('a block cut off before its end keeps what was read', () => {
  assert.deepEqual(parseLenientJson('{"@type": "Order", "orderNumber": "A-123", "offer": {"name": "X"'), {
    '@type': 'Order', orderNumber: 'A-123', offer: { name: 'X' },
  });
  // ...and says it was cut off, so the page's text can outweigh it; a whole block is not.
  assert.equal(parseLenientJsonValues('{"a": {"b": "c').cutOff, true);
  assert.equal(parseLenientJsonValues('{"a": [1, 2').cutOff, true);
  assert.equal(parseLenientJsonValues("{a: 1, 'b': 2,} // trailing").cutOff, false);
});

test('several values in one block', () => {
  assert.deepEqual(parseLenientJsonValues('{"a": 1}\n{"b": 2}'), [{ a: 1 }, { b: 2 }]);
  assert.deepEqual(parseLenientJsonValues('{"a": 1}; garbage here'), [{ a: 1 }]);
});

test('hopeless input throws', () => {
  assert.throws(() => parseLenientJson('this is not json {{'), SyntaxError);
  assert.throws(() => parseLenientJson(''), SyntaxError);
  assert.throws(() => parseLenientJson('['.repeat(1000)), SyntaxError);
});

test('linear on a large input', () => {
  const big = JSON.stringify({ items: Array.from({ length: 20000 }, (_, i) => ({ id: i, name: `item ${i}`, price: '9.99' })) });
  const started = performance.now();
  assert.equal(parseLenientJson(big).items.length, 20000);
  assert.ok(performance.now() - started < 2000);
});
