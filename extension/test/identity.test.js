// The identity check: the extension computes the server's proof the same way
// the server does (server/security/tokens.py identity_proof).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientIdOfToken, expectedProof, makeNonce, proofMatches, NONCE_LENGTH } from '../src/background/identity.js';

const TOKEN = 'rt1.0123456789abcdef.c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA';
const NONCE = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
// Computed by the server's own code: identity_proof(token_hash(TOKEN), NONCE).
const SERVER_PROOF = '4bf21226911c50dbd1db63d64b4340869e099c5d7ad45f08d3d6e9d5e46530a6';

test('the proof is HMAC-SHA256 of the nonce keyed by the raw SHA-256 of the token, as the server makes it', async () => {
  assert.equal(await expectedProof(TOKEN, NONCE), SERVER_PROOF);
  assert.equal(await proofMatches(TOKEN, NONCE, SERVER_PROOF), true);
  assert.equal(await proofMatches(TOKEN, NONCE, SERVER_PROOF.toUpperCase()), true);
});

test('a proof for another nonce, another token or a malformed one does not match', async () => {
  assert.equal(await proofMatches(TOKEN, `${NONCE.slice(1)}x`, SERVER_PROOF), false);
  assert.equal(await proofMatches(`${TOKEN}x`, NONCE, SERVER_PROOF), false);
  for (const bad of [null, undefined, '', 'zz', SERVER_PROOF.slice(2), `${SERVER_PROOF}00`, 42, { proof: SERVER_PROOF }]) {
    assert.equal(await proofMatches(TOKEN, NONCE, bad), false, String(bad));
  }
});

test('nonces are fresh, URL-safe and of the length the server accepts (16-128)', () => {
  const seen = new Set();
  for (let i = 0; i < 200; i++) {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9_-]+$/);
    assert.equal(nonce.length, NONCE_LENGTH);
    seen.add(nonce);
  }
  assert.equal(seen.size, 200);
  assert.ok(NONCE_LENGTH >= 16 && NONCE_LENGTH <= 128);
});

test('the client id is read from a token rt1.<client id>.<secret>', () => {
  assert.equal(clientIdOfToken(TOKEN), '0123456789abcdef');
  for (const bad of ['', 'rt1..x', 'rt2.a.b', 'rt1.a', 'rt1.a.b.c', null]) assert.equal(clientIdOfToken(bad), null, String(bad));
});
