// The background's side of learning from corrections: the popup asks for a
// site's rules before it reads a page and sends the rules the page gave for
// the fields the user corrected; the settings page lists, removes, exports
// and imports them. Everything stays in storage.local (learned-fields.js):
// no rule is ever sent to the server.

import { ext } from '../shared/browser-api.js';
import { MSG } from '../shared/messages.js';
import { learnedSiteFor } from '../shared/learned-site.js';
import { LearnedFields, MAX_RULES_PER_SITE, cleanRule, cleanSite } from './learned-fields.js';

export const learnedFields = new LearnedFields(ext.storage.local);

const senderOf = (message) => (typeof message.sender_domain === 'string' ? message.sender_domain : null);
const urlOf = (message) => (typeof message.url === 'string' ? message.url : '');

/** {url, sender_domain?} -> {site, rules}: site null where nothing is learnt (a mailbox without its sender). */
async function learnedRules(message) {
  const site = learnedSiteFor(urlOf(message), senderOf(message));
  return { site, rules: site ? await learnedFields.rulesFor(site) : [] };
}

/** {url, sender_domain?, rules} -> {site, learned: [fields]} */
async function learnFields(message) {
  const site = learnedSiteFor(urlOf(message), senderOf(message));
  const rules = (Array.isArray(message.rules) ? message.rules : []).slice(0, MAX_RULES_PER_SITE)
    .filter((rule) => cleanRule(rule));
  if (!site || !rules.length) return { site, learned: [] };
  await learnedFields.learn(site, rules);
  return { site, learned: [...new Set(rules.map((rule) => rule.field))] };
}

async function listLearned() {
  const all = await learnedFields.load();
  return { sites: Object.keys(all).sort().map((site) => ({ site, rules: all[site] })) };
}

/** {site, id?} -> {removed}: one rule, or all of the site's without an id. */
async function removeLearned(message) {
  const site = cleanSite(message.site);
  if (!site) return { removed: 0 };
  return { removed: await learnedFields.remove(site, typeof message.id === 'string' ? message.id : null) };
}

async function exportLearned() {
  return learnedFields.exportData();
}

/** {data} (an exported file, parsed) -> {sites, rules} taken in. */
async function importLearned(message) {
  const { sites, rules } = await learnedFields.importData(message.data);
  return { sites, rules };
}

export const LEARNED_HANDLERS = {
  [MSG.LEARNED_RULES]: learnedRules,
  [MSG.LEARN_FIELDS]: learnFields,
  [MSG.LEARNED_LIST]: listLearned,
  [MSG.LEARNED_REMOVE]: removeLearned,
  [MSG.LEARNED_EXPORT]: exportLearned,
  [MSG.LEARNED_IMPORT]: importLearned,
};
