import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPage, visibleLines } from '../src/extract/page.js';
import { pageSignals } from '../src/extract/text/signals.js';
import { html } from './helpers.js';

const lines = (markup) => visibleLines(html(markup).documentElement);

test('one line per block; table cells separated by tabs; <br> breaks lines', () => {
  assert.deepEqual(lines('<h1>Thanks</h1><p>Order <b>number</b>: 123</p><table><tr><td>Total:</td><td>$5.00</td></tr></table><p>a<br>b</p>'),
    ['Thanks', 'Order number: 123', 'Total:\t$5.00', 'a', 'b']);
});

test('scripts, styles, hidden and struck-through text are left out', () => {
  assert.deepEqual(lines(`<p>Total <s>$99.00</s> <del>$89</del> <span class="a-text-strike">$79</span> <span style="text-decoration: line-through">$69</span> $49.95</p>
    <script>var total = 1;</script><style>p{}</style><div hidden>secret</div><div style="display:none">none</div>
    <span aria-hidden="true">icon</span><template><p>t</p></template><select><option>Canada</option></select>`),
  ['Total $49.95']);
});

test('inline elements read as separate words unless they split a number or a word with <wbr>', () => {
  assert.deepEqual(lines('<div><span>Order Date</span><span>Nov 3, 2026</span></div>'), ['Order Date Nov 3, 2026']);
  assert.deepEqual(lines('<div><span>$</span><span>49</span><span>.95</span></div>'), ['$49.95']);
  assert.deepEqual(lines('<p>Bestell<wbr>nummer</p>'), ['Bestellnummer']);
});

test('non-breaking spaces are kept (they group digits); zero-width characters dropped', () => {
  assert.deepEqual(lines('<p>1&nbsp;299,00&nbsp;kr</p><p>ki\u200bm@exa\u00admple.com</p>'), ['1\u00a0299,00\u00a0kr', 'kim@example.com']);
});

test('readPage: title, lang and locale, URL', () => {
  const page = readPage(html('<html lang="en-CA"><head><title> Order  complete </title></head><body><p>x</p></body></html>'), 'https://shop.example/done');
  assert.equal(page.title, 'Order complete');
  assert.deepEqual(page.locale, { language: 'en', region: 'CA' });
  assert.equal(page.host, 'shop.example');
  assert.equal(readPage(html('<p>x</p>'), 'not a url').location, null);
});

test('deeply nested markup does not overflow the stack', () => {
  const deep = `${'<div>'.repeat(20000)}Order number: 123${'</div>'.repeat(20000)}`;
  assert.deepEqual(lines(deep), ['Order number: 123']);
});

test('page signals: cart, payment form, login, product buttons, pricing, article, help', () => {
  const signals = (markup) => pageSignals(readPage(html(markup), null));
  assert.equal(signals('<h1>Your cart</h1>').cart, true);
  assert.equal(signals('<button>Proceed to checkout</button>').cart, true);
  assert.equal(signals('<input autocomplete="cc-number">').paymentForm, true);
  assert.equal(signals('<button>Place order</button>').prepaymentButton, true);
  assert.equal(signals('<h1>Sign in</h1><input type="password">').login, true);
  assert.equal(signals('<input type="password"><p>Create a password</p>').login, false);
  assert.equal(signals('<button>Add to cart</button>').productButtons, true);
  assert.equal(signals('<p>$4.99/mo</p><p>$9.99/mo</p><a class="btn">Choose plan</a>').pricing, true);
  assert.equal(signals('<head><meta property="og:type" content="article"></head>').articleMeta, true);
  const sentence = 'This is a long sentence of prose about refunds and orders and what to do with them. ';
  assert.equal(signals(`<article><p>${sentence.repeat(30)}</p></article>`).article, true);
  // A long order page in an <article> (thousands of items) is lines of names and prices, not prose.
  const rows = Array.from({ length: 400 }, (_, i) => `<tr><td>Cotton Tote Bag, natural ${i}</td><td>1</td><td>$12.00</td></tr>`).join('');
  assert.equal(signals(`<article><table>${rows}</table></article>`).article, false);
  assert.equal(signals('<p>Your payment was declined. Please update your card.</p>').paymentFailed, true);
  assert.equal(signals('<h1>Where can I find my order number?</h1>').help, true);
  assert.equal(signals('<h1>Thank you for your order!</h1>').confirmation, 1);
  assert.equal(signals('<p>Look for the email titled “Thank you for your order”.</p>').confirmation, 0);
  assert.equal(signals('<h1>Vielen Dank für Ihre Bestellung</h1>').confirmation, 1);
  assert.equal(signals('<h1>ご注文ありがとうございました</h1>').confirmation, 1);
  assert.equal(signals('<h1>Grazie di aver acquistato</h1>').confirmation, 1);
  assert.equal(signals('<h1>Thank you Jordan!</h1>').confirmation, 1);
  assert.equal(signals('<h1>Thank you for your order!</h1>').help, false);
});
