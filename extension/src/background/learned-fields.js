// What the user's corrections taught, per site, in chrome.storage.local
// (never storage.sync, never sent to the server: the rules hold labels and
// example values from the user's own order pages):
//   "learned_fields"  {<site>: [rule, ...]}   newest rule first
// A rule is what src/extract/learn/anchors.js learnAnchor() makes, plus
// `id` and `learned_at` (ISO time). A site keeps at most MAX_RULES_PER_SITE
// rules (the oldest go), and at most MAX_SITES sites are kept (those whose
// newest rule is oldest go). A new rule replaces one for the same field with
// the same anchor; rules for a field with other anchors stay behind it, so a
// site with two page layouts keeps both, the newest tried first.
// The pure functions below do the work; LearnedFields applies them to a
// storage area, one change at a time.

import { LEARNABLE_FIELDS, RELATIONS } from '../extract/learn/rule.js';

export const LEARNED_KEY = 'learned_fields';
export const MAX_RULES_PER_SITE = 20;
export const MAX_SITES = 500;
export const EXPORT_FORMAT = 'refund-tracker-learned-fields';

const SITE = /^(?=.{1,253}$)[a-z0-9[\]:.-]+$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TAG = /^[a-z][a-z0-9-]{0,30}$/;
const ATTRIBUTE = /^(?:id|itemprop|name|class|data-[a-z0-9-]{1,40})$/;
const MAX_TEXT = 200;

const shortText = (value, max = MAX_TEXT) => (typeof value === 'string' && value.trim() && value.length <= max ? value : null);

function cleanAnchor(anchor) {
  if (!anchor || typeof anchor !== 'object') return null;
  if (anchor.kind === 'label') {
    const label = shortText(anchor.label, 60);
    return label && RELATIONS.includes(anchor.relation) ? { kind: 'label', relation: anchor.relation, label } : null;
  }
  if (anchor.kind === 'path') {
    const value = shortText(anchor.value, 100);
    if (!value || typeof anchor.attribute !== 'string' || !ATTRIBUTE.test(anchor.attribute)) return null;
    if (typeof anchor.tag !== 'string' || !TAG.test(anchor.tag) || !Array.isArray(anchor.steps) || anchor.steps.length > 12) return null;
    const steps = [];
    for (const step of anchor.steps) {
      if (!step || typeof step.tag !== 'string' || !TAG.test(step.tag) || !Number.isInteger(step.index)
        || step.index < 0 || step.index > 500) return null;
      steps.push({ tag: step.tag, index: step.index });
    }
    return { kind: 'path', attribute: anchor.attribute, value, tag: anchor.tag, steps };
  }
  return null;
}

/**
 * A rule as stored: only the known keys, of the right types and sizes; null if it is not one.
 * (Rules come from what a page showed, and from imported files.)
 */
export function cleanRule(raw, { now = new Date().toISOString(), makeId = () => crypto.randomUUID() } = {}) {
  if (!raw || typeof raw !== 'object' || !LEARNABLE_FIELDS.includes(raw.field)) return null;
  const anchor = cleanAnchor(raw.anchor);
  if (!anchor) return null;
  const rule = {
    id: typeof raw.id === 'string' && ID.test(raw.id) ? raw.id : makeId(),
    field: raw.field,
    anchor,
    example: typeof raw.example === 'string' ? raw.example.slice(0, MAX_TEXT) : '',
    learned_at: typeof raw.learned_at === 'string' && !Number.isNaN(Date.parse(raw.learned_at)) ? raw.learned_at : now,
  };
  if (raw.order === 'dmy' || raw.order === 'mdy') rule.order = raw.order;
  return rule;
}

const sameAnchor = (a, b) => a.field === b.field && JSON.stringify(a.anchor) === JSON.stringify(b.anchor);
const newestFirst = (a, b) => b.learned_at.localeCompare(a.learned_at);
const newestOf = (rules) => rules.reduce((latest, r) => (r.learned_at > latest ? r.learned_at : latest), '');

/** The site name as stored, or null. */
export function cleanSite(site) {
  const name = typeof site === 'string' ? site.trim().toLowerCase() : '';
  return SITE.test(name) ? name : null;
}

/** `all` with `rules` added to `site`, within the limits. */
export function addRules(all, site, rules, options = {}) {
  const name = cleanSite(site);
  const next = { ...(all || {}) };
  if (!name) return next;
  let kept = Array.isArray(next[name]) ? [...next[name]] : [];
  for (const raw of rules) {
    const rule = cleanRule(raw, options);
    if (!rule) continue;
    kept = [rule, ...kept.filter((old) => !sameAnchor(old, rule) && old.id !== rule.id)];
  }
  kept.sort(newestFirst);
  if (!kept.length) return next;
  next[name] = kept.slice(0, MAX_RULES_PER_SITE);
  const sites = Object.keys(next);
  if (sites.length > MAX_SITES) {
    const byAge = sites.filter((s) => s !== name).sort((a, b) => newestOf(next[a]).localeCompare(newestOf(next[b])));
    for (const old of byAge.slice(0, sites.length - MAX_SITES)) delete next[old];
  }
  return next;
}

/** `all` without one rule of `site` (by id), or without all of its rules when `id` is null. */
export function removeRules(all, site, id = null) {
  const name = cleanSite(site);
  const next = { ...(all || {}) };
  if (!name || !next[name]) return next;
  const kept = id === null ? [] : next[name].filter((rule) => rule.id !== id);
  if (kept.length) next[name] = kept;
  else delete next[name];
  return next;
}

/** Everything, as the file the settings page saves. */
export function exportDocument(all, now = new Date().toISOString()) {
  const sites = {};
  for (const site of Object.keys(all || {}).sort()) sites[site] = all[site];
  return { format: EXPORT_FORMAT, version: 1, exported_at: now, sites };
}

/** `all` with an exported file's rules added; {all, sites, rules} counts what was taken. */
export function importDocument(all, data, options = {}) {
  if (!data || typeof data !== 'object' || data.format !== EXPORT_FORMAT || !data.sites || typeof data.sites !== 'object') {
    throw new Error('This is not a file of learned fields exported by Refund Tracker.');
  }
  let next = { ...(all || {}) };
  let sites = 0;
  let rules = 0;
  for (const [site, list] of Object.entries(data.sites)) {
    if (!cleanSite(site) || !Array.isArray(list)) continue;
    const valid = list.slice(0, MAX_RULES_PER_SITE).filter((raw) => cleanRule(raw, options));
    if (!valid.length) continue;
    // Oldest first, so that the newest ends up in front, as if learnt in that order.
    next = addRules(next, site, [...valid].reverse(), options);
    sites += 1;
    rules += valid.length;
  }
  return { all: next, sites, rules };
}

export class LearnedFields {
  /** @param {chrome.storage.StorageArea} area storage.local */
  constructor(area) {
    this.area = area;
    this.chain = Promise.resolve();
  }

  async load() {
    const stored = await this.area.get(LEARNED_KEY);
    const all = stored[LEARNED_KEY];
    return all && typeof all === 'object' && !Array.isArray(all) ? all : {};
  }

  /** The rules for a site, newest first. */
  async rulesFor(site) {
    const name = cleanSite(site);
    if (!name) return [];
    const all = await this.load();
    return Array.isArray(all[name]) ? all[name] : [];
  }

  /** Runs `change(all)` -> {all, ...result} alone (a Track and a removal may coincide) and stores the result. */
  update(change) {
    const run = this.chain.then(async () => {
      const outcome = change(await this.load());
      await this.area.set({ [LEARNED_KEY]: outcome.all });
      return outcome;
    });
    this.chain = run.catch(() => {});
    return run;
  }

  async learn(site, rules, options) {
    const { all } = await this.update((current) => ({ all: addRules(current, site, rules, options) }));
    return all[cleanSite(site)] || [];
  }

  async remove(site, id = null) {
    let removed = 0;
    await this.update((current) => {
      const before = (current[cleanSite(site)] || []).length;
      const all = removeRules(current, site, id);
      removed = before - (all[cleanSite(site)] || []).length;
      return { all };
    });
    return removed;
  }

  async importData(data, options) {
    return this.update((current) => importDocument(current, data, options));
  }

  async exportData(now) {
    return exportDocument(await this.load(), now);
  }
}
