// The outbox: what the user asked to send to Refund Tracker — order captures
// and logged selections (communications for a case) — kept in extension
// storage until the server acknowledges it (any 2xx), so nothing is lost when
// the server is not running or the browser restarts.
//
// Each item is stored under its own key, "outbox/<id>": the id is a UUID made
// when the user clicks (Track: the capture_id; Log to case: the
// communication_id), and the server treats a repeated id as the same item, so
// delivering one twice (an acknowledgement lost on the way back) never makes
// a second case or a second log entry.
//
// Entry: {id, kind: 'capture'|'communication', payload, context,
//         state: 'pending'|'rejected', created_at, attempts, next_attempt_at,
//         last_error: {kind, message, status, code, fields}|null}
// `payload` is the request body exactly as sent; `context` is what else the
// kind needs (a communication's case_id and case label). How each kind is
// sent is not this module's business: deliverDue() takes a `send` function.
// Times are milliseconds since the epoch. `area` is chrome.storage.local or
// anything with the same get/set/remove (the tests use a Map-backed one).

import { failureAction, retryDelayMs } from './retry-schedule.js';

export const OUTBOX_PREFIX = 'outbox/';
export const KINDS = Object.freeze(['capture', 'communication']);

/**
 * An entry as stored by this version. Entries written before the outbox held
 * more than captures ({capture_id, capture, ...}) are read as captures.
 */
export function fromStored(entry) {
  if (!entry || typeof entry !== 'object') return null;
  if (entry.kind) return entry;
  if (!entry.capture_id || !entry.capture) return null;
  const { capture_id: id, capture, ...rest } = entry;
  return { ...rest, id, kind: 'capture', payload: capture, context: {} };
}

export class Outbox {
  constructor(area) {
    this.area = area;
  }

  keyOf(id) {
    return OUTBOX_PREFIX + id;
  }

  /** Every entry (of every kind), oldest first. */
  async list() {
    const everything = await this.area.get(null);
    return Object.entries(everything)
      .filter(([key]) => key.startsWith(OUTBOX_PREFIX))
      .map(([, entry]) => fromStored(entry))
      .filter(Boolean)
      .sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
  }

  async get(id) {
    const key = this.keyOf(id);
    const found = await this.area.get(key);
    return fromStored(found[key]);
  }

  /**
   * Stores an item to deliver now: {id, kind, payload, context?}. The same id
   * again replaces it (an edited resend) and keeps its place in the queue.
   */
  async put({ id, kind, payload, context = {} }, now) {
    if (!id || !KINDS.includes(kind)) throw new Error(`not an outbox item: ${JSON.stringify({ id, kind })}`);
    const previous = await this.get(id);
    const entry = {
      id,
      kind,
      payload,
      context,
      state: 'pending',
      created_at: previous ? previous.created_at : now,
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
    };
    await this.area.set({ [this.keyOf(id)]: entry });
    return entry;
  }

  async remove(id) {
    await this.area.remove(this.keyOf(id));
  }

  /** Applies `changes` to an entry that still exists (never brings back a delivered one). */
  async update(id, changes) {
    const entry = await this.get(id);
    if (!entry) return null;
    const updated = { ...entry, ...changes };
    await this.area.set({ [this.keyOf(id)]: updated });
    return updated;
  }

  /** Records a failed attempt: rejected for good, or due again after the backoff. */
  async recordFailure(id, error, now) {
    const entry = await this.get(id);
    if (!entry) return null;
    const lastError = describeError(error);
    if (failureAction(error) === 'reject') {
      return this.update(id, { state: 'rejected', attempts: entry.attempts + 1, last_error: lastError });
    }
    const attempts = entry.attempts + 1;
    return this.update(id, { attempts, next_attempt_at: now + retryDelayMs(attempts), last_error: lastError });
  }

  /** The earliest time a pending entry is due, or null when none is pending. */
  async nextDueAt() {
    const pending = (await this.list()).filter((e) => e.state === 'pending');
    return pending.length ? Math.min(...pending.map((e) => e.next_attempt_at)) : null;
  }
}

export function describeError(error) {
  return {
    kind: (error && error.kind) || 'error',
    message: (error && error.message) || String(error),
    status: (error && error.status) || null,
    code: (error && error.code) || null,
    fields: (error && error.fields) || null,
  };
}

/** How many entries of each kind: {capture: n, communication: m}. */
export function countByKind(entries) {
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  for (const entry of entries) counts[entry.kind] = (counts[entry.kind] || 0) + 1;
  return counts;
}

/**
 * Sends the pending entries that are due (all pending ones when `force`, or
 * just the ids in `only`), oldest first, whatever their kind. `connect()`
 * gives a client whose identity is checked (or throws); `send(client, entry)`
 * posts one entry and resolves to what the server answered ({result, case,
 * ...}). Stops at the first failure that is not about the entry itself
 * (server down, not paired...): the rest would fail the same way and keep
 * their place in the queue.
 * @returns {Promise<{delivered: Array<{id, kind, context, payload, result, case}>, rejected: Array<object>,
 *   failed: Array<object>, error: object|null}>}
 */
export async function deliverDue(outbox, { connect, send, now = () => Date.now(), force = false, only = null }) {
  const report = { delivered: [], rejected: [], failed: [], error: null };
  const entries = (await outbox.list()).filter((entry) => entry.state === 'pending'
    && (only ? only.includes(entry.id) : force || entry.next_attempt_at <= now()));
  if (entries.length === 0) return report;
  let client;
  try {
    client = await connect();
  } catch (error) {
    report.error = describeError(error);
    for (const entry of entries) report.failed.push(await outbox.recordFailure(entry.id, error, now()));
    return report;
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    try {
      const answer = await send(client, entry);
      await outbox.remove(entry.id);
      report.delivered.push({ ...answer, id: entry.id, kind: entry.kind, context: entry.context, payload: entry.payload });
    } catch (error) {
      const updated = await outbox.recordFailure(entry.id, error, now());
      if (failureAction(error) === 'reject') {
        report.rejected.push(updated);
        continue;
      }
      report.error = describeError(error);
      report.failed.push(updated);
      for (const rest of entries.slice(i + 1)) report.failed.push(await outbox.recordFailure(rest.id, error, now()));
      break;
    }
  }
  return report;
}
