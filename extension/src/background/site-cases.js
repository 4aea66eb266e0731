// Which sites have an open refund case, remembered so the toolbar badge can
// show the days left on a vendor's site without asking the server on every
// page load (and without sending the user's browsing anywhere).
//
// Stored in chrome.storage.local under "site_cases":
//   {cases: {<case id>: {id, domains: [...], days_left, window_state, deadline,
//                        label, as_of_day}}}
// `domains` are the vendor's and seller's domains from the server plus the
// hosts of pages the case was captured or looked up on. `days_left` was
// right on the local day `as_of_day`; it is counted down from there.

import { daysBetween } from '../shared/dates.js';

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
 * The cache with `cases` (server case summaries or full cases) taken in.
 * host: the site they were found for (added to their domains).
 * complete: `cases` is every open case, so cached cases missing from it are dropped.
 */
export function mergeCases(cache, cases, { host = null, complete = false, today }) {
  const previous = (cache && cache.cases) || {};
  const next = complete ? {} : { ...previous };
  for (const c of cases) {
    if (!c || !c.id) continue;
    if (c.is_open === false) {
      delete next[c.id];
      continue;
    }
    const known = previous[c.id];
    const domains = new Set(known ? known.domains : []);
    for (const party of [c.vendor, c.seller]) if (party && party.domain) domains.add(party.domain.toLowerCase());
    if (host) domains.add(host);
    next[c.id] = {
      id: c.id,
      domains: [...domains].sort(),
      days_left: c.days_left ?? null,
      window_state: c.window_state || 'unknown',
      deadline: c.deadline || null,
      label: caseLabel(c),
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

/**
 * The most urgent open case on `host` today: {count, days_left, window_state, deadline, label}
 * or null when none. Cases without a known deadline count but rank last.
 */
export function siteStatus(cache, host, today) {
  if (!host || !cache || !cache.cases) return null;
  const matching = Object.values(cache.cases).filter((c) => c.domains.some((d) => hostMatches(host, d)));
  if (matching.length === 0) return null;
  const current = matching.map((c) => {
    const elapsed = daysBetween(c.as_of_day, today) || 0;
    const daysLeft = c.days_left === null || c.days_left === undefined ? null : c.days_left - elapsed;
    let state = c.window_state;
    if (daysLeft !== null) state = daysLeft < 0 ? 'expired' : daysLeft <= 7 ? 'closing' : 'open';
    return { ...c, days_left: daysLeft, window_state: state };
  });
  current.sort((a, b) => (a.days_left ?? Infinity) - (b.days_left ?? Infinity));
  const first = current[0];
  return { count: matching.length, days_left: first.days_left, window_state: first.window_state, deadline: first.deadline, label: first.label };
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
