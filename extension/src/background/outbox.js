// The outbox: captures the user asked to track, kept in extension storage
// until the server acknowledges them (any 2xx), so nothing is lost when the
// server is not running or the browser restarts.
//
// Each capture is stored under its own key, "outbox/<capture_id>": the
// capture_id is made when the user clicks Track, and the server treats a
// repeated capture_id as the same capture, so delivering one twice (an
// acknowledgement lost on the way back) never makes a second case.
//
// Entry: {capture_id, capture, state: 'pending'|'rejected', created_at,
//         attempts, next_attempt_at, last_error: {kind, message, fields}|null}
// Times are milliseconds since the epoch. `area` is chrome.storage.local or
// anything with the same get/set/remove (the tests use a Map-backed one).

import { failureAction, retryDelayMs } from './retry-schedule.js';

export const OUTBOX_PREFIX = 'outbox/';

export class Outbox {
  constructor(area) {
    this.area = area;
  }

  keyOf(captureId) {
    return OUTBOX_PREFIX + captureId;
  }

  /** Every entry, oldest first. */
  async list() {
    const everything = await this.area.get(null);
    return Object.entries(everything)
      .filter(([key]) => key.startsWith(OUTBOX_PREFIX))
      .map(([, entry]) => entry)
      .sort((a, b) => a.created_at - b.created_at || a.capture_id.localeCompare(b.capture_id));
  }

  async get(captureId) {
    const key = this.keyOf(captureId);
    const found = await this.area.get(key);
    return found[key] || null;
  }

  /** Stores a capture to deliver now; the same capture_id again replaces it (an edited resend). */
  async put(capture, now) {
    const previous = await this.get(capture.capture_id);
    const entry = {
      capture_id: capture.capture_id,
      capture,
      state: 'pending',
      created_at: previous ? previous.created_at : now,
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
    };
    await this.area.set({ [this.keyOf(capture.capture_id)]: entry });
    return entry;
  }

  async remove(captureId) {
    await this.area.remove(this.keyOf(captureId));
  }

  /** Applies `changes` to an entry that still exists (never brings back a delivered one). */
  async update(captureId, changes) {
    const entry = await this.get(captureId);
    if (!entry) return null;
    const updated = { ...entry, ...changes };
    await this.area.set({ [this.keyOf(captureId)]: updated });
    return updated;
  }

  /** Records a failed attempt: rejected for good, or due again after the backoff. */
  async recordFailure(captureId, error, now) {
    const entry = await this.get(captureId);
    if (!entry) return null;
    const lastError = describeError(error);
    if (failureAction(error) === 'reject') {
      return this.update(captureId, { state: 'rejected', attempts: entry.attempts + 1, last_error: lastError });
    }
    const attempts = entry.attempts + 1;
    return this.update(captureId, { attempts, next_attempt_at: now + retryDelayMs(attempts), last_error: lastError });
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
    fields: (error && error.fields) || null,
  };
}

/**
 * Sends the pending entries that are due (all pending ones when `force`, or
 * just `only` when given), oldest first. `connect()` gives a client whose
 * identity is checked (or throws); `send(client, capture)` posts one capture
 * and resolves to the server's answer {result, case}. Stops at the first
 * failure that is not about the capture itself (server down, not paired...):
 * the rest would fail the same way and keep their place in the queue.
 * @returns {Promise<{delivered: Array<{capture_id, page_url, result, case}>, rejected: Array<object>,
 *   failed: Array<object>, error: object|null}>}
 */
export async function deliverDue(outbox, { connect, send, now = () => Date.now(), force = false, only = null }) {
  const report = { delivered: [], rejected: [], failed: [], error: null };
  const entries = (await outbox.list()).filter((entry) => entry.state === 'pending'
    && (only ? only.includes(entry.capture_id) : force || entry.next_attempt_at <= now()));
  if (entries.length === 0) return report;
  let client;
  try {
    client = await connect();
  } catch (error) {
    report.error = describeError(error);
    for (const entry of entries) report.failed.push(await outbox.recordFailure(entry.capture_id, error, now()));
    return report;
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    try {
      const answer = await send(client, entry.capture);
      await outbox.remove(entry.capture_id);
      report.delivered.push({ capture_id: entry.capture_id, page_url: entry.capture.page_url || null, result: answer.result, case: answer.case });
    } catch (error) {
      const updated = await outbox.recordFailure(entry.capture_id, error, now());
      if (failureAction(error) === 'reject') {
        report.rejected.push(updated);
        continue;
      }
      report.error = describeError(error);
      report.failed.push(updated);
      for (const rest of entries.slice(i + 1)) report.failed.push(await outbox.recordFailure(rest.capture_id, error, now()));
      break;
    }
  }
  return report;
}
