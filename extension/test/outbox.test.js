// The outbox: durable, ordered, retried with backoff, never resurrecting a
// delivered item, and a validation error shown instead of retried forever;
// captures and logged selections (communications) go through the same queue.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, deliverDue, countByKind, fromStored, OUTBOX_PREFIX } from '../src/background/outbox.js';
import { RETRY_DELAYS_MS, failureAction, retryDelayMs } from '../src/background/retry-schedule.js';
import { ServerError } from '../src/background/server-client.js';
import { MemoryArea } from './helpers.js';

const capture = (id, extra = {}) => ({ id, kind: 'capture', payload: { capture_id: id, product: `Product ${id}`, ...extra } });
const note = (id, caseId = 'CASE1', extra = {}) => ({
  id, kind: 'communication', context: { case_id: caseId, case_label: 'Trend Micro' },
  payload: { communication_id: id, channel: 'chat', direction: 'none', summary: `Chat ${id}`, body: 'You: refund please', ...extra },
});
const offline = () => new ServerError('offline', 'Refund Tracker is not running on port 41731.');
const invalid = () => new ServerError('rejected', 'amount: must be a decimal', { status: 422, fields: { amount: 'must be a decimal' } });
const caseGone = () => new ServerError('refused', "No case with id 'GONE'.", { status: 404, code: 'case_not_found' });

/** A fake server: records what it received, answers from a script of outcomes. */
function fakeServer(outcomes = {}) {
  const received = [];
  return {
    received,
    connect: async () => {
      if (outcomes.connect) throw outcomes.connect();
      return { name: 'client' };
    },
    send: async (client, entry) => {
      received.push(entry.id);
      const outcome = outcomes[entry.id];
      if (outcome) throw outcome();
      return { result: 'created', case: { id: entry.kind === 'capture' ? `case-${entry.id}` : entry.context.case_id } };
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
  assert.equal(failureAction(caseGone()), 'reject', 'a 404: the case is not there');
  for (const kind of ['offline', 'not_paired', 'unknown_pairing', 'impostor', 'unauthorized', 'refused', 'server']) {
    assert.equal(failureAction(new ServerError(kind, kind)), 'retry', kind);
  }
  assert.equal(failureAction(new Error('boom')), 'retry');
});

test('entries are kept under outbox/<id>, oldest first; the same id again replaces its payload', async () => {
  const area = new MemoryArea();
  const outbox = new Outbox(area);
  await outbox.put(capture('b'), 2000);
  await outbox.put(capture('a'), 1000);
  assert.deepEqual((await outbox.list()).map((e) => e.id), ['a', 'b']);
  assert.ok(area.data.has(`${OUTBOX_PREFIX}a`));
  await area.set({ unrelated: 1, pairing: { token: 'x' } });
  await outbox.recordFailure('a', offline(), 1500);
  await outbox.put(capture('a', { amount: '1.00' }), 3000);
  const [a] = await outbox.list();
  assert.equal(a.payload.amount, '1.00');
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
  assert.deepEqual(report.delivered.map((d) => [d.id, d.result, d.case.id]), [['a', 'created', 'case-a'], ['c', 'created', 'case-c']]);
  assert.deepEqual(server.received, ['a', 'bad', 'c']);
  const [bad] = await outbox.list();
  assert.equal(bad.id, 'bad');
  assert.equal(bad.state, 'rejected');
  assert.deepEqual(bad.last_error.fields, { amount: 'must be a decimal' });
  assert.equal(await outbox.nextDueAt(), null, 'a refused capture sets no alarm');

  // Even when forced, a refused capture is not sent again; only putting it back (edited) does.
  const again = fakeServer();
  await deliverDue(outbox, { ...again, force: true, now: () => 1e9 });
  assert.deepEqual(again.received, []);
  await outbox.put({ ...bad, payload: { ...bad.payload, amount: '1.00' } }, 10);
  await deliverDue(outbox, { ...again, now: () => 10 });
  assert.deepEqual(again.received, ['bad']);
  assert.deepEqual(await outbox.list(), []);
});

test('when the server goes away halfway, the rest keep their place and are not counted as sent', async () => {
  const outbox = new Outbox(new MemoryArea());
  for (const id of ['a', 'b', 'c']) await outbox.put(capture(id), id.charCodeAt(0));
  const server = fakeServer({ b: offline });
  const report = await deliverDue(outbox, { ...server, now: () => 1000 });
  assert.deepEqual(report.delivered.map((d) => d.id), ['a']);
  assert.deepEqual(server.received, ['a', 'b'], 'c is not tried against a server that just went away');
  assert.deepEqual((await outbox.list()).map((e) => [e.id, e.attempts]), [['b', 1], ['c', 1]]);
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
  const send = async (client, entry) => {
    seen.push(entry.payload.capture_id);
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

test('captures and logged selections share one queue: oldest first, each sent its own way', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(note('n1'), 0);
  await outbox.put(capture('c1'), 1);
  await outbox.put(note('n2', 'CASE2'), 2);
  assert.deepEqual(countByKind(await outbox.list()), { capture: 1, communication: 2 });
  const seen = [];
  const send = async (client, entry) => {
    seen.push([entry.kind, entry.id, entry.kind === 'communication' ? entry.context.case_id : null]);
    return { result: 'created', case: { id: 'x' } };
  };
  const report = await deliverDue(outbox, { connect: async () => ({}), send, now: () => 5 });
  assert.deepEqual(seen, [['communication', 'n1', 'CASE1'], ['capture', 'c1', null], ['communication', 'n2', 'CASE2']]);
  assert.deepEqual(report.delivered.map((d) => [d.kind, d.id, d.context.case_id ?? null]),
    [['communication', 'n1', 'CASE1'], ['capture', 'c1', null], ['communication', 'n2', 'CASE2']]);
  assert.deepEqual(countByKind(report.delivered), { capture: 1, communication: 2 });
  assert.deepEqual(await outbox.list(), []);
});

test('a logged selection for a case that is gone (404) is kept for the user, the others go on', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(note('gone', 'GONE'), 0);
  await outbox.put(note('ok'), 1);
  const server = fakeServer({ gone: caseGone });
  const report = await deliverDue(outbox, { ...server, now: () => 10 });
  assert.deepEqual(report.delivered.map((d) => d.id), ['ok']);
  assert.equal(report.error, null, 'not a connection problem');
  const [gone] = await outbox.list();
  assert.deepEqual([gone.id, gone.state, gone.last_error.status, gone.last_error.code], ['gone', 'rejected', 404, 'case_not_found']);
  assert.equal(await outbox.nextDueAt(), null, 'not retried');

  // Moved to another case (same communication_id: it never reached the gone one), it goes.
  await outbox.put({ ...gone, context: { ...gone.context, case_id: 'CASE2' } }, 20);
  const [moved] = await outbox.list();
  assert.deepEqual([moved.state, moved.created_at, moved.payload.communication_id], ['pending', 0, 'gone']);
  await deliverDue(outbox, { ...fakeServer(), now: () => 20 });
  assert.deepEqual(await outbox.list(), []);
});

test('a logged selection waits out a server that is down, then is sent once with the same communication_id', async () => {
  const outbox = new Outbox(new MemoryArea());
  await outbox.put(note('n1'), 0);
  const down = fakeServer({ connect: offline });
  await deliverDue(outbox, { ...down, now: () => 0 });
  const [waiting] = await outbox.list();
  assert.deepEqual([waiting.state, waiting.attempts, waiting.next_attempt_at, waiting.last_error.kind], ['pending', 1, 30_000, 'offline']);

  const logged = new Map(); // communication_id -> times logged: what the server keeps
  let answers = 0;
  const send = async (client, entry) => {
    const first = !logged.has(entry.payload.communication_id);
    logged.set(entry.payload.communication_id, 1);
    if (answers++ === 0) throw new ServerError('offline', 'connection reset'); // logged, but the answer was lost
    return { result: first ? 'created' : 'unchanged', case: { id: entry.context.case_id } };
  };
  await deliverDue(outbox, { connect: async () => ({}), send, now: () => 30_000 });
  assert.equal((await outbox.list()).length, 1, 'no answer: kept');
  const report = await deliverDue(outbox, { connect: async () => ({}), send, force: true, now: () => 30_001 });
  assert.deepEqual(report.delivered.map((d) => d.result), ['unchanged']);
  assert.deepEqual([...logged], [['n1', 1]]);
  assert.deepEqual(await outbox.list(), []);
});

test('entries stored before the outbox held more than captures are read, sent and removed as captures', async () => {
  const area = new MemoryArea();
  const old = { capture_id: 'legacy', capture: { capture_id: 'legacy', product: 'Old' }, state: 'pending', created_at: 5,
    attempts: 2, next_attempt_at: 7, last_error: { kind: 'offline', message: 'down', fields: null } };
  await area.set({ [`${OUTBOX_PREFIX}legacy`]: old });
  assert.equal(fromStored({ unrelated: true }), null);
  const outbox = new Outbox(area);
  const [entry] = await outbox.list();
  assert.deepEqual([entry.id, entry.kind, entry.payload.product, entry.attempts, entry.capture_id], ['legacy', 'capture', 'Old', 2, undefined]);
  const server = fakeServer();
  const report = await deliverDue(outbox, { ...server, now: () => 7 });
  assert.deepEqual(report.delivered.map((d) => [d.kind, d.id]), [['capture', 'legacy']]);
  assert.equal(area.data.size, 0);
});

test('only known kinds go in', async () => {
  const outbox = new Outbox(new MemoryArea());
  await assert.rejects(outbox.put({ id: 'x', kind: 'telegram', payload: {} }, 0), /not an outbox item/);
  await assert.rejects(outbox.put({ id: '', kind: 'capture', payload: {} }, 0), /not an outbox item/);
});
