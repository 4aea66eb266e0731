// The look-alike guard: is a page one of a catalog party's own sites, or a site that borrows
// its brand (trendmicrocustomersupport.com, app-trendmicro.com, trendmicor.com)? Pure: a URL,
// the page's text and the server's table (GET /api/v1/policies/official-domains, cached by the
// background worker) in, a verdict out. The server runs the same rule in Python
// (server/policies/lookalike.py, which explains it); both pass the one table of cases in
// tests/knowledge/lookalike_cases.json.

import { getDomain } from '../vendor/tldts.js';

// Words look-alike domains put around a brand (the same list as the server's).
export const LURE_WORDS = Object.freeze([
  'support', 'supports', 'help', 'helpline', 'helpdesk', 'desk', 'care', 'customer',
  'customers', 'service', 'services', 'refund', 'refunds', 'billing', 'contact', 'contactus',
  'phone', 'number', 'call', 'tech', 'technical', 'app', 'official', 'team', 'center',
  'centre', 'chat', 'toll', 'free', 'tollfree', 'us', 'usa', 'uk', 'assist', 'assistance',
  'renew', 'renewal', 'cancel', 'subscription', 'activate', 'activation', 'setup', 'expert',
  'experts', 'my', 'the', '24x7', 'antivirus',
]);

const TOPIC = new RegExp(
  'support|refund|helpline|help ?desk|hotline|customer (?:service|care)|call us|contact us|'
  + 'phone|toll[- ]?free|billing|chargeback|credit card company|money back|'
  + 'remboursement|erstattung|kundendienst|reembolso|rimborso|terugbetaling|soporte', 'i');
const PHONE_NUMBER = /(?<!\d)\+?\d[\d ().-]{7,}\d(?!\d)/;

// Letters from other scripts that look like Latin ones, read as the Latin letter (the server
// has the same table).
const CONFUSABLES = Object.freeze({
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd',
  һ: 'h', ӏ: 'l', ո: 'n', ս: 'u', ν: 'v', ο: 'o', α: 'a', ρ: 'p', τ: 't', κ: 'k', ι: 'i',
  ɡ: 'g', ı: 'i',
});

/** RFC 3492 Punycode: the letters an xn-- label stands for (null when it is not valid). */
function punycodeDecode(input) {
  const base = 36; const tMin = 1; const tMax = 26; const skew = 38; const damp = 700;
  const adapt = (delta, points, first) => {
    let d = first ? Math.floor(delta / damp) : delta >> 1;
    d += Math.floor(d / points);
    let k = 0;
    while (d > ((base - tMin) * tMax) >> 1) {
      d = Math.floor(d / (base - tMin));
      k += base;
    }
    return k + Math.floor(((base - tMin + 1) * d) / (d + skew));
  };
  const digit = (c) => (c >= 48 && c < 58 ? c - 22 : c >= 65 && c < 91 ? c - 65 : c >= 97 && c < 123 ? c - 97 : base);
  const out = [];
  const last = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(last, 0); j += 1) out.push(input.charCodeAt(j));
  let n = 128; let i = 0; let bias = 72;
  for (let at = last > 0 ? last + 1 : 0; at < input.length;) {
    const oldi = i;
    for (let w = 1, k = base; ; k += base) {
      if (at >= input.length) return null;
      const d = digit(input.charCodeAt(at));
      at += 1;
      if (d >= base) return null;
      i += d * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (d < t) break;
      w *= base - t;
    }
    bias = adapt(i - oldi, out.length + 1, oldi === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    out.splice(i, 0, n);
    i += 1;
  }
  return String.fromCodePoint(...out);
}

/** A label (xn--... as the letters it shows) with Latin look-alikes folded to Latin. */
function unicodeLabel(label) {
  let text = String(label || '').toLowerCase();
  if (text.startsWith('xn--')) text = punycodeDecode(text.slice(4)) ?? text;
  return [...text].map((c) => CONFUSABLES[c] || c).join('');
}

/** Optimal string alignment distance (a swap of two letters counts 1), or limit + 1. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2 = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], prev2[j - 2] + 1);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

function pieceEnds(text, start) {
  const ends = LURE_WORDS.filter((w) => text.startsWith(w, start)).map((w) => start + w.length);
  let j = start;
  while (j < text.length && text[j] >= '0' && text[j] <= '9') j += 1;
  if (j > start) ends.push(j);
  return ends;
}

/** Positions reachable from the start by support words (or digits), and those from which the end is. */
function reachable(text) {
  const starts = new Set([0]);
  for (let i = 0; i <= text.length; i += 1) if (starts.has(i)) for (const end of pieceEnds(text, i)) starts.add(end);
  const finish = new Set([text.length]);
  for (let i = text.length; i >= 0; i -= 1) if (pieceEnds(text, i).some((end) => finish.has(end))) finish.add(i);
  return { starts, finish };
}

export function tolerance(brand, commonWord) {
  if (commonWord || brand.length <= 4) return 0;
  return brand.length <= 7 ? 1 : 2;
}

/** Whether a domain label (trendmicrocustomersupport, app-trendmicro) uses `brand`. */
export function labelUsesBrand(label, brand, commonWord = false) {
  const compact = unicodeLabel(label).replaceAll('-', '');
  if (!compact || !brand) return false;
  const k = tolerance(brand, commonWord);
  const { starts, finish } = reachable(compact);
  for (const i of starts) {
    for (const j of finish) {
      if (j <= i || Math.abs((j - i) - brand.length) > k) continue;
      if (commonWord && i === 0 && j === compact.length) continue; // an everyday word alone
      if (distance(compact.slice(i, j), brand, k) <= k) return true;
    }
  }
  return false;
}

export function speaksOfSupport(text) {
  return TOPIC.test(text) || PHONE_NUMBER.test(text);
}

function targetHost(target) {
  let value = String(target || '').trim();
  if (value.includes('@') && !value.includes('//')) value = `https://${value.slice(value.lastIndexOf('@') + 1)}`;
  else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) value = `https://${value}`;
  try {
    const host = new URL(value).hostname.toLowerCase().replace(/\.$/, '');
    return host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return null;
  }
}

function isIp(host) {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.startsWith('[');
}

/** The registrable domain of a host (the Public Suffix List, private suffixes included), or null. */
export function registrableDomain(host) {
  if (!host || !host.includes('.') || isIp(host) || host.endsWith('.localhost')) return null;
  return getDomain(host, { allowPrivateDomains: true }) || null;
}

function labels(host, registrable) {
  const own = registrable.split('.')[0];
  const subdomains = host === registrable ? [] : host.slice(0, -registrable.length).replace(/\.$/, '').split('.');
  return [own, ...subdomains.filter((label) => label && label !== 'www')];
}

/**
 * The verdict on a URL, bare host or email address: {domain, official, lookalike, party}.
 * `parties`: the server's table ({id, name, brands, brand_is_common_word, official_domains, ...}).
 * `text`: the page's text, or null to judge by the domain alone.
 */
export function checkPage(target, parties, text = null) {
  const host = targetHost(target);
  const registrable = host ? registrableDomain(host) : null;
  const verdict = { domain: registrable || host, official: false, lookalike: false, party: null };
  if (!host || !registrable) return verdict;
  const list = Array.isArray(parties) ? parties : [];
  const owns = (party) => (party.own_domains || []).includes(registrable); // its owner first
  const ordered = [...list.filter(owns), ...list.filter((p) => !owns(p))];
  for (const party of ordered) {
    if ((party.official_domains || []).includes(registrable)) return { ...verdict, official: true, party };
  }
  if (text !== null && text !== undefined && !speaksOfSupport(text)) return verdict;
  const names = labels(host, registrable);
  for (const party of list) {
    for (const brand of party.brands || []) {
      if (names.some((label) => labelUsesBrand(label, brand, Boolean(party.brand_is_common_word)))) {
        return { ...verdict, lookalike: true, party };
      }
    }
  }
  return verdict;
}
