// What the extractors read from a page: its URL, locale and title, and its
// visible text as lines (one per block element; table cells separated by a
// tab). Built from the DOM by hand rather than with innerText so the result is
// the same in the browser and under a Node DOM, which has no layout.

import { resolveLocale } from './parse/locale.js';
import { stripControls } from './normalize.js';
import { readWebmail, mailHeaderLines, isMailbox } from './webmail.js';

const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'title', 'meta', 'link', 'base', 'svg', 'math', 'canvas',
  'iframe', 'object', 'embed', 'select', 'datalist', 'textarea',
]);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul', 'button', 'label', 'option',
]);
const CELLS = new Set(['td', 'th']);
// Struck-through prices are the list price, never the amount charged.
const STRUCK_TAGS = new Set(['del', 's', 'strike']);
const STRUCK_CLASS = /strike|line-through|old-?price|was-?price|price-?(?:old|was)|original-?price/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const SPACES = /[ \t\n\r\f\v\u1680\u2000-\u2008\u200a\u2028\u2029\u205f\u3000]+/g;
const HARD_SPACES = /[\u00a0\u202f\u2009]/g;
const WORD_END = /[\p{L}\p{N}]$/u;
const NOT_SPACE = /[^ \t\n\r\f]/; // not \S: a no-break space is text (it groups digits)
// Quick tests before the replacements: most text needs neither.
const NEEDS_CLEANING = /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udfff]/;
const ODD_SPACES = /[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u2028\u2029\u205f\u3000]| {2}/;

function endsWithWord(text) {
  if (!text) return false;
  const code = text.charCodeAt(text.length - 1);
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return code > 127 && WORD_END.test(text.slice(-2));
}
const WORD_START = /^[\p{L}\p{N}]/u;

function isSkipped(el, tag) {
  if (SKIPPED.has(tag) || STRUCK_TAGS.has(tag)) return true;
  // Most elements of a large page carry no attribute at all: nothing more to read.
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  if (tag === 'input' && el.getAttribute('type') === 'hidden') return true;
  const style = el.getAttribute('style');
  if (style && (HIDDEN_STYLE.test(style) || /line-through/i.test(style))) return true;
  const cls = el.getAttribute('class');
  return Boolean(cls && STRUCK_CLASS.test(cls));
}

/** False when `el` or one of its ancestors (up to, not including, `within`) is hidden or left out of the text. */
export function isShown(el, within = null) {
  for (let node = el; node && node !== within && node.nodeType === 1; node = node.parentElement) {
    if (isSkipped(node, node.localName ? node.localName.toLowerCase() : '')) return false;
  }
  return true;
}

/**
 * Visible text of `root` as lines. Cells of a table row stay on one line,
 * separated by "\t". Non-breaking spaces become "\u00a0" (they group digits).
 * @param {Element} root
 * @returns {string[]}
 */
export function visibleLines(root, depth = 0) {
  const lines = [];
  let current = '';
  // Set when an inline element starts or ends: "<span>Order date</span><span>Nov 3</span>"
  // reads as two words, while "<b>$</b>49<span>.95</span>" stays one amount.
  let atBoundary = false;
  // A short <dt> just ended: its <dd> continues the line ("Size: 10"), as a label and its value.
  let termEnded = false;
  const flush = () => {
    const line = current.replace(/ ?\t[ \t]*/g, '\t').replace(/ {2,}/g, ' ').trim().replace(/^\t+|\t+$/g, '');
    if (line) lines.push(line);
    current = '';
    termEnded = false;
  };
  const enter = (node) => {
    if (node.nodeType === 3) {
      const data = node.data;
      // Whitespace between tags (most text nodes of a large page) is one space.
      if (!NOT_SPACE.test(data)) {
        if (data) current += ' ';
        atBoundary = false;
        return false;
      }
      // Control and format characters (zero-width, bidi, soft hyphen) go first: see normalize.js.
      let text = NEEDS_CLEANING.test(data) ? stripControls(data) : data;
      if (ODD_SPACES.test(text)) text = text.replace(SPACES, ' ').replace(HARD_SPACES, '\u00a0');
      if (termEnded && text.trim()) flush();
      if (atBoundary && endsWithWord(current) && WORD_START.test(text)) current += ' ';
      current += text;
      atBoundary = false;
      return false;
    }
    if (node.nodeType !== 1) return false;
    const tag = node.localName ? node.localName.toLowerCase() : '';
    if (tag !== 'wbr') atBoundary = true;
    if (tag === 'br') {
      flush();
      return false;
    }
    if (tag === 'iframe') {
      // A frame of the same origin (a webmail shows the message in one): its text, in place.
      const inner = depth < MAX_FRAME_DEPTH ? frameBody(node) : null;
      if (inner && isShown(node)) {
        flush();
        for (const line of visibleLines(inner, depth + 1)) lines.push(line);
      }
      return false;
    }
    if (isSkipped(node, tag)) return false;
    if (tag === 'dd' && termEnded) {
      termEnded = false;
      current = current.replace(/\s*[:：]?\s*$/, ': ');
      return true;
    }
    if (BLOCKS.has(tag)) flush();
    if (CELLS.has(tag) && current.trim()) current += '\t';
    return true;
  };
  const leave = (node) => {
    const tag = node.localName ? node.localName.toLowerCase() : '';
    if (tag !== 'wbr') atBoundary = true;
    if (tag === 'dt' && current.trim() && current.trim().length <= 40 && !current.includes('\t')) {
      termEnded = true;
      return;
    }
    if (BLOCKS.has(tag)) flush();
  };
  // Iterative walk (real pages can nest deeper than the call stack allows),
  // by firstChild / nextSibling, which are cheap in every DOM.
  let node = root;
  while (node) {
    if (enter(node) && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    if (node.nodeType === 1 && node !== root && node.firstChild === null) leave(node);
    while (node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node.nodeType === 1) leave(node);
    }
    if (node === root) break;
    node = node.nextSibling;
  }
  flush();
  return lines;
}

const MAX_FRAME_DEPTH = 3;

/** The body of a frame this script may read (same origin, loaded), else null. */
export function frameBody(frame) {
  try {
    const doc = frame.contentDocument;
    return doc && (doc.body || doc.documentElement) ? doc.body || doc.documentElement : null;
  } catch {
    return null; // another origin
  }
}

// <meta> values by their name, property or http-equiv, lower-cased ("og:site_name").
function metaValues(doc) {
  const values = new Map();
  for (const el of doc.querySelectorAll('meta[content]')) {
    const content = el.getAttribute('content').trim();
    for (const attr of ['property', 'name', 'http-equiv']) {
      const key = (el.getAttribute(attr) || '').toLowerCase();
      if (key && content && !values.has(key)) values.set(key, content);
    }
  }
  return values;
}

function safeUrl(url) {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

/**
 * @param {Document} doc
 * @param {string|null} url
 */
export function readPage(doc, url) {
  const root = doc.documentElement;
  const location = safeUrl(url);
  // An email open in a webmail: only the message is the page; the mailbox around it is not.
  const mail = root ? readWebmail(doc, location) : null;
  const mailbox = !mail && root ? isMailbox(doc, location) : false;
  const scope = mail ? mail.body : root;
  const titleEl = doc.querySelector('title');
  const title = titleEl ? stripControls(titleEl.textContent).replace(/\s+/g, ' ').trim() : '';
  const metas = mail ? new Map() : metaValues(doc);
  const scopeRoot = mail ? (scope.ownerDocument && scope.ownerDocument.documentElement) || scope : root;
  const lang = (scopeRoot && (scopeRoot.getAttribute('lang') || scopeRoot.getAttribute('xml:lang')))
    || (root && (root.getAttribute('lang') || root.getAttribute('xml:lang')))
    || metas.get('content-language') || metas.get('og:locale');
  const lines = scope ? visibleLines(scope) : [];
  // An email saved or printed with its header lines ("From: …", "Date: …").
  const header = mail || mailHeaderLines(lines);
  return {
    /** The document, or in a webmail the message's element: where extractors look. */
    doc: mail ? scope : doc,
    document: doc,
    url: url || null,
    location,
    host: location ? location.hostname.toLowerCase() : '',
    lang: lang || null,
    locale: resolveLocale({ lang, location: mail ? null : location }),
    // In a webmail the page's title is the mailbox's: the message's subject stands for it.
    title: mail ? stripControls(mail.subject || '') : title,
    lines,
    /** The email's sender, recipients, date and subject, when the page is an email. */
    mail: header,
    webmail: mail ? mail.provider : null,
    mailbox,
    /** A <meta> value by name, property or http-equiv ("og:site_name"), or null. */
    meta: (key) => metas.get(key.toLowerCase()) || null,
  };
}
