// The outbox: durable, ordered, retried with backoff, never resurrecting a
// delivered capture, and a validation error shown instead of retried forever.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, deliverDue, OUTBOX_PREFIX } from '../src/background/outbox.js';
import { RETRY_DELAYS_MS, failureAction, retryDelayMs } from '../src/background/retry-schedule.js';
import { ServerError } from '../src/background/server-client.js';
import { MemoryArea } from './helpers.js';

const capture = (id, extra = {}) => ({ capture_id: id, product: `Product ${id}`, ...extra });
const offline = () => new ServerError('offline', 'Refund Tracker is not running on port 41731.');
const invalid = () => new ServerError('rejected', 'amount: must be a decimal', { status: 422, fields: { amount: 'must be a decimal' } });

/** A fake server: records what it received, answers from a script of outcomes. */
function fakeServer(outcomes = {}) {
  const received = [];
  return {
    received,
    connect: async () => {
      if (outcomes.connect) throw outcomes.connect();
      return { name: 'client' };
    },
    send: async (client, c) => {
      received.push(c.capture_id);
      const outcome = outcomes[c.capture_id];
      if (outcome) throw outcome();
      return { result: 'created', case: { id: `case-${c.capture_id}` } };
    },
  };
}

test('the retry delays grow from 30 s to every 30 minutes and stay there', () => {
  assert.equal(retryDelayMs(1), 30_000);
  assert.equal(retryDelayMs(2), 60_000);
  assert.deepEqual(RETRY_DELAYS_MS.map((_, i) => retryDelayMs(i + 1)), [...RETRY_DELAYS_MS]);
  assert.equal(retryDelayMs(50), 30 * 60_000);
  assert.equal(retryDelayMs(0), 30_000);
  for (let i = 1; i < RETRY_DELAYS_MS.length; i++) assert.ok(RETRY_DELAYS_MS[i] > RETRY_DELAYS_MS[i - 1]);
});

test('only a refusal of the data itself stops the retries', () => {
  assert.equal(failureAction(invalid()), 'reject');
  for (const kind of ['offline', 'not_paired', 'unknown_pairing', 'impostor', 'unauthorized', 'refused', 'server']) {
    assert.equal(failureAction(new ServerError(kind, kind)), 'retry', kind);
  }
  assert.equal(failureAction(new Error('boom')), 'retry');
});

test('entries are kept under outbox/<capture_id>, oldest first; the same id again replaces its capture', async () => {
  const area = new MemoryArea();
  const outbox = new Outbox(area);
  await outbox.put(capture('b'), 2000);
  await outbox.put(capture('a'), 1000);
  assert.deepEqual((await outbox.list()).map((e) => e.capture_id), ['a', 'b']);
  assert.ok(area.data.has(`${OUTBOX_PREFIX}a`));
  await area.set({ unrelated: 1, pairing: { token: 'x' } });
  await outbox.recordFailure('a', offline(), 1500);
  await outbox.put(capture('a', { amount: '1.00' }), 3000);
  const [a] = await outbox.list();
  assert.equal(a.capture.amount, '1.00');
  assert.equal(a.created_at, 1000, 'keeps its place in the queue');
  assert.equal(a.attempts, 0);
  assert.equal(a.state, 'pending');
  assert.equal((await outbox.list()).length, 2);
});

test('a server that is down: every entry stays, tried again after the backoff', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(capture('a'), 0);
  await outbox.put(capture('b'), 1);
  const server = fakeServer({ connect: offline });
  const report = await deliverDue(outbox, { ...server, now: () => 10_000 });
  assert.equal(report.error.kind, 'offline');
  assert.equal(report.delivered.length, 0);
  assert.deepEqual(server.received, []);
  const entries = await outbox.list();
  assert.deepEqual(entries.map((e) => [e.attempts, e.next_attempt_at, e.state]), [[1, 40_000, 'pending'], [1, 40_000, 'pending']]);
  assert.equal(await outbox.nextDueAt(), 40_000);

  // Not due yet: nothing is tried. Then due: tried and failing again, the wait grows.
  assert.deepEqual((await deliverDue(outbox, { ...server, now: () => 39_999 })).failed, []);
  await deliverDue(outbox, { ...server, now: () => 40_000 });
  assert.deepEqual((await outbox.list()).map((e) => [e.attempts, e.next_attempt_at]), [[2, 100_000], [2, 100_000]]);
});

test('delivered entries leave the outbox; a refused one is kept for the user and not retried', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(capture('a'), 0);
  await outbox.put(capture('bad'), 1);
  await outbox.put(capture('c'), 2);
  const server = fakeServer({ bad: invalid });
  const report = await deliverDue(outbox, { ...server, now: () => 5 });
  assert.deepEqual(report.delivered.map((d) => [d.capture_id, d.result, d.case.id]), [['a', 'created', 'case-a'], ['c', 'created', 'case-c']]);
  assert.deepEqual(server.received, ['a', 'bad', 'c']);
  const [bad] = await outbox.list();
  assert.equal(bad.capture_id, 'bad');
  assert.equal(bad.state, 'rejected');
  assert.deepEqual(bad.last_error.fields, { amount: 'must be a decimal' });
  assert.equal(await outbox.nextDueAt(), null, 'a refused capture sets no alarm');

  // Even when forced, a refused capture is not sent again; only putting it back (edited) does.
  const again = fakeServer();
  await deliverDue(outbox, { ...again, force: true, now: () => 1e9 });
  assert.deepEqual(again.received, []);
  await outbox.put({ ...bad.capture, amount: '1.00' }, 10);
  await deliverDue(outbox, { ...again, now: () => 10 });
  assert.deepEqual(again.received, ['bad']);
  assert.deepEqual(await outbox.list(), []);
});

test('when the server goes away halfway, the rest keep their place and are not counted as sent', async () => {
  const outbox = new Outbox(new MemoryArea());
  for (const id of ['a', 'b', 'c']) await outbox.put(capture(id), id.charCodeAt(0));
  const server = fakeServer({ b: offline });
  const report = await deliverDue(outbox, { ...server, now: () => 1000 });
  assert.deepEqual(report.delivered.map((d) => d.capture_id), ['a']);
  assert.deepEqual(server.received, ['a', 'b'], 'c is not tried against a server that just went away');
  assert.deepEqual((await outbox.list()).map((e) => [e.capture_id, e.attempts]), [['b', 1], ['c', 1]]);
});

test('`only` delivers just the capture the user tracked; `force` ignores the schedule', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(capture('old'), 0);
  await outbox.recordFailure('old', offline(), 0);
  await outbox.put(capture('new'), 10);
  const server = fakeServer();
  await deliverDue(outbox, { ...server, only: ['new'], now: () => 10 });
  assert.deepEqual(server.received, ['new']);
  await deliverDue(outbox, { ...server, force: true, now: () => 11 });
  assert.deepEqual(server.received, ['new', 'old']);
});

test('a failure recorded after delivery does not bring the capture back', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(capture('a'), 0);
  await outbox.remove('a');
  assert.equal(await outbox.recordFailure('a', offline(), 1), null);
  assert.equal(await outbox.update('a', { attempts: 9 }), null);
  assert.deepEqual(await outbox.list(), []);
});

test('an acknowledgement lost on the way: the capture is sent again with the same capture_id', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(capture('a'), 0);
  const seen = [];
  let first = true;
  const send = async (client, c) => {
    seen.push(c.capture_id);
    if (first) {
      first = false;
      throw new ServerError('offline', 'connection reset'); // the server saved it, the answer was lost
    }
    return { result: 'unchanged', case: { id: 'case-a' } };
  };
  await deliverDue(outbox, { connect: async () => ({}), send, now: () => 0 });
  const report = await deliverDue(outbox, { connect: async () => ({}), send, force: true, now: () => 1 });
  assert.deepEqual(seen, ['a', 'a']);
  assert.equal(report.delivered[0].result, 'unchanged');
  assert.deepEqual(await outbox.list(), []);
});
