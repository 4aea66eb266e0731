// Which sites have an open refund case, remembered so the toolbar badge can
// show the days left on a vendor's site without asking the server on every
// page load (and without sending the user's browsing anywhere), and so the
// chooser can offer the open cases while Refund Tracker is not running.
//
// Stored in chrome.storage.local under "site_cases":
//   {cases: {<case id>: {id, domains: [...], days_left, window_state, deadline,
//                        label, product, order_number, vendor, seller,
//                        status, status_label, as_of_day}}}
// `domains` are the vendor's and seller's domains and the order page's site
// (`page_domain`), all from the server's summary rows: the same ones the
// server matches `GET /api/v1/cases?domain=` against. `days_left` was right
// on the local day `as_of_day`; it is counted down from there.

import { daysBetween } from '../shared/dates.js';
import { CLOSING_DAYS } from '../shared/deadlines.js';

export const SITE_CASES_KEY = 'site_cases';

/** The lower-case host of an http(s) URL, or null. */
export function hostOf(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** True when `host` is `domain` or one of its subdomains (shop.example.com for example.com). */
export function hostMatches(host, domain) {
  if (!host || !domain) return false;
  const d = domain.toLowerCase().replace(/^\.+/, '');
  return host === d || host.endsWith(`.${d}`);
}

function caseLabel(c) {
  const name = c.product || (c.vendor && c.vendor.name) || 'Refund case';
  return c.order_number ? `${name} (order ${c.order_number})` : name;
}

/**
 * The cache with `cases` (the server's case summaries) taken in.
 * complete: `cases` is every open case, so cached cases missing from it are dropped.
 */
export function mergeCases(cache, cases, { complete = false, today }) {
  const next = complete ? {} : { ...((cache && cache.cases) || {}) };
  for (const c of cases) {
    if (!c || !c.id) continue;
    if (c.is_open === false) {
      delete next[c.id];
      continue;
    }
    const domains = new Set();
    for (const party of [c.vendor, c.seller]) if (party && party.domain) domains.add(party.domain.toLowerCase());
    if (c.page_domain) domains.add(c.page_domain.toLowerCase());
    next[c.id] = {
      id: c.id,
      domains: [...domains].sort(),
      days_left: c.days_left ?? null,
      window_state: c.window_state || 'unknown',
      deadline: c.deadline || null,
      label: caseLabel(c),
      product: c.product || null,
      order_number: c.order_number || null,
      vendor: c.vendor ? { name: c.vendor.name || null } : null,
      seller: c.seller ? { name: c.seller.name || null } : null,
      status: c.status || null,
      status_label: c.status_label || null,
      as_of_day: today,
    };
  }
  return { cases: next };
}

/** Forgets one case (closed, archived). */
export function withoutCase(cache, caseId) {
  const cases = { ...((cache && cache.cases) || {}) };
  delete cases[caseId];
  return { cases };
}

/** A cached case with its days left counted down to `today` (and its window state to match). */
function countedDown(c, today) {
  const elapsed = daysBetween(c.as_of_day, today) || 0;
  const daysLeft = c.days_left === null || c.days_left === undefined ? null : c.days_left - elapsed;
  let state = c.window_state;
  if (daysLeft !== null) state = daysLeft < 0 ? 'expired' : daysLeft <= CLOSING_DAYS ? 'closing' : 'open';
  return { ...c, days_left: daysLeft, window_state: state };
}

/**
 * The most urgent open case on `host` today: {count, days_left, window_state, deadline, label}
 * or null when none. Cases without a known deadline count but rank last.
 */
export function siteStatus(cache, host, today) {
  if (!host || !cache || !cache.cases) return null;
  const matching = Object.values(cache.cases).filter((c) => c.domains.some((d) => hostMatches(host, d)));
  if (matching.length === 0) return null;
  const current = matching.map((c) => countedDown(c, today));
  current.sort((a, b) => (a.days_left ?? Infinity) - (b.days_left ?? Infinity));
  const first = current[0];
  return { count: matching.length, days_left: first.days_left, window_state: first.window_state, deadline: first.deadline, label: first.label };
}

/**
 * The open cases as last heard from the server, shaped like its summary rows
 * (for the chooser while the server is not running): those on `host` only
 * when given, those whose label contains `q` when given.
 */
export function cachedOpenCases(cache, today, { host = null, q = null } = {}) {
  const needle = q ? q.trim().toLowerCase() : '';
  return Object.values((cache && cache.cases) || {})
    .filter((c) => !host || c.domains.some((d) => hostMatches(host, d)))
    .filter((c) => !needle || [c.label, c.vendor && c.vendor.name, c.seller && c.seller.name]
      .some((text) => text && text.toLowerCase().includes(needle)))
    .map((c) => {
      const { domains, ...row } = countedDown(c, today);
      return { ...row, is_open: true };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The cache in a storage area (chrome.storage.local). */
export class SiteCaseStore {
  constructor(area) {
    this.area = area;
  }

  async load() {
    const found = await this.area.get(SITE_CASES_KEY);
    return found[SITE_CASES_KEY] || { cases: {} };
  }

  async remember(cases, options) {
    const cache = mergeCases(await this.load(), cases, options);
    await this.area.set({ [SITE_CASES_KEY]: cache });
    return cache;
  }

  async forget(caseId) {
    await this.area.set({ [SITE_CASES_KEY]: withoutCase(await this.load(), caseId) });
  }

  async clear() {
    await this.area.remove(SITE_CASES_KEY);
  }
}
