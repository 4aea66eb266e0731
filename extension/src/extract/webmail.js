// An order email read in a webmail: the message's body and its header fields
// (sender, recipient, date, subject), never the mailbox around it (folder
// list, other messages, ads, the provider's own name and logo).
//
// Each webmail is known by its host or by its markup (a page saved from it
// keeps the markup); a standalone email, or one printed with its header lines
// ("From: …", "Date: …"), is read by mailHeaderLines() below.

import { findDates } from './parse/date.js';
import { findEmails } from './normalize.js';
import { fold } from './i18n/fold.js';
import { fastHas } from './dom-index.js';

const WEBMAILS = [
  {
    id: 'gmail', hosts: [/^mail\.google\./],
    marker: 'div.a3s, h2.hP, span.gD[email]',
    // In a thread the open messages each have a body: the last one is the one just read.
    body: ['div.adn.ads div.a3s', 'div.a3s'], last: true,
    from: { selector: 'span.gD[email]', email: 'email', name: 'name' },
    to: { selector: 'span.g2[email]', email: 'email' },
    date: { selector: 'span.g3[title]', attribute: 'title' },
    subject: 'h2.hP',
  },
  {
    id: 'outlook', hosts: [/^outlook\.(?:live|office|office365)\.com$/, /^outlook\.com$/],
    marker: '[id^="UniqueMessageBody"], [data-app-section="MailReadCompose"]',
    body: ['div[id^="UniqueMessageBody"]', '[data-app-section="MailReadCompose"] [role="document"]'],
    from: { selector: '[id$="_FROM"]' },
    to: { selector: '[id$="_TO"]' },
    date: { selector: '[data-testid="SentReceivedSavedTime"]', attribute: 'title' },
    subject: '[role="heading"][id$="_SUBJECT"]',
    account: '#mectrl_currentAccount_secondary',
  },
  {
    id: 'yahoo', hosts: [/^mail\.yahoo\./, /(?:^|\.)mail\.yahoo\.co\.jp$/],
    marker: '[data-test-id="message-view-body"], [data-cy="mailPreviewArea"]',
    body: ['[data-test-id="message-view-body-content"]', '[data-test-id="message-view-body"]', 'iframe[data-cy="htmlMail"]',
      '[data-cy="mailPreviewArea"]'],
    // Yahoo! JAPAN's mail prints the header as a list: .sc-fromName, .sc-fromAddress, time.sc-mailDate.
    from: { selector: '[data-test-id="message-from"], [data-cy="mailFrom"], [data-cy="from"], .sc-fromAddress',
      nameSelector: '.sc-fromName' },
    to: { selector: '[data-test-id="message-to"], [data-cy="mailTo"], [data-cy="to"], .sc-toAddress' },
    // The message list has dates of its own (data-test-id="message-date" too): the open message's header first.
    date: { selector: ['[data-test-id="message-header"] [data-test-id="message-date"]', '[data-test-id="message-date"], [data-cy="mailDate"], [data-cy="date"], time.sc-mailDate'], attribute: 'title' },
    subject: '[data-test-id="message-group-subject-text"], [data-cy="mailSubject"], [data-cy="subject"]',
  },
  {
    id: 'proton', hosts: [/^mail\.proton(?:mail)?\.(?:me|com|ch)$/],
    marker: '[data-testid^="message-view"], iframe[data-testid="content-iframe"]',
    body: ['iframe[data-testid="content-iframe"]', '[data-testid="message-content:body"]'], last: true,
    from: { selector: '[data-testid="recipients:sender"]' },
    to: { selector: '[data-testid^="recipients:item"], [data-testid="message-header:to"]' },
    date: { selector: '[data-testid="message:message-header-metas"] time, [data-testid="message:message-header-metas"]', attribute: 'title' },
    subject: '[data-testid="conversation-header-subject"]',
  },
  {
    id: 'roundcube', hosts: [],
    marker: '#messagebody, #message-htmlpart1, .rcmBody, #messagecontframe',
    body: ['#messagebody', '.message-htmlpart', 'iframe#messagecontframe'],
    from: { selector: 'td.header.from, .header-headers .from, .header .from' },
    to: { selector: 'td.header.to, .header-headers .to' },
    date: { selector: 'td.header.date, .header-headers .date, .header-summary .date' },
    subject: 'h2.subject, .header .subject',
  },
  {
    id: 'webde', hosts: [/(?:^|\.)web\.de$/, /(?:^|\.)gmx\.(?:net|de|at|ch|com|fr|es|co\.uk)$/],
    marker: 'iframe#thirdPartyFrame_mail, mail-detail, webmailer-mail-sidebar',
    body: ['iframe#thirdPartyFrame_mail', 'mail-detail iframe', 'mail-detail'],
    from: { selector: 'mail-detail [class*="sender"], mail-detail [class*="from"], [class*="mail-header__sender"]' },
    to: { selector: 'mail-detail [class*="recipient"], mail-detail [class*="to"]' },
    date: { selector: 'mail-detail [class*="date"], mail-detail time', attribute: 'title' },
    subject: 'mail-detail [class*="subject"]',
  },
  {
    id: 'yandex', hosts: [/^mail\.yandex\./],
    marker: '.js-message-body-content, .mail-Message-Body-Content',
    body: ['.js-message-body-content', '.mail-Message-Body-Content'],
    from: { selector: '.mail-Message-Sender-Email, .ns-view-message-head-sender-email', nameSelector: '.ns-view-message-head-sender-name, .mail-Message-Sender-Name' },
    to: { selector: '.mail-Message-Recipient, .ns-view-message-head-recipients' },
    date: { selector: '.ns-view-message-head-date, .mail-Message-Date', attribute: 'title' },
    subject: '.mail-Message-Toolbar-Subject-Wrapper, .mail-Message-Toolbar-Subject',
    account: '.user-account__subname',
  },
];

const MAX_FRAME_DEPTH = 3;

function frameRoot(frame) {
  try {
    const doc = frame.contentDocument;
    return doc ? doc.body || doc.documentElement : null;
  } catch {
    return null;
  }
}

// The element whose text is the message: a matching element, or the inside of a matching frame
// (followed frame into frame: the mail app, then the message).
function bodyIn(root, selectors, last, depth = 0) {
  for (const selector of selectors) {
    if (!fastHas(root, selector)) continue;
    const found = [...root.querySelectorAll(selector)];
    if (!found.length) continue;
    const el = last ? found[found.length - 1] : found[0];
    if (el.localName && el.localName.toLowerCase() === 'iframe') {
      const inner = frameRoot(el);
      if (!inner) continue;
      if (depth < MAX_FRAME_DEPTH) {
        const deeper = bodyIn(inner, selectors, last, depth + 1);
        if (deeper) return deeper;
        const nested = inner.querySelector('iframe');
        const nestedRoot = nested && frameRoot(nested);
        if (nestedRoot) return nestedRoot;
      }
      return inner;
    }
    return el;
  }
  return null;
}

function hostIs(patterns, host) {
  return patterns.some((pattern) => pattern.test(host));
}

// All the documents of a page: the page and its readable frames (the header may be in one).
function roots(doc) {
  const out = [doc];
  for (let i = 0; i < out.length && out.length < 8; i += 1) {
    for (const frame of out[i].querySelectorAll('iframe')) {
      const inner = frameRoot(frame);
      if (inner && inner.ownerDocument) out.push(inner.ownerDocument);
    }
  }
  return out;
}

// The first element a selector matches in the documents; a list of selectors is tried in order.
function firstIn(docs, selector) {
  if (Array.isArray(selector)) {
    for (const one of selector) {
      const el = firstIn(docs, one);
      if (el) return el;
    }
    return null;
  }
  for (const doc of docs) {
    const el = doc.querySelector(selector);
    if (el) return el;
  }
  return null;
}

const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');

const SENDER_LABEL = /^(?:from|von|de|da|van|från|fra|od|от|差出人|发件人|sender|absender|expéditeur|afzender)\s*[:：]\s*/i;

/** {name, email} of a sender or recipient element: its attributes, "Name <address>", or its text. */
function party(el, spec = {}) {
  if (!el) return null;
  const email = (spec.email && el.getAttribute(spec.email))
    || el.getAttribute('email') || el.getAttribute('data-hovercard-id') || findEmails(`${text(el)} ${el.getAttribute('title') || ''} ${el.getAttribute('aria-label') || ''}`)[0] || null;
  let name = (spec.name && el.getAttribute(spec.name)) || el.getAttribute('name') || null;
  if (!name) {
    // A label before the name: "From: …", or "Van" in a text node of its own before the address
    // element (never the first word of a name: "De Groene Vingers").
    const first = el.firstChild;
    const labelNode = first && first.nodeType === 3 && first.nextSibling && SENDER_LABEL.test(`${first.textContent.trim()}:`);
    const own = labelNode ? text(el).slice(first.textContent.trim().length) : text(el);
    const raw = own.replace(/<[^>]*>/g, ' ').replace(/\S+@\S+/g, ' ')
      .replace(SENDER_LABEL, '').replace(/[<>()"]/g, ' ');
    name = raw.replace(/\s+/g, ' ').trim() || null;
  }
  return { name: name && name.length <= 80 ? name : null, email: email ? email.toLowerCase() : null };
}

function dateOf(el, spec) {
  if (!el) return null;
  const values = [spec.attribute && el.getAttribute(spec.attribute), el.getAttribute('datetime'), el.getAttribute('title'), text(el)];
  for (const value of values) {
    if (!value) continue;
    const [date] = findDates(value, { order: 'mdy' });
    if (date) return date.iso;
  }
  return null;
}

/**
 * The open message of a webmail page, or null when the page is not one.
 * @returns {{provider: string, body: Element, from: {name, email}|null, to: string[], date: string|null,
 *   subject: string|null, account: string|null}|null}
 */
export function readWebmail(doc, location) {
  const host = location ? location.hostname.toLowerCase() : '';
  for (const mail of WEBMAILS) {
    const byHost = hostIs(mail.hosts, host);
    if (!byHost && !fastHas(doc, mail.marker)) continue;
    const body = bodyIn(doc, mail.body, mail.last);
    if (!body) {
      if (byHost) return null; // the mailbox, with no message open
      continue;
    }
    const docs = roots(doc);
    const fromEl = firstIn(docs, mail.from.selector);
    const from = party(fromEl, mail.from);
    if (from && mail.from.nameSelector) {
      const named = firstIn(docs, mail.from.nameSelector);
      if (named && text(named)) from.name = text(named);
    }
    const to = [];
    for (const d of docs) {
      for (const el of d.querySelectorAll(mail.to.selector)) {
        const who = party(el, mail.to);
        if (who && who.email && !to.includes(who.email)) to.push(who.email);
      }
    }
    const account = mail.account ? findEmails(text(firstIn(docs, mail.account)))[0] || null : null;
    return {
      provider: mail.id,
      body,
      from,
      to,
      account,
      date: dateOf(firstIn(docs, mail.date.selector), mail.date),
      subject: text(firstIn(docs, mail.subject)) || null,
    };
  }
  return null;
}

/** True for a webmail page with no message open (the inbox, a folder, a search). */
export function isMailbox(doc, location) {
  const host = location ? location.hostname.toLowerCase() : '';
  return WEBMAILS.some((mail) => hostIs(mail.hosts, host) && !bodyIn(doc, mail.body, mail.last));
}

// Header lines of an email printed as text: "From: Shop <orders@shop.example>", "Datum: …".
const HEADER_NAMES = {
  from: ['from', 'von', 'de', 'da', 'van', 'från', 'fra', 'od', 'от', '差出人', '送信者', '发件人', '寄件者', 'sender', 'absender', 'expéditeur', 'remitente', 'mittente', 'afzender', 'avsändare', 'afsender', 'nadawca', 'отправитель'],
  to: ['to', 'an', 'à', 'a', 'para', 'aan', 'till', 'til', 'do', 'кому', '宛先', '收件人', '收件者', 'recipient', 'empfänger', 'destinataire', 'destinatario', 'ontvanger', 'mottagare', 'modtager', 'odbiorca'],
  date: ['date', 'datum', 'fecha', 'data', 'dato', 'дата', '日時', '日付', '日期', 'sent', 'gesendet', 'envoyé', 'enviado', 'inviato', 'verzonden', 'skickat', 'sendt', 'wysłano', 'отправлено', '送信日時'],
  subject: ['subject', 'betreff', 'objet', 'asunto', 'oggetto', 'onderwerp', 'ämne', 'emne', 'temat', 'тема', '件名', '主题', '主旨', 'assunto'],
};
const HEADER_LINE = new RegExp(String.raw`^(${Object.values(HEADER_NAMES).flat().map((n) => fold(n)).join('|')})\s*(?:[:：]|\t)\s*(.*)$`, 'u');
const HEADER_KIND = new Map(Object.entries(HEADER_NAMES).flatMap(([kind, names]) => names.map((n) => [fold(n), kind])));

/**
 * The header of an email printed at the top of its text ("From:", "To:", "Date:", "Subject:",
 * in many languages; a value on the same line or the next). Null when fewer than two are there.
 * @param {string[]} lines
 */
export function mailHeaderLines(lines) {
  const found = {};
  let count = 0;
  for (let i = 0; i < Math.min(lines.length, 30); i += 1) {
    const m = HEADER_LINE.exec(fold(lines[i]));
    if (!m) continue;
    const kind = HEADER_KIND.get(m[1]);
    if (!kind || kind in found) continue;
    const start = lines[i].length - m[2].length;
    let value = lines[i].slice(start).trim();
    if (!value && i + 1 < lines.length) value = lines[i + 1].trim();
    if (!value) continue;
    found[kind] = value;
    count += 1;
  }
  if (count < 2 || !(found.from || found.to)) return null;
  const fromEmail = found.from ? findEmails(found.from)[0] || null : null;
  const fromName = found.from ? found.from.replace(/<[^>]*>|\S+@\S+|["']/g, ' ').replace(/\s+/g, ' ').trim() || null : null;
  const [date] = found.date ? findDates(found.date, { order: 'mdy' }) : [];
  return {
    provider: null,
    from: found.from ? { name: fromName, email: fromEmail } : null,
    to: found.to ? findEmails(found.to) : [],
    account: null,
    date: date ? date.iso : null,
    subject: found.subject || null,
  };
}
