// Talking to the local Refund Tracker server: the only module that calls fetch.
//
// A ServerClient sends nothing with the token until verifyIdentity() has
// checked the server's HMAC proof (identity.js); request() refuses to run
// before that. Failures become a ServerError whose `kind` says what the user
// can do about it (see ServerError below).

import { clientIdOfToken, makeNonce, proofMatches } from './identity.js';
import { DEFAULT_PORT } from '../shared/server-access.js';

export { DEFAULT_PORT };
export const SERVICE_NAME = 'refund-tracker';
const TIMEOUT_MS = 10_000;

/**
 * kind:
 *   offline          nothing answered on the port (not running, or too slow)
 *   not_paired       this browser has no token yet
 *   unknown_pairing  the server does not know this browser (revoked, or another data folder)
 *   impostor         something answered but failed the identity check: nothing was sent to it
 *   unauthorized     the server refused the token (401)
 *   rejected         the server refused the data as given (400, 409, 413, 415, 422): retrying will not help
 *   refused          another 4xx (403, 404, 429...)
 *   server           the server failed (5xx)
 */
export class ServerError extends Error {
  constructor(kind, message, { status = null, code = null, fields = null } = {}) {
    super(message);
    this.name = 'ServerError';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.fields = fields;
  }

  toJSON() {
    return { kind: this.kind, message: this.message, status: this.status, code: this.code, fields: this.fields };
  }
}

const REJECTED_STATUSES = new Set([400, 409, 413, 415, 422]);

export function startHint() {
  return 'Start Refund Tracker: run `refunds` (or `refunds serve`) in a terminal.';
}

export class ServerClient {
  /**
   * @param {{port?: number, pairing?: {token: string, client_id: string}|null,
   *          fetchImpl?: typeof fetch, timeoutMs?: number}} options
   */
  constructor({ port = DEFAULT_PORT, pairing = null, fetchImpl = globalThis.fetch.bind(globalThis), timeoutMs = TIMEOUT_MS } = {}) {
    this.port = port;
    this.pairing = pairing;
    this.fetchImpl = fetchImpl;
    this.timeoutMs = timeoutMs;
    this.verified = null; // the health answer once the identity check passed
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Checks the server's proof of holding this browser's pairing; returns the health answer.
   * Sends only the client id and a fresh nonce.
   */
  async verifyIdentity() {
    const pairing = this.pairing;
    if (!pairing || !pairing.token) {
      throw new ServerError('not_paired', 'This browser is not paired with Refund Tracker yet. Open the extension\'s settings '
        + 'and enter the code shown by `refunds pair`.');
    }
    const clientId = pairing.client_id || clientIdOfToken(pairing.token);
    const nonce = makeNonce();
    let health;
    try {
      health = await this.#send('GET', '/api/v1/health', { query: { client_id: clientId, nonce } });
    } catch (error) {
      if (error.kind === 'offline') throw error;
      throw this.#impostor(`its health check answered ${error.status}: ${error.message}`);
    }
    if (!health || health.service !== SERVICE_NAME) {
      throw this.#impostor('it does not say it is Refund Tracker');
    }
    if (health.paired === false) {
      throw new ServerError('unknown_pairing', `Refund Tracker on port ${this.port} does not know this browser: the pairing `
        + 'was removed, or the server uses another data folder. Pair again in the extension\'s settings.');
    }
    if (!(await proofMatches(pairing.token, nonce, health.proof))) {
      throw this.#impostor('it could not prove it holds this browser\'s pairing');
    }
    this.verified = health;
    return health;
  }

  /** An authenticated API call; only after verifyIdentity(). Returns {status, body}. */
  async request(method, path, { query = null, body = undefined } = {}) {
    if (!this.verified) throw new Error('verifyIdentity() must succeed before anything is sent');
    return this.#send(method, path, { query, body, token: this.pairing.token, withStatus: true });
  }

  /** GET /api/v1/health with nothing of this browser's: is Refund Tracker running on the port? */
  async ping() {
    let health;
    try {
      health = await this.#send('GET', '/api/v1/health');
    } catch (error) {
      if (error.kind === 'offline') throw error;
      throw this.#impostor(`its health check answered ${error.status}: ${error.message}`);
    }
    if (!health || health.service !== SERVICE_NAME) throw this.#impostor('it does not say it is Refund Tracker');
    return health;
  }

  /** POST /api/v1/pair: trades a pairing code for a token. No identity check is possible before it. */
  async pair(code, clientName) {
    return this.#send('POST', '/api/v1/pair', { body: { code, client_name: clientName } });
  }

  #impostor(why) {
    return new ServerError('impostor', `The program on port ${this.port} is not your Refund Tracker (${why}). `
      + 'Nothing was sent to it. Check the port in the extension\'s settings.');
  }

  async #send(method, path, { query = null, body = undefined, token = null, withStatus = false } = {}) {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query || {})) {
      if (value !== null && value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await this.fetchImpl(url.href, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const slow = error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new ServerError('offline', `${slow ? `Refund Tracker on port ${this.port} did not answer in time.`
        : `Refund Tracker is not running on port ${this.port}.`} ${startHint()}`);
    }
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (response.ok) return withStatus ? { status: response.status, body: data } : data;
    const error = (data && data.error) || {};
    const message = typeof error.message === 'string' ? error.message : `The server answered ${response.status}.`;
    const details = { status: response.status, code: error.code || null, fields: error.fields || null };
    if (response.status === 401) {
      throw new ServerError(path === '/api/v1/pair' ? 'rejected' : 'unauthorized', message, details);
    }
    if (REJECTED_STATUSES.has(response.status)) throw new ServerError('rejected', message, details);
    if (response.status >= 500) throw new ServerError('server', message, details);
    throw new ServerError('refused', message, details);
  }
}
