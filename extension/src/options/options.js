// The settings page: the server's port, pairing with a code from
// `refunds pair`, and unpairing. The background worker does the talking
// (shared/messages.js); this page only shows and asks.

import { ext } from '../shared/browser-api.js';
import { ask, MSG } from '../shared/messages.js';
import { connectionLook, el, showNotice } from '../shared/dom.js';
import { countText } from '../shared/outbox-words.js';
import { hasServerAccess, portsInPatterns, releaseServerAccess, requestServerAccess, serverOrigin } from '../shared/server-access.js';
import { startLearned } from './learned.js';
import { startReminders } from './reminders.js';

const $ = (id) => document.getElementById(id);

function setResult(look, text) {
  showNotice($('result'), look, text);
}

function fieldError(input, message) {
  const id = `${input.id}-error`;
  const old = document.getElementById(id);
  if (old) old.remove();
  if (!message) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    return;
  }
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.insertAdjacentElement('afterend', el('p', { id, className: 'field-error' }, message));
  input.focus();
}

/** "Firefox on Linux", "Chrome on Windows": a default name for the pairing. */
function browserName() {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chromium/.test(ua) ? 'Chromium' : 'Chrome';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux|X11/.test(ua) ? 'Linux' : '';
  return os ? `${browser} on ${os}` : browser;
}

// The port the background worker talks to; the Pair button asks for its access from the click.
let currentPort = null;

function accessText(port) {
  return portsInPatterns()
    ? `The browser lets the extension reach http://127.0.0.1:${port} only.`
    : 'Firefox lets the extension reach 127.0.0.1 (this computer), on any port: Firefox cannot limit an extension to one port.';
}

async function showAccess(port) {
  const granted = await hasServerAccess(port);
  $('access-text').textContent = granted ? accessText(port)
    : `The extension may not reach Refund Tracker on port ${port} yet: press “Save port” (or “Pair”) and allow it when the browser asks.`;
  $('access-text').className = granted ? 'muted' : 'field-error';
}

async function refresh() {
  const status = await ask(MSG.STATUS);
  const connection = status.connection;
  showNotice($('connection'), connectionLook(connection.state), connection.message);
  if (document.activeElement !== $('port')) $('port').value = status.port;
  currentPort = status.port;
  await showAccess(status.port);

  const paired = Boolean(status.pairing);
  $('pair-section').hidden = paired && connection.state !== 'unknown_pairing';
  $('paired-section').hidden = !paired;
  if (paired) {
    const since = status.pairing.paired_at ? new Date(status.pairing.paired_at).toLocaleString() : 'earlier';
    $('paired-text').textContent = `This browser is paired as “${status.pairing.client_name}” (client ${status.pairing.client_id}) since ${since}.`;
  }
  if (!$('client_name').value) $('client_name').value = browserName();

  const waiting = status.outbox.length;
  $('outbox-section').hidden = waiting === 0;
  const refused = status.outbox.filter((e) => e.state === 'rejected').length;
  const counts = {};
  for (const entry of status.outbox) counts[entry.kind] = (counts[entry.kind] || 0) + 1;
  $('outbox-text').textContent = `${countText(counts)}: kept in this browser until Refund Tracker accepts ${waiting === 1 ? 'it' : 'them'}`
    + (refused ? ` (${refused} refused: open the popup to fix or discard)` : '') + '.';
  return status;
}

const NO_ACCESS = (port) => `The browser did not allow the extension to reach ${serverOrigin(port).replace('/*', '')}, so it cannot talk to Refund Tracker there.`;

async function savePort(event) {
  event.preventDefault();
  const input = $('port');
  fieldError(input, null);
  const port = Number(input.value);
  const previous = currentPort;
  // Asked straight from the click, before anything else is awaited.
  const access = Number.isInteger(port) && port >= 1 && port <= 65535 ? requestServerAccess(port) : Promise.resolve(true);
  try {
    if (!(await access)) {
      fieldError(input, NO_ACCESS(port));
      return;
    }
    await ask(MSG.SET_PORT, { port });
    if (previous !== null && previous !== port) await releaseServerAccess(previous);
    setResult('ok', `Saved: Refund Tracker is expected on port ${port}.`);
  } catch (error) {
    fieldError(input, error.fields && error.fields.port ? `The port must be ${error.fields.port}.` : error.message);
    return;
  }
  await refresh();
}

async function pair(event) {
  event.preventDefault();
  const code = $('code');
  fieldError(code, null);
  if (!code.value.trim()) {
    fieldError(code, 'Type the code shown by `refunds pair`.');
    return;
  }
  const button = $('pair');
  button.disabled = true;
  setResult(null);
  const access = currentPort === null ? Promise.resolve(true) : requestServerAccess(currentPort);
  try {
    if (!(await access)) {
      setResult('bad', NO_ACCESS(currentPort));
      return;
    }
    const answer = await ask(MSG.PAIR, { code: code.value.trim().toUpperCase(), client_name: $('client_name').value });
    code.value = '';
    setResult('ok', `Paired as “${answer.pairing.client_name}”. The extension checked the server's identity; captures now go to it.`);
  } catch (error) {
    if (error.fields && error.fields.code) fieldError(code, error.message);
    else setResult('bad', error.message);
  } finally {
    button.disabled = false;
  }
  await refresh();
}

async function unpair(forgetAnyway) {
  setResult(null);
  try {
    const answer = await ask(MSG.UNPAIR, { forget_anyway: forgetAnyway });
    $('forget').hidden = true;
    setResult('ok', answer.revoked ? 'Unpaired: the server no longer accepts this browser, and the extension forgot its token.'
      : 'The extension forgot its token. If the server still lists this browser, remove it in the app.');
  } catch (error) {
    setResult('bad', `${error.message} The pairing is kept. To forget it here without telling the server, press “Forget the pairing anyway”.`);
    $('forget').hidden = false;
  }
  await refresh();
}

async function sendNow() {
  try {
    const report = await ask(MSG.SEND_NOW);
    const refused = report.rejected ? `; ${report.rejected} refused by Refund Tracker: open the popup to fix or discard` : '';
    if (report.error && report.delivered === 0) setResult('warn', report.error.message);
    else setResult(report.rejected ? 'warn' : 'ok', `Sent ${countText(report.sent)}${refused}.`);
  } catch (error) {
    setResult('bad', error.message);
  }
  await refresh();
}

// Site badges need the address of the tab: the optional "tabs" permission, asked for only here.
// It gives the tabs' addresses and titles, and no access to any page's content.
const SITE_ORIGINS = { permissions: ['tabs'] };

async function showSiteBadgeChoice() {
  $('site-badges').checked = await ext.permissions.contains(SITE_ORIGINS);
}

async function chooseSiteBadges(event) {
  try {
    // Asked straight from the click: browsers grant permissions only in answer to the user.
    const granted = event.target.checked ? await ext.permissions.request(SITE_ORIGINS) : !(await ext.permissions.remove(SITE_ORIGINS));
    setResult(granted ? 'ok' : null, granted ? 'The days left now show on the sites of shops where a case is open.' : '');
  } catch (error) {
    setResult('bad', error.message);
  }
  await showSiteBadgeChoice();
}

$('site-badges').addEventListener('change', chooseSiteBadges);
showSiteBadgeChoice().catch(() => {});
$('port-form').addEventListener('submit', savePort);
$('pair-form').addEventListener('submit', pair);
$('unpair').addEventListener('click', () => unpair(false));
$('forget').addEventListener('click', () => unpair(true));
$('send-now').addEventListener('click', sendNow);
refresh().catch((error) => setResult('bad', error.message));
startLearned();
startReminders();
