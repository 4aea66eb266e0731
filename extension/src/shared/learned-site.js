// Which site a learned rule belongs to: the registrable domain of the page
// (shop.example.co.uk and www.example.co.uk share rules; the Public Suffix
// List, through the vendored tldts, knows that co.uk is a suffix and that two
// shops on myshopify.com are two sites). On a web mailbox the site is the
// sender's domain, not the mailbox's: a Gmail page says nothing about the
// shop. The extraction result names the sender (`sender_domain`) when it
// knows it; without it nothing is learnt or applied on a mailbox.

import { getDomain } from '../vendor/tldts.js';

// The mailboxes the server's catalog knows ([mailboxes] in catalog.toml), and a few more.
const WEBMAIL_HOSTS = new Set([
  'mail.google.com', 'outlook.live.com', 'outlook.office.com', 'outlook.office365.com', 'mail.yahoo.com',
  'mail.aol.com', 'mail.proton.me', 'app.fastmail.com', 'www.icloud.com', 'mail.zoho.com', 'mail.gmx.net',
  'web.de', 'mail.yandex.ru', 'mail.yandex.com', 'mail.mail.ru', 'email.t-online.de', 'mail.tutanota.com',
  'app.tuta.com',
]);
const WEBMAIL_PREFIXES = ['mail.', 'webmail.', 'roundcube.'];
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*$/;

function parse(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** The registrable domain of a host name ("shop.example.co.uk" -> "example.co.uk"); an IP address or "localhost" as it is. */
export function registrableDomain(host) {
  const name = String(host ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (!name) return null;
  if (/^\[.*\]$/.test(name) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(name)) return name;
  if (!HOSTNAME.test(name)) return null;
  return getDomain(name, { allowPrivateDomains: true }) || name;
}

/** True for a web mailbox: Gmail, Outlook, Yahoo, Proton, WEB.DE, GMX, Yandex, Roundcube and the like. */
export function isWebmail(url) {
  const parsed = parse(url);
  if (!parsed) return false;
  const host = parsed.hostname.toLowerCase();
  if (WEBMAIL_HOSTS.has(host) || host.endsWith('.web.de')) return true;
  if (WEBMAIL_PREFIXES.some((prefix) => host.startsWith(prefix))) return true;
  const domain = registrableDomain(host) || '';
  if (/^gmx\.[a-z.]+$/.test(domain)) return true;
  // Roundcube, wherever it is installed: ?_task=mail.
  return parsed.searchParams.get('_task') === 'mail';
}

/**
 * The site whose rules apply to a page, or null when none may be learnt or applied there
 * (not a web page; a mailbox without the sender's domain).
 * @param {string} url the page's address
 * @param {string|null} [senderDomain] on a mailbox, the email's sender domain
 */
export function learnedSiteFor(url, senderDomain = null) {
  const parsed = parse(url);
  if (!parsed) return null;
  if (isWebmail(url)) {
    const sender = typeof senderDomain === 'string' ? senderDomain.trim().toLowerCase().replace(/^.*@/, '') : '';
    return sender && HOSTNAME.test(sender) && sender.includes('.') ? registrableDomain(sender) : null;
  }
  return registrableDomain(parsed.hostname);
}
