// The messages extension pages (popup, options, chooser) send to the
// background worker, which does all the talking to the Refund Tracker server.
//
// A request is {type, ...fields}; the answer is {ok: true, value} or
// {ok: false, error: {kind, message, fields}}. `ask` unwraps it: it returns
// the value or throws a MessageError carrying the error's kind and fields.

import { ext } from './browser-api.js';

export const MSG = Object.freeze({
  /** -> {port, pairing, connection, outbox}; checks the server's identity live. */
  STATUS: 'status',
  /** {port} -> {port} */
  SET_PORT: 'set_port',
  /** {code, client_name} -> {client_id, client_name, connection} */
  PAIR: 'pair',
  /** {forget_anyway} -> {revoked: bool} */
  UNPAIR: 'unpair',
  /** {url, product, merchant, seller, order_date, currency} -> the server's policy match */
  POLICY_MATCH: 'policy_match',
  /** -> {parties, fetched_at}: the catalog's official domains and channels (cached; parties null if never heard) */
  OFFICIAL_TABLE: 'official_table',
  /** {url, tab_id?} -> {domain, cases: [open case summaries]}; also sets the tab's badge */
  SITE_CASES: 'site_cases',
  /** {q?, domain?} -> {cases: [open case summaries], offline?: error}; offline: the last known ones */
  OPEN_CASES: 'open_cases',
  /** {capture} -> {outcome: created|merged|unchanged|queued|rejected, case?, differences?: [{field, case, capture}], error?} */
  TRACK: 'track',
  /** -> {delivered, sent: {capture, communication}, rejected, failed, error, left} */
  SEND_NOW: 'send_now',
  /** {id} -> {discarded: bool}; drops an outbox entry (a capture or a logged selection) */
  DISCARD: 'discard',
  /** {id} -> the outbox entry (to fix one the server refused) */
  OUTBOX_ENTRY: 'outbox_entry',
  /** {draft_id} -> the selection waiting to be logged */
  SELECTION_DRAFT: 'selection_draft',
  /** {communication_id, case_id, case_label, channel, direction, summary, body, reference?, draft_id?}
   *  -> {outcome: created|unchanged|queued|rejected, case?, communication?, error?} */
  LOG_COMMUNICATION: 'log_communication',
  /** -> {reminders: [due now, by date], checked_at}: as the last reminders check heard them */
  REMINDERS: 'reminders',
  // Learning from corrections (background/learned-handlers.js); rules stay in storage.local.
  /** {url, sender_domain?} -> {site, rules}; site null where nothing is learnt (a mailbox without its sender) */
  LEARNED_RULES: 'learned_rules',
  /** {url, sender_domain?, rules: [learnAnchor() rules]} -> {site, learned: [fields]} */
  LEARN_FIELDS: 'learn_fields',
  /** -> {sites: [{site, rules}]} */
  LEARNED_LIST: 'learned_list',
  /** {site, id?} -> {removed}; without an id, all of the site's rules */
  LEARNED_REMOVE: 'learned_remove',
  /** -> {format, version, exported_at, sites: {site: [rules]}} */
  LEARNED_EXPORT: 'learned_export',
  /** {data: an exported file} -> {sites, rules} */
  LEARNED_IMPORT: 'learned_import',
});

export class MessageError extends Error {
  constructor({ kind = 'error', message = 'Something went wrong.', fields = null } = {}) {
    super(message);
    this.name = 'MessageError';
    this.kind = kind;
    this.fields = fields;
  }
}

/** Sends one message to the background worker and returns its value (or throws a MessageError). */
export async function ask(type, fields = {}) {
  let answer;
  try {
    answer = await ext.runtime.sendMessage({ ...fields, type });
  } catch (error) {
    throw new MessageError({ kind: 'extension', message: `The extension's background worker did not answer (${error.message}).` });
  }
  if (!answer) throw new MessageError({ kind: 'extension', message: "The extension's background worker did not answer." });
  if (!answer.ok) throw new MessageError(answer.error);
  return answer.value;
}
