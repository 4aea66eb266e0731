import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMoney, pickMoney, parseMoneyValue } from '../src/extract/parse/money.js';
import { currencyFromSymbol, formatAmount, minorUnits } from '../src/extract/parse/currency.js';
import { resolveLocale, parseLanguageTag } from '../src/extract/parse/locale.js';

const US = { language: 'en', region: 'US' };
const money = (text, locale = US) => {
  const m = pickMoney(text, locale);
  return m && `${m.amount} ${m.currency}`;
};

test('amounts with symbols, codes and both number styles', () => {
  assert.equal(money('$49.95'), '49.95 USD');
  assert.equal(money('$49.95 USD'), '49.95 USD');
  assert.equal(money('49,95 €'), '49.95 EUR');
  assert.equal(money('€ 1.234,56'), '1234.56 EUR');
  assert.equal(money('EUR 1,234.56'), '1234.56 EUR');
  assert.equal(money('£12.49'), '12.49 GBP');
  assert.equal(money('CHF 119.88'), '119.88 CHF');
  assert.equal(money("Fr. 1'234.50"), '1234.50 CHF');
  assert.equal(money('¥ 3,980'), '3980 JPY');
  assert.equal(money('1,200円'), '1200 JPY');
  assert.equal(money('1\u00a0299,00\u00a0kr', { language: 'sv', region: 'SE' }), '1299.00 SEK');
  assert.equal(money('1 299 kr', { language: 'sv', region: 'SE' }), '1299.00 SEK');
  assert.equal(money('CA$ 59.99'), '59.99 CAD');
  assert.equal(money('A$89.99'), '89.99 AUD');
  assert.equal(money('49.9 USD'), '49.90 USD');
  assert.equal(money('12,- €', { language: 'de', region: 'DE' }), '12.00 EUR');
});

test('"$" and "kr" take their currency from the page locale', () => {
  assert.equal(money('$59.99', { language: 'en', region: 'CA' }), '59.99 CAD');
  assert.equal(money('$59.99', { language: 'fr', region: 'CA' }), '59.99 CAD');
  assert.equal(money('$89.99', { language: 'en', region: 'AU' }), '89.99 AUD');
  assert.equal(money('$10.00', { language: 'en', region: null }), '10.00 USD');
  assert.equal(money('199 kr', { language: 'nb', region: null }), '199.00 NOK');
  assert.equal(money('199 kr', { language: 'da', region: 'DK' }), '199.00 DKK');
  assert.equal(money('¥100', { language: 'zh', region: 'CN' }), '100.00 CNY');
});

test('the first amount with a currency is preferred over bare numbers', () => {
  assert.equal(money('2 items: $24.98'), '24.98 USD');
  assert.equal(money('Qty 1 — 59,99 €'), '59.99 EUR');
  assert.equal(pickMoney('VAT 20.00', US).currency, null);
  assert.deepEqual(findMoney('no money here', US), []);
});

test('several amounts are found in order', () => {
  const found = findMoney('Subtotal $41.97, tax $7.98, total $49.95', US);
  assert.deepEqual(found.map((m) => m.amount), ['41.97', '7.98', '49.95']);
});

test('structured price values', () => {
  assert.deepEqual(parseMoneyValue('59.99', US), { amount: '59.99', currency: null });
  assert.deepEqual(parseMoneyValue(69.99, US), { amount: '69.99', currency: null });
  assert.deepEqual(parseMoneyValue('59,99 €', US), { amount: '59.99', currency: 'EUR' });
  assert.equal(parseMoneyValue(null, US), null);
});

test('currency helpers', () => {
  assert.equal(currencyFromSymbol('usd'), null);
  assert.equal(currencyFromSymbol('USD'), 'USD');
  assert.equal(currencyFromSymbol('€'), 'EUR');
  assert.equal(currencyFromSymbol('C$'), 'CAD');
  assert.equal(minorUnits('JPY'), 0);
  assert.equal(minorUnits('KWD'), 3);
  assert.equal(formatAmount('1200.00', 'JPY'), '1200');
  assert.equal(formatAmount('49.9', 'EUR'), '49.90');
  assert.equal(formatAmount('1.5', null), '1.50');
});

test('page locale from lang, URL and domain', () => {
  assert.deepEqual(parseLanguageTag('en_US'), { language: 'en', region: 'US' });
  assert.deepEqual(parseLanguageTag('zh-Hant-TW'), { language: 'zh', region: 'TW' });
  assert.deepEqual(resolveLocale({ lang: 'en-GB', location: new URL('https://x.example/') }), { language: 'en', region: 'GB' });
  assert.deepEqual(resolveLocale({ lang: 'en', location: new URL('https://x.example/store/en_CA/Page') }), { language: 'en', region: 'CA' });
  assert.deepEqual(resolveLocale({ lang: null, location: new URL('https://s.example/?Locale=de_DE') }), { language: 'de', region: 'DE' });
  assert.deepEqual(resolveLocale({ lang: 'en', location: new URL('https://shop.example.com.au/') }), { language: 'en', region: 'AU' });
  assert.deepEqual(resolveLocale({ lang: 'en', location: new URL('https://mail.example.net/') }), { language: 'en', region: null });
  assert.deepEqual(resolveLocale({ lang: null, location: null }), { language: null, region: null });
});
