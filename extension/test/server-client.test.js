// The server client: proves the server's identity before the token or any
// data leaves, and turns every failure into a kind the user can act on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerClient, ServerError } from '../src/background/server-client.js';
import { expectedProof } from '../src/background/identity.js';

const PAIRING = { token: 'rt1.c0ffee.secret-secret', client_id: 'c0ffee' };

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A fetch that answers health like a genuine server (or not), records every request. */
function fakeFetch({ token = PAIRING.token, paired = true, service = 'refund-tracker', routes = {} } = {}) {
  const requests = [];
  const fetchImpl = async (url, init) => {
    const parsed = new URL(url);
    requests.push({ url: parsed, init });
    if (parsed.pathname === '/api/v1/health') {
      const nonce = parsed.searchParams.get('nonce');
      const body = { status: 'ok', service, version: '0.1.0', today: '2026-11-26' };
      if (nonce) Object.assign(body, { paired, proof: paired ? await expectedProof(token, nonce) : null });
      return json(200, body);
    }
    const route = routes[`${init.method} ${parsed.pathname}`];
    if (!route) return json(404, { error: { code: 'not_found', message: 'There is nothing at this path.' } });
    return route(parsed, init);
  };
  return { fetchImpl, requests };
}

test('the identity check sends only the client id and a nonce, then requests carry the token', async () => {
  const server = fakeFetch({ routes: { 'POST /api/v1/captures': () => json(201, { result: 'created', case: { id: 'X' } }) } });
  const client = new ServerClient({ port: 5555, pairing: PAIRING, fetchImpl: server.fetchImpl });
  const health = await client.verifyIdentity();
  assert.equal(health.version, '0.1.0');
  const [check] = server.requests;
  assert.equal(check.url.origin, 'http://127.0.0.1:5555');
  assert.deepEqual([...check.url.searchParams.keys()].sort(), ['client_id', 'nonce']);
  assert.equal(check.url.searchParams.get('client_id'), 'c0ffee');
  assert.equal(check.init.headers.Authorization, undefined);
  assert.equal(check.init.body, undefined);

  const answer = await client.request('POST', '/api/v1/captures', { body: { capture_id: 'a' } });
  assert.deepEqual(answer, { status: 201, body: { result: 'created', case: { id: 'X' } } });
  const post = server.requests[1];
  assert.equal(post.init.headers.Authorization, `Bearer ${PAIRING.token}`);
  assert.equal(post.init.headers['Content-Type'], 'application/json');
  assert.equal(post.init.redirect, 'error');
  assert.equal(post.init.credentials, 'omit');
});

test('nothing is sent before the identity check has passed', async () => {
  const server = fakeFetch();
  const client = new ServerClient({ pairing: PAIRING, fetchImpl: server.fetchImpl });
  await assert.rejects(client.request('GET', '/api/v1/cases'), /verifyIdentity/);
  assert.equal(server.requests.length, 0);
});

test('a server that cannot prove the pairing is an impostor, and gets nothing more', async () => {
  for (const options of [{ token: 'rt1.c0ffee.another-token' }, { service: 'something-else' }]) {
    const server = fakeFetch(options);
    const client = new ServerClient({ port: 6000, pairing: PAIRING, fetchImpl: server.fetchImpl });
    await assert.rejects(client.verifyIdentity(), (error) => error instanceof ServerError && error.kind === 'impostor'
      && /port 6000 is not your Refund Tracker/.test(error.message) && /Nothing was sent/.test(error.message));
    await assert.rejects(client.request('GET', '/api/v1/cases'));
    assert.equal(server.requests.length, 1);
  }
});

test('a server that does not know this browser asks for pairing again', async () => {
  const server = fakeFetch({ paired: false });
  const client = new ServerClient({ pairing: PAIRING, fetchImpl: server.fetchImpl });
  await assert.rejects(client.verifyIdentity(), { kind: 'unknown_pairing' });
});

test('no pairing: not_paired, without asking anything', async () => {
  const server = fakeFetch();
  await assert.rejects(new ServerClient({ fetchImpl: server.fetchImpl }).verifyIdentity(), { kind: 'not_paired' });
  assert.equal(server.requests.length, 0);
});

test('nothing listening, or too slow: offline, with what to do', async () => {
  const refused = async () => { throw new TypeError('Failed to fetch'); };
  await assert.rejects(new ServerClient({ port: 41731, pairing: PAIRING, fetchImpl: refused }).verifyIdentity(),
    (error) => error.kind === 'offline' && /not running on port 41731/.test(error.message) && /run `refunds`/.test(error.message));
  const slow = (url, init) => new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  const keepAlive = setTimeout(() => {}, 5000); // AbortSignal.timeout's timer does not hold Node's event loop open
  await assert.rejects(new ServerClient({ pairing: PAIRING, fetchImpl: slow, timeoutMs: 20 }).ping(),
    (error) => error.kind === 'offline' && /did not answer in time/.test(error.message));
  clearTimeout(keepAlive);
});

test('error answers become kinds: rejected (fix the data), unauthorized, refused, server', async () => {
  const answers = {
    422: { kind: 'rejected', fields: { amount: 'bad' } },
    400: { kind: 'rejected' },
    413: { kind: 'rejected' },
    401: { kind: 'unauthorized' },
    403: { kind: 'refused' },
    429: { kind: 'refused' },
    500: { kind: 'server' },
    507: { kind: 'server' },
  };
  for (const [status, expected] of Object.entries(answers)) {
    const server = fakeFetch({ routes: { 'POST /api/v1/captures': () => json(Number(status), { error: { code: 'x', message: `said ${status}`, fields: expected.fields } }) } });
    const client = new ServerClient({ pairing: PAIRING, fetchImpl: server.fetchImpl });
    await client.verifyIdentity();
    await assert.rejects(client.request('POST', '/api/v1/captures', { body: {} }), (error) => {
      assert.equal(error.kind, expected.kind, status);
      assert.equal(error.status, Number(status));
      assert.equal(error.message, `said ${status}`);
      assert.deepEqual(error.fields, expected.fields || null);
      return true;
    });
  }
});

test('a wrong pairing code is a rejection the user can fix', async () => {
  const server = fakeFetch({ routes: { 'POST /api/v1/pair': () => json(401, { error: { code: 'invalid_pairing_code', message: 'That pairing code is wrong, used or expired.', fields: { code: 'wrong, used or expired' } } }) } });
  await assert.rejects(new ServerClient({ fetchImpl: server.fetchImpl }).pair('AAAA-AAAA', 'Firefox'),
    (error) => error.kind === 'rejected' && error.fields.code === 'wrong, used or expired');
  assert.deepEqual(JSON.parse(server.requests[0].init.body), { code: 'AAAA-AAAA', client_name: 'Firefox' });
});
