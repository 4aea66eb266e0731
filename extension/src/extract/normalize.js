// Cleaning of single field values, shared by all extractors.

const MAX_TEXT = 200;

// Control and format characters never belong in a captured field.
// - Controls that separate text (tab, line and paragraph breaks, including
//   NEL U+0085 and U+2028/U+2029, and the C0 information separators
//   U+001C-U+001F) become a space: every field is a single line.
// - The other C0/C1 controls (U+0000-U+001F, U+007F-U+009F: \x01, DEL, ...)
//   and every format character (Unicode category Cf: soft hyphen, zero-width
//   space / joiners, word joiner, BOM, the bidi marks, embeddings, overrides
//   and isolates U+200E/F, U+202A-U+202E, U+2066-U+2069, U+061C, tag
//   characters) are removed, not spaced: they stand for no text, so removing
//   them keeps "W12<DEL>3456" one order number and
//   "jane<ZWSP>@example.com" one address.
// Bidi controls are removed rather than kept even in names: a right-to-left
// override in an order number or a vendor name makes it display as something
// else than it is ("Trojan Source"-style spoofing), and an unbalanced one
// leaking into the popup or the terminal UI reorders the text after it.
// Right-to-left scripts still display correctly without them (the Unicode
// bidi algorithm orders them by their letters); at worst the neutrals between
// mixed-direction runs are placed differently. The cost of removing Cf
// wholesale is that emoji joined by ZWJ show as their parts.
const SEPARATOR_CONTROLS = /[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]/g;
const INVISIBLE_CONTROLS = /[\p{Cc}\p{Cf}]/gu;

// What the server refuses in a multi-line text (a reason, a transcript): C0 and C1 controls but
// tab, line feed and carriage return, and the bidi embeddings, overrides and isolates. Joiners
// stay (emoji). The rule is server/domain/text.py's (REFUSED_IN_TEXT); tests/server/test_text_rule.py
// checks this copy against it, and stripControls against REFUSED_IN_LINE.
const TEXT_BLOCK_CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** A multi-line text (a transcript, an email, a reason) with the controls the server refuses removed. */
export function stripBlockControls(text) {
  return String(text).replace(TEXT_BLOCK_CONTROLS, '');
}

/** `text` with separating controls made spaces and every other control or format character removed. */
export function stripControls(text) {
  return String(text).replace(SEPARATOR_CONTROLS, ' ').replace(INVISIBLE_CONTROLS, '');
}

/** Whitespace collapsed and trimmed, controls removed; null when nothing is left. */
export function cleanText(value, max = MAX_TEXT) {
  if (value === null || value === undefined) return null;
  const text = stripControls(value).replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > max ? text.slice(0, max).replace(/\s\S*$/, '') : text;
}

const ORDER_TOKEN = /^(?:#|№|n[°º]\.?)?\s?([A-Z0-9][A-Z0-9._\/+-]{0,59}(?:==?)?)(?![A-Z0-9._\/=-])/i;

/**
 * An order number from the text right after its label ("#16739482210.", "CSS-77310 placed on").
 * It must not look like a date or an amount, and must hold a digit and four characters, unless
 * the label names the order number itself: then a short number ("#312", `short`) or a
 * reference of capital letters only ("XKTRFWQMB", `lettersOnly`) will do. Null otherwise.
 */
export function cleanOrderNumber(value, { short = false, lettersOnly = false } = {}) {
  const text = cleanText(value, 120);
  if (!text) return null;
  const m = ORDER_TOKEN.exec(text);
  if (!m) return null;
  const token = m[1].replace(/[._\/+-]+$/, '');
  if (token.length > 48) return null;
  const letters = lettersOnly && /^[A-Z]{6,16}$/.test(token);
  if (!letters && !/\d/.test(token)) return null;
  if (token.length < (short ? 3 : 4) && !letters) return null;
  if (/^\d{1,4}[.,]\d{2}$/.test(token)) return null; // an amount
  if (/^\d{4}[-\/.]\d{1,2}[-\/.]\d{1,2}$|^\d{1,2}[-\/.]\d{1,2}[-\/.]\d{2,4}$/.test(token)) return null; // a date
  if (!short && /^(?:19|20)\d{2}$/.test(token)) return null; // a year (unless the label says it is the number)
  return token;
}

export const LEGAL_SUFFIX = new RegExp(
  String.raw`[\s,]+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.,?\s?Ltd\.?|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|SAS|S\.A\.S\.?|S\.A\.?|SA|SARL|S\.à\s?r\.l\.|S\.r\.l\.?|SRL|S\.L\.?|SL|S\.p\.A\.?|s\.r\.o\.?|a\.s\.|sp\.\s?z\s?o\.o\.|B\.V\.?|BV|N\.V\.?|NV|AB|Oy|ApS|AS|A\/S|plc|PLC|Pty\.?(?:\s+Ltd\.?)?|K\.K\.|KK)$`,
  'u',
);

/** "Digital River, Inc." -> "Digital River"; "2Checkout (now Verifone)" -> "2Checkout". */
export function cleanOrgName(value) {
  let name = cleanText(value, 120);
  if (!name) return null;
  name = name.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/^(?:the|die|der|le|la|el|il)\s+/i, '');
  let previous;
  do {
    previous = name;
    // A final dot goes, but not the one of "Supply Co." or "Bros.": it is part of the name.
    name = name.replace(/(?<!(?:^|\s)(?:Co|Bros|St))[\s,.;:!]+$/, '').replace(/\s*[,;:!]+$/, '').replace(LEGAL_SUFFIX, '');
  } while (name !== previous);
  name = name.trim();
  if (name.length < 2 || name.length > 80 || !/\p{L}/u.test(name)) return null;
  return name;
}

const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** Every email address in `text`, lower-cased, in order. */
export function findEmails(text) {
  if (!text || text.indexOf('@') < 0) return [];
  return (text.match(EMAIL_RE) || []).map((e) => e.replace(/^mailto:/i, '').toLowerCase());
}

/** The first email address in `text`, or null. */
export function cleanEmail(value) {
  const [first] = findEmails(cleanText(value, 320) || '');
  return first || null;
}

// Mailboxes of the shop rather than of the customer.
const ROLE_LOCAL_PART = new RegExp(
  '^(?:' + [
    'support', 'no-?reply', 'do-?not-?reply', 'do_not_reply', 'donotreply', 'noreply', 'help', 'helpdesk',
    'info', 'sales', 'billing', 'orders?', 'service', 'services', 'customer-?service', 'customer\\.?service',
    'customer-?care', 'customercare', 'privacy', 'abuse', 'postmaster', 'webmaster', 'contact',
    'hello', 'hola', 'hallo', 'hi', 'hey', 'hej', 'ciao', 'bonjour', 'ola', 'olá', 'moin', 'team', 'feedback', 'legal', 'returns?', 'refunds?', 'store', 'shop', 'news(?:letter)?',
    'marketing', 'notifications?', 'mailer-daemon', 'security', 'dpo', 'kundenservice', 'kundendienst',
    'service-?client', 'servicio', 'assistenza', 'klantenservice', 'kundtjanst', 'kundservice', 'press',
    'accounts?', 'payments?', 'invoices?', 'receipts?', 'purchases?', 'bounces?', 'admin',
    'updates', 'alerts?', 'renewals?', 'subscriptions?', 'licens(?:e|ing)', 'digitalriver', 'ecommerce',
  ].join('|') + ')(?:[._+-].*)?$',
  'i',
);

// The domain an organisation registered, roughly: the last two labels, three under a country's
// generic second level ("shop.example.co.uk" -> "example.co.uk").
const SECOND_LEVEL = /^(?:co|com|org|net|ac|gov|edu|ne|or|go|gob|gouv|nic|ltd|plc|me)$/;
function baseDomain(domain) {
  const labels = domain.toLowerCase().replace(/^www\./, '').split('.');
  const take = labels.length >= 3 && labels[labels.length - 1].length === 2 && SECOND_LEVEL.test(labels[labels.length - 2]) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/**
 * True when two domains belong to one organisation (the same registered domain). Under the
 * domains kept for examples (example.com, example.de ...) every subdomain is an organisation
 * of its own, as test pages and documentation use them.
 */
export function sameOrganisation(a, b) {
  if (!a || !b) return false;
  const x = a.toLowerCase().replace(/^www\./, '');
  const y = b.toLowerCase().replace(/^www\./, '');
  if (x === y) return true;
  const base = baseDomain(x);
  if (base !== baseDomain(y)) return false;
  if (/^example\./.test(base)) return x.endsWith(`.${y}`) ? y !== base : y.endsWith(`.${x}`) && x !== base;
  return true;
}

/** True for shop mailboxes such as support@, noreply@, orders@. */
export function isRoleEmail(email) {
  return ROLE_LOCAL_PART.test(email.split('@')[0]);
}

// A card number as pages print it: at least eight digits or mask characters
// ("4111 1111 1111 4417", "************4417", "xxxx-xxxx-xxxx-4417",
// "•••• •••• 4417") in groups split by a space or dash, ending in four digits.
const CARD_NUMBER = /(?<![\p{L}\p{N}*•●·∙])(?:[\d*xX•●·∙][ -]?){4,}(\d{4})(?![ -]?[\d*•●·∙])(?![\p{L}\p{N}])/gu;
// "ending in", "endet auf", "se terminant par": the last digits are already introduced.
const ENDING_WORDS = /(?:ending|ends|endet|endend|terminant|termina(?:da|ndo)?|terminante|eindigend|slutar)(?:\s+(?:in|with|auf|mit|par|en|con|in|op|på))?\s*[:#]?\s*$/i;

/**
 * A payment method as a short single line: "Visa ending in 4417", "PayPal",
 * "Carte bancaire". Null for an empty value or one without a letter (a stray
 * amount or punctuation after the label).
 *
 * Never more than the last four digits of a card: a page that prints more
 * (a full or partly masked number) has the number replaced by its last four
 * digits, "Visa 4111 1111 1111 4417" -> "Visa ending in 4417". The server,
 * the letters and the exports only need the network and those four digits,
 * and a full card number must not leave the page.
 */
export function cleanPaymentMethod(value) {
  const text = cleanText(value, 400);
  if (!text) return null;
  const masked = text.replace(CARD_NUMBER, (match, last4, offset, whole) => (
    ENDING_WORDS.test(whole.slice(0, offset)) ? last4 : `ending in ${last4}`
  ));
  const short = cleanText(masked.replace(/[\s,.;:–—-]+$/, ''), 80);
  if (!short || !/\p{L}/u.test(short)) return null;
  return short;
}
