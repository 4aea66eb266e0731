// What the extension remembers about its server, in chrome.storage.local:
//   "server"  {port}                                    where Refund Tracker listens
//   "pairing" {token, client_id, client_name, paired_at} this browser's pairing
// The token never leaves the background worker except in the Authorization
// header, and only to a server that passed the identity check.

import { ext } from '../shared/browser-api.js';
import { DEFAULT_PORT } from './server-client.js';

const SERVER_KEY = 'server';
const PAIRING_KEY = 'pairing';

export function validPort(value) {
  const port = Number(value);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
}

/** {port, pairing: {token, client_id, client_name, paired_at}|null} */
export async function loadSettings() {
  const stored = await ext.storage.local.get([SERVER_KEY, PAIRING_KEY]);
  const port = validPort(stored[SERVER_KEY] && stored[SERVER_KEY].port) || DEFAULT_PORT;
  const pairing = stored[PAIRING_KEY] && stored[PAIRING_KEY].token ? stored[PAIRING_KEY] : null;
  return { port, pairing };
}

export async function savePort(port) {
  await ext.storage.local.set({ [SERVER_KEY]: { port } });
}

export async function savePairing(pairing) {
  await ext.storage.local.set({ [PAIRING_KEY]: pairing });
}

export async function forgetPairing() {
  await ext.storage.local.remove(PAIRING_KEY);
}

/** The pairing without its secret, for the extension's pages. */
export function publicPairing(pairing) {
  if (!pairing) return null;
  return { client_id: pairing.client_id, client_name: pairing.client_name, paired_at: pairing.paired_at };
}
