// Who sold it: the shop or brand shown on the page (merchant_name) and, when
// the page says so, the reseller / merchant of record that charged the card
// (seller_name), e.g. "Digital River, Inc. is the authorized reseller and
// merchant of record" -> "Digital River".

import { cleanOrgName, LEGAL_SUFFIX } from '../normalize.js';
import { findDates } from '../parse/date.js';

const THANKS = /thank|danke|dank\b|merci|gracias|grazie|bedankt|obrigad|dziękuj|tack|tak for|спасибо|благодар|ありがと|感谢|感謝|confirm|bestätig|recibido|ricevuto|ontvangen|received|erhalten|reçu|placed|aufgegeben|passée|pass[ée]e/i;
const YOUR_ORDER = /^(?:your|ihre|deine|votre|tu|su|il tuo|je|uw|seu|o seu|twoje|din|ваш)\s/i;

// A company name as written in running text: capitalised words, digits,
// "&", dots and hyphens ("Digital River, Inc.", "Paddle.com Market Ltd").
// A word that ends a sentence ("Outfitters. Once your parcel ships") ends the name, unless it
// is an abbreviation that belongs to it ("Supply Co.", "Inc.").
const NAME_WORD = String.raw`[\p{Lu}\d&][\p{L}\d&'’+-]*(?:\.(?=\S)[\p{L}\d&'’+-]+)*(?:\.(?=\s|$)(?<=(?:Co|Inc|Ltd|Corp|Bros|St|Mt|Dr|Jr|Sr|GmbH|AG)\.))?`;
const NAME = String.raw`[\p{Lu}\d]${NAME_WORD.slice(String.raw`[\p{Lu}\d&]`.length)}(?:,?\s(?:${NAME_WORD}|(?:of|and|und|et|y|e|de|du|des|la|le|à|del|van|von|och|og|и)(?![\p{L}])))*(?:\s?\([^()]{1,40}\))?`;
const NAME_RE = new RegExp(`^${NAME}`, 'u');

const RESELLER_WORDS = /reseller|retailer|merchant\s+of\s+record|wiederverkäufer|händler|vertragspartner|revendeur|marchand|revendedor|vendedor\s+oficial|rivenditore|venditore|wederverkoper|återförsäljare|säljare/i;

// Keywords matched in any case, while names must still start with a capital
// (a regular expression with the "i" flag would let \p{Lu} match lower case).
function ci(words) {
  return words
    .map((w) => w.replace(/[a-zà-ÿ]/g, (c) => `[${c}${c.toUpperCase()}]`).replace(/ /g, String.raw`\s+`))
    .join('|');
}

const IS = ci(['is', 'acts as', 'ist', 'est', 'es', 'è', 'är', 'fungerar som']);
const ARTICLE = ci(['the', 'our', 'an', 'a', 'der', 'die', 'le', 'el', 'il', 'de', 'den', 'la', 'unser', 'notre', 'nuestro', 'nostro', 'onze', 'vår']);
const QUALIFIER = ci(['authorized', 'authorised', 'official', 'online', 'autorisierter', 'autorisierte', 'offizieller', 'offizielle',
  'autorisé', 'agréé', 'officiel', 'autorizado', 'oficial', 'autorizzato', 'ufficiale', 'geautoriseerde', 'officiële',
  'auktoriserade', 'auktoriserad', 'officiella', 'officiell']);
const RESELLER = ci(['reseller', 'retailer', 'merchant of record', 'wiederverkäufer', 'händler', 'vertragspartner', 'revendeur',
  'marchand', 'revendedor', 'rivenditore', 'wederverkoper', 'återförsäljare', 'återförsäljaren', 'säljare']);

// "<name> is the (authorised) reseller / merchant of record"
const NAME_BEFORE = new RegExp(
  String.raw`(?:^|[.!?;:]\s)\s*(?<name>${NAME})\s+(?:${IS})\s+(?:(?:${ARTICLE})\s+)?(?:(?:${QUALIFIER})\s+)*(?:${RESELLER})`,
  'u',
);
// "merchant of record: <name>", "our online reseller & Merchant of Record, <name>", "Vertragspartner: <name>"
const NAME_AFTER = new RegExp(
  String.raw`(?:${RESELLER})(?:\s+(?:&|${ci(['and'])})\s+(?:${RESELLER}))?(?:\s+(?:${ci(['for this order', 'for this purchase', 'for this transaction'])}))?(?:\s+(?:${IS}))?\s*[:,]?\s*(?<name>${NAME})`,
  'u',
);

function sentenceNames(line) {
  const found = [];
  const before = NAME_BEFORE.exec(line);
  if (before) found.push(before.groups.name);
  const after = NAME_AFTER.exec(line);
  if (after) found.push(after.groups.name);
  return found;
}

// Words that start a sentence but are not names ("This order is processed by ...").
const NOT_A_NAME = /^(?:this|the|that|our|your|it|we|you|which|who|dies|diese[rs]?|ce|cette|este|esta|questo|questa|deze|dit|denna|detta|merchant|reseller|seller|vendor|authori[sz]ed)$/i;

/**
 * The reseller / merchant of record named on the page.
 * @param {string[]} lines
 * @returns {{value: string, weight: number}|null}
 */
export function findSellerName(lines) {
  for (const line of lines) {
    if (!RESELLER_WORDS.test(line)) continue;
    for (const raw of sentenceNames(line)) {
      const name = cleanOrgName(trimName(raw));
      if (name && !NOT_A_NAME.test(name.split(/\s/)[0])) return { value: name, weight: 0.7 };
    }
  }
  return null;
}

// Keeps the trailing run of capitalised words ("Note that Digital River" -> "Digital River").
function trimName(raw) {
  const words = raw.replace(/\s*\([^()]*\)/g, "").split(/\s+/);
  let start = words.length - 1;
  while (start > 0 && /^[\p{Lu}\d&]|^(?:of|and|und|et|de)$/u.test(words[start - 1])) start -= 1;
  while (start < words.length - 1 && /^(?:of|and|und|et|de|y|e)$/.test(words[start])) start += 1;
  return words.slice(start).join(' ');
}

const THANKS_WITH = new RegExp(
  String.raw`(?:${ci(['order', 'purchase', 'shopping', 'bestellung', 'einkauf', 'kauf', 'commande', 'achat', 'pedido', 'compra', 'ordine', 'acquisto', 'bestelling', 'aankoop', 'beställning', 'köp'])})\s+(?:with|from|at|bei|von|chez|sur|auprès\s+de|en|con|de|su|presso|da|bij|van|hos|från)\s+(?<name>${NAME})`,
  'u',
);
const GENERIC_TITLE = /^(?:inbox|posteingang|boîte de réception|bandeja de entrada|posta in arrivo|postvak in|inkorg|mail|gmail|outlook|yahoo mail|webmail|home|order|orders|receipt|checkout|confirmation|thank you)$/i;
const ORDER_WORDS = /order|thank|confirm|receipt|invoice|purchase|checkout|payment|bestell|danke|rechnung|commande|merci|facture|pedido|gracias|factura|ordine|grazie|fattura|bestelling|bedankt|factuur|beställning|tack|kvitto|inbox|posteingang/i;

/**
 * The shop or brand the page is from.
 * @param {{lines: string[], title: string, doc: Document, meta: (selector: string) => string|null}} page
 * @returns {{value: string, weight: number}|null}
 */
export function findMerchantName(page) {
  for (const line of page.lines) {
    // "Thank you for your order with X", "Ihre Bestellung bei X": thanks in the line, or the
    // order named as the customer's; not "Track order with Shop" (an app's advert).
    if (!THANKS.test(line) && !YOUR_ORDER.test(line)) continue;
    const m = THANKS_WITH.exec(line);
    const name = m && cleanOrgName(m.groups.name);
    if (name && !NOT_A_NAME.test(name.split(/\s/)[0]) && !findDates(name).length && !/^\d/.test(name)) {
      return { value: name, weight: 0.6 };
    }
  }
  const siteName = cleanOrgName(page.meta('og:site_name') || page.meta('application-name'));
  if (siteName) return { value: siteName, weight: 0.55 };

  const logo = logoAlt(page.doc);
  if (logo) return { value: logo, weight: 0.5 };

  const registered = companyNamedLikeTheSite(page);
  if (registered) return { value: registered, weight: 0.45 };

  const segments = page.title.split(/\s+[|–—·:-]\s+|\s+::\s+/).map((s) => s.trim());
  if (segments.length > 1) {
    // Not "Zamówienie #1207": a segment with the order's number names the order, not the shop.
    const candidates = segments.filter((s) => !ORDER_WORDS.test(s) && !GENERIC_TITLE.test(s) && !/#\s?\d|\d{4,}/.test(s));
    const name = cleanOrgName(candidates[candidates.length - 1]);
    if (name) return { value: name, weight: 0.4 };
  }

  for (let i = page.lines.length - 1; i >= Math.max(0, page.lines.length - 40); i -= 1) {
    const m = /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?<name>[^.|]{2,60})/iu.exec(page.lines[i]);
    const name = m && cleanOrgName(m.groups.name.replace(/\s*all rights reserved.*$/i, ''));
    if (name) return { value: name, weight: 0.35 };
  }
  return null;
}

// A name's letters as a host name writes them: "Kräuterhof Sonnenwiese" -> "kraeuterhofsonnenwiese"
// (and "krauterhofsonnenwiese").
function hostForms(name) {
  const lower = name.toLowerCase();
  const plain = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]/g, '');
  return new Set([plain(lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')), plain(lower)]);
}

// A company the page names with its legal form ("Kräuterhof Sonnenwiese GmbH", in an
// imprint or an address) whose name is the site's: a label of the host its links go to.
function companyNamedLikeTheSite(page) {
  const labels = new Set();
  const addHost = (host) => {
    for (const label of host.toLowerCase().split('.').slice(0, -1)) if (label.length >= 4) labels.add(label.replace(/[^a-z0-9]/g, ''));
  };
  if (page.location && !page.webmail) addHost(page.location.hostname);
  let links = 0;
  for (const a of page.doc.querySelectorAll('a[href^="http"]')) {
    try {
      addHost(new URL(a.getAttribute('href')).hostname);
    } catch {
      // not a URL
    }
    if ((links += 1) >= 300) break;
  }
  // A plain-text mail prints its links.
  for (const line of page.lines) {
    for (const m of line.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)) addHost(m[1]);
  }
  if (!labels.size) return null;
  for (const line of page.lines) {
    if (line.length > 80 || !LEGAL_SUFFIX.test(line.trim())) continue;
    const name = cleanOrgName(line);
    if (name && [...hostForms(name)].some((form) => form.length >= 4 && labels.has(form))) return name;
  }
  return null;
}

const LOGO = /logo/i;

// The alt text of the shop's logo: an image in the page header, or one whose
// own or parent's class, id or file name says "logo".
function logoAlt(doc) {
  for (const img of doc.querySelectorAll('img[alt]')) {
    const parent = img.parentElement;
    const grandparent = parent && parent.parentElement;
    const isLogo = LOGO.test(`${img.getAttribute('src') || ''} ${img.getAttribute('class') || ''} ${img.getAttribute('id') || ''}`)
      || [parent, grandparent].some((el) => el && (el.localName === 'header' || LOGO.test(`${el.getAttribute('class') || ''} ${el.getAttribute('id') || ''}`)));
    if (!isLogo) continue;
    const alt = img.getAttribute('alt');
    const name = cleanOrgName(alt && alt.replace(/\s+logo$/i, '').replace(/^logo\s+/i, ''));
    if (name && !/^logo$/i.test(name)) return name;
  }
  // A logo set in type: "<span class="header-logo-text">Pracownia Lniana</span>".
  for (const el of doc.querySelectorAll('[class*="logo"]')) {
    if (el.children.length || !LOGO.test(el.getAttribute('class') || '')) continue;
    const name = cleanOrgName(el.textContent);
    if (name && name.length <= 60 && !/^logo$/i.test(name)) return name;
  }
  return null;
}
