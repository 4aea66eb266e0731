// What the background worker does for the extension's pages: one function
// per message type (shared/messages.js lists them), plus the outbox
// delivery (captures and logged selections alike), the retry alarm and the
// site-case refresh they share.
// Every server call starts with connect(), which checks the server's identity.

import { ext } from '../shared/browser-api.js';
import { hasServerAccess } from '../shared/server-access.js';
import { MSG } from '../shared/messages.js';
import { cleanCapture } from '../shared/capture.js';
import { CHANNELS, communicationFromForm } from '../shared/communication.js';
import { localToday } from '../shared/dates.js';
import { Outbox, deliverDue, countByKind } from './outbox.js';
import { ServerClient, ServerError } from './server-client.js';
import { loadSettings, savePort, savePairing, forgetPairing, publicPairing, validPort } from './settings.js';
import { SiteCaseStore, cachedOpenCases, hostOf, siteStatus } from './site-cases.js';
import { refreshBadges, showSiteOnTab, showWarningOnTab } from './badge.js';
import { lookalikeBadge } from './badge-look.js';
import { OfficialTableStore, isStale } from './official-table.js';
import { checkPage } from '../shared/lookalike.js';
import { loadDraft, dropDraft } from './selection-menu.js';
import { LEARNED_HANDLERS } from './learned-handlers.js';
import { ReminderStore, dueNow } from './reminders.js';

export const RETRY_ALARM = 'outbox-retry';
export const SITE_REFRESH_ALARM = 'site-cases-refresh';

export const outbox = new Outbox(ext.storage.local);
export const siteCases = new SiteCaseStore(ext.storage.local);
const reminderStore = new ReminderStore(ext.storage.local);
const officialTable = new OfficialTableStore(ext.storage.local);

/** An error meant for the page that asked: {kind, message, fields}. */
class PageError extends Error {
  constructor(kind, message, fields = null) {
    super(message);
    this.kind = kind;
    this.fields = fields;
  }
}

function errorForPage(error) {
  if (error instanceof ServerError) return error.toJSON();
  if (error instanceof PageError) return { kind: error.kind, message: error.message, fields: error.fields };
  return { kind: 'error', message: (error && error.message) || String(error), fields: null };
}

/** A client for the configured server whose identity has been checked (throws a ServerError otherwise). */
export async function connect() {
  const { port, pairing } = await loadSettings();
  const client = new ServerClient({ port, pairing });
  await client.verifyIdentity();
  return client;
}

// -- the outbox --------------------------------------------------------------------------------

// One delivery at a time (a Track click and the retry alarm may coincide).
let deliveryChain = Promise.resolve();

function oneAtATime(task) {
  const run = deliveryChain.then(task, task);
  deliveryChain = run.catch(() => {});
  return run;
}

async function sendCapture(client, entry) {
  const { body } = await client.request('POST', '/api/v1/captures', { body: entry.payload });
  // differences: what this page states otherwise than the case it merged into (the case keeps its values).
  return { result: body.result, case: body.case, differences: Array.isArray(body.differences) ? body.differences : [] };
}

async function sendCommunication(client, entry) {
  const caseId = encodeURIComponent(entry.context.case_id);
  const { status, body } = await client.request('POST', `/api/v1/cases/${caseId}/communications`, { body: entry.payload });
  // 201: logged now; 200: this communication_id was logged before (a resend), nothing changed.
  return { result: status === 201 ? 'created' : 'unchanged', case: body.case, communication: body.communication };
}

const SENDERS = { capture: sendCapture, communication: sendCommunication };

/** Sends one outbox entry the way its kind is sent. */
function sendEntry(client, entry) {
  const send = Object.hasOwn(SENDERS, entry.kind) ? SENDERS[entry.kind] : null;
  if (!send) throw new ServerError('rejected', `This version of the extension cannot send a "${entry.kind}"; discard it.`);
  return send(client, entry);
}

/** The alarm fires when the next pending entry is due; none when nothing waits. */
export async function scheduleRetry() {
  const due = await outbox.nextDueAt();
  if (due === null) {
    await ext.alarms.clear(RETRY_ALARM);
    return;
  }
  await ext.alarms.create(RETRY_ALARM, { when: Math.max(due, Date.now() + 1000) });
}

/** Delivers what is due (or everything with force, or only some ids); keeps badge and alarm right. */
export function deliverOutbox({ force = false, only = null } = {}) {
  return oneAtATime(async () => {
    try {
      const report = await deliverDue(outbox, { connect, send: sendEntry, force, only });
      // A new case is open somewhere: the site badges learn it (with its page_domain) from the list.
      if (report.delivered.some((item) => item.kind === 'capture')) await refreshSiteCases().catch(() => {});
      return report;
    } finally {
      await scheduleRetry();
      await refreshBadges(outbox);
    }
  });
}

/** Every open case, for the site badges and the chooser (hourly, at start, after pairing and tracking). */
export async function refreshSiteCases() {
  const client = await connect();
  const { body } = await client.request('GET', '/api/v1/cases', { query: { view: 'summary' } });
  await siteCases.remember(body.cases.filter((c) => c.is_open), { complete: true, today: localToday() });
  await refreshOfficialTable({ client }).catch(() => {});
}

/**
 * The official-domains table: asked of the server when the stored copy is stale (or `force`),
 * else (and whenever the server cannot be reached) the stored copy; null when never heard.
 */
export async function refreshOfficialTable({ client = null, force = false } = {}) {
  const stored = await officialTable.load();
  if (!force && !isStale(stored, Date.now())) return stored;
  try {
    const connected = client || await connect();
    const { body } = await connected.request('GET', '/api/v1/policies/official-domains');
    return await officialTable.save(body.parties, Date.now());
  } catch (error) {
    if (stored) return stored;
    throw error;
  }
}

async function pageText(tabId) {
  const [injection] = await ext.scripting.executeScript({
    target: { tabId }, func: () => (document.body ? document.body.innerText.slice(0, 50000) : ''),
  });
  return injection ? injection.result : '';
}

/**
 * A tab finished loading a page whose address the extension may see (loopback, or the site
 * badges' "tabs" permission granted): a warning on a look-alike of a catalog party's site, else
 * its open-case badge. The page's text is read only when its domain already uses a brand; the
 * "tabs" permission shows the address but not the page, and then the domain alone decides.
 */
export async function showSiteBadgeFor(tabId, url) {
  const host = hostOf(url);
  if (!host) return;
  const table = await officialTable.load();
  if (table && checkPage(url, table.parties).lookalike) {
    const verdict = checkPage(url, table.parties, await pageText(tabId).catch(() => null));
    if (verdict.lookalike) {
      await showWarningOnTab(tabId, lookalikeBadge(verdict));
      return;
    }
  }
  const status = siteStatus(await siteCases.load(), host, localToday());
  if (status) await showSiteOnTab(tabId, status, outbox);
}

// -- message handlers --------------------------------------------------------------------------

const CHANNEL_LABELS = Object.fromEntries(CHANNELS.map((c) => [c.value, c.label]));

/** What the pages show of an outbox entry. */
function entryLabel(entry) {
  const p = entry.payload || {};
  if (entry.kind === 'communication') {
    const what = `${CHANNEL_LABELS[p.channel] || 'Note'} “${p.summary || ''}”`;
    return entry.context && entry.context.case_label ? `${what} for ${entry.context.case_label}` : what;
  }
  return [p.product || p.merchant_name || p.seller_name || 'Order', p.order_number ? `order ${p.order_number}` : null].filter(Boolean).join(', ');
}

function publicEntry(entry) {
  return {
    id: entry.id,
    kind: entry.kind,
    state: entry.state,
    attempts: entry.attempts,
    created_at: entry.created_at,
    next_attempt_at: entry.next_attempt_at,
    last_error: entry.last_error,
    label: entryLabel(entry),
    payload: entry.payload,
    context: entry.context,
  };
}

/** The parts of a case a page shows after a capture. */
function caseForPage(c) {
  if (!c) return null;
  const keep = ['id', 'product', 'order_number', 'order_date', 'amount', 'currency', 'vendor', 'seller', 'status',
    'status_label', 'deadline', 'days_left', 'window_state', 'who_refunds', 'is_open'];
  return Object.fromEntries(keep.map((k) => [k, c[k] ?? null]));
}

async function connectionState(port, pairing) {
  const probe = new ServerClient({ port, pairing });
  try {
    if (!pairing) {
      const health = await probe.ping();
      return { state: 'not_paired', running: true, version: health.version, today: health.today,
        message: `Refund Tracker ${health.version} is running on port ${port}, but this browser is not paired yet. `
          + 'Open the extension\'s settings and enter the code shown by `refunds pair`.' };
    }
    const health = await probe.verifyIdentity();
    return { state: 'ok', running: true, version: health.version, today: health.today,
      message: `Connected to Refund Tracker ${health.version} on port ${port}.` };
  } catch (error) {
    if (error.kind === 'offline' && await accessMissing(port)) {
      return { state: 'offline', running: false,
        message: `The extension may not reach Refund Tracker on port ${port} yet: open its settings and press “Save port” (or “Pair”), then allow it when the browser asks.` };
    }
    return { state: error.kind || 'error', running: error.kind !== 'offline', message: error.message };
  }
}

/** Whether the browser withholds the server's origin on `port` (the reason nothing answers). */
async function accessMissing(port) {
  try {
    return !(await hasServerAccess(port));
  } catch {
    return false;
  }
}

async function status() {
  const { port, pairing } = await loadSettings();
  const entries = await outbox.list();
  return {
    port,
    pairing: publicPairing(pairing),
    connection: await connectionState(port, pairing),
    outbox: entries.map(publicEntry),
  };
}

async function setPort(message) {
  const port = validPort(message.port);
  if (!port) throw new PageError('rejected', 'The port is a whole number from 1 to 65535.', { port: 'from 1 to 65535' });
  await savePort(port);
  return { port };
}

async function pair(message) {
  const code = String(message.code ?? '').trim();
  if (!code || code.length > 32) {
    throw new PageError('rejected', 'Type the pairing code shown by `refunds pair`.', { code: 'required' });
  }
  const clientName = String(message.client_name ?? '').trim().slice(0, 100) || 'Browser extension';
  const { port, pairing: previous } = await loadSettings();
  const answer = await new ServerClient({ port }).pair(code, clientName);
  const pairing = {
    token: answer.token,
    client_id: answer.client_id,
    client_name: (answer.client && answer.client.name) || clientName,
    paired_at: new Date().toISOString(),
  };
  // Keep the token only if the server that issued it can prove it holds it.
  const client = new ServerClient({ port, pairing });
  await client.verifyIdentity();
  if (previous && previous.client_id !== pairing.client_id) await revokeQuietly(port, previous);
  await savePairing(pairing);
  // Captures waiting for a pairing go now; the badges learn the open cases.
  deliverOutbox({ force: true }).catch(() => {});
  refreshSiteCases().catch(() => {});
  return { pairing: publicPairing(pairing), connection: await connectionState(port, pairing) };
}

/** Revokes an older pairing of this browser on the same server, if that server still knows it. */
async function revokeQuietly(port, pairing) {
  try {
    const client = new ServerClient({ port, pairing });
    await client.verifyIdentity();
    await client.request('DELETE', `/api/v1/clients/${encodeURIComponent(pairing.client_id)}`);
  } catch {
    // Unknown there already, or another server: nothing to revoke.
  }
}

async function unpair(message) {
  const { port, pairing } = await loadSettings();
  if (!pairing) return { revoked: false, forgotten: false };
  let revoked = false;
  try {
    const client = new ServerClient({ port, pairing });
    await client.verifyIdentity();
    await client.request('DELETE', `/api/v1/clients/${encodeURIComponent(pairing.client_id)}`);
    revoked = true;
  } catch (error) {
    const alreadyGone = error.kind === 'unknown_pairing' || error.kind === 'unauthorized' || error.status === 404;
    if (!alreadyGone && !message.forget_anyway) throw error;
  }
  await forgetPairing();
  await siteCases.clear();
  return { revoked, forgotten: true };
}

async function policyMatch(message) {
  const query = {};
  for (const name of ['url', 'product', 'merchant', 'seller', 'order_date', 'currency']) {
    const value = typeof message[name] === 'string' ? message[name].trim() : '';
    if (value) query[name] = value;
  }
  if (query.url && !/^https?:\/\//.test(query.url)) delete query.url;
  if (query.order_date && !/^\d{4}-\d{2}-\d{2}$/.test(query.order_date)) delete query.order_date;
  if (query.currency && !/^[A-Za-z]{3}$/.test(query.currency)) delete query.currency;
  if (!(query.url || query.product || query.merchant || query.seller)) return null;
  const client = await connect();
  const { body } = await client.request('GET', '/api/v1/policies/match', { query });
  return body;
}

/** {parties, fetched_at} for the popup's look-alike guard, or {parties: null} when never heard. */
async function officialTableForPage() {
  try {
    return await refreshOfficialTable();
  } catch (error) {
    return { parties: null, fetched_at: null, error: errorForPage(error) };
  }
}

async function siteCasesHere(message) {
  const host = hostOf(message.url);
  if (!host) return { host: null, cases: [] };
  const client = await connect();
  const { body } = await client.request('GET', '/api/v1/cases', { query: { domain: host, view: 'summary' } });
  const today = localToday();
  const cache = await siteCases.remember(body.cases, { today });
  if (Number.isInteger(message.tab_id)) await showSiteOnTab(message.tab_id, siteStatus(cache, host, today), outbox);
  return { host, cases: body.cases.filter((c) => c.is_open) };
}

/**
 * The open cases, from the server; when it cannot be asked (not running, not
 * paired...), the ones it listed last, with `offline` saying why.
 */
async function openCases(message) {
  const query = { view: 'summary' };
  if (typeof message.q === 'string' && message.q.trim()) query.q = message.q.trim().slice(0, 200);
  const host = typeof message.domain === 'string' ? message.domain.trim().toLowerCase() : '';
  if (/^[a-z0-9.-]{1,253}$/.test(host)) query.domain = host;
  let client;
  try {
    client = await connect();
  } catch (error) {
    const cases = cachedOpenCases(await siteCases.load(), localToday(), { host: query.domain || null, q: query.q || null });
    return { cases, offline: errorForPage(error) };
  }
  const { body } = await client.request('GET', '/api/v1/cases', { query });
  return { cases: body.cases.filter((c) => c.is_open) };
}

async function track(message) {
  const { capture, errors } = cleanCapture(message.capture);
  if (errors) throw new PageError('rejected', 'Some fields need fixing before this can be tracked.', errors);
  await outbox.put({ id: capture.capture_id, kind: 'capture', payload: capture }, Date.now());
  const report = await deliverOutbox({ only: [capture.capture_id] });
  const delivered = report.delivered.find((d) => d.id === capture.capture_id);
  if (delivered) return { outcome: delivered.result, case: caseForPage(delivered.case), differences: delivered.differences || [] };
  const entry = await outbox.get(capture.capture_id);
  if (entry && entry.state === 'rejected') return { outcome: 'rejected', error: entry.last_error };
  return { outcome: 'queued', error: report.error, next_attempt_at: entry ? entry.next_attempt_at : null };
}

async function sendNow() {
  const report = await deliverOutbox({ force: true });
  return {
    delivered: report.delivered.length,
    sent: countByKind(report.delivered),
    rejected: report.rejected.length,
    failed: report.failed.length,
    error: report.error,
    left: (await outbox.list()).length,
  };
}

async function discard(message) {
  const id = String(message.id ?? '');
  const existed = Boolean(await outbox.get(id));
  await outbox.remove(id);
  await scheduleRetry();
  await refreshBadges(outbox);
  return { discarded: existed };
}

async function outboxEntry(message) {
  const entry = await outbox.get(String(message.id ?? ''));
  if (!entry) throw new PageError('not_found', 'This is no longer waiting to be sent: it was sent or discarded meanwhile.');
  return publicEntry(entry);
}

async function selectionDraft(message) {
  const draft = await loadDraft(String(message.draft_id ?? ''));
  if (!draft) {
    throw new PageError('not_found', 'This selection is no longer here (the browser was closed since). Select the text again '
      + 'and use "Log selection to refund case…".');
  }
  return { ...draft, host: hostOf(draft.page_url) };
}

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const COMMUNICATION_ID = /^[A-Za-z0-9_.:-]{1,100}$/; // the server's rule; the chooser makes a UUID

/**
 * Logs a selection to a case the way Track sends a capture: into the outbox
 * first (under its communication_id, made at the click), then sent; it leaves
 * the outbox only when the server says 2xx. The same communication_id again
 * replaces a refused entry (fixed, or moved to another case).
 */
async function logCommunication(message) {
  const caseId = String(message.case_id ?? '');
  if (!CASE_ID.test(caseId)) throw new PageError('rejected', 'Choose the case to log this to.', { case_id: 'choose a case' });
  const id = String(message.communication_id ?? '');
  if (!COMMUNICATION_ID.test(id)) throw new PageError('rejected', 'This log entry has no valid id; reopen the window and try again.');
  const { communication, errors } = communicationFromForm(message);
  if (errors) throw new PageError('rejected', 'Some fields need fixing.', errors);
  const previous = await outbox.get(id);
  if (previous && previous.state === 'pending' && previous.context.case_id !== caseId) {
    // It may have reached that case already (an answer lost on the way): moving it could log it twice.
    throw new PageError('rejected', 'This is already waiting to be logged to another case.');
  }
  const at = (previous && previous.payload.at) || new Date().toISOString(); // when the user logged it, not when it arrives
  const caseLabel = typeof message.case_label === 'string' ? message.case_label.slice(0, 300) : null;
  await outbox.put({
    id,
    kind: 'communication',
    payload: { communication_id: id, at, ...communication },
    context: { case_id: caseId, case_label: caseLabel },
  }, Date.now());
  // The outbox holds the text now (and survives a browser restart, which a draft does not).
  if (message.draft_id) await dropDraft(String(message.draft_id));
  const report = await deliverOutbox({ only: [id] });
  const delivered = report.delivered.find((d) => d.id === id);
  if (delivered) return { outcome: delivered.result, case: caseForPage(delivered.case), communication: delivered.communication };
  const entry = await outbox.get(id);
  if (entry && entry.state === 'rejected') return { outcome: 'rejected', error: entry.last_error };
  return { outcome: 'queued', error: report.error, next_attempt_at: entry ? entry.next_attempt_at : null };
}

/** What is due now, as the last reminders check heard it (hourly, at start, after pairing). */
async function dueReminders() {
  const stored = await reminderStore.load();
  return { reminders: dueNow(stored, localToday()), checked_at: stored ? stored.checked_at : null };
}

const HANDLERS = {
  [MSG.STATUS]: status,
  [MSG.SET_PORT]: setPort,
  [MSG.PAIR]: pair,
  [MSG.UNPAIR]: unpair,
  [MSG.POLICY_MATCH]: policyMatch,
  [MSG.OFFICIAL_TABLE]: officialTableForPage,
  [MSG.SITE_CASES]: siteCasesHere,
  [MSG.OPEN_CASES]: openCases,
  [MSG.TRACK]: track,
  [MSG.SEND_NOW]: sendNow,
  [MSG.DISCARD]: discard,
  [MSG.SELECTION_DRAFT]: selectionDraft,
  [MSG.LOG_COMMUNICATION]: logCommunication,
  [MSG.OUTBOX_ENTRY]: outboxEntry,
  [MSG.REMINDERS]: dueReminders,
  ...LEARNED_HANDLERS,
};

/** Only the extension's own pages may ask (not content scripts, not other extensions). */
function fromOwnPage(sender) {
  return Boolean(sender) && sender.id === ext.runtime.id && typeof sender.url === 'string'
    && sender.url.startsWith(ext.runtime.getURL(''));
}

/** runtime.onMessage listener: answers through sendResponse (works in Chrome and Firefox alike). */
export function onMessage(message, sender, sendResponse) {
  if (!fromOwnPage(sender)) return false;
  const handler = message && Object.hasOwn(HANDLERS, message.type) ? HANDLERS[message.type] : null;
  if (!handler) {
    sendResponse({ ok: false, error: { kind: 'bad_message', message: `Unknown message ${JSON.stringify(message && message.type)}.` } });
    return false;
  }
  handler(message, sender).then(
    (value) => sendResponse({ ok: true, value }),
    (error) => sendResponse({ ok: false, error: errorForPage(error) }),
  );
  return true;
}
