// Checking that the program answering on the port is the Refund Tracker this
// browser paired with, before the token or any order data is sent to it.
//
// The server keeps SHA-256(token) for each paired client. Asked
// GET /api/v1/health?client_id=<id>&nonce=<random>, it answers
// proof = hex(HMAC-SHA256(key = SHA-256(token) as raw bytes, message = nonce)).
// Only a server holding this pairing can compute it; the token never travels
// to find out. Pure Web Crypto: runs in the background worker and under Node.

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const NONCE_LENGTH = 32;

/** 32 random URL-safe characters (64 symbols: each random byte maps without bias). */
export function makeNonce(random = globalThis.crypto) {
  const bytes = random.getRandomValues(new Uint8Array(NONCE_LENGTH));
  let nonce = '';
  for (const byte of bytes) nonce += NONCE_ALPHABET[byte & 63];
  return nonce;
}

/** The client id inside a token `rt1.<client_id>.<secret>`, or null. */
export function clientIdOfToken(token) {
  const parts = String(token ?? '').split('.');
  if (parts.length !== 3 || parts[0] !== 'rt1' || !parts[1] || !parts[2]) return null;
  return parts[1];
}

async function proofKey(token, usage) {
  const subtle = globalThis.crypto.subtle;
  const tokenHash = await subtle.digest('SHA-256', new TextEncoder().encode(token));
  return subtle.importKey('raw', tokenHash, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** The proof a genuine server gives for `nonce` (hex), as the client computes it. */
export async function expectedProof(token, nonce) {
  const key = await proofKey(token, 'sign');
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(nonce));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when `proof` (hex, as the server sent it) is the HMAC of `nonce` under this token. */
export async function proofMatches(token, nonce, proof) {
  if (typeof proof !== 'string' || !/^[0-9a-f]{64}$/i.test(proof)) return false;
  const bytes = new Uint8Array(proof.match(/../g).map((pair) => parseInt(pair, 16)));
  const key = await proofKey(token, 'verify');
  // verify() compares in constant time.
  return globalThis.crypto.subtle.verify('HMAC', key, bytes, new TextEncoder().encode(nonce));
}
