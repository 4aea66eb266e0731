// The one host the extension may reach: Refund Tracker on this computer, on its port.
// The manifest asks for the default port (41731) only; another port is asked for at
// runtime, from the settings page, when the user saves it.
//
// Chromium matches ports in host permissions, so only that port is asked for. Firefox's
// match patterns cannot name a port (a pattern with one matches nothing there), so the
// narrowest grant Firefox can give is 127.0.0.1 on every port: there it is asked for
// once, at the first save or pairing, and the settings page says so.

import { ext } from './browser-api.js';

export const DEFAULT_PORT = 41731;

/** Firefox alone has runtime.getBrowserInfo; it is also the one without ports in patterns. */
export function portsInPatterns(api = ext) {
  return typeof api.runtime.getBrowserInfo !== 'function';
}

/** The host permission the extension needs to reach the server on `port`. */
export function serverOrigin(port, ports = portsInPatterns()) {
  return ports ? `http://127.0.0.1:${port}/*` : 'http://127.0.0.1/*';
}

export function hasServerAccess(port) {
  return ext.permissions.contains({ origins: [serverOrigin(port)] });
}

/**
 * Asks the browser for the server's origin on `port`; true once granted. Call it straight
 * from the user's click (before any other await): browsers grant only in answer to the user.
 * An already granted origin answers true without asking.
 */
export function requestServerAccess(port) {
  return ext.permissions.request({ origins: [serverOrigin(port)] });
}

/** Gives back a port's grant the extension no longer uses (the manifest's own stays). */
export async function releaseServerAccess(port) {
  if (port === DEFAULT_PORT || !portsInPatterns()) return;
  await ext.permissions.remove({ origins: [serverOrigin(port)] }).catch(() => false);
}
