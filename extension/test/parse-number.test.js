import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal, toFixedDecimal, toMinorUnits, fromMinorUnits } from '../src/extract/parse/number.js';

test('parseDecimal reads both decimal conventions', () => {
  const cases = {
    '49.95': '49.95',
    '49,95': '49.95',
    '1,234.56': '1234.56',
    '1.234,56': '1234.56',
    '1 234,56': '1234.56',
    '1\u00a0234,56': '1234.56',
    "1'234.50": '1234.50',
    '1,234,567.89': '1234567.89',
    '1.234.567,89': '1234567.89',
    '1,234': '1234',
    '1.234': '1234',
    '1,200': '1200',
    '12': '12',
    '0,50': '0.50',
    '0.500': '0.500',
    '007': '7',
    '12,-': '12',
    '-5.00': '-5.00',
  };
  for (const [input, expected] of Object.entries(cases)) assert.equal(parseDecimal(input), expected, input);
});

test('parseDecimal rejects malformed numbers', () => {
  for (const input of ['', 'abc', '1.2.3', '1,23,4', '12.', ',5', '1.234.5', '1,234.5,6', null, undefined, '1.23.456']) {
    assert.equal(parseDecimal(input), null, String(input));
  }
});

test('toFixedDecimal pads and rounds half up without floating point', () => {
  assert.equal(toFixedDecimal('49.9', 2), '49.90');
  assert.equal(toFixedDecimal('49', 2), '49.00');
  assert.equal(toFixedDecimal('1200.00', 0), '1200');
  assert.equal(toFixedDecimal('0.005', 2), '0.01');
  assert.equal(toFixedDecimal('9.995', 2), '10.00');
  assert.equal(toFixedDecimal('99.5', 0), '100');
  assert.equal(toFixedDecimal('1.234', 3), '1.234');
  assert.equal(toFixedDecimal('-0.001', 2), '0.00');
});

test('minor units round-trip', () => {
  assert.equal(toMinorUnits('14.99', 2), 1499);
  assert.equal(fromMinorUnits(2497, 2), '24.97');
  assert.equal(fromMinorUnits(5, 2), '0.05');
  assert.equal(fromMinorUnits(1200, 0), '1200');
});
